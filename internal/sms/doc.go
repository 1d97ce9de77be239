// Package sms sends text messages to citizens through a Provider.
//
// The rest of Mizban sees only the Provider interface: the jobs worker takes
// a queued Message, calls Send once per attempt and records the provider's
// reference. Each Message carries our own id, which providers that can pass
// it on (Kavenegar's localid; the generic provider when its gateway has such
// a field) use so that a retried job never reaches the citizen twice
// (DOMAIN §5); sms.ir's bulk send has no such field (HonoursID reports it).
// The clients (kavenegar.go, smsir.go, generic.go, failover.go) are small
// net/http clients tested against local fakes in smsfake; Log prints a
// masked summary for development, and Fake records messages for tests.
//
// Parts counts how many SMS a text costs, so templates can be kept within
// one part and the editor can show a counter.
package sms
