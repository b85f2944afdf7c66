-- Row versions for the rows two people may edit at once in a meeting: a
-- save made from an older version is refused as a conflict, naming who
-- changed the row since and when (appraisal/door.rs `change_row`).
ALTER TABLE appraisal_previous_objective ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE appraisal_previous_objective ADD COLUMN changed_by TEXT;   -- staff number
ALTER TABLE appraisal_previous_objective ADD COLUMN changed_at TEXT;   -- ISO date and time
ALTER TABLE appraisal_skill ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE appraisal_skill ADD COLUMN changed_by TEXT;
ALTER TABLE appraisal_skill ADD COLUMN changed_at TEXT;
ALTER TABLE appraisal_objective ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE appraisal_objective ADD COLUMN changed_by TEXT;
ALTER TABLE appraisal_objective ADD COLUMN changed_at TEXT;
ALTER TABLE appraisal_pdp_item ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE appraisal_pdp_item ADD COLUMN changed_by TEXT;
ALTER TABLE appraisal_pdp_item ADD COLUMN changed_at TEXT;
