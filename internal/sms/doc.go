// Package sms sends text messages to citizens through a Provider.
//
// The rest of Mizban sees only the Provider interface: the jobs worker takes
// a queued Message, calls Send once per attempt and records the provider's
// reference. Each Message carries our own id, which real providers will pass
// on (Kavenegar localid, sms.ir clientReferenceId…) so that a retried job
// never reaches the citizen twice (DOMAIN §5). Real providers are small
// net/http clients added later beside this file; Log prints a masked summary
// for development, and Fake records messages for tests.
//
// Parts counts how many SMS a text costs, so templates can be kept within
// one part and the editor can show a counter.
package sms
