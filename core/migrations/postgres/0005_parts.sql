-- Which part of a meeting the appraisee writes: access.rs
-- can_write_appraisal (AppraiseePart: their own level for each competency,
-- their comments, whether the wellbeing conversation is printed) and
-- can_write_wellbeing_notes. The policies of 0003 let whoever may see an
-- appraisal change it; these triggers hold the appraisee, writing to their
-- own appraisal, to their part. The appraiser's side may type either part
-- (the shared screen), so it is not held here.
--
-- Two things the appraisee still writes beyond their part, because core
-- writes them in the appraisee's own transaction: the time of a change
-- (updated_at) and, when the appraisee's is the second signature, the pay
-- standards Appraise computed (source 'computed').
--
-- Statements of the system (the owner's login) and of the definer
-- functions (signing, re-opening) are not held: they run as the owner.

-- The role `who` acts as the owner (the system, or a definer function).
CREATE FUNCTION appraise_acts_as_owner(who name) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT pg_has_role(who, (SELECT value FROM appraise_server WHERE key = 'owner_role'), 'MEMBER')
$$;

-- The acting person is the appraisee of this appraisal.
CREATE FUNCTION appraise_is_appraisee_of(of_appraisal bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT coalesce((SELECT appraisee_id = appraise_me() FROM appraisal WHERE id = of_appraisal), false)
$$;

-- The trigger's arguments name the columns the appraisee may change. Rows
-- are read as JSON so one function serves tables with different columns.
CREATE FUNCTION appraise_appraisee_part() RETURNS trigger
LANGUAGE plpgsql SET search_path = appraise, pg_temp AS $$
DECLARE
    old_row  jsonb;
    new_row  jsonb;
    theirs   text[] := TG_ARGV;
    of_appraisal bigint;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_row := to_jsonb(OLD);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_row := to_jsonb(NEW);
    END IF;
    of_appraisal := (coalesce(new_row, old_row) ->> (CASE TG_TABLE_NAME WHEN 'appraisal' THEN 'id' ELSE 'appraisal_id' END))::bigint;
    IF appraise_acts_as_owner(current_user) OR NOT appraise_is_appraisee_of(of_appraisal)
       OR (TG_OP = 'UPDATE' AND (old_row - theirs) = (new_row - theirs))
       OR (TG_OP = 'INSERT' AND TG_TABLE_NAME = 'appraisal_wellbeing'
           AND new_row ->> 'notes' = '' AND new_row ->> 'flexible_working' = ''
           AND new_row ->> 'support_agreed' = '')
       OR (TG_OP <> 'DELETE' AND TG_TABLE_NAME = 'appraisal_pay_criterion' AND new_row ->> 'source' = 'computed'
           AND (TG_OP = 'INSERT' OR old_row ->> 'source' = 'computed')) THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Your line manager records this part of your appraisal. You give your own level for each competency, your comments, and whether the wellbeing conversation is printed.'
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER appraisal_appraisee_part BEFORE UPDATE ON appraisal
FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_part('appraisee_comments', 'updated_at');
CREATE TRIGGER appraisal_skill_appraisee_part BEFORE INSERT OR UPDATE OR DELETE ON appraisal_skill
FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_part('self_level');
CREATE TRIGGER appraisal_wellbeing_appraisee_part BEFORE INSERT OR UPDATE OR DELETE ON appraisal_wellbeing
FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_part('include_in_print');
CREATE TRIGGER appraisal_previous_objective_appraisee_part BEFORE INSERT OR UPDATE OR DELETE ON appraisal_previous_objective
FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_part();
CREATE TRIGGER appraisal_objective_appraisee_part BEFORE INSERT OR UPDATE OR DELETE ON appraisal_objective
FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_part();
CREATE TRIGGER appraisal_kpi_objective_appraisee_part BEFORE INSERT OR UPDATE OR DELETE ON appraisal_kpi_objective
FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_part();
CREATE TRIGGER appraisal_pdp_item_appraisee_part BEFORE INSERT OR UPDATE OR DELETE ON appraisal_pdp_item
FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_part();
CREATE TRIGGER appraisal_pay_criterion_appraisee_part BEFORE INSERT OR UPDATE OR DELETE ON appraisal_pay_criterion
FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_part();

REVOKE ALL ON FUNCTION appraise_acts_as_owner(name), appraise_is_appraisee_of(bigint), appraise_appraisee_part()
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION appraise_acts_as_owner(name), appraise_is_appraisee_of(bigint), appraise_appraisee_part()
    TO {{person}};
