-- The mail outbox: every mail is written here in the same transaction as
-- the change that causes it, rendered for its reader (their name, their
-- time zone), and sent later by mail.Worker. A message is queued until it
-- is sent or has failed MaxAttempts times; next_attempt_at is both when a
-- queued message is due and, while a worker holds it (sending), when that
-- claim lapses so another worker may take it up.
CREATE TABLE mail_outbox (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    person_id       TEXT REFERENCES people(id),
    to_addr         TEXT NOT NULL,
    to_name         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    unsubscribe_url TEXT NOT NULL DEFAULT '', -- for List-Unsubscribe; empty for mails always sent
    status          TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_recent ON mail_outbox (created_at);

-- The mails a person chose not to get, by kind (mail.Kind); every other
-- optional kind is sent. Invitations and password resets are always sent.
CREATE TABLE mail_optouts (
    person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (person_id, kind)
);

-- One-click unsubscribe links: each optional mail carries its own; only
-- the SHA-256 hash of the link's secret is kept here.
CREATE TABLE mail_unsubscribes (
    token_hash TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Password reset links (owned by auth): a single-use link, valid one hour,
-- mailed to the address a person gave. Only the SHA-256 hash of the
-- link's secret is kept.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
