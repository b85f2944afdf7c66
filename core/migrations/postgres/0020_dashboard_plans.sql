-- Each person's current plan at 5,000 staff: their signed appraisals,
-- newest first, so the home page walks from the latest and stops at the
-- first with dated activities, rather than ranking every recent appraisal.
CREATE INDEX appraisal_signed_by_person ON appraisal(appraisee_id, cycle_start, meeting_date) WHERE status = 'signed';
-- Each person's current annual appraisal (for its skills gaps): their
-- annual appraisals, newest cycle and version first.
CREATE INDEX appraisal_annual_by_person ON appraisal(appraisee_id, cycle_start, version) WHERE kind = 'annual';
