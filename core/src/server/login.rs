//! Department-server logins: SCRAM-SHA-256 verifiers for passwords (written by the `pgurl` session).
