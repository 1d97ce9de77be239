package jalali

import (
	"testing"
	"time"
)

func TestFormat(t *testing.T) {
	// 2026-11-25 14:30 Tehran = 4 Azar 1405, a Wednesday.
	tm := time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)
	tests := []struct {
		name, got, want string
	}{
		{"FormatDate", FormatDate(tm), "۴ آذر ۱۴۰۵"},
		{"FormatDateTime", FormatDateTime(tm), "۴ آذر ۱۴۰۵، ساعت ۱۴:۳۰"},
		{"FormatWeekdayDate", FormatWeekdayDate(tm), "چهارشنبه ۴ آذر ۱۴۰۵"},
		{"FormatNumeric", FormatNumeric(tm), "۱۴۰۵/۰۹/۰۴"},
		{"FormatDateEn", FormatDateEn(tm), "4 Azar 1405"},
		{"FormatDateTimeEn", FormatDateTimeEn(tm), "4 Azar 1405, 14:30"},
		{"String", Date{1405, 9, 4}.String(), "1405/09/04"},
		{"String padded", Date{1405, 12, 29}.String(), "1405/12/29"},
		{"Tuesday", Date{1405, 9, 3}.FormatWeekdayFa(), "سه‌شنبه ۳ آذر ۱۴۰۵"},
		{"FormatFa month 1", Date{1404, 1, 13}.FormatFa(), "۱۳ فروردین ۱۴۰۴"},
		{"FormatEn month 12", Date{1403, 12, 30}.FormatEn(), "30 Esfand 1403"},
		{"FormatFa bad month", Date{1403, 13, 1}.FormatFa(), "۱ 13 ۱۴۰۳"},
		// Just after midnight Tehran is already the next day.
		{"midnight", FormatDateTime(time.Date(2026, 3, 20, 20, 35, 0, 0, time.UTC)), "۱ فروردین ۱۴۰۵، ساعت ۰۰:۰۵"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestNameTables(t *testing.T) {
	for m := 1; m <= 12; m++ {
		if MonthNamesFa[m] == "" || MonthNamesEn[m] == "" {
			t.Errorf("month %d has no name", m)
		}
	}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if WeekdayNamesFa[wd] == "" {
			t.Errorf("weekday %v has no name", wd)
		}
	}
	if WeekdayNamesFa[time.Friday] != "جمعه" || MonthNamesFa[9] != "آذر" {
		t.Error("name tables out of order")
	}
}
