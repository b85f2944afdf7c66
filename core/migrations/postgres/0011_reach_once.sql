-- The same row-level security as 0003, worked out once per statement
-- instead of once per row: the policies there call appraise_reaches() for
-- every row, which PostgreSQL cannot inline (a definer function), so a
-- line manager reading a team's appraisals walked the management chain
-- for each row (bench/PAGES-REPORT.md: 15–40 times the owner's time). Here
-- the people and appraisals the acting person reaches are a set, computed
-- once (an uncorrelated subquery) and matched by hash. Who sees what is
-- unchanged: access.rs `reaches` (tests/server.rs holds them together).

-- access.rs `reaches`, as a set: the administrator everyone; a line
-- manager themselves and their reports, transitively (UNION stops at a
-- loop); a coder themselves; a login without an account no one.
CREATE FUNCTION appraise_reachable() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    WITH RECURSIVE me AS (SELECT appraise_me() AS id, appraise_my_role() AS role),
    down(id) AS (
        SELECT id FROM me WHERE id IS NOT NULL AND role IN ('manager', 'coder')
        UNION
        SELECT s.id FROM staff s JOIN down d ON s.manager_id = d.id
        WHERE (SELECT role FROM me) = 'manager'
    )
    SELECT id FROM down
    UNION ALL
    SELECT s.id FROM staff s WHERE (SELECT role FROM me) = 'administrator'
$$;

-- The appraisals of the people one reaches (access.rs can_view_appraisal).
CREATE FUNCTION appraise_reachable_appraisals() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT id FROM appraisal WHERE appraisee_id IN (SELECT appraise_reachable())
$$;

-- Their plan items, for the progress kept beside them.
CREATE FUNCTION appraise_reachable_pdp_items() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT id FROM appraisal_pdp_item WHERE appraisal_id IN (SELECT appraise_reachable_appraisals())
$$;

DROP POLICY staff_read ON staff;
CREATE POLICY staff_read ON staff FOR SELECT USING (id IN (SELECT appraise_reachable()));

DROP POLICY nccq_course_read ON nccq_course;
CREATE POLICY nccq_course_read ON nccq_course FOR SELECT USING (staff_id IN (SELECT appraise_reachable()));
DROP POLICY nccq_exam_attempt_read ON nccq_exam_attempt;
CREATE POLICY nccq_exam_attempt_read ON nccq_exam_attempt FOR SELECT
    USING (staff_id IN (SELECT appraise_reachable()));
DROP POLICY ihrim_membership_read ON ihrim_membership;
CREATE POLICY ihrim_membership_read ON ihrim_membership FOR SELECT
    USING (staff_id IN (SELECT appraise_reachable()));

DROP POLICY appraisal_read ON appraisal;
CREATE POLICY appraisal_read ON appraisal FOR SELECT USING (appraisee_id IN (SELECT appraise_reachable()));
DROP POLICY appraisal_edit ON appraisal;
CREATE POLICY appraisal_edit ON appraisal FOR UPDATE USING (appraisee_id IN (SELECT appraise_reachable()))
    WITH CHECK (appraisee_id IN (SELECT appraise_reachable()));

DROP POLICY appraisal_previous_objective_access ON appraisal_previous_objective;
CREATE POLICY appraisal_previous_objective_access ON appraisal_previous_objective FOR ALL
    USING (appraisal_id IN (SELECT appraise_reachable_appraisals()))
    WITH CHECK (appraisal_id IN (SELECT appraise_reachable_appraisals()));
DROP POLICY appraisal_skill_access ON appraisal_skill;
CREATE POLICY appraisal_skill_access ON appraisal_skill FOR ALL
    USING (appraisal_id IN (SELECT appraise_reachable_appraisals()))
    WITH CHECK (appraisal_id IN (SELECT appraise_reachable_appraisals()));
DROP POLICY appraisal_objective_access ON appraisal_objective;
CREATE POLICY appraisal_objective_access ON appraisal_objective FOR ALL
    USING (appraisal_id IN (SELECT appraise_reachable_appraisals()))
    WITH CHECK (appraisal_id IN (SELECT appraise_reachable_appraisals()));
DROP POLICY appraisal_kpi_objective_access ON appraisal_kpi_objective;
CREATE POLICY appraisal_kpi_objective_access ON appraisal_kpi_objective FOR ALL
    USING (appraisal_id IN (SELECT appraise_reachable_appraisals()))
    WITH CHECK (appraisal_id IN (SELECT appraise_reachable_appraisals()));
DROP POLICY appraisal_pdp_item_access ON appraisal_pdp_item;
CREATE POLICY appraisal_pdp_item_access ON appraisal_pdp_item FOR ALL
    USING (appraisal_id IN (SELECT appraise_reachable_appraisals()))
    WITH CHECK (appraisal_id IN (SELECT appraise_reachable_appraisals()));
DROP POLICY appraisal_wellbeing_access ON appraisal_wellbeing;
CREATE POLICY appraisal_wellbeing_access ON appraisal_wellbeing FOR ALL
    USING (appraisal_id IN (SELECT appraise_reachable_appraisals()))
    WITH CHECK (appraisal_id IN (SELECT appraise_reachable_appraisals()));
DROP POLICY appraisal_pay_criterion_access ON appraisal_pay_criterion;
CREATE POLICY appraisal_pay_criterion_access ON appraisal_pay_criterion FOR ALL
    USING (appraisal_id IN (SELECT appraise_reachable_appraisals()))
    WITH CHECK (appraisal_id IN (SELECT appraise_reachable_appraisals()));

DROP POLICY pdp_progress_read ON pdp_progress;
CREATE POLICY pdp_progress_read ON pdp_progress FOR SELECT
    USING (pdp_item_id IN (SELECT appraise_reachable_pdp_items()));

-- The names on a record (0009), by the same sets.
CREATE OR REPLACE VIEW staff_card WITH (security_barrier) AS
SELECT s.id, s.staff_number, s.forename, s.surname, s.band, s.job_title
FROM staff s
WHERE appraise_acts_as_owner(session_user)
   OR s.id IN (SELECT appraise_reachable())
   OR s.id IN (SELECT appraiser_id FROM appraisal WHERE id IN (SELECT appraise_reachable_appraisals()))
   OR s.id IN (SELECT appraisee_id FROM appraisal WHERE id IN (SELECT appraise_reachable_appraisals()))
   OR s.staff_number IN (SELECT reopened_by FROM appraisal WHERE id IN (SELECT appraise_reachable_appraisals()));

REVOKE ALL ON FUNCTION appraise_reachable(), appraise_reachable_appraisals(), appraise_reachable_pdp_items()
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION appraise_reachable(), appraise_reachable_appraisals(), appraise_reachable_pdp_items()
    TO {{person}};
