package i18n

import (
	"fmt"
	"regexp"
	"strings"

	"mizban/internal/fa"
)

// enPatterns translate Persian messages built with values in them (a form
// field's label, a count). Each Persian side is matched whole, %s standing
// for one value; the values are carried over with ASCII digits.
var enPatterns = compilePatterns([][2]string{
	{"«%s» را وارد کنید.", "Enter «%s»."},
	{"«%s» را انتخاب کنید.", "Choose «%s»."},
	{"«%s» را بارگذاری کنید.", "Upload «%s»."},
	{"«%s» باید حداکثر %s نویسه باشد.", "«%s» must be %s characters or fewer."},
	{"«%s» باید عدد باشد؛ مثلاً ۱۲۰.", "«%s» must be a number, like 120."},
	{"«%s» نمی‌تواند منفی باشد.", "«%s» cannot be negative."},
	{"تاریخ «%s» درست نیست؛ روز، ماه و سال را به شمسی وارد کنید.", "The date «%s» is not valid; enter the day, month and year of the Solar Hijri calendar."},
	{"برای «%s» یکی از گزینه‌ها را انتخاب کنید.", "Choose one of the options for «%s»."},
	{"برای «%s» «بله» یا «خیر» را انتخاب کنید.", "Choose yes or no for «%s»."},
	{"حجم فایل «%s» بیش از %s مگابایت است؛ فایل کوچک‌تری بارگذاری کنید.", "The file for «%s» is larger than %s MB; upload a smaller file."},
	{"نوع فایل «%s» پذیرفته نیست؛ فایل %s بارگذاری کنید.", "The file type for «%s» is not accepted; upload a %s file."},
	{"کد قبلی همین الان فرستاده شد؛ لطفاً %s ثانیه دیگر دوباره درخواست کنید.", "A code was sent a moment ago; please ask again in %s seconds."},
	{"کد تأیید نادرست است؛ %s بار دیگر می‌توانید تلاش کنید.", "The code is wrong; you can try %s more times."},
	{"این کار در وضعیت «%s» ممکن نیست.", "This cannot be done while the request is «%s»."},
	{"%s نویسه، %s پیامک (هر پیامک %s نویسه)", "%s characters, %s SMS (%s characters each)"},
	{"%s نویسه، %s پیامک", "%s characters, %s SMS"},
	{"موعد پاسخ تا %s تمدید شد. دلیل: %s", "The answer date was extended to %s. Reason: %s."},
	{"تاریخ پاسخ به %s تغییر کرد؛ تقویم کاری اداره تغییر کرده است.", "The answer date changed to %s; the office's working calendar changed."},
	{"درخواست در میز خدمت حضوری ثبت شد؛ اصل این مدارک در میز خدمت دیده شد: %s.", "The request was registered at the service counter; the originals of these documents were seen at the counter: %s."},
	{"درخواست از روی نامه کتبی متقاضی در میز خدمت حضوری ثبت شد؛ اصل این مدارک در میز خدمت دیده شد: %s.", "The request was registered at the service counter from the applicant's written letter; the originals of these documents were seen at the counter: %s."},
	{"درخواست با تماس تلفنی در میز خدمت حضوری ثبت شد؛ اصل این مدارک در میز خدمت دیده شد: %s.", "The request was registered at the service counter from a phone call; the originals of these documents were seen at the counter: %s."},
})

type pattern struct {
	re *regexp.Regexp
	en string
}

func compilePatterns(pairs [][2]string) []pattern {
	out := make([]pattern, len(pairs))
	for i, p := range pairs {
		parts := strings.Split(p[0], "%s")
		for j := range parts {
			parts[j] = regexp.QuoteMeta(parts[j])
		}
		out[i] = pattern{regexp.MustCompile("^" + strings.Join(parts, "(.+?)") + "$"), p[1]}
	}
	return out
}

// matchPattern translates msg by the first pattern it matches whole.
func matchPattern(msg string) (string, bool) {
	for _, p := range enPatterns {
		m := p.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, v := range m[1:] {
			args[i] = strings.ReplaceAll(fa.ASCIIDigits(v), "، ", ", ")
		}
		return fmt.Sprintf(p.en, args...), true
	}
	return "", false
}
