-- Programs with their charter, cycles, and enrollments of people in them.
-- Enumerations (cadence, facilitation method, engagements, role, status) are
-- checked in Go by internal/programs, not by CHECK constraints: adding a value
-- later must not need a table rebuild on SQLite.
CREATE TABLE programs (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    purpose             TEXT NOT NULL DEFAULT '',
    outcomes            TEXT NOT NULL DEFAULT '',
    cadence             TEXT NOT NULL DEFAULT 'monthly',
    session_minutes     INTEGER NOT NULL DEFAULT 60,
    decision_rights     TEXT NOT NULL DEFAULT '',
    code_of_conduct     TEXT NOT NULL DEFAULT '',
    facilitation_method TEXT NOT NULL DEFAULT 'open_discussion',
    -- engagement kinds, comma-separated, in the order programs.EngagementKinds lists them
    engagements         TEXT NOT NULL DEFAULT '',
    created_by          TEXT REFERENCES people(id),
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
-- Program names are unique whatever their case.
CREATE UNIQUE INDEX programs_name ON programs (lower(name));

CREATE TABLE cycles (
    id         TEXT PRIMARY KEY,
    program_id TEXT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    starts_on  TEXT NOT NULL, -- YYYY-MM-DD, first day
    ends_on    TEXT NOT NULL, -- YYYY-MM-DD, last day, after starts_on
    created_at TIMESTAMP NOT NULL
);
-- Cycle names are unique within a program whatever their case.
CREATE UNIQUE INDEX cycles_name ON cycles (program_id, lower(name));

CREATE TABLE enrollments (
    id                  TEXT PRIMARY KEY,
    cycle_id            TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    program_id          TEXT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    person_id           TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role                TEXT NOT NULL,
    status              TEXT NOT NULL,
    motivation          TEXT NOT NULL DEFAULT '',
    goals               TEXT NOT NULL DEFAULT '',
    -- NULL until the person accepts the program's code of conduct (an admin
    -- may enroll someone who accepts it on their next visit)
    conduct_accepted_at TIMESTAMP,
    decided_by          TEXT REFERENCES people(id),
    decided_at          TIMESTAMP,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL  -- last change of status or conduct acceptance
);
-- One active (applied or approved) enrollment per cycle, person and role;
-- declined and withdrawn ones stay as history and do not block a new one.
CREATE UNIQUE INDEX enrollments_active ON enrollments (cycle_id, person_id, role)
    WHERE status IN ('applied', 'approved');
CREATE INDEX enrollments_person ON enrollments (person_id);
CREATE INDEX enrollments_cycle ON enrollments (cycle_id, status, role);
CREATE INDEX enrollments_program ON enrollments (program_id, status);
CREATE INDEX enrollments_pending ON enrollments (status, role, created_at);
