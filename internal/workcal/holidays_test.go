package workcal

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestLoadHolidaysCSV(t *testing.T) {
	in := "\ufeffdate,name\n" +
		"# a comment\n" +
		"\n" +
		"1405/01/01,عید نوروز\n" +
		"۱۴۰۵/۰۱/۰۲, عید نوروز \n" +
		"١٤٠٥/١١/٢٢;پیروزی انقلاب اسلامی\n" +
		"\"1405/03/14\",\"رحلت امام خمینی، و \"\"غدیر\"\"\"\n" +
		"1405-12-29\tملی شدن صنعت نفت\n" +
		"1405/3/15،قیام ۱۵ خرداد\n"
	got, err := LoadHolidaysCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Holiday{
		{d(1405, 1, 1), "عید نوروز"},
		{d(1405, 1, 2), "عید نوروز"},
		{d(1405, 11, 22), "پیروزی انقلاب اسلامی"},
		{d(1405, 3, 14), "رحلت امام خمینی، و \"غدیر\""},
		{d(1405, 12, 29), "ملی شدن صنعت نفت"},
		{d(1405, 3, 15), "قیام ۱۵ خرداد"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("LoadHolidaysCSV =\n%v\nwant\n%v", got, want)
	}
}

func TestLoadHolidaysCSVPersianHeader(t *testing.T) {
	got, err := LoadHolidaysCSV(strings.NewReader("تاریخ,نام\n1405/01/13,روز طبیعت\n"))
	if err != nil || len(got) != 1 || got[0].Date != d(1405, 1, 13) {
		t.Errorf("got %v, %v", got, err)
	}
}

func TestLoadHolidaysCSVErrors(t *testing.T) {
	in := "date,name\n" + // 1
		"1405/01/01,عید نوروز\n" + // 2
		"1405/13/01,غلط\n" + // 3
		"1405/01/02\n" + // 4
		"1404/12/30,روز نبوده\n" + // 5: 1404 is not leap
		"1405/01/03,\n" + // 6
		"# ok\n" + // 7
		"date,name\n" // 8: a header is only allowed first
	_, err := LoadHolidaysCSV(strings.NewReader(in))
	var ce *CSVError
	if !errors.As(err, &ce) {
		t.Fatalf("error %v is not a *CSVError", err)
	}
	var lines []int
	for _, l := range ce.Lines {
		lines = append(lines, l.Line)
	}
	if !slices.Equal(lines, []int{3, 4, 5, 6, 8}) {
		t.Errorf("problem lines = %v, want [3 4 5 6 8]", lines)
	}
	msg := err.Error()
	for _, want := range []string{"سطر ۳: تاریخ درست نیست", "سطر ۴: تاریخ و نام", "سطر ۵: تاریخ درست نیست", "سطر ۶: نام تعطیلی را بنویسید", "سطر ۸:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error message lacks %q:\n%s", want, msg)
		}
	}
}

func TestEmbeddedHolidays(t *testing.T) {
	hs := Default().Holidays()
	perYear := map[int]int{}
	for _, h := range hs {
		perYear[h.Date.Year]++
	}
	// 25–27 official holidays a year, some coinciding.
	for _, y := range []int{1404, 1405} {
		if perYear[y] < 23 || perYear[y] > 27 {
			t.Errorf("%d has %d holiday dates", y, perYear[y])
		}
	}
	c := Default()
	for _, h := range []struct {
		day  []int
		name string
	}{
		{[]int{1404, 1, 1}, "نوروز"}, {[]int{1404, 1, 4}, "نوروز"}, {[]int{1404, 1, 12}, "جمهوری"},
		{[]int{1404, 1, 13}, "طبیعت"}, {[]int{1404, 3, 14}, "خمینی"}, {[]int{1404, 3, 15}, "خرداد"},
		{[]int{1404, 4, 14}, "تاسوعا"}, {[]int{1404, 4, 15}, "عاشورا"}, {[]int{1404, 11, 22}, "انقلاب"},
		{[]int{1404, 12, 29}, "نفت"}, {[]int{1405, 1, 1}, "نوروز"}, {[]int{1405, 1, 13}, "طبیعت"},
		{[]int{1405, 3, 14}, "غدیر"}, {[]int{1405, 11, 22}, "انقلاب"}, {[]int{1405, 12, 29}, "نفت"},
	} {
		reason, off := c.DayOff(d(h.day[0], h.day[1], h.day[2]))
		if !off || !strings.Contains(reason, h.name) {
			t.Errorf("%v: DayOff = %q, %v; want a holiday with %q", h.day, reason, off, h.name)
		}
	}
}

func FuzzLoadHolidaysCSV(f *testing.F) {
	f.Add("date,name\n1405/01/01,عید نوروز\n")
	f.Add("# c\n\n۱۴۰۵/۰۱/۰۲;نوروز\n\"1405/1/3\",\"x\"\"y\"\n")
	f.Add("1405/13/01,x\nbad\n,\n\"\n")
	f.Add("\ufeff1405-12-29\tنفت\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		hs, err := LoadHolidaysCSV(strings.NewReader(in))
		if err != nil {
			var ce *CSVError
			if !errors.As(err, &ce) || len(ce.Lines) == 0 || hs != nil {
				t.Fatalf("bad error %v (holidays %v)", err, hs)
			}
			return
		}
		for _, h := range hs {
			if h.Name == "" || h.Date.Year < 1300 || h.Date.Year > 1500 {
				t.Fatalf("bad holiday %+v from %q", h, in)
			}
		}
	})
}
