package jalali

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		err  error
	}{
		{"1405/9/4", Date{1405, 9, 4}, nil},
		{"1405/09/04", Date{1405, 9, 4}, nil},
		{"۱۴۰۵/۰۹/۰۴", Date{1405, 9, 4}, nil},
		{"١٤٠٥/٠٩/٠٤", Date{1405, 9, 4}, nil},
		{"1405-09-04", Date{1405, 9, 4}, nil},
		{"1405.9.4", Date{1405, 9, 4}, nil},
		{" ۱۴۰۵ / ۹ / ۴ ", Date{1405, 9, 4}, nil},
		{"\u200f۱۴۰۵/۹/۴\u200f", Date{1405, 9, 4}, nil},
		{"4/9/1405", Date{1405, 9, 4}, nil}, // day first, as some forms print it
		{"14050904", Date{1405, 9, 4}, nil},
		{"1403/12/30", Date{1403, 12, 30}, nil},
		{"1300/01/01", Date{1300, 1, 1}, nil},
		{"1500/12/29", Date{1500, 12, 29}, nil},
		{"", Date{}, ErrEmpty},
		{"  ", Date{}, ErrEmpty},
		{"1404/12/30", Date{}, ErrNoDay},
		{"1404/07/31", Date{}, ErrNoDay},
		{"1404/01/00", Date{}, ErrNoDay},
		{"1404/13/01", Date{}, ErrNoMonth},
		{"1404/00/01", Date{}, ErrNoMonth},
		{"2025/03/21", Date{}, ErrRange},
		{"1299/12/29", Date{}, ErrRange},
		{"1501/01/01", Date{}, ErrRange},
		{"05/9/4", Date{}, ErrRange},
		{"1405/9", Date{}, ErrFormat},
		{"1405/9/4/1", Date{}, ErrFormat},
		{"1405//9/4", Date{}, ErrFormat},
		{"/1405/9/4", Date{}, ErrFormat},
		{"1405/9/4/", Date{}, ErrFormat},
		{"1405/آذر/4", Date{}, ErrFormat},
		{"1405/009/4", Date{}, ErrFormat},
		{"14051/9/4", Date{}, ErrFormat},
		{"1405094", Date{}, ErrFormat},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("Parse(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestFromParts(t *testing.T) {
	tests := []struct {
		y, m, d string
		want    Date
		err     error
	}{
		{"۱۴۰۵", "۹", "۴", Date{1405, 9, 4}, nil},
		{"1405", "09", "04", Date{1405, 9, 4}, nil},
		{" ١٤٠٥ ", "١٢", "٢٩", Date{1405, 12, 29}, nil},
		{"", "", "", Date{}, ErrEmpty},
		{"1405", "", "4", Date{}, ErrFormat},
		{"1405", "x", "4", Date{}, ErrFormat},
		{"1405", "12", "30", Date{}, ErrNoDay},
		{"99", "1", "1", Date{}, ErrRange},
	}
	for _, tt := range tests {
		got, err := FromParts(tt.y, tt.m, tt.d)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("FromParts(%q, %q, %q) = %v, %v; want %v, %v", tt.y, tt.m, tt.d, got, err, tt.want, tt.err)
		}
	}
}

func TestTextMarshaling(t *testing.T) {
	b, err := json.Marshal(struct{ Due Date }{Date{1405, 1, 5}})
	if err != nil || string(b) != `{"Due":"1405/01/05"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var v struct{ Due Date }
	if err := json.Unmarshal([]byte(`{"Due":"۱۴۰۵/۰۱/۰۵"}`), &v); err != nil || v.Due != (Date{1405, 1, 5}) {
		t.Fatalf("Unmarshal = %v, %v", v.Due, err)
	}
	if err := json.Unmarshal([]byte(`{"Due":"1405/13/05"}`), &v); err == nil {
		t.Fatal("Unmarshal accepted month 13")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1405/9/4", "۱۴۰۵/۰۹/۰۴", "١٤٠٥-٠٩-٠٤", "4/9/1405", "14050904", "1403/12/30", "", "//", "1405/9/4/", "\xff/1/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			if d != (Date{}) {
				t.Fatalf("Parse(%q) = %v with error %v", s, d, err)
			}
			return
		}
		if !Valid(d.Year, d.Month, d.Day) || d.Year < MinYear || d.Year > MaxYear {
			t.Fatalf("Parse(%q) = %v, not a valid date in range", s, d)
		}
		for _, form := range []string{d.String(), d.FormatNumericFa()} {
			if again, err := Parse(form); err != nil || again != d {
				t.Fatalf("Parse(%q) = %v, %v; want %v", form, again, err, d)
			}
		}
		gy, gm, gd := d.Gregorian()
		if FromGregorian(gy, gm, gd) != d {
			t.Fatalf("Gregorian round trip of %v failed", d)
		}
	})
}
