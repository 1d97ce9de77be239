-- Outbound webhooks (sqlite flavour; keep in step with ../postgres/00013_webhooks.sql).
--
-- webhook_endpoints: one receiver each. events is the space-separated list
-- of subscribed event types; secrets the sealed JSON list of signing secrets
-- (the current one without expiry, replaced ones until their overlap ends).
-- allow_private lets the endpoint's host be on the agency's network.
-- failing_since is the first failure since the last success; disabled_at is
-- set when the endpoint was switched off (after 3 days of failures, or by
-- an administrator), and active then false.
--
-- webhook_deliveries: one event for one endpoint, written in the same
-- transaction as the event; seq is the order they were made in. id is the webhook-id (the same for every
-- endpoint and every retry of the event). claimed_by/claimed_until lease a
-- delivery to one worker instance, as sms_outbox does. A delivery waits
-- while an older one of the same request and endpoint is pending.
-- webhook_attempts: what each try got back, for the delivery log.

-- +goose Up
CREATE TABLE webhook_endpoints (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    url           TEXT NOT NULL,
    events        TEXT NOT NULL,
    secrets       TEXT NOT NULL,
    active        BOOLEAN NOT NULL,
    allow_private BOOLEAN NOT NULL,
    failing_since TIMESTAMP,
    disabled_at   TIMESTAMP,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE webhook_deliveries (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT, -- claim and send order
    id            TEXT NOT NULL,
    endpoint_id   INTEGER NOT NULL REFERENCES webhook_endpoints (id),
    request_id    INTEGER,
    event_type    TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    attempts      INTEGER NOT NULL,
    next_at       TIMESTAMP NOT NULL,
    status        TEXT NOT NULL,            -- pending, delivered, failed
    last_code     INTEGER NOT NULL,         -- HTTP status of the last attempt, 0: none
    last_error    TEXT NOT NULL,
    claimed_by    TEXT NOT NULL,
    claimed_until TIMESTAMP,
    UNIQUE (id, endpoint_id)
);
CREATE INDEX webhook_due ON webhook_deliveries (status, next_at);
CREATE INDEX webhook_order ON webhook_deliveries (endpoint_id, request_id, status);

CREATE TABLE webhook_attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id TEXT NOT NULL,
    endpoint_id INTEGER NOT NULL,
    attempt     INTEGER NOT NULL,
    at          TIMESTAMP NOT NULL,
    code        INTEGER NOT NULL,
    error       TEXT NOT NULL
);

-- +goose Down
DROP TABLE webhook_attempts;
DROP INDEX webhook_order;
DROP INDEX webhook_due;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_endpoints;
