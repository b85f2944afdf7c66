-- The NCCQ pathway and the appraisal schedule, from the staff record:
-- - role_profile.coding: the role's holders code, so until they are
--   accredited they are on the NCCQ pathway. The default coding roles are
--   bands 2 to 6 (trainee to auditor or trainer); managers who code are
--   marked by hand on their own record.
-- - staff.nccq_pathway: set by hand, it wins over the role (1 on the
--   pathway, 0 not); NULL follows the role.
-- - staff.last_appraisal_before: the last appraisal held before the
--   department used Appraise (ISO date), from which the next is due.
ALTER TABLE role_profile ADD COLUMN coding INTEGER NOT NULL DEFAULT 0 CHECK (coding IN (0, 1));
UPDATE role_profile SET coding = 1 WHERE band IN ('2', '3', '4', '5', '6');
ALTER TABLE staff ADD COLUMN nccq_pathway INTEGER CHECK (nccq_pathway IN (0, 1));
ALTER TABLE staff ADD COLUMN last_appraisal_before TEXT;
