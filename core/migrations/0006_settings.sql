-- One table for every trust setting (appraisal, NCCQ, print, DSPT, idle
-- lock), read and written only by core/src/settings/. Replaces app_setting,
-- nccq_setting, nccq_sitting, nccq_pass_marks, appraisal_setting and
-- appraisal_department_date; every value they held is moved here first.
--
-- Keys are `topic.field` (`nccq.deadline_months`, `print.trust`), values
-- JSON: a number, a string, or a list for the lists (sittings, pass marks,
-- department dates, earlier print headers). A missing key means the default
-- written in core.
CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL CHECK (json_valid(value))
);

-- Whole numbers: stored as integers before, JSON numbers now.
INSERT INTO setting (key, value)
SELECT 'nccq.' || key, CAST(value AS TEXT) FROM nccq_setting;
INSERT INTO setting (key, value)
SELECT 'appraisal.' || key, CAST(value AS TEXT) FROM appraisal_setting;

-- Lists, in the order core keeps them.
INSERT INTO setting (key, value)
SELECT 'nccq.sittings', json_group_array(sitting_date ORDER BY sitting_date)
FROM nccq_sitting HAVING count(*) > 0;
INSERT INTO setting (key, value)
SELECT 'nccq.pass_marks',
       json_group_array(json_object('year', year, 'practical', practical, 'theory', theory) ORDER BY year)
FROM nccq_pass_marks HAVING count(*) > 0;
INSERT INTO setting (key, value)
SELECT 'appraisal.department_dates',
       json_group_array(json_object('cycle_start_year', cycle_start, 'due', due_date) ORDER BY cycle_start)
FROM appraisal_department_date HAVING count(*) > 0;

-- app_setting held text. The idle lock was read as a whole number (anything
-- else meant the default, as it still does); the print header as text; the
-- earlier print headers as a JSON list, which checking printed files needs.
INSERT INTO setting (key, value)
SELECT 'idle_lock_minutes', CAST(CAST(value AS INTEGER) AS TEXT) FROM app_setting
WHERE key = 'idle_lock_minutes' AND value <> '' AND value NOT GLOB '*[^0-9]*' AND length(value) <= 9;
INSERT INTO setting (key, value)
SELECT CASE key WHEN 'print_trust' THEN 'print.trust'
                WHEN 'print_department' THEN 'print.department'
                ELSE 'print.marking' END,
       json_quote(value)
FROM app_setting WHERE key IN ('print_trust', 'print_department', 'print_marking');
INSERT INTO setting (key, value)
SELECT 'print.history', value FROM app_setting
WHERE key = 'print_settings_history' AND json_valid(value) AND json_type(value) = 'array';
-- Any other key (none is written today) is kept as text under its name.
INSERT INTO setting (key, value)
SELECT key, json_quote(value) FROM app_setting
WHERE key NOT IN ('idle_lock_minutes', 'print_trust', 'print_department', 'print_marking',
                  'print_settings_history');

DROP TABLE app_setting;
DROP TABLE nccq_setting;
DROP TABLE nccq_sitting;
DROP TABLE nccq_pass_marks;
DROP TABLE appraisal_setting;
DROP TABLE appraisal_department_date;
