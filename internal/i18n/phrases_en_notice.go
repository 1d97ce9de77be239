package i18n

// The notice package: the SMS template checker's messages (shown on the
// template editor) and the kinds' Persian titles. Messages with values
// (a variable, a kind's title) are in patterns_en.go.
func init() {
	addPhrases(map[string]string{
		// Kind titles not already in the phrasebook; the same English as
		// the kinds' slugs in phrases_en_sms.go.
		"کد تأیید در میز خدمت حضوری": "One-time code at the service counter",
		"صدور نامه":          "Letter issued",
		"ارجاع به واحد دیگر": "Referred to another unit",
		"نیاز به مدرک":       "Documents needed",
		"تغییر تاریخ پاسخ":   "Promised date changed",
		"تمدید موعد پاسخ":    "Answer date extended",
		"پاسخ به درخواست":    "Request answered",
		"بسته شدن پرونده":    "File closed",
		"نظرسنجی":            "Satisfaction survey",
		"تغییر خدمت درخواست": "Service of the request changed",

		// Template checks.
		"متن پیامک خالی است؛ متن را بنویسید.":                                                       "The SMS text is empty; write the text.",
		"متن پیامک خوانده نشد؛ هر {{ را با }} ببندید و نام متغیرها را مانند {{.Tracking}} بنویسید.": "The SMS text could not be read; close every {{ with }} and write variable names like {{.Tracking}}.",
		"تعریف قالب تازه (define) در پیامک پشتیبانی نمی‌شود.":                                       "Defining new templates (define) is not supported in an SMS.",
		"در پیامک فقط متغیرها، if و with و تابع‌های short و fa و latin به کار می‌روند.":             "An SMS may use only variables, if and with, and the functions short, fa and latin.",
		"درون with فقط {{.}} به کار می‌رود، نه نام متغیر.":                                          "Inside with, use only {{.}}, not a variable's name.",
		"{{.}} تنها درون with به کار می‌رود؛ نام متغیر را بنویسید، مانند {{.Tracking}}.":            "{{.}} can be used only inside with; write a variable's name, such as {{.Tracking}}.",
		"متن پیامک ساخته نشد؛ تابع‌ها را درست به کار ببرید، مانند {{short 20 .Service}}.":           "The SMS text could not be built; use the functions correctly, such as {{short 20 .Service}}.",
		"متن پیامک پس از جای‌گذاری متغیرها خالی می‌شود؛ متنی بنویسید.":                              "The SMS text is empty once the variables are filled in; write some text.",
	})
}
