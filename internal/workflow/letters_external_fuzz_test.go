package workflow_test

import (
	"testing"
	"time"

	"mizban/internal/workflow"
)

// The letter date and SHAMS identifier come from outside products: any
// text must give a value or a field error, never a panic, and an accepted
// date is never later than the clock allows.
func FuzzParseLetterDate(f *testing.F) {
	for _, s := range []string{"1405/09/05", "۱۴۰۵/۹/۵", "2026-11-26", "2026-11-26T10:15:00+03:30",
		"2026-11-26T10:15:00", "1405-13-40", "T", "", "0000-01-01", "9999-12-31T23:59:59Z"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := workflow.ParseLetterDate(s, now)
		if err == nil && got.After(now.Add(5*time.Minute)) {
			t.Fatalf("%q accepted as %v, after now", s, got)
		}
		if id, ok := workflow.CleanShamsID(s); ok && id != "" && len(id) != 36 {
			t.Fatalf("%q accepted as SHAMS id %q", s, id)
		}
	})
}
