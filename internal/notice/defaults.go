package notice

import "mizban/internal/jalali"

// defaultBodies fit one 70-unit part with SampleVars. The link goes on a
// line of its own, last, so phones make it tappable; {{with .Link}} drops
// the line when the desk has no public address. Bodies that name a unit or
// a service cut it with short, since those titles can be long.
var defaultBodies = map[Kind]string{
	KindOTP:            "کد تأیید میزبان: {{.Code}}\nتا {{fa .Minutes}} دقیقه معتبر است؛ آن را به کسی ندهید.",
	KindOTPCounter:     "کد تأیید میزبان: {{.Code}}\nآن را فقط به متصدی میز خدمت بگویید.",
	KindRegistered:     "ثبت شد؛ کد رهگیری: {{.Tracking}}{{with .Link}}\n{{.}}{{end}}",
	KindLetterIssued:   "نامه درخواست {{.Tracking}} صادر شد.{{with .Link}}\n{{.}}{{end}}",
	KindReferred:       "درخواست {{.Tracking}} به «{{short 28 .Unit}}» ارجاع شد.",
	KindDocsNeeded:     "مدارک درخواست {{.Tracking}} کامل نیست:{{with .Link}}\n{{.}}{{end}}",
	KindDueChanged:     "تاریخ پاسخ درخواست {{.Tracking}} به {{.Date}} تغییر کرد.",
	KindExtended:       "موعد پاسخ درخواست {{.Tracking}} تا {{.Date}} تمدید شد.",
	KindAnswered:       "به درخواست {{.Tracking}} پاسخ داده شد:{{with .Link}}\n{{.}}{{end}}",
	KindRejected:       "درخواست {{.Tracking}} رد شد؛ دلیل آن:{{with .Link}}\n{{.}}{{end}}",
	KindClosed:         "پرونده درخواست {{.Tracking}} بسته شد.{{with .Link}}\n{{.}}{{end}}",
	KindSurvey:         "نظرتان درباره درخواست {{.Tracking}}؟{{with .Link}}\n{{.}}{{end}}",
	KindServiceChanged: "خدمت درخواست {{.Tracking}} به «{{short 26 .Service}}» تغییر کرد.",
	KindReopened:       "درخواست {{.Tracking}} دوباره باز شد.{{with .Link}}\n{{.}}{{end}}",
	// 18 runes of title leave room for a 35-character link (host/h/ and an
	// 11-digit code) in one part.
	KindCardChanged: "تغییر در خدمت «{{short 18 .Service}}»{{with .Link}}\n{{.}}{{end}}",
}

// Defaults returns the built-in template of every kind, all enabled.
func Defaults() map[Kind]Template {
	m := make(map[Kind]Template, len(defaultBodies))
	for k, b := range defaultBodies {
		m[k] = Template{Kind: k, Body: b, Enabled: true}
	}
	return m
}

// Default returns the built-in body of kind k, "" for an unknown kind.
func Default(k Kind) string { return defaultBodies[k] }

// SampleVars are the longest realistic values: a 12-digit tracking code, a
// 40-character service title and unit name, the longest Jalali date and a
// request link as sent, host + "/t/" + the 8-character token (SampleLinkToken;
// workflow.LinkURL, store.LinkTokenLen). The editor previews with them, so
// a template that fits here fits every real message.
func SampleVars() Vars {
	return Vars{
		Code:     "482913",
		Tracking: "140512345678",
		Service:  "صدور پروانه ساختمانی برای واحدهای مسکونی", // 40
		Unit:     "اداره کل امور مالیاتی و حسابرسی استان قم", // 40
		Date:     "۳۱ اردیبهشت ۱۴۰۵",
		Link:     "mizban.example.gov.ir/t/" + SampleLinkToken, // 32
		Minutes:  120,
	}
}

// SampleLinkToken is the token of SampleVars' link: the length and
// alphabet of a real request link's token.
const SampleLinkToken = "k3m9p2xa"

// FormatDate is the form of {{.Date}}: «۴ آذر ۱۴۰۵».
func FormatDate(d jalali.Date) string { return d.FormatFa() }
