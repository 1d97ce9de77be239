-- Short SMS links and per-citizen SMS order (postgres flavour; keep in step with ../sqlite/00008_sms_order_links.sql).
--
-- requests.link_token is the random token of the request's short link
-- (<host>/t/<token>), never derived from the tracking code. Rows from
-- before this migration stay NULL (portable SQL cannot draw random
-- tokens) and get one in Go the first time a message needs it
-- (store.Tx.LinkToken); NULLs do not clash in a unique index.
-- sms_outbox.recipient_key is the keyed blind index of the recipient's
-- mobile, so a citizen's notices go in order across all their requests.
-- Rows from before keep the per-request order they were queued under.
-- sms_recipient serves the claim's look-up of a citizen's older pending
-- notices; priority is in it so SQLite prefers it to sms_claim (which
-- would scan every pending message once per candidate).

-- +goose Up
ALTER TABLE requests ADD COLUMN link_token TEXT;
CREATE UNIQUE INDEX requests_link_token ON requests (link_token);
ALTER TABLE sms_outbox ADD COLUMN recipient_key TEXT NOT NULL DEFAULT '';
UPDATE sms_outbox SET recipient_key = 'request:' || CAST(request_id AS TEXT) WHERE request_id IS NOT NULL;
CREATE INDEX sms_recipient ON sms_outbox (recipient_key, status, priority, created_at);

-- +goose Down
DROP INDEX sms_recipient;
ALTER TABLE sms_outbox DROP COLUMN recipient_key;
DROP INDEX requests_link_token;
ALTER TABLE requests DROP COLUMN link_token;
