-- Programs with their charter, cycles, and enrollments of people in them.
CREATE TABLE programs (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    purpose             TEXT NOT NULL DEFAULT '',
    outcomes            TEXT NOT NULL DEFAULT '',
    cadence             TEXT NOT NULL DEFAULT 'monthly',
    session_minutes     INTEGER NOT NULL DEFAULT 60,
    decision_rights     TEXT NOT NULL DEFAULT '',
    code_of_conduct     TEXT NOT NULL DEFAULT '',
    facilitation_method TEXT NOT NULL DEFAULT 'open_discussion',
    engagements         TEXT NOT NULL DEFAULT '',
    created_by          TEXT REFERENCES people(id),
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);

CREATE TABLE cycles (
    id         TEXT PRIMARY KEY,
    program_id TEXT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (program_id, name)
);

CREATE TABLE enrollments (
    id                  TEXT PRIMARY KEY,
    cycle_id            TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    program_id          TEXT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    person_id           TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role                TEXT NOT NULL,
    status              TEXT NOT NULL,
    motivation          TEXT NOT NULL DEFAULT '',
    goals               TEXT NOT NULL DEFAULT '',
    conduct_accepted_at TIMESTAMP NOT NULL,
    decided_by          TEXT REFERENCES people(id),
    decided_at          TIMESTAMP,
    created_at          TIMESTAMP NOT NULL,
    UNIQUE (cycle_id, person_id, role)
);
CREATE INDEX enrollments_person ON enrollments (person_id);
CREATE INDEX enrollments_program ON enrollments (program_id, status);
