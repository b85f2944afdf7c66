-- The part of a staff record a name is shown by, as the SQLite store's
-- view 0008: for the owner's login (the system) everyone; for a person the
-- people a person reaches (access.rs can_view_staff,
-- as staff_read) and, beyond them, whoever is on the other side of an
-- appraisal they reach (its appraiser, its appraisee, who re-opened it):
-- access.rs can_view_appraisal shows those names on the record. Owned by
-- the owner role, so it reads staff past its row-level security; the
-- security barrier keeps a person's own conditions from seeing rows the
-- view leaves out.
CREATE VIEW staff_card WITH (security_barrier) AS
SELECT s.id, s.staff_number, s.forename, s.surname, s.band, s.job_title
FROM staff s
WHERE appraise_acts_as_owner(session_user)
   OR appraise_reaches(s.id)
   OR EXISTS (SELECT 1 FROM appraisal a
              WHERE (a.appraiser_id = s.id AND appraise_reaches(a.appraisee_id))
                 OR (a.appraisee_id = s.id AND appraise_reaches(a.appraiser_id))
                 OR (a.reopened_by = s.staff_number AND appraise_reaches(a.appraisee_id)));

REVOKE ALL ON staff_card FROM PUBLIC;
GRANT SELECT ON staff_card TO {{person}};
