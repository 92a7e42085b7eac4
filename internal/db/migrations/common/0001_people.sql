-- People, their list attributes, self-reported demographics (kept apart),
-- sign-in sessions, API tokens and sign-in attempts.
CREATE TABLE people (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    email               TEXT NOT NULL UNIQUE,
    level               INTEGER NOT NULL CHECK (level BETWEEN 1 AND 10),
    function            TEXT NOT NULL,
    department          TEXT NOT NULL DEFAULT '',
    location            TEXT NOT NULL,
    timezone            TEXT NOT NULL,
    work_start          INTEGER NOT NULL DEFAULT 540,
    work_end            INTEGER NOT NULL DEFAULT 1020,
    hire_date           TEXT NOT NULL DEFAULT '',
    manager_id          TEXT REFERENCES people(id),
    mentoring_role      TEXT NOT NULL DEFAULT 'member',
    capacity            INTEGER NOT NULL DEFAULT 1,
    facilitator         BOOLEAN NOT NULL DEFAULT FALSE,
    learning_style      TEXT NOT NULL DEFAULT '',
    communication_style TEXT NOT NULL DEFAULT '',
    accessibility_needs TEXT NOT NULL DEFAULT '',
    bio                 TEXT NOT NULL DEFAULT '',
    access_role         TEXT NOT NULL DEFAULT 'member',
    password_hash       TEXT NOT NULL DEFAULT '',
    active              BOOLEAN NOT NULL DEFAULT TRUE,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX people_manager ON people (manager_id);
CREATE INDEX people_function ON people (function, level);
CREATE INDEX people_location ON people (location);
CREATE INDEX people_name ON people (name);

CREATE TABLE person_tags (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    value     TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (person_id, kind, value)
);
CREATE INDEX person_tags_value ON person_tags (kind, value);

CREATE TABLE demographics (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    attribute TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (person_id, attribute)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

CREATE TABLE signin_attempts (
    key        TEXT NOT NULL,
    at         TIMESTAMP NOT NULL
);
CREATE INDEX signin_attempts_key ON signin_attempts (key, at);
