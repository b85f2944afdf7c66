-- The home page at 5,000 staff: each read answered from an index alone.
-- Recent appraisals with every column the schedule, compliance, plan and
-- skills rules read (never the wide rows with their comments).
CREATE INDEX appraisal_dashboard ON appraisal(cycle_start, appraisee_id, kind, status, version, supersedes_id,
    meeting_date, cycle_start_month, step, appraisee_signed_at, appraiser_signed_at);
-- Whether an appraisal has dated PDP activities, and which.
CREATE INDEX appraisal_pdp_item_dated ON appraisal_pdp_item(appraisal_id, target_date);
-- Only the skills agreed below the level the role expects: the gaps.
CREATE INDEX appraisal_skill_gap ON appraisal_skill(appraisal_id) WHERE agreed_level < expected_level;
-- The staff list in the order it is shown.
CREATE INDEX staff_by_name ON staff(lower(surname), lower(forename), staff_number);
-- When the person signed in, and the time before: the desktop notification
-- at sign-in names what became overdue since the time before. A person
-- notes their own sign-in (account_edit lets them update their own row).
ALTER TABLE account ADD COLUMN last_signed_in_at TEXT COLLATE "C";
ALTER TABLE account ADD COLUMN previous_signed_in_at TEXT COLLATE "C";
GRANT UPDATE (last_signed_in_at, previous_signed_in_at) ON account TO {{person}};
