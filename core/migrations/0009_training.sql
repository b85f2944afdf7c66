-- Pay steps and training: each person's date of entry to their band (ESR's
-- "incremental date"), their statutory and mandatory training records, their
-- CPD log, and the pay-step reviews their manager records. Rules live in
-- core/src/pay_steps/ and core/src/training/.

ALTER TABLE staff ADD COLUMN band_entered TEXT;   -- ISO date

-- One completed competence, from an ESR/OLM export or typed by hand.
-- Importing the same export twice stores nothing new.
CREATE TABLE training_record (
    id            INTEGER PRIMARY KEY,
    staff_id      INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    competence    TEXT    NOT NULL CHECK (length(trim(competence)) > 0),
    completed_on  TEXT    NOT NULL,              -- ISO date
    expires_on    TEXT,                          -- ISO date; none for a competence that does not expire
    source        TEXT    NOT NULL CHECK (source IN ('import', 'hand')),
    UNIQUE (staff_id, competence, completed_on),
    CHECK (expires_on IS NULL OR expires_on >= completed_on)
);
CREATE INDEX training_record_staff ON training_record(staff_id);

-- Continuing professional development, written by the person themselves.
CREATE TABLE cpd_entry (
    id             INTEGER PRIMARY KEY,
    staff_id       INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    activity_date  TEXT    NOT NULL,             -- ISO date
    activity       TEXT    NOT NULL CHECK (length(trim(activity)) > 0),
    hours          REAL    NOT NULL CHECK (hours > 0 AND hours <= 1000),
    reflection     TEXT    NOT NULL DEFAULT '',
    pdp_item_id    INTEGER REFERENCES appraisal_pdp_item(id) ON DELETE RESTRICT
);
CREATE INDEX cpd_entry_staff ON cpd_entry(staff_id);

-- A pay-step standard Appraise holds no evidence for (capability,
-- disciplinary), confirmed by hand for one step, with the reason.
CREATE TABLE pay_step_standard (
    staff_id      INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    step_date     TEXT    NOT NULL,              -- ISO date of the pay step
    standard      TEXT    NOT NULL CHECK (standard IN ('no_capability_process', 'no_disciplinary_sanction')),
    met           INTEGER NOT NULL CHECK (met IN (0, 1)),
    reason        TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
    confirmed_by  TEXT    NOT NULL,              -- staff number
    confirmed_at  TEXT    NOT NULL,              -- ISO date and time
    PRIMARY KEY (staff_id, step_date, standard)
);

-- The outcome of one pay-step review.
CREATE TABLE pay_step_review (
    staff_id        INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    step_date       TEXT    NOT NULL,            -- ISO date of the pay step
    outcome         TEXT    NOT NULL CHECK (outcome IN ('progresses', 'deferred', 'not_applicable')),
    unmet_standard  TEXT,                        -- deferred: the standard not met
    review_date     TEXT,                        -- deferred: when it is looked at again
    outside_control TEXT    NOT NULL DEFAULT '', -- progresses with a standard missed: why it was not the employee's doing
    note            TEXT    NOT NULL DEFAULT '',
    recorded_by     TEXT    NOT NULL,            -- staff number
    recorded_at     TEXT    NOT NULL,            -- ISO date and time
    PRIMARY KEY (staff_id, step_date),
    CHECK (outcome <> 'deferred' OR (unmet_standard IS NOT NULL AND review_date IS NOT NULL))
);
