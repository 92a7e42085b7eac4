-- Circles of a program's cycle as the product keeps them (internal/formations):
-- every formation (drafts, the published one, superseded and discarded ones
-- stay, for audit and as history for later cycles), its circles with their
-- weekly meeting slot, their members with newcomers' buddies, and the
-- facilitator roster of each circle. Statuses are checked in Go, not by
-- CHECK constraints.
CREATE TABLE formations (
    id                   TEXT PRIMARY KEY,
    program_id           TEXT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    cycle_id             TEXT NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
    seq                  INTEGER NOT NULL,  -- 1, 2, ... within the cycle: the order of formations
    status               TEXT NOT NULL,     -- draft, published, superseded or discarded
    size                 INTEGER NOT NULL,  -- preferred circle size
    min_size             INTEGER NOT NULL,
    max_size             INTEGER NOT NULL,
    seed                 BIGINT NOT NULL,   -- of the search's random source: the same inputs and seed give the same circles
    session_minutes      INTEGER NOT NULL,
    sessions             INTEGER NOT NULL,  -- sessions of each circle in the cycle
    people               INTEGER NOT NULL,
    circles              INTEGER NOT NULL,
    diversity            BIGINT NOT NULL,
    upper_bound          BIGINT NOT NULL,   -- no partition into this many circles is more diverse
    repeat_pairs         INTEGER NOT NULL,  -- pairs of circle-mates who shared a circle before
    repeat_lower_bound   INTEGER NOT NULL,
    circles_without_slot INTEGER NOT NULL,
    history_circles      INTEGER NOT NULL,  -- earlier published circles taken into account
    facilitators_marked  BOOLEAN NOT NULL,  -- someone was marked facilitator (else everyone is eligible)
    moves                INTEGER NOT NULL DEFAULT 0,
    millis               INTEGER NOT NULL,  -- how long forming took
    parent_id            TEXT REFERENCES formations(id), -- the published formation a draft was copied from, for moves
    created_by           TEXT REFERENCES people(id),
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    published_by         TEXT REFERENCES people(id),
    published_at         TIMESTAMP
);
CREATE UNIQUE INDEX formations_seq ON formations (cycle_id, seq);
-- A cycle has at most one published formation.
CREATE UNIQUE INDEX formations_published ON formations (cycle_id) WHERE status = 'published';
-- History: the published formations of a program's earlier cycles.
CREATE INDEX formations_program ON formations (program_id, status);

CREATE TABLE formation_circles (
    formation_id TEXT NOT NULL REFERENCES formations(id) ON DELETE CASCADE,
    num          INTEGER NOT NULL,  -- 1, 2, ... within the formation
    slot         INTEGER NOT NULL,  -- first 15-minute step of the weekly meeting from Monday 00:00 UTC; -1 if none
    near_slot    INTEGER NOT NULL,  -- when there is none: the slot most members can make
    blockers     TEXT NOT NULL DEFAULT '', -- person ids who cannot make near_slot, comma-separated
    diversity    INTEGER NOT NULL,
    PRIMARY KEY (formation_id, num)
);

CREATE TABLE formation_members (
    formation_id TEXT NOT NULL REFERENCES formations(id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    circle       INTEGER NOT NULL,
    buddy_id     TEXT REFERENCES people(id) ON DELETE SET NULL, -- a newcomer's buddy in the circle
    PRIMARY KEY (formation_id, person_id)
);
CREATE INDEX formation_members_circle ON formation_members (formation_id, circle);
-- A person's own circles, and history.
CREATE INDEX formation_members_person ON formation_members (person_id, formation_id);

CREATE TABLE formation_turns (
    formation_id      TEXT NOT NULL REFERENCES formations(id) ON DELETE CASCADE,
    circle            INTEGER NOT NULL,
    session           INTEGER NOT NULL, -- 0, 1, ... in the cycle
    facilitator_id    TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    co_facilitator_id TEXT REFERENCES people(id) ON DELETE SET NULL, -- a newcomer facilitator's seasoned partner
    PRIMARY KEY (formation_id, circle, session)
);
CREATE INDEX formation_turns_facilitator ON formation_turns (facilitator_id);
