package main

import (
	"errors"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ten := make([]time.Duration, 10)
	for i := range ten {
		ten[i] = time.Duration(i+1) * time.Millisecond
	}
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	for _, c := range []struct {
		name   string
		sorted []time.Duration
		p      int
		want   time.Duration
	}{
		{"none", nil, 50, 0},
		{"one value", []time.Duration{7}, 99, 7},
		{"median of ten", ten, 50, 5 * time.Millisecond},
		{"p90 of ten", ten, 90, 9 * time.Millisecond},
		{"p99 of ten is the largest", ten, 99, 10 * time.Millisecond},
		{"p99 of a hundred", hundred, 99, 99 * time.Millisecond},
		{"p1 of a hundred", hundred, 1, 1 * time.Millisecond},
		{"p100", hundred, 100, 100 * time.Millisecond},
	} {
		if got := percentile(c.sorted, c.p); got != c.want {
			t.Errorf("%s: percentile(p%d) = %v, want %v", c.name, c.p, got, c.want)
		}
	}
}

func TestRecorderSummary(t *testing.T) {
	r := newRecorder("step")
	for _, ms := range []int{30, 10, 20} {
		r.add(time.Duration(ms)*time.Millisecond, nil)
	}
	r.add(time.Second, errors.New("first failure"))
	r.add(time.Second, errors.New("second failure"))
	s := r.summarize(2 * time.Second)
	if s.OK != 3 || s.Errors != 2 || s.FirstError != "first failure" {
		t.Errorf("counts: %+v", s)
	}
	if s.PerSecond != 1.5 {
		t.Errorf("rate %v, want 1.5/s over 2 s", s.PerSecond)
	}
	if s.P50 != 20*time.Millisecond || s.P99 != 30*time.Millisecond {
		t.Errorf("percentiles p50 %v p99 %v: failed requests must not count", s.P50, s.P99)
	}
}
