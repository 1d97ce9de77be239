package i18n

// The tracking page: what the citizen sees of the staff's work (decisions,
// documents asked for, extensions) and the documents upload.
func init() {
	addPhrases(map[string]string{
		"مدارک شما رسید.": "Your documents have arrived.",
		"درخواست برای ادامه رسیدگی به کارشناس برگشت؛ این مرحله در فهرست مراحل رسیدگی آمده است.": "The request has gone back to the officer to carry on; the step is listed among the stages below.",
		"درخواست شما رد شد": "Your request was rejected",
		"تصمیم‌گیرنده":      "Decided by",
		"تاریخ تصمیم":       "Date of the decision",
		"پاسخ درخواست شما":  "The answer to your request",
		"پاسخ‌دهنده":        "Answered by",
		"پیوست پاسخ":        "Attachment",
		"دریافت پیوست پاسخ": "Download the attachment",
		"پاسخ پیوست دارد. برای دریافت آن، کد تأیید را در پایین همین صفحه بخواهید.": "The answer has an attachment. To download it, ask for a confirmation code at the bottom of this page.",
		"مدارک بیشتری لازم است":                             "More documents are needed",
		"کارشناس رسیدگی‌کننده نوشته است چه مدرکی لازم است:": "The officer handling your request wrote what is needed:",
		"بارگذاری مدارک":                                    "Upload documents",
		"کد تأیید پیامک‌شده را در پایین همین صفحه وارد کنید؛ سپس فرم بارگذاری باز می‌شود.": "Enter the confirmation code we sent by SMS at the bottom of this page; the upload form opens next.",
		"برای بارگذاری، یک کد تأیید به شماره همراه ثبت‌شده پیامک می‌شود.":                  "To upload, we send a confirmation code by SMS to the registered mobile number.",
		"موعد پاسخ تمدید شد": "The promised date was extended",
		"تاریخ پاسخ جدید":    "New promised date",
		"دلیل تمدید":         "Reason for the extension",
		"تاریخ تمدید":        "Extended on",
		"مدارک خواسته‌شده":   "Documents asked for",
		"فایل نخست":          "First file",
		"فایل دوم":           "Second file",
		"فایل سوم":           "Third file",
		"پس از فرستادن، درخواست برای ادامه رسیدگی به کارشناس برمی‌گردد.": "Once sent, the request goes back to the officer to carry on.",
		"فرستادن مدارک":                 "Send the documents",
		"پیوست پاسخ پیدا نشد.":          "The answer's attachment was not found.",
		"اگر با این تصمیم موافق نیستید": "If you disagree with this decision",
		"دلیل:": "Reason:",
	})
}
