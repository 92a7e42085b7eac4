-- Mentor-mentee matching of a cycle (internal/mentorships): every run with
-- its pairs, unmatched mentees and mentor loads (drafts, the published run
-- and superseded runs all stay, for audit); the program manager's locks and
-- exclusions; mentors' availability; participants' re-match requests.
-- Statuses are checked in Go, not by CHECK constraints.
CREATE TABLE match_runs (
    id           TEXT PRIMARY KEY,
    program_id   TEXT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    cycle_id     TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,          -- 1, 2, ... within the cycle: the order of runs
    status       TEXT NOT NULL,             -- draft, published or superseded
    parent_id    TEXT REFERENCES match_runs(id), -- the run before this one in the cycle, if any
    trigger_kind TEXT NOT NULL,             -- run, swap or rematch: what asked for it
    objective    TEXT NOT NULL,             -- participation or score
    min_score    INTEGER NOT NULL DEFAULT 0,
    mentees      INTEGER NOT NULL,
    mentors      INTEGER NOT NULL,
    seats        INTEGER NOT NULL,          -- the mentors' capacity, summed
    matched      INTEGER NOT NULL,
    total_score  BIGINT NOT NULL,
    optimal      BOOLEAN NOT NULL,          -- the solver's certificate was verified
    pruned       BOOLEAN NOT NULL,          -- candidates were cut to the best few per mentee
    candidates   INTEGER NOT NULL,          -- allowed pairs the solver chose from
    bonus        BIGINT NOT NULL,           -- the certificate's bonus, for a warm start
    millis       INTEGER NOT NULL,          -- how long the run took
    created_by   TEXT REFERENCES people(id),
    created_at   TIMESTAMP NOT NULL,
    published_by TEXT REFERENCES people(id),
    published_at TIMESTAMP
);
CREATE UNIQUE INDEX match_runs_seq ON match_runs (cycle_id, seq);
-- A cycle has at most one published run.
CREATE UNIQUE INDEX match_runs_published ON match_runs (cycle_id) WHERE status = 'published';
-- History: the published runs of a program's earlier cycles.
CREATE INDEX match_runs_program ON match_runs (program_id, status);

CREATE TABLE match_pairs (
    run_id    TEXT NOT NULL REFERENCES match_runs(id) ON DELETE CASCADE,
    mentee_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    mentor_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    score     INTEGER NOT NULL,
    locked    BOOLEAN NOT NULL DEFAULT FALSE, -- held by a lock or kept from the published run
    factors   TEXT NOT NULL DEFAULT '[]',     -- JSON [{name, points, weight, reason}]
    PRIMARY KEY (run_id, mentee_id)
);
-- A person's own pairs: as mentor and as mentee.
CREATE INDEX match_pairs_mentor ON match_pairs (mentor_id, run_id);
CREATE INDEX match_pairs_mentee ON match_pairs (mentee_id, run_id);

CREATE TABLE match_run_mentors (
    run_id    TEXT NOT NULL REFERENCES match_runs(id) ON DELETE CASCADE,
    mentor_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    capacity  INTEGER NOT NULL,  -- seats in this run (0 when unavailable)
    taken     INTEGER NOT NULL,  -- mentees matched
    price     BIGINT NOT NULL,   -- the certificate's price of a seat, for a warm start
    PRIMARY KEY (run_id, mentor_id)
);

CREATE TABLE match_unmatched (
    run_id    TEXT NOT NULL REFERENCES match_runs(id) ON DELETE CASCADE,
    mentee_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    reason    TEXT NOT NULL,            -- in words, for the program manager
    rules     TEXT NOT NULL DEFAULT '{}', -- JSON {rule: mentors it excluded}
    PRIMARY KEY (run_id, mentee_id)
);

CREATE TABLE match_locks (
    cycle_id   TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    mentee_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    mentor_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_by TEXT REFERENCES people(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (cycle_id, mentee_id) -- a mentee is locked to one mentor at most
);

CREATE TABLE match_exclusions (
    cycle_id   TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    mentor_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    mentee_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_by TEXT REFERENCES people(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (cycle_id, mentor_id, mentee_id)
);

-- A mentor who takes no new mentees this cycle.
CREATE TABLE match_unavailable (
    cycle_id   TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (cycle_id, person_id)
);

CREATE TABLE rematch_requests (
    id              TEXT PRIMARY KEY,
    program_id      TEXT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    cycle_id        TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    person_id       TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE, -- who asked
    mentor_id       TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE, -- the pair to undo
    mentee_id       TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL,  -- open, rematched or dismissed
    created_at      TIMESTAMP NOT NULL,
    resolved_by     TEXT REFERENCES people(id),
    resolved_at     TIMESTAMP,
    resolved_run_id TEXT REFERENCES match_runs(id) ON DELETE SET NULL
);
-- One open request per pair.
CREATE UNIQUE INDEX rematch_requests_open ON rematch_requests (cycle_id, mentor_id, mentee_id) WHERE status = 'open';
CREATE INDEX rematch_requests_cycle ON rematch_requests (cycle_id, status, created_at);
