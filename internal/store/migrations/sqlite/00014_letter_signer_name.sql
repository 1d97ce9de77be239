-- External signers (sqlite flavour; keep in step with ../postgres/00014_letter_signer_name.sql).
--
-- letters.signer_name is the signer of a letter signed outside Mizban,
-- as the agency's automation names them ("name, title"): such a signer
-- has no staff row, so signer_id stays NULL. Letters signed in Mizban
-- keep NULL here and take the name from their signer_id.

-- +goose Up
ALTER TABLE letters ADD COLUMN signer_name TEXT;

-- +goose Down
ALTER TABLE letters DROP COLUMN signer_name;
