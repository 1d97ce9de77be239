-- The audit log: append-only and hash-chained (see internal/audit). One
-- head row serialises appends: each takes the next sequence number and the
-- previous hash under the head row's lock, inside the action's transaction.

-- +goose Up
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    seq       BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash) VALUES (1, 0, '');

CREATE TABLE audit_log (
    seq     BIGINT PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT NOT NULL DEFAULT '',
    result  TEXT NOT NULL,
    client  TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '',
    prev    TEXT NOT NULL,
    hash    TEXT NOT NULL
);
CREATE INDEX audit_actor ON audit_log (actor, seq);
CREATE INDEX audit_target ON audit_log (target, seq);
CREATE INDEX audit_action ON audit_log (action, seq);
CREATE INDEX audit_at ON audit_log (at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE audit_head;
