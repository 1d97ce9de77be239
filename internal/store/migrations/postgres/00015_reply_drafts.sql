-- Reply drafts (postgres flavour; keep in step with ../sqlite/00015_reply_drafts.sql).
--
-- reply_drafts: the reply to a request registered as an incoming letter,
-- drafted by an officer for the unit's manager to sign (پیش‌نویس → امضا).
-- One draft per request: saving again replaces it (staff_id and at say who
-- drafted it last and when; event_id is the staff-only timeline event of
-- that save). The manager's answer deletes it in its own transaction.
--
-- decisions.drafted_by keeps who drafted an answer once the draft is gone;
-- NULL for answers written by the person who signed them.

-- +goose Up
CREATE TABLE reply_drafts (
    request_id  BIGINT PRIMARY KEY REFERENCES requests (id),
    text        TEXT NOT NULL,
    legal_basis TEXT NOT NULL DEFAULT '',
    staff_id    BIGINT NOT NULL REFERENCES staff (id),
    event_id    BIGINT NOT NULL REFERENCES events (id),
    at          TIMESTAMPTZ NOT NULL
);
ALTER TABLE decisions ADD COLUMN drafted_by BIGINT REFERENCES staff (id);

-- +goose Down
ALTER TABLE decisions DROP COLUMN drafted_by;
DROP TABLE reply_drafts;
