-- SMS templates administrators edit (PostgreSQL flavour; keep in step with
-- ../sqlite/00006_sms_templates.sql). A kind without a row uses its built-in
-- default (internal/notice); an empty body keeps the default text but
-- still records whether the kind is sent at all.

-- +goose Up
CREATE TABLE sms_templates (
    kind       TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    enabled    BOOLEAN NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Non-essential notices a service does without (its requests get no SMS
-- of that kind; the tracking page still shows the event).
CREATE TABLE sms_service_optout (
    service_code TEXT NOT NULL,
    kind         TEXT NOT NULL,
    PRIMARY KEY (service_code, kind)
);

-- +goose Down
DROP TABLE sms_service_optout;
DROP TABLE sms_templates;
