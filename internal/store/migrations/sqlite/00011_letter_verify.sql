-- Letter verification tokens (sqlite flavour; keep in step with ../postgres/00011_letter_verify.sql).
--
-- letters.verify_token is the random token of a letter's public
-- verification page (/v/<token>, the QR code on the printed letter),
-- drawn in Go when an outgoing answer is registered, never derived from
-- the letter's number. Letters without a page keep NULL; NULLs do not
-- clash in a unique index.

-- +goose Up
ALTER TABLE letters ADD COLUMN verify_token TEXT;
CREATE UNIQUE INDEX letters_verify_token ON letters (verify_token);

-- +goose Down
DROP INDEX letters_verify_token;
ALTER TABLE letters DROP COLUMN verify_token;
