-- Staff members: everyone who appraises or is appraised.
CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    staff_number  TEXT    NOT NULL UNIQUE,
    forename      TEXT    NOT NULL CHECK (length(trim(forename)) > 0),
    surname       TEXT    NOT NULL CHECK (length(trim(surname)) > 0),
    band          TEXT    NOT NULL CHECK (band IN ('2','3','4','5','6','7','8a','8b','8c','8d','9')),
    job_title     TEXT    NOT NULL DEFAULT '',
    appointed     TEXT    NOT NULL,            -- ISO date
    manager_id    INTEGER REFERENCES staff(id) ON DELETE RESTRICT,
    acc_date      TEXT,                         -- Accredited Clinical Coder since (ISO date)
    leaver_date   TEXT,                         -- ISO date
    CHECK (manager_id IS NULL OR manager_id <> id)
);
CREATE INDEX staff_manager ON staff(manager_id);
