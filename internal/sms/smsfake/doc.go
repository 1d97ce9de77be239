// Package smsfake holds local stand-ins for SMS gateways: httptest servers
// that follow Kavenegar's and sms.ir's documented request and reply shapes,
// error replies included, and a recording server for the generic provider.
//
// They record every message they deliver, per receptor and in order, so
// tests (and the crash and outage tests) can count losses and duplicates.
// Kavenegar's fake drops a repeat with the same localid, as the real
// gateway promises; sms.ir's cannot, as the real one cannot.
//
// Faults makes a server misbehave: fail the next sends, go down, lose
// replies after delivering, hang, or redirect.
package smsfake
