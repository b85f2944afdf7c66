-- Accounts, application settings and the audit trail.
-- Rules (roles, passphrases, delays, who may see what) live in
-- core/src/accounts.rs and core/src/access.rs; the audit chain in
-- core/src/audit.rs.

-- Who may sign in, and as what. Every account is a staff member's.
CREATE TABLE account (
    id               INTEGER PRIMARY KEY,
    staff_id         INTEGER NOT NULL UNIQUE REFERENCES staff(id) ON DELETE RESTRICT,
    role             TEXT    NOT NULL CHECK (role IN ('administrator', 'manager', 'coder')),
    passphrase_hash  TEXT    NOT NULL,          -- Argon2id, PHC string
    failed_attempts  INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    last_failed_at   TEXT,                      -- ISO date and time
    locked_until     TEXT,                      -- ISO date and time: no attempt before it
    must_change      INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)),
    created_at       TEXT    NOT NULL           -- ISO date and time
);

-- Application settings by name (idle_lock_minutes, ...). The keys and their
-- ranges are checked in core; a missing key means the default written there.
CREATE TABLE app_setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Every change: who, when, which record, what changed. Each row carries the
-- hash of the row before it (empty for the first), so removing or editing a
-- row breaks the chain; `appraise-cli audit verify` finds where.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,                  -- ISO date and time
    actor       TEXT NOT NULL,                  -- staff number, or 'system'
    action      TEXT NOT NULL,                  -- e.g. account.create
    table_name  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    detail      TEXT NOT NULL,                  -- JSON: what changed
    prev_hash   TEXT NOT NULL UNIQUE,           -- one successor per row: no forks
    hash        TEXT NOT NULL
);
CREATE INDEX audit_actor ON audit(actor);
CREATE INDEX audit_table_record ON audit(table_name, record_id);

-- Append-only: no code path may change or remove a row.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'The audit trail cannot be changed.');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'Rows cannot be removed from the audit trail.');
END;
