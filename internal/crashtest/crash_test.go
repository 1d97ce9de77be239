package crashtest

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx": schema per run, and the read-only count
	_ "modernc.org/sqlite"             // "sqlite": the read-only count

	"mizban/internal/fa"
	"mizban/internal/sms/smsfake"
	"mizban/internal/store/storetest"
)

// envPostgres is the variable holding the PostgreSQL test DSN (as in
// internal/store/storetest).
const envPostgres = "MIZBAN_TEST_POSTGRES"

// The killer waits a random time in [killMin, killMax) after each restart.
// Kills every second or two made a run on a busy two-core CI machine spend
// most of its time on stranded leases (on PostgreSQL a restarted instance
// cannot tell its dead predecessor's leases from a live peer's, so they
// wait out the lease): a run still gets far more than the 20 kills it needs.
const (
	killMin = 2 * time.Second
	killMax = 7 * time.Second
)

// crashRun is one run: a database, a gateway, a load and the kills.
type crashRun struct {
	db        string // "sqlite" or "postgres"
	gateway   string // "kavenegar" (honours our id) or "smsir" (does not)
	requests  int
	clients   int
	minKills  int
	honoursID bool
}

func TestCrashSubmit(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped under -short: it builds the binary and kills it for minutes")
	}
	bin := binary(t)
	n := envInt("MIZBAN_CRASH_REQUESTS", 5000)
	// Many clients: a kill strands the messages the dead instance had
	// leased until the lease runs out, and the clients waiting for those
	// codes must not hold up the rest.
	clients := envInt("MIZBAN_CRASH_CLIENTS", 64)
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			if db == "postgres" && os.Getenv(envPostgres) == "" {
				t.Skip("PostgreSQL run skipped: set " + envPostgres +
					"='postgres://user@127.0.0.1:5432/db?sslmode=disable' to run it")
			}
			t.Run("kavenegar", func(t *testing.T) {
				run(t, bin, crashRun{db: db, gateway: "kavenegar", requests: n, clients: clients, minKills: 20, honoursID: true})
			})
			// The gateway without ids only reports its duplicates.
			t.Run("smsir", func(t *testing.T) {
				run(t, bin, crashRun{db: db, gateway: "smsir", requests: n, clients: clients, minKills: 20})
			})
		})
	}
}

// gatewayEnv starts the fake gateway of r and returns it with the
// server's variables that point at it.
func gatewayEnv(t *testing.T, gateway string) (inbox, map[string]string) {
	switch gateway {
	case "kavenegar":
		g := smsfake.NewKavenegarServer()
		t.Cleanup(g.Close)
		return g, map[string]string{
			"MIZBAN_SMS_PROVIDER":      "kavenegar",
			"MIZBAN_KAVENEGAR_URL":     g.URL,
			"MIZBAN_KAVENEGAR_API_KEY": smsfake.KavenegarKey,
			"MIZBAN_KAVENEGAR_SENDER":  "10004346",
		}
	case "smsir":
		g := smsfake.NewSMSIRServer()
		t.Cleanup(g.Close)
		return g, map[string]string{
			"MIZBAN_SMS_PROVIDER":  "smsir",
			"MIZBAN_SMSIR_URL":     g.BaseURL(),
			"MIZBAN_SMSIR_API_KEY": smsfake.SMSIRKey,
			"MIZBAN_SMSIR_LINE":    "30007732",
		}
	}
	t.Fatalf("unknown gateway %q", gateway)
	return nil, nil
}

func run(t *testing.T, bin string, r crashRun) {
	began := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	if d, ok := t.Deadline(); ok {
		ctx, cancel = context.WithDeadline(context.Background(), d.Add(-30*time.Second))
	}
	defer cancel()

	gw, env := gatewayEnv(t, r.gateway)
	dir := t.TempDir()
	addr := freeAddr(t)
	env["MIZBAN_SMS_QUIET"] = "off"
	env["MIZBAN_OTP_PER_CLIENT"] = "100000000"
	env["MIZBAN_OTP_PER_MOBILE"] = "1000"
	env["MIZBAN_LOOKUPS_PER_MINUTE"] = "100000000"
	args := []string{"serve", "--demo", "--addr", addr, "--data", filepath.Join(dir, "data"), "--base-url", "http://" + addr}
	dsn := filepath.Join(dir, "data", "mizban.db")
	if r.db == "postgres" {
		dsn = storetest.PostgresDSN(t)
		args = append(args, "--db", dsn)
	}
	srv := &server{bin: bin, addr: addr, logPath: filepath.Join(dir, "server.log"), args: args, env: childEnv(env)}
	t.Cleanup(srv.kill)
	if err := srv.start(ctx); err != nil {
		t.Fatal(err)
	}

	// The killer: SIGKILL at a random moment, restart on the same data
	// and port, again, until the clients are done and enough kills
	// happened (kills during the drain test the outbox too).
	clientsDone := make(chan struct{})
	var kills int
	killErr := make(chan error, 1)
	go func() {
		defer close(killErr)
		for kills < 1000 && ctx.Err() == nil {
			wait := killMin + rand.N(killMax-killMin)
			select {
			case <-clientsDone:
				if kills >= r.minKills {
					return
				}
				wait /= 4 // few kills left to do, and nothing else is waiting
			default:
			}
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return
			}
			srv.kill()
			kills++
			if err := srv.start(ctx); err != nil {
				killErr <- fmt.Errorf("restart after kill %d: %w", kills, err)
				return
			}
		}
	}()

	c := &client{
		base:  "http://" + addr,
		inbox: gw,
		http: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
			MaxIdleConnsPerHost: r.clients, IdleConnTimeout: 30 * time.Second,
		}},
	}
	runID := hex.EncodeToString(func() []byte { b := make([]byte, 4); crand.Read(b); return b }())
	citizens := make([]citizen, r.requests)
	outcomes := make([]outcome, r.requests)
	work := make(chan int)
	var wg sync.WaitGroup
	for range r.clients {
		wg.Go(func() {
			for i := range work {
				outcomes[i] = c.submit(ctx, citizens[i])
			}
		})
	}
	for i := range citizens {
		citizens[i] = newCitizen(runID, 1000000+i)
	}
	for i := range citizens {
		work <- i
	}
	close(work)
	wg.Wait()
	close(clientsDone)
	submitted := time.Since(began)
	if err := <-killErr; err != nil {
		t.Fatal(err)
	}
	if !srv.running() {
		if err := srv.start(ctx); err != nil {
			t.Fatal(err)
		}
	}

	var acked, failed, otherCodes, retries int
	for i, o := range outcomes {
		retries += o.retries
		otherCodes += len(o.otherCodes)
		switch {
		case o.err != nil:
			failed++
			if failed <= 5 {
				t.Errorf("%s: never acknowledged: %v", citizens[i].key, o.err)
			}
		case o.tracking != "":
			acked++
		}
	}

	// Drain: every acknowledged request's confirmation must reach the
	// gateway (its text carries the tracking code).
	missing := make(map[int]bool)
	for i, o := range outcomes {
		if o.tracking != "" {
			missing[i] = true
		}
	}
	drainEnd := time.Now().Add(4 * time.Minute)
	for len(missing) > 0 && time.Now().Before(drainEnd) && ctx.Err() == nil {
		for i := range missing {
			for _, d := range gw.DeliveriesTo(citizens[i].mobile) {
				if strings.Contains(fa.ASCIIDigits(d.Text), outcomes[i].tracking) {
					delete(missing, i)
					break
				}
			}
		}
		if len(missing) > 0 {
			time.Sleep(250 * time.Millisecond)
		}
	}
	drained := time.Since(began)

	// Lost: an acknowledged tracking code the desk does not know.
	var lost int
	var mu sync.Mutex
	idx := make(chan int)
	var tw sync.WaitGroup
	for range r.clients {
		tw.Go(func() {
			for i := range idx {
				if err := c.track(ctx, outcomes[i].tracking, citizens[i].mobile); err != nil {
					mu.Lock()
					lost++
					if lost <= 5 {
						t.Errorf("acknowledged request lost: %v", err)
					}
					mu.Unlock()
				}
			}
		})
	}
	for i, o := range outcomes {
		if o.tracking != "" {
			idx <- i
		}
	}
	close(idx)
	tw.Wait()
	srv.stop()

	// Duplicates in the database: one request per applicant's mobile.
	rows, dupRequests := countRequests(t, r.db, dsn)

	// Duplicates at the gateway: the same text to the same number twice.
	sends := 0
	if s, ok := gw.(interface{ Sends() int }); ok {
		sends = s.Sends()
	}
	seen := make(map[string]int)
	byLocal := make(map[string]int)
	for _, d := range gw.Deliveries() {
		seen[d.To+"\x00"+d.Text]++
		if d.LocalID != "" {
			byLocal[d.LocalID]++
		}
	}
	var gwDups int
	for _, n := range seen {
		gwDups += n - 1
	}
	for _, n := range byLocal {
		gwDups += n - 1 // the fake drops these; counted in case it ever does not
	}

	t.Logf("crash %s/%s: requests=%d acknowledged=%d kills=%d restarts=%d client_retries=%d lost=%d "+
		"duplicate_requests=%d rows=%d missing_confirmation_sms=%d gateway_sends=%d gateway_duplicates=%d "+
		"submit=%s drain=%s total=%s",
		r.db, r.gateway, r.requests, acked, kills, srv.starts-1, retries, lost, dupRequests+otherCodes, rows,
		len(missing), sends, gwDups, submitted.Round(time.Second), (drained - submitted).Round(time.Second),
		time.Since(began).Round(time.Second))
	if !r.honoursID {
		perKill := 0.0
		if kills > 0 {
			perKill = float64(gwDups) / float64(kills)
		}
		t.Logf("crash %s/%s: gateway without ids: %d duplicate messages over %d kills (%.2f per kill)",
			r.db, r.gateway, gwDups, kills, perKill)
	}

	if kills < r.minKills {
		t.Errorf("kills = %d; want at least %d", kills, r.minKills)
	}
	if failed > 0 {
		t.Errorf("%d of %d requests never acknowledged", failed, r.requests)
	}
	if lost > 0 {
		t.Errorf("%d acknowledged requests lost", lost)
	}
	if dupRequests+otherCodes > 0 {
		t.Errorf("duplicate requests: %d in the database, %d repeats answered another tracking code", dupRequests, otherCodes)
	}
	if rows < acked || rows > acked+failed {
		t.Errorf("requests in the database = %d; want %d (one per acknowledged request)", rows, acked)
	}
	if len(missing) > 0 {
		for i := range missing {
			t.Errorf("%s: confirmation SMS for %s never reached the gateway (and %d more)", citizens[i].key, outcomes[i].tracking, len(missing)-1)
			break
		}
	}
	if r.honoursID && gwDups > 0 {
		t.Errorf("gateway honouring our ids got %d duplicate messages; want 0", gwDups)
	}
	if t.Failed() {
		t.Logf("outbox:\n%s", outboxSummary(r.db, dsn))
		for i := range missing {
			for _, d := range gw.DeliveriesTo(citizens[i].mobile) {
				t.Logf("delivered to %s: %q", d.To, d.Text)
			}
			break
		}
		t.Logf("server log (tail):\n%s", srv.logTail())
	}
}

// outboxSummary counts the outbox by kind, status and last error, for a
// failure message.
func outboxSummary(db, dsn string) string {
	driver, src := "sqlite", "file:"+dsn+"?mode=ro"
	if db == "postgres" {
		driver, src = "pgx", dsn
	}
	conn, err := sql.Open(driver, src)
	if err != nil {
		return err.Error()
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT kind, status, last_error, COUNT(*), MIN(attempts), MAX(attempts)
		FROM sms_outbox GROUP BY kind, status, last_error ORDER BY kind, status`)
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var kind, status, lastErr string
		var n, minA, maxA int
		if err := rows.Scan(&kind, &status, &lastErr, &n, &minA, &maxA); err != nil {
			return err.Error()
		}
		fmt.Fprintf(&b, "  %s %s ×%d attempts %d–%d %.120s\n", kind, status, n, minA, maxA, lastErr)
	}
	return b.String()
}

// countRequests opens the stopped server's database read-only and counts
// the requests that came through the API and how many applicants have more
// than one (each test applicant has its own mobile).
func countRequests(t *testing.T, db, dsn string) (rows, dups int) {
	driver, src := "sqlite", "file:"+dsn+"?mode=ro"
	if db == "postgres" {
		driver, src = "pgx", dsn
	}
	conn, err := sql.Open(driver, src)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	q := `SELECT COUNT(*), COALESCE(SUM(n - 1), 0) FROM
	        (SELECT mobile_idx, COUNT(*) AS n FROM requests WHERE channel = 'api' GROUP BY mobile_idx) AS per_mobile`
	if err := conn.QueryRow(q).Scan(&rows, &dups); err != nil {
		t.Fatalf("count requests: %v", err)
	}
	// rows counted mobiles; the requests are mobiles plus repeats.
	return rows + dups, dups
}
