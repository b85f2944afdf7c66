-- The home page reads a department's recent appraisals by cycle (and their
-- skills and PDP items by appraisal, already indexed), never one person at a
-- time.
CREATE INDEX appraisal_cycle ON appraisal(cycle_start, kind);
