-- First-run setup links: a one-time link, valid 24 hours, where the first
-- admin of an empty installation sets their name, email and password. Only
-- the SHA-256 hash of the link's secret is stored, as for invitations.
CREATE TABLE setup_links (
    token_hash TEXT PRIMARY KEY,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
