package audit

import (
	"strings"
	"testing"
	"time"
)

func chain(n int) []Record {
	var out []Record
	prev := Genesis
	for i := 1; i <= n; i++ {
		r := Record{At: time.Date(2026, 11, 25, 10, 0, i, 0, time.UTC), Actor: "staff:1", Action: "request.refer", Target: "request:7", Result: OK}
		r.Seal(int64(i), prev)
		prev = r.Hash
		out = append(out, r)
	}
	return out
}

func TestVerify(t *testing.T) {
	good := chain(5)
	if err := Verify(Genesis, good); err != nil {
		t.Fatalf("intact chain: %v", err)
	}
	if err := Verify(good[1].Hash, good[2:]); err != nil {
		t.Fatalf("chain from the middle: %v", err)
	}
	tests := []struct {
		name   string
		mutate func([]Record) []Record
		want   string
	}{
		{"changed detail", func(c []Record) []Record { c[2].Details = "x"; return c }, "record 3 was changed"},
		{"changed time", func(c []Record) []Record { c[1].At = c[1].At.Add(time.Second); return c }, "record 2 was changed"},
		{"removed", func(c []Record) []Record { return append(c[:2], c[3:]...) }, "missing"},
		{"swapped", func(c []Record) []Record { c[1], c[2] = c[2], c[1]; return c }, "missing"},
		{"rehashed alone", func(c []Record) []Record { c[2].Result = Denied; c[2].Hash = c[2].Sum(); return c }, "record 4 does not follow"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Verify(Genesis, tc.mutate(chain(5)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Verify = %v; want %q", err, tc.want)
			}
		})
	}
}

func TestSumSeparatesFields(t *testing.T) {
	a := Record{Actor: "ab", Action: "c"}
	b := Record{Actor: "a", Action: "bc"}
	if a.Sum() == b.Sum() {
		t.Fatal("different records hash alike")
	}
}
