-- Mizban's first schema, SQLite flavour. Keep table and column names in step
-- with ../postgres/00001_init.sql: a test compares the two.
-- Times are TIMESTAMP (modernc scans them into time.Time) and always UTC.
-- Columns holding sealed personal data are marked "sealed": base64 of a
-- vault ciphertext bound to its row.

-- +goose Up
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE units (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    parent TEXT NOT NULL DEFAULT ''
);

-- AUTOINCREMENT so an id is never reused after a delete: audit records and
-- SMS texts refer to ids.
CREATE TABLE staff (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    username  TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    title     TEXT NOT NULL DEFAULT '',
    unit_code TEXT NOT NULL DEFAULT '',
    role      TEXT NOT NULL DEFAULT '',
    active    BOOLEAN NOT NULL
);
CREATE INDEX staff_unit ON staff (unit_code);

CREATE TABLE services (
    code        TEXT PRIMARY KEY,
    version     INTEGER NOT NULL,
    parent_code TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    category    TEXT NOT NULL DEFAULT '',
    audience    TEXT NOT NULL DEFAULT '', -- ",slug,slug," for LIKE '%,slug,%'
    online      BOOLEAN NOT NULL,
    popularity  INTEGER NOT NULL DEFAULT 0,
    search      TEXT NOT NULL,            -- fa.SearchKey of the searchable fields
    card        TEXT NOT NULL,            -- desk.Service as JSON
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX services_order ON services (popularity DESC, title);
CREATE INDEX services_parent ON services (parent_code);

CREATE TABLE service_versions (
    code         TEXT NOT NULL,
    version      INTEGER NOT NULL,
    card         TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE TABLE requests (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    tracking_code   TEXT NOT NULL UNIQUE,
    service_code    TEXT NOT NULL,
    service_version INTEGER NOT NULL,
    service_title   TEXT NOT NULL,
    kind            TEXT NOT NULL,
    channel         TEXT NOT NULL,
    status          TEXT NOT NULL,
    people          TEXT NOT NULL, -- sealed: applicant and representative
    answers         TEXT NOT NULL, -- sealed
    national_id_idx TEXT NOT NULL DEFAULT '',
    mobile_idx      TEXT NOT NULL DEFAULT '',
    rep_mobile_idx  TEXT NOT NULL DEFAULT '',
    submitted_at    TIMESTAMP NOT NULL,
    due_at          TIMESTAMP,
    unit_code       TEXT NOT NULL DEFAULT '',
    assignee_id     INTEGER REFERENCES staff (id),
    idempotency_key TEXT UNIQUE,   -- NULL when the client sent none
    version         INTEGER NOT NULL
);
CREATE INDEX requests_national_id ON requests (national_id_idx);
CREATE INDEX requests_mobile ON requests (mobile_idx);
CREATE INDEX requests_rep_mobile ON requests (rep_mobile_idx);
CREATE INDEX requests_unit ON requests (unit_code, status, submitted_at);
CREATE INDEX requests_assignee ON requests (assignee_id, status);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    at         TIMESTAMP NOT NULL,
    type       TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT '',
    unit_code  TEXT NOT NULL DEFAULT '',
    staff_id   INTEGER REFERENCES staff (id),
    actor      TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    internal   BOOLEAN NOT NULL
);
CREATE INDEX events_request ON events (request_id, at);

CREATE TABLE drafts (
    id              TEXT PRIMARY KEY,
    service_code    TEXT NOT NULL,
    service_version INTEGER NOT NULL,
    data            TEXT NOT NULL, -- sealed
    mobile_idx      TEXT NOT NULL DEFAULT '',
    client          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    request_id      INTEGER REFERENCES requests (id)
);
CREATE INDEX drafts_expiry ON drafts (expires_at) WHERE request_id IS NULL;

CREATE TABLE documents (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id   TEXT REFERENCES drafts (id),
    request_id INTEGER REFERENCES requests (id),
    doc_key    TEXT NOT NULL,
    name       TEXT NOT NULL, -- sealed
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    store_key  TEXT NOT NULL,
    CHECK ((draft_id IS NULL) <> (request_id IS NULL))
);
CREATE INDEX documents_draft ON documents (draft_id);
CREATE INDEX documents_request ON documents (request_id);

CREATE TABLE otps (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    purpose    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    mobile_idx TEXT NOT NULL DEFAULT '',
    client     TEXT NOT NULL DEFAULT '',
    code_hash  TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    tries      INTEGER NOT NULL DEFAULT 0,
    used_at    TIMESTAMP
);
CREATE INDEX otps_subject ON otps (purpose, subject, created_at);
CREATE INDEX otps_mobile ON otps (mobile_idx, created_at);
CREATE INDEX otps_client ON otps (client, created_at);

CREATE TABLE sms_outbox (
    id           TEXT PRIMARY KEY,
    recipient    TEXT NOT NULL, -- sealed
    body         TEXT NOT NULL, -- sealed: may hold a one-time code
    kind         TEXT NOT NULL,
    request_id   INTEGER REFERENCES requests (id),
    dedupe_key   TEXT UNIQUE,   -- NULL when none
    created_at   TIMESTAMP NOT NULL,
    not_before   TIMESTAMP NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    status       TEXT NOT NULL,
    sent_at      TIMESTAMP,
    provider     TEXT NOT NULL DEFAULT '',
    provider_ref TEXT NOT NULL DEFAULT '',
    last_error   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sms_due ON sms_outbox (status, not_before);
CREATE INDEX sms_request ON sms_outbox (request_id);
CREATE INDEX sms_created ON sms_outbox (created_at);

-- +goose Down
DROP TABLE sms_outbox;
DROP TABLE otps;
DROP TABLE documents;
DROP TABLE drafts;
DROP TABLE events;
DROP TABLE requests;
DROP TABLE service_versions;
DROP TABLE services;
DROP TABLE staff;
DROP TABLE units;
DROP TABLE meta;
