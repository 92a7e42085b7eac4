-- Invitations: a one-time link an admin gives a person to set a password.
CREATE TABLE invites (
    token_hash TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_by TEXT REFERENCES people(id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX invites_person ON invites (person_id);
