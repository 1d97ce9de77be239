package i18n

// SMS: the template editor, and the notice kinds, which reach pages as
// slugs (the tracking page's SMS list, the editor's headings).
func init() {
	for slug, title := range smsKindSlugs {
		faSlugs[slug] = title
	}
	addPhrases(map[string]string{
		// Template page.
		"متن پیامک‌ها":        "SMS texts",
		"متن پیامک ذخیره شد:": "SMS text saved:",
		"پیامک بعدی از همین نوع با این متن فرستاده می‌شود.": "The next SMS of this kind is sent with this text.",
		"برای هر رویداد درخواست یک پیامک به متقاضی فرستاده می‌شود. متن هر کدام را می‌توانید اینجا تغییر دهید؛ متغیرها، مانند کد رهگیری، هنگام ارسال با مقدار واقعی جایگزین می‌شوند.":                              "Each event of a request sends the applicant one SMS. You can change the text of each here; variables, such as the tracking code, are replaced with the real values when it is sent.",
		"هر پیامک فارسی تا ۷۰ نویسه یک پیامک است و هر بخش از پیامک بلندتر ۶۷ نویسه؛ شمارنده زیر هر متن، پیش‌نمایش با بلندترین مقدارهای واقعی را می‌شمارد. نام، کد ملی یا شماره همراه متقاضی را در پیامک نگذارید.": "A Persian SMS of up to 70 characters is one message, and each part of a longer one holds 67; the counter under each text counts the preview with the longest realistic values. Never put the applicant's name, national ID or mobile number in an SMS.",
		"متن تغییر کرده":      "text changed",
		"متن پیامک":           "SMS text",
		"متغیرهای این پیامک:": "Variables of this SMS:",
		"اندازه:":             "Size:",
		"بیش از یک پیامک؛ هزینه ارسال چند برابر می‌شود.": "More than one SMS part; sending costs several times as much.",
		"پیش‌نمایش با مقدارهای نمونه:":                   "Preview with sample values:",
		"این پیامک ضروری است و همیشه فرستاده می‌شود.":    "This SMS is essential and is always sent.",
		"این پیامک فرستاده شود":                          "Send this SMS",
		"بازگشت به متن پیش‌فرض":                          "Back to the default text",

		// Notice kinds (notice.Kind) beyond otp, registered, status and
		// due_changed, whose slugs were there before.
		"otp_counter":     "One-time code at the service counter",
		"letter_issued":   "Letter issued",
		"referred":        "Referred to another unit",
		"docs_needed":     "Documents needed",
		"extended":        "Answer date extended",
		"answered":        "Request answered",
		"rejected":        "Request rejected",
		"closed":          "File closed",
		"reopened":        "File reopened",
		"survey":          "Satisfaction survey",
		"service_changed": "Service of the request changed",

		// Workflow.
		"تنها مدیر سامانه می‌تواند متن پیامک‌ها را تغییر دهد.": "Only a system administrator can change the SMS texts.",
		"این نوع پیامک شناخته نیست.":                           "This kind of SMS is not known.",
	})
}

// smsKindSlugs are the Persian names of the notice kinds (as notice.Kind's
// titles) that slugs_fa.go does not have yet.
var smsKindSlugs = map[string]string{
	"otp_counter":     "کد تأیید در میز خدمت حضوری",
	"letter_issued":   "صدور نامه",
	"referred":        "ارجاع به واحد دیگر",
	"docs_needed":     "نیاز به مدرک",
	"extended":        "تمدید موعد پاسخ",
	"answered":        "پاسخ به درخواست",
	"rejected":        "رد درخواست",
	"closed":          "بسته شدن پرونده",
	"reopened":        "بازگشایی پرونده",
	"survey":          "نظرسنجی",
	"service_changed": "تغییر خدمت درخواست",
}
