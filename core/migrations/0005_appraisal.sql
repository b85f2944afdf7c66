-- Appraisals: the annual appraisal, the mid-year review and the new
-- starter's objective-setting meeting, each a guided meeting saved field by
-- field, then signed by both parties and locked. Rules live in
-- core/src/appraisal/ and core/src/cycle.rs; a missing setting means the
-- default written there.
--
-- Locking: once both parties have signed, `status` is 'signed' and triggers
-- refuse every UPDATE and DELETE of the appraisal row, and every INSERT,
-- UPDATE and DELETE of a row belonging to it, whoever asks. Re-opening
-- inserts a new version (supersedes_id = the signed one); the signed row is
-- never touched. PDP progress between appraisals lives in pdp_progress,
-- which is deliberately not locked.

-- Whole-number settings by name: cycle_start_month (1-12, April = 4),
-- objective_setting_weeks, and the DSPT coding-audit thresholds in percent
-- that KPI objectives default to (kpi_primary, kpi_secondary, kpi_procedure).
CREATE TABLE appraisal_setting (
    key    TEXT    PRIMARY KEY CHECK (key IN ('cycle_start_month', 'objective_setting_weeks',
                                              'kpi_primary', 'kpi_secondary', 'kpi_procedure')),
    value  INTEGER NOT NULL CHECK (value >= 0)
);

-- A department date by which the appraisals of one cycle are due, instead
-- of 12 months after each person's last signed appraisal.
CREATE TABLE appraisal_department_date (
    cycle_start  INTEGER PRIMARY KEY,           -- the year the cycle starts: 2025 for 2025/26
    due_date     TEXT    NOT NULL               -- ISO date
);

CREATE TABLE appraisal (
    id                   INTEGER PRIMARY KEY,
    appraisee_id         INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    appraiser_id         INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    cycle_start          INTEGER NOT NULL,      -- the year the cycle starts: 2025 for 2025/26
    cycle_start_month    INTEGER NOT NULL CHECK (cycle_start_month BETWEEN 1 AND 12),  -- as set when started
    kind                 TEXT    NOT NULL CHECK (kind IN ('annual', 'mid_year', 'objective_setting')),
    version              INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    supersedes_id        INTEGER UNIQUE REFERENCES appraisal(id) ON DELETE RESTRICT,
    step                 TEXT    NOT NULL DEFAULT 'previous_objectives'
                         CHECK (step IN ('previous_objectives', 'skills', 'objectives', 'pdp', 'wellbeing',
                                         'pay_progression', 'comments', 'sign_off')),
    status               TEXT    NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'signed')),
    meeting_date         TEXT    NOT NULL,      -- ISO date
    -- The framework version the skills were assessed against, and the role
    -- (band and title) whose expected levels were copied, as they were then.
    framework_id         INTEGER REFERENCES framework(id) ON DELETE RESTRICT,
    role_band            TEXT,
    role_title           TEXT,
    appraisee_comments   TEXT    NOT NULL DEFAULT '',
    appraiser_comments   TEXT    NOT NULL DEFAULT '',
    created_at           TEXT    NOT NULL,      -- ISO date-time, local
    updated_at           TEXT    NOT NULL,
    appraisee_signed_at  TEXT,
    appraisee_signed_by  TEXT,                  -- staff number
    appraiser_signed_at  TEXT,
    appraiser_signed_by  TEXT,
    -- Both people as they were when the second signature locked the record,
    -- so a later change of name, band or title does not change it.
    appraisee_name       TEXT,
    appraisee_band       TEXT,
    appraisee_job_title  TEXT,
    appraiser_name       TEXT,
    appraiser_band       TEXT,
    appraiser_job_title  TEXT,
    -- Set on a version made by re-opening a signed one.
    reopen_reason        TEXT,
    reopened_by          TEXT,                  -- staff number of the administrator
    reopened_at          TEXT,
    CHECK (appraisee_id <> appraiser_id),
    CHECK ((appraisee_signed_at IS NULL) = (appraisee_signed_by IS NULL)),
    CHECK ((appraiser_signed_at IS NULL) = (appraiser_signed_by IS NULL)),
    -- Signed exactly when both have signed: status cannot be faked.
    CHECK ((status = 'signed') = (appraisee_signed_at IS NOT NULL AND appraiser_signed_at IS NOT NULL)),
    CHECK ((version = 1) = (supersedes_id IS NULL)),
    CHECK ((supersedes_id IS NULL) = (reopen_reason IS NULL)),
    -- One appraisal of each kind per person per cycle; re-opening adds versions.
    UNIQUE (appraisee_id, cycle_start, kind, version)
);
CREATE INDEX appraisal_appraiser ON appraisal(appraiser_id);

-- Last year's objectives as reviewed in this meeting: a copy of each, with
-- its outcome. A carried-forward one is also copied into this year's
-- objectives (appraisal_objective.carried_from_id).
CREATE TABLE appraisal_previous_objective (
    id                   INTEGER PRIMARY KEY,
    appraisal_id         INTEGER NOT NULL REFERENCES appraisal(id) ON DELETE CASCADE,
    position             INTEGER NOT NULL,
    source_objective_id  INTEGER REFERENCES appraisal_objective(id) ON DELETE RESTRICT,
    text                 TEXT    NOT NULL,
    measure              TEXT    NOT NULL DEFAULT '',
    due_date             TEXT,
    framework_id         INTEGER,
    competency_id        INTEGER,
    skill_code           TEXT,
    competency           TEXT,
    target_level         INTEGER,
    statement_text       TEXT,
    outcome              TEXT    CHECK (outcome IN ('met', 'partly_met', 'not_met', 'carried_forward')),
    comments             TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX appraisal_previous_objective_appraisal ON appraisal_previous_objective(appraisal_id);

-- One row per competency of the appraisee's role profile: the level the
-- role expects (copied when the appraisal started), the level the appraisee
-- assesses themselves at, and the level agreed in the meeting.
CREATE TABLE appraisal_skill (
    id              INTEGER PRIMARY KEY,
    appraisal_id    INTEGER NOT NULL REFERENCES appraisal(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    framework_id    INTEGER NOT NULL REFERENCES framework(id) ON DELETE RESTRICT,
    competency_id   INTEGER NOT NULL REFERENCES framework_competency(id) ON DELETE RESTRICT,
    skill_code      TEXT    NOT NULL,
    skill_name      TEXT    NOT NULL,
    competency      TEXT    NOT NULL,
    expected_level  INTEGER NOT NULL CHECK (expected_level BETWEEN 1 AND 7),
    self_level      INTEGER CHECK (self_level BETWEEN 1 AND 7),
    agreed_level    INTEGER CHECK (agreed_level BETWEEN 1 AND 7),
    UNIQUE (appraisal_id, competency_id)
);

-- This year's objectives, each mapped to a framework competency and a level
-- it has. The statement is named by id and framework id (framework rows are
-- never changed) and its words are copied too, as agreed.
CREATE TABLE appraisal_objective (
    id               INTEGER PRIMARY KEY,
    appraisal_id     INTEGER NOT NULL REFERENCES appraisal(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    text             TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    measure          TEXT    NOT NULL DEFAULT '',
    due_date         TEXT,                     -- ISO date, inside the cycle
    framework_id     INTEGER REFERENCES framework(id) ON DELETE RESTRICT,
    competency_id    INTEGER REFERENCES framework_competency(id) ON DELETE RESTRICT,
    skill_code       TEXT,
    competency       TEXT,
    target_level     INTEGER CHECK (target_level BETWEEN 1 AND 7),
    statement_id     INTEGER,
    statement_text   TEXT,
    carried_from_id  INTEGER UNIQUE REFERENCES appraisal_previous_objective(id) ON DELETE CASCADE,
    FOREIGN KEY (framework_id, statement_id) REFERENCES framework_statement(framework_id, id) ON DELETE RESTRICT,
    CHECK ((competency_id IS NULL) = (framework_id IS NULL)),
    CHECK (target_level IS NULL OR competency_id IS NOT NULL),
    CHECK ((statement_id IS NULL) = (target_level IS NULL))
);
CREATE INDEX appraisal_objective_appraisal ON appraisal_objective(appraisal_id);

-- The optional coding-accuracy KPI objective: target percentages from the
-- DSPT clinical coding audit.
CREATE TABLE appraisal_kpi_objective (
    appraisal_id         INTEGER PRIMARY KEY REFERENCES appraisal(id) ON DELETE CASCADE,
    primary_diagnosis    REAL    NOT NULL CHECK (primary_diagnosis BETWEEN 0 AND 100),
    secondary_diagnosis  REAL    NOT NULL CHECK (secondary_diagnosis BETWEEN 0 AND 100),
    procedure            REAL    NOT NULL CHECK (procedure BETWEEN 0 AND 100),
    due_date             TEXT,                 -- ISO date, inside the cycle
    notes                TEXT    NOT NULL DEFAULT ''
);

-- The personal development plan agreed in the meeting: locked with it.
-- origin_id names the item this one was copied from when the appraisal was
-- re-opened, so progress recorded against the first copy follows it.
CREATE TABLE appraisal_pdp_item (
    id             INTEGER PRIMARY KEY,
    appraisal_id   INTEGER NOT NULL REFERENCES appraisal(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    origin_id      INTEGER REFERENCES appraisal_pdp_item(id) ON DELETE RESTRICT,
    learning_need  TEXT    NOT NULL CHECK (length(trim(learning_need)) > 0),
    activity       TEXT    NOT NULL CHECK (activity IN ('course', 'e_learning', 'mentoring', 'shadowing', 'workshop',
                                                        'standards_course', 'refresher_course', 'nccq_revision',
                                                        'other')),
    description    TEXT    NOT NULL DEFAULT '',
    target_date    TEXT,                       -- ISO date
    support        TEXT    NOT NULL DEFAULT '',
    skill_code     TEXT,
    competency     TEXT
);
CREATE INDEX appraisal_pdp_item_appraisal ON appraisal_pdp_item(appraisal_id);

-- Progress on a PDP item between appraisals, kept by the appraisee. Not
-- locked: the plan is signed, the work on it goes on. Keyed by the item's
-- origin (its own id when it was never copied).
CREATE TABLE pdp_progress (
    pdp_item_id   INTEGER PRIMARY KEY REFERENCES appraisal_pdp_item(id) ON DELETE CASCADE,
    status        TEXT    NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'completed')),
    progress      TEXT    NOT NULL DEFAULT '',
    evidence      TEXT    NOT NULL DEFAULT '',
    reflection    TEXT    NOT NULL DEFAULT '',
    completed_on  TEXT,                        -- ISO date
    updated_at    TEXT    NOT NULL,
    CHECK ((status = 'completed') = (completed_on IS NOT NULL))
);

-- The wellbeing conversation. Personal: the appraisee decides whether it is
-- printed with the record.
CREATE TABLE appraisal_wellbeing (
    appraisal_id      INTEGER PRIMARY KEY REFERENCES appraisal(id) ON DELETE CASCADE,
    notes             TEXT    NOT NULL DEFAULT '',
    flexible_working  TEXT    NOT NULL DEFAULT '',
    support_agreed    TEXT    NOT NULL DEFAULT '',
    include_in_print  INTEGER NOT NULL DEFAULT 0 CHECK (include_in_print IN (0, 1))
);

-- Agenda for Change pay progression, one row per criterion. The manager's
-- confirmations are written as they are given; the criteria the app works
-- out are written when the appraisal is signed, as they were then.
CREATE TABLE appraisal_pay_criterion (
    appraisal_id  INTEGER NOT NULL REFERENCES appraisal(id) ON DELETE CASCADE,
    criterion     TEXT    NOT NULL CHECK (criterion IN ('appraisal_within_12_months', 'mandatory_training',
                                                        'no_capability_process', 'no_disciplinary_sanction',
                                                        'reports_appraised')),
    applies       INTEGER NOT NULL DEFAULT 1 CHECK (applies IN (0, 1)),
    met           INTEGER CHECK (met IN (0, 1)),
    source        TEXT    NOT NULL CHECK (source IN ('computed', 'confirmed')),
    reason        TEXT    NOT NULL DEFAULT '',
    confirmed_by  TEXT,                        -- staff number
    confirmed_at  TEXT,
    PRIMARY KEY (appraisal_id, criterion)
);

-- ------------------------------------------------------------- locking --

CREATE TRIGGER appraisal_signed_no_update BEFORE UPDATE ON appraisal
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_signed_no_delete BEFORE DELETE ON appraisal
WHEN OLD.status = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

CREATE TRIGGER appraisal_previous_objective_signed_no_insert BEFORE INSERT ON appraisal_previous_objective
WHEN (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_previous_objective_signed_no_update BEFORE UPDATE ON appraisal_previous_objective
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
  OR (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_previous_objective_signed_no_delete BEFORE DELETE ON appraisal_previous_objective
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

CREATE TRIGGER appraisal_skill_signed_no_insert BEFORE INSERT ON appraisal_skill
WHEN (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_skill_signed_no_update BEFORE UPDATE ON appraisal_skill
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
  OR (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_skill_signed_no_delete BEFORE DELETE ON appraisal_skill
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

CREATE TRIGGER appraisal_objective_signed_no_insert BEFORE INSERT ON appraisal_objective
WHEN (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_objective_signed_no_update BEFORE UPDATE ON appraisal_objective
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
  OR (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_objective_signed_no_delete BEFORE DELETE ON appraisal_objective
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

CREATE TRIGGER appraisal_kpi_objective_signed_no_insert BEFORE INSERT ON appraisal_kpi_objective
WHEN (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_kpi_objective_signed_no_update BEFORE UPDATE ON appraisal_kpi_objective
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
  OR (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_kpi_objective_signed_no_delete BEFORE DELETE ON appraisal_kpi_objective
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

CREATE TRIGGER appraisal_pdp_item_signed_no_insert BEFORE INSERT ON appraisal_pdp_item
WHEN (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_pdp_item_signed_no_update BEFORE UPDATE ON appraisal_pdp_item
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
  OR (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_pdp_item_signed_no_delete BEFORE DELETE ON appraisal_pdp_item
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

CREATE TRIGGER appraisal_wellbeing_signed_no_insert BEFORE INSERT ON appraisal_wellbeing
WHEN (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_wellbeing_signed_no_update BEFORE UPDATE ON appraisal_wellbeing
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
  OR (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_wellbeing_signed_no_delete BEFORE DELETE ON appraisal_wellbeing
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;

CREATE TRIGGER appraisal_pay_criterion_signed_no_insert BEFORE INSERT ON appraisal_pay_criterion
WHEN (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_pay_criterion_signed_no_update BEFORE UPDATE ON appraisal_pay_criterion
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
  OR (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
CREATE TRIGGER appraisal_pay_criterion_signed_no_delete BEFORE DELETE ON appraisal_pay_criterion
WHEN (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed'
BEGIN SELECT RAISE(ABORT, 'appraisal is signed and locked'); END;
