-- Coding audit results per coder: the DSPT clinical coding audit's
-- percentage correct for four code types, errors by cause, and the outcome
-- judged against the thresholds in force when the result was recorded
-- (kept, so a later change of thresholds does not rewrite a past result).
-- The auditor is a name as typed: often an approved auditor from outside
-- the department, with no staff record. Rules: core/src/coding_audit/.
CREATE TABLE coding_audit (
    id                    INTEGER PRIMARY KEY,
    staff_id              INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    audit_date            TEXT    NOT NULL,
    auditor               TEXT    NOT NULL,
    episodes              INTEGER NOT NULL CHECK (episodes > 0),
    primary_diagnosis     REAL    NOT NULL CHECK (primary_diagnosis BETWEEN 0 AND 100),
    secondary_diagnosis   REAL    NOT NULL CHECK (secondary_diagnosis BETWEEN 0 AND 100),
    primary_procedure     REAL    NOT NULL CHECK (primary_procedure BETWEEN 0 AND 100),
    secondary_procedure   REAL    NOT NULL CHECK (secondary_procedure BETWEEN 0 AND 100),
    errors_coder          INTEGER NOT NULL CHECK (errors_coder >= 0),
    errors_documentation  INTEGER NOT NULL CHECK (errors_documentation >= 0),
    errors_other          INTEGER NOT NULL CHECK (errors_other >= 0),
    outcome               TEXT    NOT NULL CHECK (outcome IN ('exceeded', 'met', 'not_met')),
    below                 TEXT    NOT NULL,
    recorded_by           TEXT    NOT NULL,
    recorded_at           TEXT    NOT NULL
);
CREATE INDEX coding_audit_staff ON coding_audit(staff_id, audit_date);
CREATE INDEX coding_audit_date ON coding_audit(audit_date);
