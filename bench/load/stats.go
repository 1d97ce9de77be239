package main

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// recorder collects the latency of every request of one scenario step.
type recorder struct {
	mu     sync.Mutex
	name   string
	lat    []time.Duration
	errs   int
	sample string // first error, to say what went wrong
}

func newRecorder(name string) *recorder { return &recorder{name: name} }

// add records one request; err nil means it succeeded.
func (r *recorder) add(d time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.errs++
		if r.sample == "" {
			r.sample = err.Error()
		}
		return
	}
	r.lat = append(r.lat, d)
}

// summary is what the report prints for one step.
type summary struct {
	Name          string
	OK, Errors    int
	PerSecond     float64
	P50, P90, P99 time.Duration
	FirstError    string
}

// summarize computes throughput over elapsed and latency percentiles.
func (r *recorder) summarize(elapsed time.Duration) summary {
	r.mu.Lock()
	defer r.mu.Unlock()
	lat := slices.Clone(r.lat)
	slices.Sort(lat)
	s := summary{Name: r.name, OK: len(lat), Errors: r.errs, FirstError: r.sample}
	if elapsed > 0 {
		s.PerSecond = float64(len(lat)) / elapsed.Seconds()
	}
	s.P50, s.P90, s.P99 = percentile(lat, 50), percentile(lat, 90), percentile(lat, 99)
	return s
}

// percentile is the nearest-rank percentile p (1–100) of sorted durations:
// the smallest value with at least p% of the values at or below it; zero
// for none.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100·n) in integers
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// ms prints a duration in milliseconds with one decimal.
func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }
