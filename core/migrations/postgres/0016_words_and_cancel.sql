-- Two rules of access.rs on the server, so a person's own login (psql too)
-- can do no more than the window. As in 0010, the owner's login (the
-- system, and the definer functions that run as the owner role) is not
-- held by these: core asks access.rs for it.

-- access.rs can_write_appraiser_words: only the appraiser writes the
-- appraiser's comments; the managers above them and the administrator read
-- them. On UPDATE only, as 0010's appraisee words: starting and re-opening
-- copy the words as they are.
CREATE FUNCTION appraise_appraiser_words() RETURNS trigger
LANGUAGE plpgsql SET search_path = appraise, pg_temp AS $$
BEGIN
    IF appraise_acts_as_owner(current_user)
       OR OLD.appraiser_comments IS NOT DISTINCT FROM NEW.appraiser_comments
       OR appraise_me() = NEW.appraiser_id THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Only the appraiser writes the appraiser''s comments; you can read them.'
        USING ERRCODE = 'insufficient_privilege';
END $$;

-- Named to fire after 0002's lock and 0010's leaver triggers (triggers
-- fire by name), so those refusals keep their own words.
CREATE TRIGGER appraisal_written_by_appraiser BEFORE UPDATE ON appraisal
FOR EACH ROW EXECUTE FUNCTION appraise_appraiser_words();

-- access.rs can_cancel_appraisal: whoever may start a meeting may cancel
-- it, unless it is a re-opened version (the policy: other rows are not
-- theirs to delete) or someone has signed it (the trigger, which says so;
-- 0002's refuses a fully signed one first, 0010's a leaver's). Its rows go
-- with it by the foreign keys' cascades.
CREATE FUNCTION appraise_cancel_unsigned() RETURNS trigger
LANGUAGE plpgsql SET search_path = appraise, pg_temp AS $$
BEGIN
    IF appraise_acts_as_owner(current_user)
       OR (OLD.appraisee_signed_at IS NULL AND OLD.appraiser_signed_at IS NULL) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'Only a meeting nobody has signed can be cancelled.'
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER appraisal_written_cancel BEFORE DELETE ON appraisal
FOR EACH ROW EXECUTE FUNCTION appraise_cancel_unsigned();

GRANT DELETE ON appraisal TO {{person}};
CREATE POLICY appraisal_cancel ON appraisal FOR DELETE USING (version = 1 AND appraise_may_start_appraisal(appraisee_id));

REVOKE ALL ON FUNCTION appraise_appraiser_words(), appraise_cancel_unsigned() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION appraise_appraiser_words(), appraise_cancel_unsigned() TO {{person}};
