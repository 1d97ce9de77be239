-- The working calendar as data an administrator manages (PostgreSQL flavour;
-- keep in step with ../sqlite/00005_calendar.sql). Dates are Jalali text
-- "1405/01/01" (zero-padded, so they sort like dates); hours are "07:30".
-- Empty tables mean "not seeded yet": the first start fills them from the
-- shipped table and the start-up flags.

-- +goose Up
CREATE TABLE calendar_workdays (
    weekday INTEGER PRIMARY KEY CHECK (weekday BETWEEN 0 AND 6), -- time.Weekday: 0 Sunday … 6 Saturday
    working BOOLEAN NOT NULL,
    opens   TEXT NOT NULL DEFAULT '',
    closes  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE calendar_holidays (
    date TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE calendar_closures (
    date       TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Working days (calendar days for round-the-clock services) an event added
-- to its request's promised date: an extension, a paused clock. Recomputing
-- a promised date after a calendar change counts them again.
ALTER TABLE events ADD COLUMN added_days INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE events DROP COLUMN added_days;
DROP TABLE calendar_closures;
DROP TABLE calendar_holidays;
DROP TABLE calendar_workdays;
