//! Parsing a `--db` value: a file path or a PostgreSQL server URL (written by the `pgurl` session).
