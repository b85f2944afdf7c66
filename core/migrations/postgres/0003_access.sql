-- Who may see and change what, enforced by the server: the rules of
-- core/src/access.rs as row-level security, so a person connecting with
-- psql and their own passphrase can do no more than in the window.
--
-- Who is who. Every object is owned by a role that cannot log in
-- ({{owner}}); the login that ran `server init` is a member of it and, as
-- the owner, bypasses row-level security: that is the system, for setting
-- up (first administrator, staff import, accounts), as the CLI is on a
-- file. Every person's login is a member of {{person}} and is linked to
-- their staff record by account.db_login. A login with no account sees no
-- row and changes nothing.
--
-- The helpers below are SECURITY DEFINER (they read staff and account
-- past the policies, which would otherwise call themselves) with a fixed
-- search_path, and name the person by session_user: SET ROLE cannot turn
-- one person into another.
--
-- What the server leaves to access.rs: a leaver's records being
-- read-only, only the appraiser confirming the pay standards, and the
-- messages people read. Which part of a meeting the appraisee writes is
-- held by 0005's triggers. Signing and
-- re-opening set columns no person may update (see the grants at the end):
-- they go through the definer functions of 0004.

-- The acting person's staff id and role; NULL for a login with no account.
CREATE FUNCTION appraise_me() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT staff_id FROM account WHERE db_login = session_user
$$;

CREATE FUNCTION appraise_my_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT role FROM account WHERE db_login = session_user
$$;

-- access.rs `manages`: `of_staff` reports to the acting person, directly or
-- through others (up staff.manager_id; UNION stops at a loop).
CREATE FUNCTION appraise_manages(of_staff bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    WITH RECURSIVE up(id) AS (
        SELECT manager_id FROM staff WHERE id = of_staff
        UNION
        SELECT s.manager_id FROM staff s JOIN up ON s.id = up.id
    )
    SELECT coalesce(appraise_me() IN (SELECT id FROM up WHERE id IS NOT NULL), false)
$$;

-- access.rs `reaches`: the administrator everyone; anyone themselves; a
-- line manager (by role) their reports, transitively; a coder no one else.
CREATE FUNCTION appraise_reaches(of_staff bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT coalesce(CASE appraise_my_role()
        WHEN 'administrator' THEN true
        WHEN 'manager' THEN of_staff = appraise_me() OR appraise_manages(of_staff)
        WHEN 'coder' THEN of_staff = appraise_me()
    END, false)
$$;

-- access.rs `can_edit_staff` (and `can_edit_nccq`): the administrator, or
-- a line manager for the people who report to them; not one's own.
CREATE FUNCTION appraise_may_edit_staff(of_staff bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT coalesce(CASE appraise_my_role()
        WHEN 'administrator' THEN true
        WHEN 'manager' THEN appraise_manages(of_staff)
        ELSE false
    END, false)
$$;

-- access.rs `can_add_staff`: the administrator anyone; a line manager only
-- under themselves or someone who reports to them.
CREATE FUNCTION appraise_may_place_under(of_manager bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT coalesce(CASE appraise_my_role()
        WHEN 'administrator' THEN true
        WHEN 'manager' THEN of_manager = appraise_me() OR appraise_manages(of_manager)
        ELSE false
    END, false)
$$;

CREATE FUNCTION appraise_is_administrator() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT coalesce(appraise_my_role() = 'administrator', false)
$$;

-- access.rs `can_view_appraisal` / `can_edit_appraisal` for a row that
-- belongs to an appraisal.
CREATE FUNCTION appraise_reaches_appraisal(of_appraisal bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT coalesce((SELECT appraise_reaches(appraisee_id) FROM appraisal WHERE id = of_appraisal), false)
$$;

-- access.rs `can_start_appraisal`: a line manager up the chain or the
-- administrator; nobody their own.
CREATE FUNCTION appraise_may_start_appraisal(of_appraisee bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT coalesce(of_appraisee <> appraise_me() AND appraise_may_edit_staff(of_appraisee), false)
$$;

-- For PDP progress, kept beside a plan item.
CREATE FUNCTION appraise_pdp_item_appraisee(of_item bigint) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT a.appraisee_id FROM appraisal_pdp_item i JOIN appraisal a ON a.id = i.appraisal_id WHERE i.id = of_item AND appraise_reaches(a.appraisee_id)
$$;

-- Policies, table by table.

ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
-- access.rs can_view_staff: self, one's reports (transitively), or everyone.
CREATE POLICY staff_read ON staff FOR SELECT USING (appraise_reaches(id));
-- access.rs can_add_staff: within one's own team, or the administrator.
CREATE POLICY staff_add ON staff FOR INSERT WITH CHECK (appraise_may_place_under(manager_id)
    OR (manager_id IS NULL AND appraise_is_administrator()));
-- access.rs can_edit_staff: a report's record (not one's own), moved only
-- within one's own team (can_add_staff); the administrator anyone's.
CREATE POLICY staff_edit ON staff FOR UPDATE USING (appraise_may_edit_staff(id))
    WITH CHECK (appraise_may_edit_staff(id)
        AND (appraise_may_place_under(manager_id) OR (manager_id IS NULL AND appraise_is_administrator())));

ALTER TABLE account ENABLE ROW LEVEL SECURITY;
-- access.rs can_manage_accounts: the administrator; a person reads and
-- updates their own account (sign-in state, a changed passphrase) but
-- never its role, staff record or login.
CREATE POLICY account_read ON account FOR SELECT USING (appraise_is_administrator() OR staff_id = appraise_me());
CREATE POLICY account_add ON account FOR INSERT WITH CHECK (appraise_is_administrator());
CREATE POLICY account_edit ON account FOR UPDATE USING (appraise_is_administrator() OR staff_id = appraise_me())
    WITH CHECK (appraise_is_administrator()
        OR (staff_id = appraise_me() AND role = appraise_my_role() AND db_login = session_user));

ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
-- access.rs can_read_audit: the administrator. Rows are added only by
-- appraise_audit(); no person may change or remove one (no grant), and the
-- triggers of 0002 refuse it to the owner too.
CREATE POLICY audit_read ON audit FOR SELECT USING (appraise_is_administrator());

-- access.rs can_manage_framework: everyone reads the framework and the
-- role profiles (an appraisal is agreed against them); the administrator
-- imports and edits them.
ALTER TABLE framework ENABLE ROW LEVEL SECURITY;
CREATE POLICY framework_read ON framework FOR SELECT USING (true);
CREATE POLICY framework_add ON framework FOR INSERT WITH CHECK (appraise_is_administrator());
ALTER TABLE framework_skill ENABLE ROW LEVEL SECURITY;
CREATE POLICY framework_skill_read ON framework_skill FOR SELECT USING (true);
CREATE POLICY framework_skill_add ON framework_skill FOR INSERT WITH CHECK (appraise_is_administrator());
ALTER TABLE framework_competency ENABLE ROW LEVEL SECURITY;
CREATE POLICY framework_competency_read ON framework_competency FOR SELECT USING (true);
CREATE POLICY framework_competency_add ON framework_competency FOR INSERT WITH CHECK (appraise_is_administrator());
ALTER TABLE framework_statement ENABLE ROW LEVEL SECURITY;
CREATE POLICY framework_statement_read ON framework_statement FOR SELECT USING (true);
CREATE POLICY framework_statement_add ON framework_statement FOR INSERT WITH CHECK (appraise_is_administrator());
ALTER TABLE role_profile ENABLE ROW LEVEL SECURITY;
CREATE POLICY role_profile_read ON role_profile FOR SELECT USING (true);
CREATE POLICY role_profile_write ON role_profile FOR ALL USING (appraise_is_administrator())
    WITH CHECK (appraise_is_administrator());
ALTER TABLE role_expectation ENABLE ROW LEVEL SECURITY;
CREATE POLICY role_expectation_read ON role_expectation FOR SELECT USING (true);
CREATE POLICY role_expectation_write ON role_expectation FOR ALL USING (appraise_is_administrator())
    WITH CHECK (appraise_is_administrator());

-- access.rs can_manage_settings: everyone reads the settings (the rules
-- everyone's records follow); the administrator changes them.
ALTER TABLE setting ENABLE ROW LEVEL SECURITY;
CREATE POLICY setting_read ON setting FOR SELECT USING (true);
CREATE POLICY setting_write ON setting FOR ALL USING (appraise_is_administrator())
    WITH CHECK (appraise_is_administrator());

-- access.rs can_view_nccq (whoever sees the staff record) and
-- can_edit_nccq (whoever may change it: not one's own).
ALTER TABLE nccq_course ENABLE ROW LEVEL SECURITY;
CREATE POLICY nccq_course_read ON nccq_course FOR SELECT USING (appraise_reaches(staff_id));
CREATE POLICY nccq_course_write ON nccq_course FOR ALL USING (appraise_may_edit_staff(staff_id))
    WITH CHECK (appraise_may_edit_staff(staff_id));
ALTER TABLE nccq_exam_attempt ENABLE ROW LEVEL SECURITY;
CREATE POLICY nccq_exam_attempt_read ON nccq_exam_attempt FOR SELECT USING (appraise_reaches(staff_id));
CREATE POLICY nccq_exam_attempt_write ON nccq_exam_attempt FOR ALL USING (appraise_may_edit_staff(staff_id))
    WITH CHECK (appraise_may_edit_staff(staff_id));
ALTER TABLE ihrim_membership ENABLE ROW LEVEL SECURITY;
CREATE POLICY ihrim_membership_read ON ihrim_membership FOR SELECT USING (appraise_reaches(staff_id));
CREATE POLICY ihrim_membership_write ON ihrim_membership FOR ALL USING (appraise_may_edit_staff(staff_id))
    WITH CHECK (appraise_may_edit_staff(staff_id));

ALTER TABLE appraisal ENABLE ROW LEVEL SECURITY;
-- access.rs can_view_appraisal: the appraisee, their line managers up the
-- chain, the administrator.
CREATE POLICY appraisal_read ON appraisal FOR SELECT USING (appraise_reaches(appraisee_id));
-- access.rs can_start_appraisal (re-opening, can_reopen_appraisal, is the
-- administrator's and adds a version: also an INSERT).
CREATE POLICY appraisal_start ON appraisal FOR INSERT WITH CHECK (appraise_may_start_appraisal(appraisee_id));
-- access.rs can_edit_appraisal: whoever may read it.
CREATE POLICY appraisal_edit ON appraisal FOR UPDATE USING (appraise_reaches(appraisee_id))
    WITH CHECK (appraise_reaches(appraisee_id));

-- access.rs can_view_appraisal and can_edit_appraisal, for every row that
-- belongs to an appraisal (the signed ones are refused by 0002's triggers).
ALTER TABLE appraisal_previous_objective ENABLE ROW LEVEL SECURITY;
CREATE POLICY appraisal_previous_objective_access ON appraisal_previous_objective FOR ALL
    USING (appraise_reaches_appraisal(appraisal_id)) WITH CHECK (appraise_reaches_appraisal(appraisal_id));
ALTER TABLE appraisal_skill ENABLE ROW LEVEL SECURITY;
CREATE POLICY appraisal_skill_access ON appraisal_skill FOR ALL
    USING (appraise_reaches_appraisal(appraisal_id)) WITH CHECK (appraise_reaches_appraisal(appraisal_id));
ALTER TABLE appraisal_objective ENABLE ROW LEVEL SECURITY;
CREATE POLICY appraisal_objective_access ON appraisal_objective FOR ALL
    USING (appraise_reaches_appraisal(appraisal_id)) WITH CHECK (appraise_reaches_appraisal(appraisal_id));
ALTER TABLE appraisal_kpi_objective ENABLE ROW LEVEL SECURITY;
CREATE POLICY appraisal_kpi_objective_access ON appraisal_kpi_objective FOR ALL
    USING (appraise_reaches_appraisal(appraisal_id)) WITH CHECK (appraise_reaches_appraisal(appraisal_id));
ALTER TABLE appraisal_pdp_item ENABLE ROW LEVEL SECURITY;
CREATE POLICY appraisal_pdp_item_access ON appraisal_pdp_item FOR ALL
    USING (appraise_reaches_appraisal(appraisal_id)) WITH CHECK (appraise_reaches_appraisal(appraisal_id));
ALTER TABLE appraisal_wellbeing ENABLE ROW LEVEL SECURITY;
CREATE POLICY appraisal_wellbeing_access ON appraisal_wellbeing FOR ALL
    USING (appraise_reaches_appraisal(appraisal_id)) WITH CHECK (appraise_reaches_appraisal(appraisal_id));
ALTER TABLE appraisal_pay_criterion ENABLE ROW LEVEL SECURITY;
CREATE POLICY appraisal_pay_criterion_access ON appraisal_pay_criterion FOR ALL
    USING (appraise_reaches_appraisal(appraisal_id)) WITH CHECK (appraise_reaches_appraisal(appraisal_id));

-- access.rs can_write_appraisal, PdpProgress: whoever may read the
-- appraisal sees the progress; only the appraisee records it.
ALTER TABLE pdp_progress ENABLE ROW LEVEL SECURITY;
CREATE POLICY pdp_progress_read ON pdp_progress FOR SELECT
    USING (appraise_reaches(appraise_pdp_item_appraisee(pdp_item_id)));
CREATE POLICY pdp_progress_write ON pdp_progress FOR ALL
    USING (appraise_pdp_item_appraisee(pdp_item_id) = appraise_me())
    WITH CHECK (appraise_pdp_item_appraisee(pdp_item_id) = appraise_me());

-- The audit trail: one way in.

-- The hash of core/src/audit/chain.rs `hash_of`: SHA-256 in lower-case hex
-- over each field as "<length in bytes>:<field>\n", in the order given
-- (prev_hash, id, at, actor, action, table_name, record_id, detail).
CREATE FUNCTION appraise_audit_hash(VARIADIC fields text[]) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = appraise, pg_temp AS $$
    SELECT encode(sha256(convert_to(string_agg(octet_length(f)::text || ':' || f || E'\n', '' ORDER BY i), 'UTF8')), 'hex')
    FROM unnest(fields) WITH ORDINALITY AS t(f, i)
$$;

-- Appends one audit row and returns its id. The server sets the actor (the
-- person's staff number, or 'system' for the owner's login), the time (to
-- the second, in the department's time zone, appraise_server.time_zone)
-- and the chain: a transaction-scoped advisory lock makes writers append
-- one at a time, each reading the newest row only once it holds the lock,
-- so no two rows name the same predecessor and ids have no gaps. Call it
-- in the transaction of the change, at READ COMMITTED (the default): under
-- REPEATABLE READ a writer that waited would read an old newest row, and
-- the UNIQUE prev_hash refuses it rather than fork the chain.
CREATE FUNCTION appraise_audit(p_action text, p_table_name text, p_record_id text, p_detail text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
DECLARE
    who   text;
    new_id  bigint;
    prev  text;
    stamp text;
BEGIN
    SELECT s.staff_number INTO who FROM account a JOIN staff s ON s.id = a.staff_id
    WHERE a.db_login = session_user;
    IF who IS NULL THEN
        IF pg_has_role(session_user, (SELECT value FROM appraise_server WHERE key = 'owner_role'), 'MEMBER') THEN
            who := 'system';
        ELSE
            RAISE EXCEPTION 'This login has no Appraise account.' USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    -- 0x617564697421 is "audit!": one key per database, for this lock only.
    PERFORM pg_advisory_xact_lock(x'617564697421'::bigint);
    SELECT id, hash INTO new_id, prev FROM audit ORDER BY id DESC LIMIT 1;
    IF NOT FOUND THEN
        new_id := 0;
        prev := '';
    END IF;
    new_id := new_id + 1;
    stamp := to_char(clock_timestamp() AT TIME ZONE
                     (SELECT value FROM appraise_server WHERE key = 'time_zone'), 'YYYY-MM-DD"T"HH24:MI:SS');
    INSERT INTO audit (id, at, actor, action, table_name, record_id, detail, prev_hash, hash)
    VALUES (new_id, stamp, who, p_action, p_table_name, p_record_id, p_detail, prev,
            appraise_audit_hash(prev, new_id::text, stamp, who, p_action, p_table_name, p_record_id, p_detail));
    RETURN new_id;
END $$;

-- What a person's login may touch at all.
-- Policies decide the rows; these grants decide the tables and columns.
-- Nothing is granted to PUBLIC: a login outside {{person}} sees no table.

REVOKE ALL ON ALL TABLES IN SCHEMA appraise FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA appraise FROM PUBLIC;
GRANT USAGE ON SCHEMA appraise TO {{person}};
GRANT SELECT ON ALL TABLES IN SCHEMA appraise TO {{person}};
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA appraise TO {{person}};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA appraise TO {{person}};
REVOKE SELECT ON appraise_migration, appraise_server FROM {{person}};

GRANT INSERT ON staff TO {{person}};
GRANT UPDATE (staff_number, forename, surname, band, job_title, appointed, manager_id, acc_date, leaver_date)
    ON staff TO {{person}};
GRANT INSERT ON account TO {{person}};
GRANT UPDATE (passphrase_hash, failed_attempts, last_failed_at, locked_until, must_change, role) ON account
    TO {{person}};
GRANT INSERT ON framework, framework_skill, framework_competency, framework_statement TO {{person}};
GRANT INSERT, UPDATE, DELETE ON role_profile, role_expectation, setting TO {{person}};
GRANT INSERT, UPDATE, DELETE ON nccq_course, nccq_exam_attempt, ihrim_membership TO {{person}};
GRANT INSERT, UPDATE, DELETE ON appraisal_previous_objective, appraisal_skill, appraisal_objective,
    appraisal_kpi_objective, appraisal_pdp_item, appraisal_wellbeing, appraisal_pay_criterion, pdp_progress
    TO {{person}};
-- Not the status, the signatures, the signed snapshot or the re-opening:
-- those are set only by signing and re-opening.
GRANT INSERT (appraisee_id, appraiser_id, cycle_start, cycle_start_month, kind, step, meeting_date,
              framework_id, role_band, role_title, appraisee_comments, appraiser_comments,
              created_at, updated_at) ON appraisal TO {{person}};
GRANT UPDATE (step, meeting_date, framework_id, role_band, role_title, appraisee_comments,
              appraiser_comments, updated_at) ON appraisal TO {{person}};
