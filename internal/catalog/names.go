package catalog

import (
	"strings"

	"mizban/internal/desk"
)

// Persian names of the slugs a change sentence mentions. They match the
// names the service page shows (internal/i18n slugs_fa.go, the editor's
// options), so a citizen reads the same word in both places.
var (
	stageTitles = map[string]string{
		"information": "اطلاع‌رسانی", "request": "درخواست", "production": "انجام خدمت", "delivery": "تحویل نتیجه",
	}
	meansTitles = map[string]string{
		"web": "وبگاه", "mobile": "تلفن همراه", "sms": "پیامک", "counter_office": "دفاتر پیشخوان", "in_person": "مراجعه حضوری",
	}
	kindTitles = map[desk.Kind]string{
		desk.KindRequest: "درخواست خدمت", desk.KindPermit: "مجوز", desk.KindCertificate: "گواهی",
		desk.KindComplaint: "شکایت", desk.KindSuggestion: "پیشنهاد", desk.KindCriticism: "انتقاد",
		desk.KindReport: "گزارش", desk.KindFOI: "درخواست دسترسی به اطلاعات",
	}
)

// StageTitle is the Persian name of a channel stage slug (the slug when unknown).
func StageTitle(s string) string { return orSlug(stageTitles[s], s) }

// MeansTitle is the Persian name of a channel means slug (the slug when unknown).
func MeansTitle(s string) string { return orSlug(meansTitles[s], s) }

func kindTitle(k desk.Kind) string { return orSlug(kindTitles[k], string(k)) }

func orSlug(title, slug string) string {
	if title == "" {
		return slug
	}
	return title
}

// list joins items the Persian way: «الف، ب و پ».
func list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], "، ") + " و " + items[len(items)-1]
}
