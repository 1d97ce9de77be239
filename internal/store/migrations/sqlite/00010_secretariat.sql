-- The built-in secretariat (SQLite flavour; keep in step with
-- ../postgres/00010_secretariat.sql).
--
-- Each secretariat numbers its letters in one series per direction
-- (incoming, outgoing, internal) and Jalali year. letter_counters holds the
-- next number of each series: RegisterLetter creates the row (INSERT … ON
-- CONFLICT DO NOTHING) and takes a number with UPDATE … RETURNING (on
-- SQLite the single writer makes registrations wait for each other; on
-- PostgreSQL the row lock does), in the caller's transaction, so a
-- rollback gives the number back and the series has no gaps. Numbers are
-- rendered in Go by the secretariat's format (ASCII digits) and stored;
-- the unique keys are the last guard against a repeat.

-- +goose Up
CREATE TABLE secretariats (
    code            TEXT PRIMARY KEY,         -- {code} in formats
    name            TEXT NOT NULL,
    incoming_format TEXT NOT NULL,            -- e.g. {year}/{seq}/و
    outgoing_format TEXT NOT NULL,
    internal_format TEXT NOT NULL,
    active          BOOLEAN NOT NULL
);

CREATE TABLE letter_counters (
    secretariat TEXT NOT NULL REFERENCES secretariats (code),
    direction   TEXT NOT NULL,                -- incoming, outgoing, internal
    year        INTEGER NOT NULL,             -- Jalali year
    next_seq    BIGINT NOT NULL,
    PRIMARY KEY (secretariat, direction, year)
);

CREATE TABLE letters (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    secretariat    TEXT NOT NULL REFERENCES secretariats (code),
    direction      TEXT NOT NULL,
    number         TEXT NOT NULL,
    seq            BIGINT NOT NULL,
    year           INTEGER NOT NULL,          -- Jalali year of registered_at in Tehran
    registered_at  TIMESTAMP NOT NULL,
    subject        TEXT NOT NULL,
    request_id     BIGINT REFERENCES requests (id),
    in_reply_to    BIGINT REFERENCES letters (id), -- عطف
    signer_id      BIGINT REFERENCES staff (id),
    shams_id       TEXT,                      -- national document id; NULL when none
    classification TEXT NOT NULL,             -- normal, confidential, highly_confidential
    priority       TEXT NOT NULL,             -- normal, urgent, immediate
    created_by     TEXT NOT NULL,             -- actor label
    UNIQUE (secretariat, direction, year, seq),
    UNIQUE (secretariat, direction, number)
);
CREATE INDEX letters_request ON letters (request_id, registered_at);
CREATE INDEX letters_reply ON letters (in_reply_to);
CREATE UNIQUE INDEX letters_shams ON letters (shams_id);

-- +goose Down
DROP TABLE letters;
DROP TABLE letter_counters;
DROP TABLE secretariats;
