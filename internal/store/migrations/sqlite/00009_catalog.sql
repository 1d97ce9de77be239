-- Catalog editing, versions, announcements and change subscriptions
-- (SQLite flavour; keep in step with ../postgres/00009_catalog.sql).
--
-- catalog_drafts holds the one open draft of each service: its revision is
-- the optimistic lock two editors save against. service_versions gains
-- what a published version changed (catalog.Change list as JSON) and who
-- published it. subscriptions keep the citizen's mobile sealed, with its
-- blind index for look-ups; unsubscribe links carry a random token whose
-- keyed hash only is kept (subscription_tokens), one per message sent.

-- +goose Up
CREATE TABLE catalog_drafts (
    code           TEXT PRIMARY KEY,
    is_new         BOOLEAN NOT NULL,
    base_version   INTEGER NOT NULL,             -- published version it started from; 0 for a new service
    revision       INTEGER NOT NULL,             -- optimistic lock: bumped by every save
    state          TEXT NOT NULL,                -- editing, review, scheduled
    card           TEXT NOT NULL,                -- desk.Service as JSON
    effective_at   TIMESTAMP,                    -- NULL: on approval
    updated_by     TEXT NOT NULL,                -- staff label
    updated_name   TEXT NOT NULL DEFAULT '',     -- staff name, for the conflict message
    updated_at     TIMESTAMP NOT NULL,
    submitted_by   TEXT NOT NULL DEFAULT '',     -- staff label of who sent it for review (four eyes)
    submitted_name TEXT NOT NULL DEFAULT '',
    review_note    TEXT NOT NULL DEFAULT '',
    approved_by    TEXT NOT NULL DEFAULT ''      -- staff name, while scheduled
);
CREATE INDEX catalog_drafts_due ON catalog_drafts (state, effective_at);

ALTER TABLE service_versions ADD COLUMN changes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE service_versions ADD COLUMN material BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE service_versions ADD COLUMN published_by TEXT NOT NULL DEFAULT '';

CREATE TABLE announcements (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    service_code  TEXT NOT NULL DEFAULT '', -- '' agency-wide
    service_title TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 0, -- 0: written by hand
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    at            TIMESTAMP NOT NULL,
    posted_by     TEXT NOT NULL
);
CREATE INDEX announcements_at ON announcements (at);
CREATE INDEX announcements_service ON announcements (service_code, at);

CREATE TABLE subscriptions (
    id           TEXT PRIMARY KEY,          -- random; in the code page's address
    service_code TEXT NOT NULL,
    mobile       TEXT NOT NULL,             -- sealed
    mobile_idx   TEXT NOT NULL,
    client       TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,                  -- NULL while the code is awaited
    ended_at     TIMESTAMP                   -- unsubscribed
);
CREATE INDEX subscriptions_service ON subscriptions (service_code, confirmed_at);
CREATE UNIQUE INDEX subscriptions_active ON subscriptions (service_code, mobile_idx)
    WHERE confirmed_at IS NOT NULL AND ended_at IS NULL;

CREATE TABLE subscription_tokens (
    token_hash      TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX subscription_tokens_sub ON subscription_tokens (subscription_id);

-- +goose Down
DROP TABLE subscription_tokens;
DROP TABLE subscriptions;
DROP TABLE announcements;
ALTER TABLE service_versions DROP COLUMN published_by;
ALTER TABLE service_versions DROP COLUMN material;
ALTER TABLE service_versions DROP COLUMN changes;
DROP TABLE catalog_drafts;
