-- What no login may do, the owner's included: the triggers of the SQLite
-- migrations 0002 (frameworks are never changed), 0004 (the audit trail is
-- append-only) and 0005 (a signed appraisal and every row belonging to it
-- are locked), with the same messages. Row triggers do not see TRUNCATE, so
-- each of these tables refuses TRUNCATE too; Appraise never truncates.

CREATE FUNCTION appraise_refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END $$;

-- Frameworks: a stored version is never changed (0002).

CREATE FUNCTION appraise_statement_same_framework() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.framework_id IS DISTINCT FROM (
        SELECT s.framework_id FROM framework_competency c JOIN framework_skill s ON s.id = c.skill_id
        WHERE c.id = NEW.competency_id) THEN
        RAISE EXCEPTION 'a statement belongs to its competency''s framework'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER framework_statement_same_framework BEFORE INSERT ON framework_statement
FOR EACH ROW EXECUTE FUNCTION appraise_statement_same_framework();

CREATE TRIGGER framework_no_update BEFORE UPDATE ON framework
FOR EACH ROW EXECUTE FUNCTION appraise_refuse('a framework version is never changed: import a new version');
CREATE TRIGGER framework_no_delete BEFORE DELETE ON framework
FOR EACH ROW EXECUTE FUNCTION appraise_refuse('a framework version is never deleted');
CREATE TRIGGER framework_skill_no_update BEFORE UPDATE ON framework_skill
FOR EACH ROW EXECUTE FUNCTION appraise_refuse('a framework version is never changed: import a new version');
CREATE TRIGGER framework_skill_no_delete BEFORE DELETE ON framework_skill
FOR EACH ROW EXECUTE FUNCTION appraise_refuse('a framework version is never deleted');
CREATE TRIGGER framework_competency_no_update BEFORE UPDATE ON framework_competency
FOR EACH ROW EXECUTE FUNCTION appraise_refuse('a framework version is never changed: import a new version');
CREATE TRIGGER framework_competency_no_delete BEFORE DELETE ON framework_competency
FOR EACH ROW EXECUTE FUNCTION appraise_refuse('a framework version is never deleted');
CREATE TRIGGER framework_statement_no_update BEFORE UPDATE ON framework_statement
FOR EACH ROW EXECUTE FUNCTION appraise_refuse('a framework statement is never changed: import a new version');
CREATE TRIGGER framework_statement_no_delete BEFORE DELETE ON framework_statement
FOR EACH ROW EXECUTE FUNCTION appraise_refuse('a framework statement is never deleted');
CREATE TRIGGER framework_no_truncate BEFORE TRUNCATE ON framework
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('a framework version is never deleted');
CREATE TRIGGER framework_skill_no_truncate BEFORE TRUNCATE ON framework_skill
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('a framework version is never deleted');
CREATE TRIGGER framework_competency_no_truncate BEFORE TRUNCATE ON framework_competency
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('a framework version is never deleted');
CREATE TRIGGER framework_statement_no_truncate BEFORE TRUNCATE ON framework_statement
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('a framework statement is never deleted');

-- The audit trail is append-only (0004).

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
FOR EACH ROW EXECUTE FUNCTION appraise_refuse('The audit trail cannot be changed.');
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
FOR EACH ROW EXECUTE FUNCTION appraise_refuse('Rows cannot be removed from the audit trail.');
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('Rows cannot be removed from the audit trail.');

-- A signed appraisal is locked (0005).

CREATE FUNCTION appraise_appraisal_signed_refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'signed' THEN
        RAISE EXCEPTION 'appraisal is signed and locked' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER appraisal_signed_no_change BEFORE UPDATE OR DELETE ON appraisal
FOR EACH ROW EXECUTE FUNCTION appraise_appraisal_signed_refuse();

-- A row belonging to a signed appraisal: refused whether it is added,
-- changed, moved into or out of it, or removed.
CREATE FUNCTION appraise_part_signed_refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed')
       OR (TG_OP <> 'DELETE' AND (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed') THEN
        RAISE EXCEPTION 'appraisal is signed and locked' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER appraisal_previous_objective_signed BEFORE INSERT OR UPDATE OR DELETE ON appraisal_previous_objective
FOR EACH ROW EXECUTE FUNCTION appraise_part_signed_refuse();
CREATE TRIGGER appraisal_skill_signed BEFORE INSERT OR UPDATE OR DELETE ON appraisal_skill
FOR EACH ROW EXECUTE FUNCTION appraise_part_signed_refuse();
CREATE TRIGGER appraisal_objective_signed BEFORE INSERT OR UPDATE OR DELETE ON appraisal_objective
FOR EACH ROW EXECUTE FUNCTION appraise_part_signed_refuse();
CREATE TRIGGER appraisal_kpi_objective_signed BEFORE INSERT OR UPDATE OR DELETE ON appraisal_kpi_objective
FOR EACH ROW EXECUTE FUNCTION appraise_part_signed_refuse();
CREATE TRIGGER appraisal_pdp_item_signed BEFORE INSERT OR UPDATE OR DELETE ON appraisal_pdp_item
FOR EACH ROW EXECUTE FUNCTION appraise_part_signed_refuse();
CREATE TRIGGER appraisal_wellbeing_signed BEFORE INSERT OR UPDATE OR DELETE ON appraisal_wellbeing
FOR EACH ROW EXECUTE FUNCTION appraise_part_signed_refuse();
CREATE TRIGGER appraisal_pay_criterion_signed BEFORE INSERT OR UPDATE OR DELETE ON appraisal_pay_criterion
FOR EACH ROW EXECUTE FUNCTION appraise_part_signed_refuse();

CREATE TRIGGER appraisal_no_truncate BEFORE TRUNCATE ON appraisal
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('appraisal is signed and locked');
CREATE TRIGGER appraisal_previous_objective_no_truncate BEFORE TRUNCATE ON appraisal_previous_objective
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('appraisal is signed and locked');
CREATE TRIGGER appraisal_skill_no_truncate BEFORE TRUNCATE ON appraisal_skill
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('appraisal is signed and locked');
CREATE TRIGGER appraisal_objective_no_truncate BEFORE TRUNCATE ON appraisal_objective
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('appraisal is signed and locked');
CREATE TRIGGER appraisal_kpi_objective_no_truncate BEFORE TRUNCATE ON appraisal_kpi_objective
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('appraisal is signed and locked');
CREATE TRIGGER appraisal_pdp_item_no_truncate BEFORE TRUNCATE ON appraisal_pdp_item
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('appraisal is signed and locked');
CREATE TRIGGER appraisal_wellbeing_no_truncate BEFORE TRUNCATE ON appraisal_wellbeing
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('appraisal is signed and locked');
CREATE TRIGGER appraisal_pay_criterion_no_truncate BEFORE TRUNCATE ON appraisal_pay_criterion
FOR EACH STATEMENT EXECUTE FUNCTION appraise_refuse('appraisal is signed and locked');
