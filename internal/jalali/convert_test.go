package jalali

import (
	"testing"
	"time"
)

// Official Nowruz (1 Farvardin) dates.
var nowruz = []struct{ jy, gy, gm, gd int }{
	{1354, 1975, 3, 21}, {1355, 1976, 3, 21}, {1356, 1977, 3, 21}, {1357, 1978, 3, 21},
	{1358, 1979, 3, 21}, {1359, 1980, 3, 21}, {1360, 1981, 3, 21}, {1361, 1982, 3, 21},
	{1362, 1983, 3, 21}, {1363, 1984, 3, 21}, {1364, 1985, 3, 21}, {1365, 1986, 3, 21},
	{1366, 1987, 3, 21}, {1367, 1988, 3, 21}, {1368, 1989, 3, 21}, {1369, 1990, 3, 21},
	{1370, 1991, 3, 21}, {1371, 1992, 3, 21}, {1372, 1993, 3, 21}, {1373, 1994, 3, 21},
	{1374, 1995, 3, 21}, {1375, 1996, 3, 20}, {1376, 1997, 3, 21}, {1377, 1998, 3, 21},
	{1378, 1999, 3, 21}, {1379, 2000, 3, 20}, {1380, 2001, 3, 21}, {1381, 2002, 3, 21},
	{1382, 2003, 3, 21}, {1383, 2004, 3, 20}, {1384, 2005, 3, 21}, {1385, 2006, 3, 21},
	{1386, 2007, 3, 21}, {1387, 2008, 3, 20}, {1388, 2009, 3, 21}, {1389, 2010, 3, 21},
	{1390, 2011, 3, 21}, {1391, 2012, 3, 20}, {1392, 2013, 3, 21}, {1393, 2014, 3, 21},
	{1394, 2015, 3, 21}, {1395, 2016, 3, 20}, {1396, 2017, 3, 21}, {1397, 2018, 3, 21},
	{1398, 2019, 3, 21}, {1399, 2020, 3, 20}, {1400, 2021, 3, 21}, {1401, 2022, 3, 21},
	{1402, 2023, 3, 21}, {1403, 2024, 3, 20}, {1404, 2025, 3, 21}, {1405, 2026, 3, 21},
	{1406, 2027, 3, 21}, {1407, 2028, 3, 20}, {1408, 2029, 3, 20}, {1409, 2030, 3, 21},
	{1410, 2031, 3, 21}, {1411, 2032, 3, 20}, {1412, 2033, 3, 20}, {1413, 2034, 3, 21},
	{1414, 2035, 3, 21}, {1415, 2036, 3, 20}, {1416, 2037, 3, 20}, {1417, 2038, 3, 21},
	{1418, 2039, 3, 21}, {1419, 2040, 3, 20}, {1420, 2041, 3, 20},
}

func TestNowruz(t *testing.T) {
	for _, n := range nowruz {
		if gy, gm, gd := (Date{n.jy, 1, 1}).Gregorian(); gy != n.gy || gm != n.gm || gd != n.gd {
			t.Errorf("1 Farvardin %d = %d-%02d-%02d, want %d-%02d-%02d", n.jy, gy, gm, gd, n.gy, n.gm, n.gd)
		}
		if got := FromGregorian(n.gy, n.gm, n.gd); got != (Date{n.jy, 1, 1}) {
			t.Errorf("FromGregorian(%d-%02d-%02d) = %v, want %d/01/01", n.gy, n.gm, n.gd, got, n.jy)
		}
	}
}

// Between the Borkowski breaks of 1210 and 1635 the leap years follow the
// plain 33-year cycle; counting year lengths from the 1403 anchor with that
// cycle is an independent check of both IsLeap and the conversion.
func TestLeapYearsAgainst33YearCycle(t *testing.T) {
	cycle := map[int]bool{1: true, 5: true, 9: true, 13: true, 17: true, 22: true, 26: true, 30: true}
	for _, y := range []int{1395, 1399, 1403, 1408, 1412} {
		if !IsLeap(y) {
			t.Errorf("IsLeap(%d) = false, want true", y)
		}
	}
	for _, y := range []int{1400, 1401, 1402, 1404, 1405, 1406, 1407} {
		if IsLeap(y) {
			t.Errorf("IsLeap(%d) = true, want false", y)
		}
	}
	anchor := time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC) // 1 Farvardin 1403
	start := anchor
	for y := 1403; y <= 1500; y++ {
		checkNowruz(t, y, start)
		if IsLeap(y) != cycle[y%33] {
			t.Errorf("IsLeap(%d) = %v, 33-year cycle says %v", y, IsLeap(y), cycle[y%33])
		}
		start = start.AddDate(0, 0, 365+b2i(cycle[y%33]))
	}
	start = anchor
	for y := 1402; y >= 1300; y-- {
		start = start.AddDate(0, 0, -365-b2i(cycle[y%33]))
		checkNowruz(t, y, start)
		if IsLeap(y) != cycle[y%33] {
			t.Errorf("IsLeap(%d) = %v, 33-year cycle says %v", y, IsLeap(y), cycle[y%33])
		}
	}
}

func checkNowruz(t *testing.T, jy int, want time.Time) {
	t.Helper()
	gy, gm, gd := Date{jy, 1, 1}.Gregorian()
	if wy, wm, wd := want.Date(); gy != wy || gm != int(wm) || gd != wd {
		t.Errorf("1 Farvardin %d = %d-%02d-%02d, counted %s", jy, gy, gm, gd, want.Format(time.DateOnly))
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestMonthLength(t *testing.T) {
	tests := []struct{ y, m, want int }{
		{1404, 1, 31}, {1404, 6, 31}, {1404, 7, 30}, {1404, 11, 30},
		{1404, 12, 29}, {1403, 12, 30}, {1399, 12, 30}, {1405, 12, 29},
		{1404, 0, 0}, {1404, 13, 0},
	}
	for _, tt := range tests {
		if got := MonthLength(tt.y, tt.m); got != tt.want {
			t.Errorf("MonthLength(%d, %d) = %d, want %d", tt.y, tt.m, got, tt.want)
		}
	}
	if Valid(1404, 12, 30) || !Valid(1403, 12, 30) || Valid(1404, 1, 0) || Valid(1404, 7, 31) || !Valid(1404, 6, 31) {
		t.Error("Valid disagrees with month lengths")
	}
}

// Every day of 1300–1500: Jalali → Gregorian → Jalali is the identity and
// consecutive Jalali days are consecutive Gregorian days.
func TestRoundTripEveryDay(t *testing.T) {
	gy, gm, gd := Date{1300, 1, 1}.Gregorian()
	g := time.Date(gy, time.Month(gm), gd, 0, 0, 0, 0, time.UTC)
	days := 0
	for y := 1300; y <= 1500; y++ {
		for m := 1; m <= 12; m++ {
			for d := 1; d <= MonthLength(y, m); d++ {
				j := Date{y, m, d}
				wy, wm, wd := g.Date()
				if gy, gm, gd := j.Gregorian(); gy != wy || gm != int(wm) || gd != wd {
					t.Fatalf("%v.Gregorian() = %d-%d-%d, want %s", j, gy, gm, gd, g.Format(time.DateOnly))
				}
				if back := FromGregorian(wy, int(wm), wd); back != j {
					t.Fatalf("FromGregorian(%s) = %v, want %v", g.Format(time.DateOnly), back, j)
				}
				if j.Weekday() != g.Weekday() {
					t.Fatalf("%v.Weekday() = %v, want %v", j, j.Weekday(), g.Weekday())
				}
				g = g.AddDate(0, 0, 1)
				days++
			}
		}
	}
	if days < 201*365 || days > 201*366 {
		t.Errorf("counted %d days in 201 years", days)
	}
}

func TestAddDaysAndSub(t *testing.T) {
	tests := []struct {
		d    Date
		n    int
		want Date
	}{
		{Date{1404, 12, 29}, 1, Date{1405, 1, 1}},
		{Date{1403, 12, 29}, 1, Date{1403, 12, 30}},
		{Date{1403, 12, 30}, 1, Date{1404, 1, 1}},
		{Date{1404, 6, 31}, 1, Date{1404, 7, 1}},
		{Date{1405, 1, 1}, -1, Date{1404, 12, 29}},
		{Date{1404, 1, 1}, 365, Date{1405, 1, 1}},
		{Date{1403, 1, 1}, 366, Date{1404, 1, 1}},
		{Date{1405, 9, 4}, 0, Date{1405, 9, 4}},
	}
	for _, tt := range tests {
		got := tt.d.AddDays(tt.n)
		if got != tt.want {
			t.Errorf("%v.AddDays(%d) = %v, want %v", tt.d, tt.n, got, tt.want)
		}
		if s := got.Sub(tt.d); s != tt.n {
			t.Errorf("%v.Sub(%v) = %d, want %d", got, tt.d, s, tt.n)
		}
	}
}

func TestCompare(t *testing.T) {
	a, b := Date{1404, 12, 29}, Date{1405, 1, 1}
	if !a.Before(b) || a.After(b) || !b.After(a) || a.Compare(a) != 0 || b.Compare(a) != 1 {
		t.Error("Compare/Before/After disagree")
	}
	if !(Date{}).IsZero() || a.IsZero() {
		t.Error("IsZero")
	}
}

func TestWeekday(t *testing.T) {
	tests := []struct {
		d    Date
		want time.Weekday
	}{
		{Date{1405, 1, 1}, time.Saturday},
		{Date{1404, 1, 1}, time.Friday},
		{Date{1403, 1, 1}, time.Wednesday},
		{Date{1405, 9, 4}, time.Wednesday},
	}
	for _, tt := range tests {
		if got := tt.d.Weekday(); got != tt.want {
			t.Errorf("%v.Weekday() = %v, want %v", tt.d, got, tt.want)
		}
	}
}

func TestTehran(t *testing.T) {
	summer := time.Date(2025, 7, 15, 12, 0, 0, 0, time.UTC).In(Tehran)
	if _, off := summer.Zone(); off != 3*3600+1800 {
		t.Errorf("Tehran offset in summer 2025 = %d s, want +03:30", off)
	}
	winter := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC).In(Tehran)
	if _, off := winter.Zone(); off != 3*3600+1800 {
		t.Errorf("Tehran offset in winter 2026 = %d s, want +03:30", off)
	}
}

func TestFromTimeAndTime(t *testing.T) {
	tests := []struct {
		utc  time.Time
		want Date
	}{
		// 20:29 UTC is 23:59 in Tehran, 20:30 UTC is the next day.
		{time.Date(2026, 3, 20, 20, 29, 0, 0, time.UTC), Date{1404, 12, 29}},
		{time.Date(2026, 3, 20, 20, 30, 0, 0, time.UTC), Date{1405, 1, 1}},
		{time.Date(2025, 6, 30, 21, 0, 0, 0, time.UTC), Date{1404, 4, 10}},
	}
	for _, tt := range tests {
		if got := FromTime(tt.utc); got != tt.want {
			t.Errorf("FromTime(%v) = %v, want %v", tt.utc, got, tt.want)
		}
	}
	mid := Date{1405, 1, 1}.Time()
	if want := time.Date(2026, 3, 20, 20, 30, 0, 0, time.UTC); !mid.Equal(want) {
		t.Errorf("1405/01/01 Time() = %v, want %v", mid.UTC(), want)
	}
	if FromTime(mid) != (Date{1405, 1, 1}) {
		t.Error("FromTime(d.Time()) != d")
	}
}
