-- The NCCQ pathway and the appraisal schedule, from the staff record: as
-- the SQLite store's 0011_pathway.sql. role_profile is already the
-- administrator's to write (0003); the two staff columns are written with
-- the rest of a staff record, under staff_edit.
ALTER TABLE role_profile ADD COLUMN coding BIGINT NOT NULL DEFAULT 0 CHECK (coding IN (0, 1));
UPDATE role_profile SET coding = 1 WHERE band IN ('2', '3', '4', '5', '6');
ALTER TABLE staff ADD COLUMN nccq_pathway BIGINT CHECK (nccq_pathway IN (0, 1));
ALTER TABLE staff ADD COLUMN last_appraisal_before TEXT COLLATE "C";
GRANT UPDATE (nccq_pathway, last_appraisal_before) ON staff TO {{person}};
