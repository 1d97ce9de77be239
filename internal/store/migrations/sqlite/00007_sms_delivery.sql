-- Durable SMS delivery (sqlite flavour; keep in step with ../postgres/00007_sms_delivery.sql).
--
-- claimed_by/claimed_until are a lease: an instance that takes due messages
-- marks them with its id until a time; another instance skips them until
-- the lease has run out, so a crash mid-send delays a message, never sends
-- it twice from two live instances.
-- priority orders the queue: 0 one-time codes, 1 the confirmation of a
-- request just made, 2 stage notices, which alone wait for quiet hours. state is the delivery state normalised across gateways (queued,
-- sent, delivered, undelivered, failed, expired), state_at when it last
-- changed; next_check is when to ask the gateway again (NULL: no more).

-- +goose Up
ALTER TABLE sms_outbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE sms_outbox ADD COLUMN claimed_until TIMESTAMP;
ALTER TABLE sms_outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 2;
ALTER TABLE sms_outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'queued';
ALTER TABLE sms_outbox ADD COLUMN state_at TIMESTAMP;
ALTER TABLE sms_outbox ADD COLUMN next_check TIMESTAMP;
ALTER TABLE sms_outbox ADD COLUMN checks INTEGER NOT NULL DEFAULT 0;
UPDATE sms_outbox SET priority = 0 WHERE kind IN ('otp', 'otp_counter');
UPDATE sms_outbox SET priority = 1 WHERE kind = 'registered';
UPDATE sms_outbox SET state = 'sent', state_at = sent_at WHERE status = 'sent';
UPDATE sms_outbox SET state = 'failed', state_at = created_at WHERE status = 'failed';
CREATE INDEX sms_claim ON sms_outbox (status, priority, not_before);
CREATE INDEX sms_check ON sms_outbox (next_check);

-- +goose Down
DROP INDEX sms_check;
DROP INDEX sms_claim;
ALTER TABLE sms_outbox DROP COLUMN checks;
ALTER TABLE sms_outbox DROP COLUMN next_check;
ALTER TABLE sms_outbox DROP COLUMN state_at;
ALTER TABLE sms_outbox DROP COLUMN state;
ALTER TABLE sms_outbox DROP COLUMN priority;
ALTER TABLE sms_outbox DROP COLUMN claimed_until;
ALTER TABLE sms_outbox DROP COLUMN claimed_by;
