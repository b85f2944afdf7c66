-- Row versions, as the SQLite store's migration 0007: the rows two people
-- may edit at once in a meeting carry a version, bumped with who changed
-- the row and when; core refuses a save from an older version as a
-- conflict (appraisal/door.rs `change_row`).
ALTER TABLE appraisal_previous_objective ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1,
    ADD COLUMN changed_by TEXT COLLATE "C", ADD COLUMN changed_at TEXT COLLATE "C";
ALTER TABLE appraisal_skill ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1,
    ADD COLUMN changed_by TEXT COLLATE "C", ADD COLUMN changed_at TEXT COLLATE "C";
ALTER TABLE appraisal_objective ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1,
    ADD COLUMN changed_by TEXT COLLATE "C", ADD COLUMN changed_at TEXT COLLATE "C";
ALTER TABLE appraisal_pdp_item ADD COLUMN row_version BIGINT NOT NULL DEFAULT 1,
    ADD COLUMN changed_by TEXT COLLATE "C", ADD COLUMN changed_at TEXT COLLATE "C";

-- The appraisee's own level stamps its row too: theirs to write with it.
DROP TRIGGER appraisal_skill_appraisee_part ON appraisal_skill;
CREATE TRIGGER appraisal_skill_appraisee_part BEFORE INSERT OR UPDATE OR DELETE ON appraisal_skill
FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_part('self_level', 'row_version', 'changed_by', 'changed_at');
