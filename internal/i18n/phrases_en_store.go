package i18n

// Messages of the store and of account administration that reach pages.
func init() {
	addPhrases(map[string]string{
		"این درخواست هم‌زمان توسط شخص دیگری تغییر کرده است؛ لطفاً صفحه را دوباره باز کنید.": "Someone else changed this request at the same time; please open the page again.",
		"این زبانه کارتابل شناخته نیست.":                                           "This tray section is not known.",
		"این فرم پیدا نشد یا مهلت آن گذشته است؛ لطفاً درخواست را از نو آغاز کنید.": "This form was not found or has expired; please start the request again.",
		"این مدرک پیدا نشد.":                           "This document was not found.",
		"این مورد پیش‌تر ثبت شده است.":                 "This has already been recorded.",
		"این کارتابل شناخته نیست.":                     "This tray is not known.",
		"خدمتی با این شناسه پیدا نشد.":                 "No service has this ID.",
		"شناسه خدمت را وارد کنید.":                     "Enter the service ID.",
		"شیوه واگذاری باید «صف واحد» یا «نوبتی» باشد.": "The assignment rule must be «unit queue» or «round robin».",
		"واحدی با این شناسه پیدا نشد.":                 "No unit has this code.",
		"پیامکی با این شناسه پیدا نشد.":                "No SMS has this ID.",
		"کارمندی با این مشخصات پیدا نشد.":              "No member of staff matches.",
		"کد تأییدی پیدا نشد؛ لطفاً کد تازه‌ای بگیرید.": "No one-time code was found; please ask for a new one.",
		"کد واحد باید ۲ تا ۳۲ نویسه از حروف کوچک انگلیسی، رقم یا خط زیر باشد و با حرف آغاز شود.": "A unit code must be 2 to 32 lower-case Latin letters, digits or underscores, starting with a letter.",
	})
}
