-- The NCCQ pathway: the trust's settings for it, and each trainee's Clinical
-- Coding Standards courses, exam attempts and IHRIM membership.
-- Rules (deadlines, pass or fail, status) live in core/src/nccq.rs; a missing
-- setting means the default written there.

-- Whole-number settings by name: deadline_months, course_months, refresher_years.
CREATE TABLE nccq_setting (
    key    TEXT    PRIMARY KEY CHECK (key IN ('deadline_months', 'course_months', 'refresher_years')),
    value  INTEGER NOT NULL CHECK (value > 0)
);

-- The exam sittings the trust plans around. Empty means the default of
-- 1 March and 1 September every year.
CREATE TABLE nccq_sitting (
    sitting_date  TEXT PRIMARY KEY              -- ISO date
);

-- Pass marks (percent) in force from the sittings of `year` until a later
-- year's row. Sittings before every row use the defaults (90 and 70).
CREATE TABLE nccq_pass_marks (
    year       INTEGER PRIMARY KEY,
    practical  INTEGER NOT NULL CHECK (practical BETWEEN 0 AND 100),
    theory     INTEGER NOT NULL CHECK (theory BETWEEN 0 AND 100)
);

-- Clinical Coding Standards courses (the first) and refresher courses.
CREATE TABLE nccq_course (
    id          INTEGER PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    kind        TEXT    NOT NULL CHECK (kind IN ('standards', 'refresher')),
    start_date  TEXT    NOT NULL,               -- ISO date
    end_date    TEXT,                           -- ISO date
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX nccq_course_staff ON nccq_course(staff_id);

-- One result per paper per sitting. Pass or fail is not stored: it follows
-- from the pass mark in force at the sitting.
CREATE TABLE nccq_exam_attempt (
    id            INTEGER PRIMARY KEY,
    staff_id      INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    sitting_date  TEXT    NOT NULL,             -- ISO date
    paper         TEXT    NOT NULL CHECK (paper IN ('practical', 'theory')),
    score         REAL    NOT NULL CHECK (score BETWEEN 0 AND 100),  -- percent
    UNIQUE (staff_id, sitting_date, paper)
);

-- IHRIM membership, needed to sit: only its end date matters here.
CREATE TABLE ihrim_membership (
    staff_id     INTEGER PRIMARY KEY REFERENCES staff(id) ON DELETE RESTRICT,
    valid_until  TEXT    NOT NULL               -- ISO date, the last valid day
);
