package jobs

import (
	"testing"
	"time"

	"mizban/internal/jalali"
)

func tehran(day, h, m int) time.Time {
	return time.Date(2026, 3, day, h, m, 0, 0, jalali.Tehran)
}

func TestQuietUntil(t *testing.T) {
	night := DefaultQuiet
	day, _ := ParseQuiet("12:30-14:00")
	tests := []struct {
		name  string
		q     Quiet
		at    time.Time
		until time.Time // zero: not quiet
	}{
		{"evening before", night, tehran(10, 21, 59), time.Time{}},
		{"window opens", night, tehran(10, 22, 0), tehran(11, 7, 0)},
		{"before midnight", night, tehran(10, 23, 59), tehran(11, 7, 0)},
		{"midnight", night, tehran(11, 0, 0), tehran(11, 7, 0)},
		{"small hours", night, tehran(11, 3, 15), tehran(11, 7, 0)},
		{"last minute", night, tehran(11, 6, 59), tehran(11, 7, 0)},
		{"window closed", night, tehran(11, 7, 0), time.Time{}},
		{"noon", night, tehran(11, 12, 0), time.Time{}},
		{"month end", night, time.Date(2026, 3, 31, 23, 0, 0, 0, jalali.Tehran), time.Date(2026, 4, 1, 7, 0, 0, 0, jalali.Tehran)},
		{"given in UTC", night, time.Date(2026, 3, 10, 19, 0, 0, 0, time.UTC), tehran(11, 7, 0)}, // 22:30 Tehran
		{"UTC date already next", night, time.Date(2026, 3, 10, 21, 0, 0, 0, time.UTC), tehran(11, 7, 0)},
		{"same-day window in", day, tehran(10, 13, 0), tehran(10, 14, 0)},
		{"same-day window before", day, tehran(10, 12, 29), time.Time{}},
		{"same-day window end", day, tehran(10, 14, 0), time.Time{}},
		{"off", Quiet{}, tehran(11, 3, 0), time.Time{}},
	}
	for _, tc := range tests {
		got, quiet := tc.q.Until(tc.at)
		if quiet != !tc.until.IsZero() || !got.Equal(tc.until) {
			t.Errorf("%s: Until(%v) = %v, %v; want %v", tc.name, tc.at, got, quiet, tc.until)
		}
	}
}

func TestParseQuiet(t *testing.T) {
	tests := []struct {
		in   string
		want Quiet
		ok   bool
	}{
		{"", DefaultQuiet, true},
		{"22:00-07:00", DefaultQuiet, true},
		{" 23:30 - 6:00 ", Quiet{On: true, From: 23*60 + 30, To: 6 * 60}, true},
		{"off", Quiet{}, true},
		{"OFF", Quiet{}, true},
		{"22-07", Quiet{}, false},
		{"24:00-07:00", Quiet{}, false},
		{"22:60-07:00", Quiet{}, false},
		{"07:00-07:00", Quiet{}, false},
		{"22:00", Quiet{}, false},
		{"aa:bb-cc:dd", Quiet{}, false},
	}
	for _, tc := range tests {
		got, err := ParseQuiet(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseQuiet(%q) = %+v, %v; want %+v ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
	if s := DefaultQuiet.String(); s != "22:00-07:00" {
		t.Errorf("String = %q", s)
	}
	if q, _ := ParseQuiet(DefaultQuiet.String()); q != DefaultQuiet {
		t.Error("String does not round-trip")
	}
}

func FuzzParseQuiet(f *testing.F) {
	for _, s := range []string{"", "off", "22:00-07:00", "9:5-1:00", "23:59-00:00", "-", "۲۲:۰۰-۰۷:۰۰"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuiet(s)
		if err != nil {
			return
		}
		if q.On && (q.From < 0 || q.From >= 1440 || q.To < 0 || q.To >= 1440 || q.From == q.To) {
			t.Fatalf("ParseQuiet(%q) = %+v", s, q)
		}
		back, err := ParseQuiet(q.String())
		if err != nil || back != q {
			t.Fatalf("round trip of %q: %+v, %v", s, back, err)
		}
	})
}
