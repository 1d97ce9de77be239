// Package auth signs staff in: argon2id passwords with a policy that blocks
// common ones, a TOTP second factor (RFC 6238) enrolled on first sign-in with
// single-use recovery codes, lockout with back-off per account plus a limit
// per client, and server-side sessions with idle and absolute timeouts. Every
// step is an audit record written in the same transaction as its effect.
//
// The pure parts (hashing, policy, TOTP, tokens) are plain functions; the
// use cases are methods on Service, which takes its clock from Now so tests
// can move time.
package auth
