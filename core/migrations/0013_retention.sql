-- Retention and disposal (core/src/retention/): each person's case (marked
-- for disposal, held, disposed of), and the audit chain hashing a digest of
-- each row's detail so disposal can erase a detail and the chain verify.

-- The digest of each row's detail (SHA-256, hex): the chain's hash covers
-- it in place of the detail (core/src/audit/chain.rs). Filled, and the
-- chain re-hashed, by core between the two halves of this file.
ALTER TABLE audit ADD COLUMN detail_digest TEXT NOT NULL DEFAULT '';
DROP TRIGGER audit_no_update;
-- appraise:rehash-audit-chain

-- One row per person whose records are marked for disposal, held, or
-- disposed of. The reasons are cleared when the records are disposed of
-- (free text may name them); the audit tombstone keeps the rule.
-- `disposing` is 1 only inside the disposal's own transaction: the
-- triggers below let exactly that transaction remove signed records and
-- erase audit details.
CREATE TABLE retention_case (
    staff_id      INTEGER PRIMARY KEY REFERENCES staff(id) ON DELETE RESTRICT,
    rule          TEXT    NOT NULL DEFAULT '',   -- the rule whose period has passed
    marked_on     TEXT,                          -- ISO date
    marked_by     TEXT,                          -- staff number
    mark_reason   TEXT    NOT NULL DEFAULT '',
    held_on       TEXT,                          -- ISO date: a legal hold stops disposal
    held_by       TEXT,
    hold_reason   TEXT    NOT NULL DEFAULT '',
    disposing     INTEGER NOT NULL DEFAULT 0 CHECK (disposing IN (0, 1)),
    disposed_at   TEXT,                          -- ISO date and time
    disposed_by   TEXT,
    CHECK ((marked_on IS NULL) = (marked_by IS NULL)),
    CHECK ((held_on IS NULL) = (held_by IS NULL))
);

-- Append-only, but for disposal: a detail may become the erased marker,
-- digest and every other column unchanged, while a disposal is under way.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
WHEN NOT (NEW.detail = '{"erased":"disposal"}'
          AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor AND NEW.action = OLD.action
          AND NEW.table_name = OLD.table_name AND NEW.record_id = OLD.record_id
          AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
          AND NEW.detail_digest = OLD.detail_digest
          AND EXISTS (SELECT 1 FROM retention_case WHERE disposing = 1))
BEGIN
    SELECT RAISE(ABORT, 'The audit trail cannot be changed.');
END;

-- A signed appraisal stays locked, but for the disposal of its appraisee's
-- records (0005's triggers, with that one way through).
DROP TRIGGER appraisal_signed_no_delete;
CREATE TRIGGER appraisal_signed_no_delete BEFORE DELETE ON appraisal
WHEN OLD.status = 'signed'
     AND NOT EXISTS (SELECT 1 FROM retention_case WHERE disposing = 1 AND staff_id = OLD.appraisee_id)
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

DROP TRIGGER appraisal_previous_objective_signed_no_delete;
CREATE TRIGGER appraisal_previous_objective_signed_no_delete BEFORE DELETE ON appraisal_previous_objective
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
     AND NOT EXISTS (SELECT 1 FROM retention_case r JOIN appraisal a ON a.appraisee_id = r.staff_id
                     WHERE r.disposing = 1 AND a.id = OLD.appraisal_id)
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

DROP TRIGGER appraisal_skill_signed_no_delete;
CREATE TRIGGER appraisal_skill_signed_no_delete BEFORE DELETE ON appraisal_skill
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
     AND NOT EXISTS (SELECT 1 FROM retention_case r JOIN appraisal a ON a.appraisee_id = r.staff_id
                     WHERE r.disposing = 1 AND a.id = OLD.appraisal_id)
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

DROP TRIGGER appraisal_objective_signed_no_delete;
CREATE TRIGGER appraisal_objective_signed_no_delete BEFORE DELETE ON appraisal_objective
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
     AND NOT EXISTS (SELECT 1 FROM retention_case r JOIN appraisal a ON a.appraisee_id = r.staff_id
                     WHERE r.disposing = 1 AND a.id = OLD.appraisal_id)
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

DROP TRIGGER appraisal_kpi_objective_signed_no_delete;
CREATE TRIGGER appraisal_kpi_objective_signed_no_delete BEFORE DELETE ON appraisal_kpi_objective
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
     AND NOT EXISTS (SELECT 1 FROM retention_case r JOIN appraisal a ON a.appraisee_id = r.staff_id
                     WHERE r.disposing = 1 AND a.id = OLD.appraisal_id)
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

DROP TRIGGER appraisal_pdp_item_signed_no_delete;
CREATE TRIGGER appraisal_pdp_item_signed_no_delete BEFORE DELETE ON appraisal_pdp_item
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
     AND NOT EXISTS (SELECT 1 FROM retention_case r JOIN appraisal a ON a.appraisee_id = r.staff_id
                     WHERE r.disposing = 1 AND a.id = OLD.appraisal_id)
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

DROP TRIGGER appraisal_wellbeing_signed_no_delete;
CREATE TRIGGER appraisal_wellbeing_signed_no_delete BEFORE DELETE ON appraisal_wellbeing
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
     AND NOT EXISTS (SELECT 1 FROM retention_case r JOIN appraisal a ON a.appraisee_id = r.staff_id
                     WHERE r.disposing = 1 AND a.id = OLD.appraisal_id)
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

DROP TRIGGER appraisal_pay_criterion_signed_no_delete;
CREATE TRIGGER appraisal_pay_criterion_signed_no_delete BEFORE DELETE ON appraisal_pay_criterion
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
     AND NOT EXISTS (SELECT 1 FROM retention_case r JOIN appraisal a ON a.appraisee_id = r.staff_id
                     WHERE r.disposing = 1 AND a.id = OLD.appraisal_id)
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

-- Disposal first cuts the links between a person's own rows (a reviewed
-- objective to last year's, a plan item to the one it was carried from),
-- so they can go in any order: the one change to a signed row allowed.
DROP TRIGGER appraisal_previous_objective_signed_no_update;
CREATE TRIGGER appraisal_previous_objective_signed_no_update BEFORE UPDATE ON appraisal_previous_objective
WHEN ((SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
      OR (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed')
     AND NOT (NEW.appraisal_id = OLD.appraisal_id
              AND EXISTS (SELECT 1 FROM retention_case r JOIN appraisal a ON a.appraisee_id = r.staff_id
                          WHERE r.disposing = 1 AND a.id = OLD.appraisal_id))
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

DROP TRIGGER appraisal_pdp_item_signed_no_update;
CREATE TRIGGER appraisal_pdp_item_signed_no_update BEFORE UPDATE ON appraisal_pdp_item
WHEN ((SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
      OR (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed')
     AND NOT (NEW.appraisal_id = OLD.appraisal_id
              AND EXISTS (SELECT 1 FROM retention_case r JOIN appraisal a ON a.appraisee_id = r.staff_id
                          WHERE r.disposing = 1 AND a.id = OLD.appraisal_id))
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
