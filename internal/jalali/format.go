package jalali

import (
	"mizban/internal/fa"
	"strconv"
	"time"
)

// MonthNamesFa holds the Persian month names, indexed by month (1–12).
var MonthNamesFa = [13]string{"",
	"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
	"مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"}

// MonthNamesEn holds the month names transliterated for English text,
// indexed by month (1–12).
var MonthNamesEn = [13]string{"",
	"Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
	"Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"}

// WeekdayNamesFa holds the Persian weekday names, indexed by time.Weekday.
var WeekdayNamesFa = [7]string{
	time.Sunday:    "یکشنبه",
	time.Monday:    "دوشنبه",
	time.Tuesday:   "سه‌شنبه",
	time.Wednesday: "چهارشنبه",
	time.Thursday:  "پنجشنبه",
	time.Friday:    "جمعه",
	time.Saturday:  "شنبه",
}

func monthName(names *[13]string, m int) string {
	if m < 1 || m > 12 {
		return strconv.Itoa(m)
	}
	return names[m]
}

// FormatFa returns d for people in Persian: "۴ آذر ۱۴۰۵".
func (d Date) FormatFa() string {
	return fa.PersianDigits(strconv.Itoa(d.Day)) + " " + monthName(&MonthNamesFa, d.Month) + " " + fa.PersianDigits(strconv.Itoa(d.Year))
}

// FormatEn returns d for people in English: "4 Azar 1405".
func (d Date) FormatEn() string {
	return strconv.Itoa(d.Day) + " " + monthName(&MonthNamesEn, d.Month) + " " + strconv.Itoa(d.Year)
}

// FormatWeekdayFa returns d with its weekday: "سه‌شنبه ۴ آذر ۱۴۰۵".
func (d Date) FormatWeekdayFa() string {
	return WeekdayNamesFa[d.Weekday()] + " " + d.FormatFa()
}

// FormatNumericFa returns d as "۱۴۰۵/۰۹/۰۴".
func (d Date) FormatNumericFa() string { return fa.PersianDigits(d.String()) }

// FormatDate formats the Tehran date of t: "۴ آذر ۱۴۰۵".
func FormatDate(t time.Time) string { return FromTime(t).FormatFa() }

// FormatDateTime formats the Tehran date and time of t:
// "۴ آذر ۱۴۰۵، ساعت ۱۴:۳۰".
func FormatDateTime(t time.Time) string {
	return FormatDate(t) + "، ساعت " + fa.PersianDigits(clock(t))
}

// FormatWeekdayDate formats the Tehran date of t with its weekday:
// "سه‌شنبه ۴ آذر ۱۴۰۵".
func FormatWeekdayDate(t time.Time) string { return FromTime(t).FormatWeekdayFa() }

// FormatNumeric formats the Tehran date of t as "۱۴۰۵/۰۹/۰۴".
func FormatNumeric(t time.Time) string { return FromTime(t).FormatNumericFa() }

// FormatDateEn formats the Tehran date of t in English: "4 Azar 1405".
func FormatDateEn(t time.Time) string { return FromTime(t).FormatEn() }

// FormatDateTimeEn formats the Tehran date and time of t in English:
// "4 Azar 1405, 14:30".
func FormatDateTimeEn(t time.Time) string { return FormatDateEn(t) + ", " + clock(t) }

// clock is the Tehran wall-clock time as "14:30".
func clock(t time.Time) string {
	return t.In(Tehran).Format("15:04")
}
