package webhook

import (
	"testing"
	"time"
)

// Walk the schedule on a fake clock: attempt 1 at t0, each failure waits
// Schedule(n), and GiveUp ends it. The span must reach three days.
func TestScheduleSpan(t *testing.T) {
	table := 85*time.Hour + 35*time.Minute + 5*time.Second // the documented sum
	tests := []struct {
		name     string
		rand     func(n int64) int64
		min, max time.Duration
	}{
		{"no jitter", func(int64) int64 { return 0 }, table, table},
		{"most jitter", func(n int64) int64 { return n - 1 }, table, table + table/10},
		{"out-of-range source clamped", func(n int64) int64 { return 5 * n }, table, table + table/10},
		{"negative source clamped", func(int64) int64 { return -7 }, table, table},
		{"math/rand", nil, table, table + table/10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Retry{Rand: tt.rand}
			t0 := time.Date(2026, 3, 19, 22, 0, 0, 0, time.UTC) // the eve of Nowruz
			now, attempts := t0, 1
			for ; !r.GiveUp(attempts); attempts++ {
				now = now.Add(r.Schedule(attempts))
			}
			span := now.Sub(t0)
			if attempts != MaxAttempts || MaxAttempts != 11 {
				t.Errorf("%d attempts, MaxAttempts %d; want 11", attempts, MaxAttempts)
			}
			if span < 72*time.Hour || span < tt.min || span > tt.max {
				t.Errorf("span %v, want ≥ 72h and within [%v, %v]", span, tt.min, tt.max)
			}
		})
	}
}

func TestScheduleSteps(t *testing.T) {
	r := Retry{Rand: func(int64) int64 { return 0 }}
	want := map[int]time.Duration{
		-1: 5 * time.Second, 0: 5 * time.Second, 1: 5 * time.Second, 2: 5 * time.Minute,
		3: 30 * time.Minute, 4: 2 * time.Hour, 5: 5 * time.Hour, 6: 10 * time.Hour, 7: 10 * time.Hour,
		8: 14 * time.Hour, 9: 20 * time.Hour, 10: 24 * time.Hour, 11: 24 * time.Hour, 50: 24 * time.Hour,
	}
	for n, d := range want {
		if got := r.Schedule(n); got != d {
			t.Errorf("Schedule(%d) = %v, want %v", n, got, d)
		}
	}
	// Jitter asks for at most a tenth of the wait and adds what it gets.
	var asked int64
	r = Retry{Rand: func(n int64) int64 { asked = n; return n / 2 }}
	if got := r.Schedule(4); asked != int64(12*time.Minute) || got != 2*time.Hour+6*time.Minute {
		t.Errorf("Schedule(4) = %v asking %v; want 2h6m asking 12m", got, time.Duration(asked))
	}
	for n := 1; n <= 12; n++ {
		if GiveUp(n) != (n >= 11) {
			t.Errorf("GiveUp(%d) = %v", n, GiveUp(n))
		}
		base := want[min(n, 11)]
		if d := Schedule(n); d < base || d >= base+base/10 {
			t.Errorf("package Schedule(%d) = %v, want in [%v, %v)", n, d, base, base+base/10)
		}
	}
}
