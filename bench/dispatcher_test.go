package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"mizban/internal/jobs"
	"mizban/internal/sms"
	"mizban/internal/sms/smsfake"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

// BenchmarkDispatcher measures how many messages a second the dispatcher
// sends from the outbox through the real Kavenegar client to the local fake
// Kavenegar gateway over HTTP: claim, send, record, on SQLite and (with
// MIZBAN_TEST_POSTGRES) PostgreSQL. Enqueueing is outside the timer.
func BenchmarkDispatcher(b *testing.B) {
	b.Run(store.SQLite, func(b *testing.B) { benchDispatcher(b, storetest.Open(b)) })
	b.Run(store.Postgres, func(b *testing.B) { benchDispatcher(b, storetest.OpenPostgres(b)) })
}

func benchDispatcher(b *testing.B, st *store.Store) {
	ctx := context.Background()
	gw := smsfake.NewKavenegarServer()
	defer gw.Close()
	p := sms.NewKavenegar(sms.KavenegarConfig{APIKey: smsfake.KavenegarKey, BaseURL: gw.URL, Timeout: 10 * time.Second})
	d := jobs.NewDispatcher(st, p, slog.New(slog.NewTextHandler(io.Discard, nil)))
	d.Quiet = jobs.Quiet{} // the numbers must not depend on the time of day
	now := time.Now()
	for i := 0; i < b.N; i += 500 {
		if err := st.InTx(ctx, func(tx *store.Tx) error {
			for j := i; j < min(i+500, b.N); j++ {
				m := &store.OutSMS{To: fmt.Sprintf("0912%07d", j), Text: "درخواست شما ثبت شد. کد رهگیری: ۱۲۳۴۵۶۷۸۹۰۱۲",
					Kind: "registered", CreatedAt: now, DedupeKey: fmt.Sprint("bench:", j)}
				if _, err := tx.EnqueueSMS(ctx, m); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	sent := 0
	for sent < b.N {
		n := d.RunOnce(ctx)
		if n == 0 {
			b.Fatalf("dispatcher stalled after %d of %d", sent, b.N)
		}
		sent += n
	}
	b.StopTimer()
	if got := len(gw.Deliveries()); got != b.N {
		b.Fatalf("gateway got %d messages; want %d", got, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}
