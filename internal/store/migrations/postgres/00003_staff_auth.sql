-- Staff identity and signing in, PostgreSQL flavour. Keep table and column
-- names in step with ../sqlite/00003_staff_auth.sql: a test compares them.
--
-- staff_roles and staff_units are the truth about what a person may do and
-- where; staff.role, staff.unit_code and staff.title keep the first role and
-- the first membership, in step, for the citizen's view of who holds a file.

-- +goose Up
CREATE TABLE staff_roles (
    staff_id BIGINT NOT NULL REFERENCES staff (id),
    role     TEXT NOT NULL,
    PRIMARY KEY (staff_id, role)
);

CREATE TABLE staff_units (
    staff_id  BIGINT NOT NULL REFERENCES staff (id),
    unit_code TEXT NOT NULL,
    title     TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL DEFAULT 0, -- order of the memberships; 0 is the main one
    PRIMARY KEY (staff_id, unit_code)
);
CREATE INDEX staff_units_unit ON staff_units (unit_code);

-- One row per person who has ever had a password.
CREATE TABLE staff_credentials (
    staff_id            BIGINT PRIMARY KEY REFERENCES staff (id),
    password_hash       TEXT NOT NULL,            -- argon2id, PHC string
    password_changed_at TIMESTAMPTZ NOT NULL,
    demo_password       BOOLEAN NOT NULL,         -- a published demo password: refused outside demo mode
    totp_secret         TEXT NOT NULL DEFAULT '', -- sealed; pending until totp_enrolled
    totp_enrolled       BOOLEAN NOT NULL,
    totp_last_step      BIGINT NOT NULL DEFAULT 0, -- newest time step used: no replay
    recovery_codes      TEXT NOT NULL DEFAULT '', -- SHA-256 hex of unused codes, comma-separated
    failed_count        INTEGER NOT NULL DEFAULT 0,
    locked_until        TIMESTAMPTZ
);

-- Server-side sessions: the cookie holds a random token, the row its hash.
CREATE TABLE sessions (
    token_hash      TEXT PRIMARY KEY,
    staff_id        BIGINT NOT NULL REFERENCES staff (id),
    stage           TEXT NOT NULL, -- 'totp', 'enroll' (second step pending) or 'ok'
    created_at      TIMESTAMPTZ NOT NULL,
    last_seen_at    TIMESTAMPTZ NOT NULL,
    absolute_expiry TIMESTAMPTZ NOT NULL,
    client          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_staff ON sessions (staff_id);
CREATE INDEX sessions_expiry ON sessions (absolute_expiry);

-- Staff seeded before this migration keep their one role and unit.
INSERT INTO staff_roles (staff_id, role) SELECT id, role FROM staff WHERE role <> '';
INSERT INTO staff_units (staff_id, unit_code, title, position)
    SELECT id, unit_code, title, 0 FROM staff WHERE unit_code <> '';

-- +goose Down
DROP TABLE sessions;
DROP TABLE staff_credentials;
DROP TABLE staff_units;
DROP TABLE staff_roles;
