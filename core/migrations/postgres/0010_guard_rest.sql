-- The rest of access.rs on the server, so a person's own login (psql too)
-- can do no more than the window: the appraisee's words are theirs alone,
-- only the appraiser confirms pay progression, and a leaver's records are
-- read-only. As in 0005, the owner's login (the system, and the definer
-- functions that run as the owner role) is not held by these triggers:
-- core asks access.rs for it.

-- access.rs can_write_appraisal (AppraiseeWords) and
-- can_choose_wellbeing_print: only the appraisee changes their comments,
-- their own levels and whether the wellbeing conversation is printed. On
-- UPDATE only: the rows are made by starting and re-opening, which copy
-- the words as they are.
CREATE FUNCTION appraise_appraisee_words() RETURNS trigger
LANGUAGE plpgsql SET search_path = appraise, pg_temp AS $$
DECLARE
    theirs  text;
    of_appraisal bigint;
BEGIN
    IF appraise_acts_as_owner(current_user) THEN
        RETURN NEW;
    END IF;
    of_appraisal := (to_jsonb(NEW) ->> (CASE TG_TABLE_NAME WHEN 'appraisal' THEN 'id' ELSE 'appraisal_id' END))::bigint;
    IF appraise_is_appraisee_of(of_appraisal) THEN
        RETURN NEW;
    END IF;
    FOREACH theirs IN ARRAY TG_ARGV LOOP
        IF (to_jsonb(OLD) -> theirs) IS DISTINCT FROM (to_jsonb(NEW) -> theirs) THEN
            RAISE EXCEPTION 'Only the appraisee gives their own levels, writes their own comments and chooses whether the wellbeing conversation is printed; you can read them.'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END LOOP;
    RETURN NEW;
END $$;

CREATE TRIGGER appraisal_appraisee_words BEFORE UPDATE ON appraisal
FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_words('appraisee_comments');
CREATE TRIGGER appraisal_skill_appraisee_words BEFORE UPDATE ON appraisal_skill
FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_words('self_level');
CREATE TRIGGER appraisal_wellbeing_appraisee_words BEFORE UPDATE ON appraisal_wellbeing
FOR EACH ROW EXECUTE FUNCTION appraise_appraisee_words('include_in_print');

-- access.rs can_confirm_pay: only the appraiser confirms the pay
-- progression standards (or takes a confirmation back).
CREATE FUNCTION appraise_pay_by_appraiser() RETURNS trigger
LANGUAGE plpgsql SET search_path = appraise, pg_temp AS $$
DECLARE
    row_now  appraisal_pay_criterion%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN row_now := OLD; ELSE row_now := NEW; END IF;
    IF appraise_acts_as_owner(current_user)
       OR NOT ((TG_OP <> 'INSERT' AND OLD.source = 'confirmed') OR (TG_OP <> 'DELETE' AND NEW.source = 'confirmed'))
       OR appraise_me() = (SELECT appraiser_id FROM appraisal WHERE id = row_now.appraisal_id) THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Only the appraiser confirms the pay progression standards.'
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER appraisal_pay_criterion_by_appraiser BEFORE INSERT OR UPDATE OR DELETE ON appraisal_pay_criterion
FOR EACH ROW EXECUTE FUNCTION appraise_pay_by_appraiser();

-- access.rs not_read_only: from their leaving date a leaver's records are
-- kept read-only, for everyone; the administrator may only undo a leaving
-- date recorded in error (can_reinstate). "Today" is the department's.
CREATE FUNCTION appraise_today() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT to_char(now() AT TIME ZONE (SELECT value FROM appraise_server WHERE key = 'time_zone'), 'YYYY-MM-DD')
$$;

CREATE FUNCTION appraise_has_left(of_staff bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT coalesce((SELECT leaver_date <= appraise_today() FROM staff WHERE id = of_staff), false)
$$;

-- The trigger's argument says where the person is: the row's staff_id,
-- its appraisal_id's appraisee, the appraisal's own appraisee_id, or (for
-- PDP progress) the plan item's appraisee.
CREATE FUNCTION appraise_leaver_read_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = appraise, pg_temp AS $$
DECLARE
    r       jsonb;
    person  bigint;
BEGIN
    IF appraise_acts_as_owner(current_user) THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
    person := CASE TG_ARGV[0]
        WHEN 'staff_id' THEN (r ->> 'staff_id')::bigint
        WHEN 'appraisee_id' THEN (r ->> 'appraisee_id')::bigint
        WHEN 'appraisal_id' THEN (SELECT appraisee_id FROM appraisal WHERE id = (r ->> 'appraisal_id')::bigint)
        WHEN 'pdp_item_id' THEN (SELECT a.appraisee_id FROM appraisal_pdp_item i JOIN appraisal a ON a.id = i.appraisal_id
                                 WHERE i.id = (r ->> 'pdp_item_id')::bigint)
    END;
    IF appraise_has_left(person) THEN
        RAISE EXCEPTION 'This person has left: their records are kept, read-only.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER nccq_course_leaver BEFORE INSERT OR UPDATE OR DELETE ON nccq_course
FOR EACH ROW EXECUTE FUNCTION appraise_leaver_read_only('staff_id');
CREATE TRIGGER nccq_exam_attempt_leaver BEFORE INSERT OR UPDATE OR DELETE ON nccq_exam_attempt
FOR EACH ROW EXECUTE FUNCTION appraise_leaver_read_only('staff_id');
CREATE TRIGGER ihrim_membership_leaver BEFORE INSERT OR UPDATE OR DELETE ON ihrim_membership
FOR EACH ROW EXECUTE FUNCTION appraise_leaver_read_only('staff_id');
CREATE TRIGGER appraisal_leaver BEFORE INSERT OR UPDATE OR DELETE ON appraisal
FOR EACH ROW EXECUTE FUNCTION appraise_leaver_read_only('appraisee_id');
CREATE TRIGGER appraisal_previous_objective_leaver BEFORE INSERT OR UPDATE OR DELETE ON appraisal_previous_objective
FOR EACH ROW EXECUTE FUNCTION appraise_leaver_read_only('appraisal_id');
CREATE TRIGGER appraisal_skill_leaver BEFORE INSERT OR UPDATE OR DELETE ON appraisal_skill
FOR EACH ROW EXECUTE FUNCTION appraise_leaver_read_only('appraisal_id');
CREATE TRIGGER appraisal_objective_leaver BEFORE INSERT OR UPDATE OR DELETE ON appraisal_objective
FOR EACH ROW EXECUTE FUNCTION appraise_leaver_read_only('appraisal_id');
CREATE TRIGGER appraisal_kpi_objective_leaver BEFORE INSERT OR UPDATE OR DELETE ON appraisal_kpi_objective
FOR EACH ROW EXECUTE FUNCTION appraise_leaver_read_only('appraisal_id');
CREATE TRIGGER appraisal_pdp_item_leaver BEFORE INSERT OR UPDATE OR DELETE ON appraisal_pdp_item
FOR EACH ROW EXECUTE FUNCTION appraise_leaver_read_only('appraisal_id');
CREATE TRIGGER appraisal_wellbeing_leaver BEFORE INSERT OR UPDATE OR DELETE ON appraisal_wellbeing
FOR EACH ROW EXECUTE FUNCTION appraise_leaver_read_only('appraisal_id');
CREATE TRIGGER appraisal_pay_criterion_leaver BEFORE INSERT OR UPDATE OR DELETE ON appraisal_pay_criterion
FOR EACH ROW EXECUTE FUNCTION appraise_leaver_read_only('appraisal_id');
CREATE TRIGGER pdp_progress_leaver BEFORE INSERT OR UPDATE OR DELETE ON pdp_progress
FOR EACH ROW EXECUTE FUNCTION appraise_leaver_read_only('pdp_item_id');

-- A leaver's own staff row: only the administrator's undoing of the
-- leaving date (nothing else changed) goes through.
CREATE FUNCTION appraise_staff_leaver_read_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = appraise, pg_temp AS $$
BEGIN
    IF appraise_acts_as_owner(current_user) OR NOT appraise_has_left(OLD.id) THEN
        RETURN NEW;
    END IF;
    IF appraise_is_administrator() AND NEW.leaver_date IS NULL
       AND (to_jsonb(NEW) - 'leaver_date') = (to_jsonb(OLD) - 'leaver_date') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'This person has left: their records are kept, read-only.'
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER staff_leaver BEFORE UPDATE ON staff
FOR EACH ROW EXECUTE FUNCTION appraise_staff_leaver_read_only();

REVOKE ALL ON FUNCTION appraise_appraisee_words(), appraise_pay_by_appraiser(), appraise_today(),
    appraise_has_left(bigint), appraise_leaver_read_only(), appraise_staff_leaver_read_only() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION appraise_appraisee_words(), appraise_pay_by_appraiser(), appraise_today(),
    appraise_has_left(bigint), appraise_leaver_read_only(), appraise_staff_leaver_read_only() TO {{person}};
