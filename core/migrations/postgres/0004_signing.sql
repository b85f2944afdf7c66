-- Signing and re-opening: the only ways to set an appraisal's status, its
-- signatures, the snapshot of both people and the re-opening columns (no
-- person is granted those columns; 0003). The checks here are who may do
-- it; whether the meeting is ready to sign (every objective mapped, the
-- pay standards computed, ...) stays core's rule, asked before calling.

-- The time a signature or re-opening is written, to the second, in the
-- department's time zone (as appraise_audit writes its times).
CREATE FUNCTION appraise_now() RETURNS text
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT to_char(clock_timestamp() AT TIME ZONE (SELECT value FROM appraise_server WHERE key = 'time_zone'),
                   'YYYY-MM-DD"T"HH24:MI:SS')
$$;

-- access.rs can_write_appraisal (Signature: whoever may change it) and
-- can_sign_as (each party signs as themselves). The second signature first
-- copies both people's names, bands and titles into the record and moves it
-- to its last step, then locks it (store/appraisal/header.rs `sign`).
-- Returns the status after signing.
CREATE FUNCTION appraise_sign(p_appraisal bigint, p_party text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
DECLARE
    a       appraisal%ROWTYPE;
    me      bigint := appraise_me();
    signer  text;
    stamp   text;
    other   boolean;
BEGIN
    SELECT * INTO a FROM appraisal WHERE id = p_appraisal FOR UPDATE;
    IF NOT FOUND OR NOT appraise_reaches(a.appraisee_id) THEN
        RAISE EXCEPTION 'You can sign only appraisals you can see.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF a.status = 'signed' THEN
        RAISE EXCEPTION 'appraisal is signed and locked' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF p_party NOT IN ('appraisee', 'appraiser') THEN
        RAISE EXCEPTION 'A party is the appraisee or the appraiser, not %.', p_party
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF me IS DISTINCT FROM (CASE p_party WHEN 'appraisee' THEN a.appraisee_id ELSE a.appraiser_id END) THEN
        RAISE EXCEPTION 'Only the % can sign as the %.', p_party, p_party USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (p_party = 'appraisee' AND a.appraisee_signed_at IS NOT NULL)
       OR (p_party = 'appraiser' AND a.appraiser_signed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'The % has already signed this appraisal.', p_party USING ERRCODE = 'unique_violation';
    END IF;
    SELECT staff_number INTO signer FROM staff WHERE id = me;
    stamp := appraise_now();
    other := (CASE p_party WHEN 'appraisee' THEN a.appraiser_signed_at ELSE a.appraisee_signed_at END) IS NOT NULL;
    IF other THEN
        UPDATE appraisal SET
            appraisee_name = (SELECT forename || ' ' || surname FROM staff WHERE id = appraisee_id),
            appraisee_band = (SELECT band FROM staff WHERE id = appraisee_id),
            appraisee_job_title = (SELECT job_title FROM staff WHERE id = appraisee_id),
            appraiser_name = (SELECT forename || ' ' || surname FROM staff WHERE id = appraiser_id),
            appraiser_band = (SELECT band FROM staff WHERE id = appraiser_id),
            appraiser_job_title = (SELECT job_title FROM staff WHERE id = appraiser_id),
            step = 'sign_off'
        WHERE id = p_appraisal;
    END IF;
    IF p_party = 'appraisee' THEN
        UPDATE appraisal SET appraisee_signed_by = signer, appraisee_signed_at = stamp, updated_at = stamp,
            status = CASE WHEN other THEN 'signed' ELSE status END
        WHERE id = p_appraisal;
    ELSE
        UPDATE appraisal SET appraiser_signed_by = signer, appraiser_signed_at = stamp, updated_at = stamp,
            status = CASE WHEN other THEN 'signed' ELSE status END
        WHERE id = p_appraisal;
    END IF;
    RETURN CASE WHEN other THEN 'signed' ELSE 'in_progress' END;
END $$;

-- access.rs can_edit_appraisal: a change after one signature takes that
-- signature away (store/appraisal/header.rs `touch`), for whoever may
-- change the appraisal. A signed one is refused by 0002's trigger.
CREATE FUNCTION appraise_clear_signatures(p_appraisal bigint) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
BEGIN
    IF NOT coalesce((SELECT appraise_reaches(appraisee_id) FROM appraisal WHERE id = p_appraisal), false) THEN
        RAISE EXCEPTION 'You can change only appraisals you can see.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE appraisal SET appraisee_signed_at = NULL, appraisee_signed_by = NULL,
        appraiser_signed_at = NULL, appraiser_signed_by = NULL, updated_at = appraise_now()
    WHERE id = p_appraisal;
END $$;

-- access.rs can_reopen_appraisal: only the administrator. Copies the
-- signed row as its next version, unsigned, at its first step, with the
-- reason (store/appraisal/header.rs `insert_version`); the signed row is
-- never touched. Core then copies the rows belonging to it into the new
-- version, which is in progress and open to it. Returns the new id.
CREATE FUNCTION appraise_reopen(p_appraisal bigint, p_reason text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
DECLARE
    new_id  bigint;
    stamp   text := appraise_now();
BEGIN
    IF NOT appraise_is_administrator() THEN
        RAISE EXCEPTION 'Only the administrator can re-open a signed appraisal.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF coalesce(length(trim(p_reason)), 0) = 0 THEN
        RAISE EXCEPTION 'Say why the appraisal is re-opened.' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF (SELECT status FROM appraisal WHERE id = p_appraisal) IS DISTINCT FROM 'signed' THEN
        RAISE EXCEPTION 'Only a signed appraisal is re-opened.' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO appraisal (appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind, version,
        supersedes_id, step, meeting_date, framework_id, role_band, role_title, appraisee_comments,
        appraiser_comments, created_at, updated_at, reopen_reason, reopened_by, reopened_at)
    SELECT appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind, version + 1,
        id, 'previous_objectives', meeting_date, framework_id, role_band, role_title, appraisee_comments,
        appraiser_comments, stamp, stamp, p_reason, (SELECT staff_number FROM staff WHERE id = appraise_me()), stamp
    FROM appraisal WHERE id = p_appraisal
    RETURNING id INTO new_id;
    RETURN new_id;
END $$;

REVOKE ALL ON FUNCTION appraise_now(), appraise_sign(bigint, text), appraise_clear_signatures(bigint),
    appraise_reopen(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION appraise_now(), appraise_sign(bigint, text), appraise_clear_signatures(bigint),
    appraise_reopen(bigint, text) TO {{person}};
