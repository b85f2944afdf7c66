-- Live refresh: every committed change to a table people's pages show
-- tells each window listening on `appraise_changed` (the shell's listener,
-- src-tauri/src/live.rs), so the same page on another PC is read again.
-- The payload is the table's name and nothing else: a notification reaches
-- every login, so it carries no ids and no personal data. PostgreSQL sends
-- notifications at commit (one per distinct payload per transaction), so a
-- change rolled back tells no one. Statement-level: one per statement, not
-- per row, however many rows an import writes.

CREATE FUNCTION appraise_notify_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('appraise_changed', TG_TABLE_NAME);
    RETURN NULL;
END $$;

REVOKE ALL ON FUNCTION appraise_notify_changed() FROM PUBLIC;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'staff', 'account', 'setting',
        'appraisal', 'appraisal_previous_objective', 'appraisal_skill', 'appraisal_objective',
        'appraisal_kpi_objective', 'appraisal_pdp_item', 'appraisal_wellbeing', 'appraisal_pay_criterion',
        'pdp_progress', 'nccq_course', 'nccq_exam_attempt', 'ihrim_membership',
        'framework', 'role_expectation'
    ] LOOP
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
            'FOR EACH STATEMENT EXECUTE FUNCTION appraise_notify_changed()',
            t || '_live', t);
    END LOOP;
END $$;
