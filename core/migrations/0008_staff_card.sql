-- The part of a staff record a name is shown by. On a file it is simply
-- the staff table's columns; on the department's server the same view
-- lets an appraisee read their appraiser's name without their staff row
-- (postgres/0009_staff_card.sql).
CREATE VIEW staff_card AS
SELECT id, staff_number, forename, surname, band, job_title FROM staff;
