package desk

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"mizban/internal/fa"
	"mizban/internal/jalali"
)

// MaxTextLen bounds free text so a form can't be used to store blobs.
const (
	MaxShortText = 200
	MaxLongText  = 4000
)

// CleanAnswers checks raw form answers against the service form and returns
// them normalised (ASCII digits, Persian letters, canonical IDs and dates as
// 1405/09/04). Every problem is reported per field; answers are returned even
// when some fail so the form can be shown again with what was typed.
func CleanAnswers(form []FormField, raw map[string]string) (map[string]string, *FieldErrors) {
	out := make(map[string]string, len(form))
	errs := &FieldErrors{}
	for _, f := range form {
		if f.Type == FieldFile {
			continue // files are checked with the documents
		}
		v := strings.TrimSpace(fa.Normalize(raw[f.Key]))
		if v == "" {
			if f.Required {
				errs.Add(f.Key, requiredMsg(f))
			}
			continue
		}
		clean, msg := cleanValue(f, v)
		if msg != "" {
			errs.Add(f.Key, msg)
			out[f.Key] = v
			continue
		}
		out[f.Key] = clean
	}
	return out, errs
}

func requiredMsg(f FormField) string {
	switch f.Type {
	case FieldChoice, FieldYesNo:
		return "«" + f.Label + "» را انتخاب کنید."
	}
	return "«" + f.Label + "» را وارد کنید."
}

func cleanValue(f FormField, v string) (string, string) {
	max := f.MaxLen
	switch f.Type {
	case FieldText:
		if max == 0 {
			max = MaxShortText
		}
		if utf8.RuneCountInString(v) > max {
			return "", "«" + f.Label + "» باید حداکثر " + fa.PersianDigits(itoa(max)) + " نویسه باشد."
		}
		return v, ""
	case FieldTextarea:
		if max == 0 {
			max = MaxLongText
		}
		if utf8.RuneCountInString(v) > max {
			return "", "«" + f.Label + "» باید حداکثر " + fa.PersianDigits(itoa(max)) + " نویسه باشد."
		}
		return v, ""
	case FieldNumber:
		n, err := fa.ParseInt(v)
		if err != nil {
			return "", "«" + f.Label + "» باید عدد باشد؛ مثلاً ۱۲۰."
		}
		if n < 0 {
			return "", "«" + f.Label + "» نمی‌تواند منفی باشد."
		}
		return itoa64(n), ""
	case FieldDate:
		d, err := jalali.Parse(v)
		if err != nil {
			return "", "تاریخ «" + f.Label + "» درست نیست؛ روز، ماه و سال را به شمسی وارد کنید."
		}
		return d.String(), ""
	case FieldNationalID:
		id, err := fa.NationalID(v)
		if err != nil {
			return "", err.Error()
		}
		return id, ""
	case FieldMobile:
		m, err := fa.Mobile(v)
		if err != nil {
			return "", err.Error()
		}
		return m, ""
	case FieldPostalCode:
		p, _, err := fa.PostalCode(v)
		if err != nil {
			return "", err.Error()
		}
		return p, ""
	case FieldChoice:
		for _, c := range f.Choices {
			if fa.Normalize(c) == v {
				return c, ""
			}
		}
		return "", "برای «" + f.Label + "» یکی از گزینه‌ها را انتخاب کنید."
	case FieldYesNo:
		switch v {
		case "yes", "no":
			return v, ""
		}
		return "", "برای «" + f.Label + "» «بله» یا «خیر» را انتخاب کنید."
	}
	return "", "نوع این پرسش شناخته نیست."
}

// CleanName checks a person's full name.
func CleanName(s string) (string, string) {
	s = strings.Join(strings.Fields(fa.Normalize(s)), " ")
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		return "", "نام و نام خانوادگی را وارد کنید."
	case n < 3:
		return s, "نام و نام خانوادگی را کامل وارد کنید."
	case n > 100:
		return s, "نام و نام خانوادگی باید حداکثر ۱۰۰ نویسه باشد."
	}
	return s, ""
}

func itoa(n int) string { return strconv.Itoa(n) }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
