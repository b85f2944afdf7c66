-- Skills frameworks: framework version -> skill -> competency -> level
-- statements, and the role profiles (the level each role is expected to
-- reach in each competency). Rules live in core/src/framework/.
--
-- A stored framework is never changed: a new file is a new version with new
-- rows and new ids, so an objective that names a statement (by statement id
-- and framework id) keeps the exact words it was agreed against. Triggers
-- refuse every UPDATE and DELETE on the four framework tables.

CREATE TABLE framework (
    id                  INTEGER PRIMARY KEY,
    name                TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    version             INTEGER NOT NULL CHECK (version >= 1),
    imported_at         TEXT    NOT NULL,               -- ISO date-time, local
    source_sha256       TEXT    NOT NULL CHECK (length(source_sha256) = 64),
    source_name         TEXT    NOT NULL DEFAULT '',    -- the file's name
    source_format       TEXT    NOT NULL CHECK (source_format IN ('text', 'csv')),
    builtin             INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    corrections_sha256  TEXT,                           -- built-in only: its corrections file
    UNIQUE (name, version)
);

CREATE TABLE framework_skill (
    id            INTEGER PRIMARY KEY,
    framework_id  INTEGER NOT NULL REFERENCES framework(id) ON DELETE RESTRICT,
    code          TEXT    NOT NULL CHECK (length(code) BETWEEN 2 AND 8),  -- SFIA code, ANCC
    name          TEXT    NOT NULL,
    position      INTEGER NOT NULL,                     -- order of first appearance in the file
    UNIQUE (framework_id, code)
);

CREATE TABLE framework_competency (
    id        INTEGER PRIMARY KEY,
    skill_id  INTEGER NOT NULL REFERENCES framework_skill(id) ON DELETE RESTRICT,
    name      TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    position  INTEGER NOT NULL,
    UNIQUE (skill_id, name)
);

CREATE TABLE framework_statement (
    id             INTEGER PRIMARY KEY,
    -- Repeated from the competency's skill so an objective can reference
    -- (framework_id, id) with a composite foreign key.
    framework_id   INTEGER NOT NULL REFERENCES framework(id) ON DELETE RESTRICT,
    competency_id  INTEGER NOT NULL REFERENCES framework_competency(id) ON DELETE RESTRICT,
    level          INTEGER NOT NULL CHECK (level BETWEEN 1 AND 7),
    text           TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    position       INTEGER NOT NULL,                    -- order in the source file
    source_line    INTEGER,                             -- line (text) or row (CSV) in the source
    correction     TEXT,                                -- "Corrected from …" when it differs from the source
    UNIQUE (framework_id, id)
);
CREATE INDEX framework_statement_competency ON framework_statement(competency_id);

CREATE TRIGGER framework_statement_same_framework BEFORE INSERT ON framework_statement
WHEN NEW.framework_id IS NOT (
    SELECT s.framework_id FROM framework_competency c JOIN framework_skill s ON s.id = c.skill_id
    WHERE c.id = NEW.competency_id)
BEGIN SELECT RAISE(ABORT, 'a statement belongs to its competency''s framework'); END;

CREATE TRIGGER framework_no_update BEFORE UPDATE ON framework
BEGIN SELECT RAISE(ABORT, 'a framework version is never changed: import a new version'); END;
CREATE TRIGGER framework_no_delete BEFORE DELETE ON framework
BEGIN SELECT RAISE(ABORT, 'a framework version is never deleted'); END;
CREATE TRIGGER framework_skill_no_update BEFORE UPDATE ON framework_skill
BEGIN SELECT RAISE(ABORT, 'a framework version is never changed: import a new version'); END;
CREATE TRIGGER framework_skill_no_delete BEFORE DELETE ON framework_skill
BEGIN SELECT RAISE(ABORT, 'a framework version is never deleted'); END;
CREATE TRIGGER framework_competency_no_update BEFORE UPDATE ON framework_competency
BEGIN SELECT RAISE(ABORT, 'a framework version is never changed: import a new version'); END;
CREATE TRIGGER framework_competency_no_delete BEFORE DELETE ON framework_competency
BEGIN SELECT RAISE(ABORT, 'a framework version is never deleted'); END;
CREATE TRIGGER framework_statement_no_update BEFORE UPDATE ON framework_statement
BEGIN SELECT RAISE(ABORT, 'a framework statement is never changed: import a new version'); END;
CREATE TRIGGER framework_statement_no_delete BEFORE DELETE ON framework_statement
BEGIN SELECT RAISE(ABORT, 'a framework statement is never deleted'); END;

-- A role in the department, such as Band 5 Clinical Coding Specialist.
CREATE TABLE role_profile (
    id        INTEGER PRIMARY KEY,
    band      TEXT    NOT NULL CHECK (band IN ('2','3','4','5','6','7','8a','8b','8c','8d','9')),
    title     TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    position  INTEGER NOT NULL,
    UNIQUE (band, title)
);

-- The level a role is expected to reach in a competency. Keyed by skill code
-- and competency name, not by row id, so the expectation carries over to
-- the next version of a framework that keeps the competency.
CREATE TABLE role_expectation (
    role_id     INTEGER NOT NULL REFERENCES role_profile(id) ON DELETE CASCADE,
    skill_code  TEXT    NOT NULL,
    competency  TEXT    NOT NULL,
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 7),
    PRIMARY KEY (role_id, skill_code, competency)
);
