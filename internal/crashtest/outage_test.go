package crashtest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/jobs"
	"mizban/internal/sms"
	"mizban/internal/sms/smsfake"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

// TestGatewayOutage: the gateway is down while notices for several
// citizens queue up at different moments, then it recovers, losing the
// first replies on the way back. Everything queued must be delivered, in
// order per citizen, none twice. Each citizen has several requests and
// consecutive notices are about different ones, so only order per
// citizen (not per request) passes. The dispatcher runs on an injected
// clock stepped a second at a time, so back-off with jitter decides the
// order of retries, as it would in real time.
func TestGatewayOutage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		gw := smsfake.NewKavenegarServer()
		defer gw.Close()
		p := sms.NewKavenegar(sms.KavenegarConfig{APIKey: smsfake.KavenegarKey, Sender: "10004346", BaseURL: gw.URL, Timeout: 5 * time.Second})
		d := jobs.NewDispatcher(st, p, slog.New(slog.NewTextHandler(io.Discard, nil)))
		// 10:00 in Tehran: no quiet hours to hold the notices back.
		now := time.Date(2026, 1, 10, 6, 30, 0, 0, time.UTC)
		d.Now = func() time.Time { return now }

		const citizens, perCitizen = 6, 3
		reqs := make([][]int64, citizens)
		for c := range citizens {
			for range perCitizen {
				reqs[c] = append(reqs[c], createRequest(t, st, c, now))
			}
		}
		// Notice k of every citizen is queued at these offsets into the
		// outage; later ones meet earlier ones still backing off.
		offsets := []time.Duration{0, 3 * time.Second, 20 * time.Second, 95 * time.Second, 4 * time.Minute, 9 * time.Minute}
		want := make(map[string][]string)
		gw.Down(502)
		start := now
		const outage = 10 * time.Minute
		next := 0
		for step := 0; now.Sub(start) < outage; step++ {
			for next < len(offsets) && now.Sub(start) >= offsets[next] {
				for c := range citizens {
					req := next % perCitizen
					text := fmt.Sprintf("پیام %d درباره درخواست %d شهروند %d", next+1, req+1, c+1)
					enqueue(t, st, now, reqs[c][req], mobileOf(c), text, fmt.Sprintf("outage:%d:%d", c, next))
					want[mobileOf(c)] = append(want[mobileOf(c)], text)
				}
				next++
			}
			d.RunOnce(ctx)
			now = now.Add(time.Second)
		}
		if n := len(gw.Deliveries()); n != 0 {
			t.Fatalf("%d messages delivered while the gateway was down", n)
		}
		failedSends := gw.Sends()
		if failedSends < citizens*len(offsets) {
			t.Fatalf("only %d sends tried during the outage; want at least one per message (%d)", failedSends, citizens*len(offsets))
		}

		gw.Up()
		gw.LoseNext(3) // delivered, but the replies never come back
		total := citizens * len(offsets)
		for step := 0; step < 4*3600 && len(gw.Deliveries()) < total; step++ {
			d.RunOnce(ctx)
			now = now.Add(time.Second)
		}
		// A few more rounds: a repeat would show up now.
		for range 120 {
			d.RunOnce(ctx)
			now = now.Add(time.Second)
		}

		got := make(map[string][]string)
		for _, x := range gw.Deliveries() {
			got[x.To] = append(got[x.To], x.Text)
		}
		for c := range citizens {
			m := mobileOf(c)
			if !slices.Equal(got[m], want[m]) {
				t.Errorf("citizen %d got\n  %q\nwant, in this order and once each,\n  %q", c+1, got[m], want[m])
			}
		}
		pending, err := st.DueSMS(ctx, now.Add(48*time.Hour), 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) != 0 {
			t.Errorf("%d messages still pending after recovery", len(pending))
		}
		t.Logf("outage %s: %d messages to %d citizens (%d requests each), %d sends tried (%d during the outage), %d delivered",
			st.Dialect(), total, citizens, perCitizen, gw.Sends(), failedSends, len(gw.Deliveries()))
	})
}

func mobileOf(c int) string { return fmt.Sprintf("0935000%04d", c) }

// createRequest stores a request of citizen c, whose notices the test
// queues; the outbox keeps a citizen's notices in order across requests.
func createRequest(t *testing.T, st *store.Store, c int, at time.Time) int64 {
	t.Helper()
	code, err := desk.NewTrackingCode()
	if err != nil {
		t.Fatal(err)
	}
	r := &desk.Request{
		TrackingCode: code, ServiceCode: "17051370001", ServiceVersion: 1,
		ServiceTitle: "ثبت شکایت", Kind: desk.KindComplaint, Channel: desk.ChannelWeb, Status: desk.StatusSubmitted,
		Applicant:   desk.Person{Name: "مریم آزمون", NationalID: nationalID(c), Mobile: mobileOf(c)},
		Answers:     map[string]string{"details": "آزمون قطعی درگاه"},
		SubmittedAt: at, DueAt: at.Add(72 * time.Hour), UnitCode: "complaints",
	}
	if err := st.InTx(context.Background(), func(tx *store.Tx) error { return tx.CreateRequest(context.Background(), r) }); err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func enqueue(t *testing.T, st *store.Store, at time.Time, req int64, to, text, key string) {
	t.Helper()
	ctx := context.Background()
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.EnqueueSMS(ctx, &store.OutSMS{To: to, Text: text, Kind: "answered", RequestID: req, DedupeKey: key, CreatedAt: at, NotBefore: at})
		return err
	}); err != nil {
		t.Fatal(err)
	}
}
