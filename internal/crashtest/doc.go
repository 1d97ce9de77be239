// Package crashtest holds the tests that prove Mizban's SMS promise holds
// under crashes and gateway outages. It has no code of its own; everything
// is in its _test.go files.
//
// TestCrashSubmit builds the real binary (go build ./cmd/mizban, with the
// GOFLAGS of the environment), starts a local fake SMS gateway in the test
// process and runs `mizban serve --demo` as a child process on 127.0.0.1.
// Clients submit thousands of applications through the JSON API, each with
// its own Idempotency-Key and mobile number, read the one-time code from the
// fake gateway and confirm, retrying the same request on every network
// error or 5xx. Meanwhile the server is killed with SIGKILL at random
// moments (at least 20 times) and restarted on the same data and port.
// Then the outbox drains and the test checks:
//
//   - no acknowledged request is lost: every tracking code a client got is
//     found again through POST /api/v1/track;
//   - no request is duplicated: one tracking code per Idempotency-Key, and
//     one request per applicant in the database;
//   - every request's confirmation SMS reached the gateway;
//   - at Kavenegar, which honours our message id (localid), no message
//     arrived twice.
//
// A second run against the sms.ir fake, whose gateway cannot drop repeats,
// reports how many duplicates the kills caused (it logs them; it does not
// fail on them). The runs use SQLite always and PostgreSQL when
// MIZBAN_TEST_POSTGRES holds a DSN (a fresh schema per run, dropped after).
//
// TestGatewayOutage runs in process: the gateway is down while notices for
// several citizens queue up, then recovers; everything queued is delivered,
// in order per citizen, none twice. It steps the dispatcher with an
// injected clock, so it waits for no real back-off.
//
// Run them alone with
//
//	go test ./internal/crashtest/ -run 'TestCrashSubmit|TestGatewayOutage' -v
//	MIZBAN_TEST_POSTGRES='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' go test ./internal/crashtest/ -v
//
// The crash test is skipped under -short. Each of its runs takes two to
// eight minutes on two cores, depending on what else runs: on PostgreSQL a
// kill strands the messages the dead instance had leased, and they wait
// for the lease to run out (a minute) before another instance sends them
// (on SQLite the restarted instance hands them back at start). MIZBAN_CRASH_REQUESTS sets
// the requests per run (default 5000, the floor the issue sets) and
// MIZBAN_CRASH_CLIENTS the concurrent clients (default 64). Each run logs
// a summary line: requests, kills, lost, duplicates, gateway sends and
// duplicates, durations. The server binary is built without -race even
// when the tests run with it: the point is the crashes, not the speed.
package crashtest
