-- Integration API clients (sqlite flavour; keep in step with
-- ../postgres/00012_api_clients.sql).
--
-- A client's token is shown once; only its keyed hash (vault index) is
-- stored, with a short prefix so administrators can tell tokens apart.
-- Each client acts on requests as its own staff row (staff_id), which has
-- no credentials and never signs in, so events, referrals and the audit
-- log name it like any other actor. units is a space-separated list of
-- unit codes the client is limited to ('' for every unit).
-- api_idempotency keeps the first answer of each Idempotency-Key per
-- client, so a repeated POST returns it instead of acting twice.

-- +goose Up
CREATE TABLE api_clients (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    token_prefix TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    scopes       TEXT NOT NULL,               -- space-separated
    units        TEXT NOT NULL,               -- space-separated; '' = all
    staff_id     BIGINT NOT NULL REFERENCES staff (id),
    created_at   TIMESTAMP NOT NULL,
    created_by   TEXT NOT NULL,               -- actor label
    revoked_at   TIMESTAMP,                  -- NULL while in force
    last_used_at TIMESTAMP
);

CREATE TABLE api_idempotency (
    client_id  BIGINT NOT NULL REFERENCES api_clients (id),
    idem_key   TEXT NOT NULL,
    route      TEXT NOT NULL,                 -- method and path it was used on
    body_hash  TEXT NOT NULL,                 -- SHA-256 of the body
    status     INTEGER NOT NULL,
    response   TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (client_id, idem_key)
);

-- +goose Down
DROP TABLE api_idempotency;
DROP TABLE api_clients;
