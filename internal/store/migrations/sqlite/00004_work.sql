-- Working on requests, SQLite flavour. Keep table and column names in step
-- with ../postgres/00004_work.sql: a test compares them.
--
-- The request row holds where a file is now (status, unit, assignee, due);
-- the timeline (events) holds what the citizen and staff see happened.
-- These tables hold what the actions need beside them.

-- +goose Up
-- A decision (answer or reasoned rejection) as the citizen reads it.
CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    event_id    INTEGER NOT NULL REFERENCES events (id),
    kind        TEXT NOT NULL,            -- 'answer' or 'reject'
    text        TEXT NOT NULL,            -- the answer, or the reason of a rejection
    legal_basis TEXT NOT NULL DEFAULT '', -- required for a rejection
    document_id INTEGER REFERENCES documents (id), -- the answer's attachment, if any
    staff_id    INTEGER NOT NULL REFERENCES staff (id),
    at          TIMESTAMP NOT NULL
);
CREATE INDEX decisions_request ON decisions (request_id, at);

-- How a unit's new files are shared out: 'queue' leaves them with the unit,
-- 'round_robin' gives each to the next active officer after last_staff_id.
-- A unit without a row works as 'queue'.
CREATE TABLE assignment_rules (
    unit_code     TEXT PRIMARY KEY,
    mode          TEXT NOT NULL,
    last_staff_id INTEGER REFERENCES staff (id)
);

-- The chain of referrals (ارجاع) with their staff-only instructions (هامش).
-- The citizen-visible side of each is its event.
CREATE TABLE referrals (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id    INTEGER NOT NULL REFERENCES requests (id),
    event_id      INTEGER NOT NULL REFERENCES events (id),
    at            TIMESTAMP NOT NULL,
    from_unit     TEXT NOT NULL,
    from_staff_id INTEGER REFERENCES staff (id),
    to_unit       TEXT NOT NULL,
    to_staff_id   INTEGER REFERENCES staff (id),
    instruction   TEXT NOT NULL
);
CREATE INDEX referrals_request ON referrals (request_id, at);

-- A file waiting for the citizen's documents whose service card stops the
-- clock (pause_on_docs) has a row here from the request until the documents
-- arrive. The days then given back are the added_days of the docs_received
-- event (see 00005), which is what recomputing promised dates counts.
CREATE TABLE request_clock (
    request_id INTEGER PRIMARY KEY REFERENCES requests (id),
    paused_at  TIMESTAMP NOT NULL
);

CREATE INDEX requests_due ON requests (status, due_at);

-- +goose Down
DROP INDEX requests_due;
DROP TABLE request_clock;
DROP TABLE referrals;
DROP TABLE assignment_rules;
DROP TABLE decisions;
