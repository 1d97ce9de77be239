package i18n

// Requests other portals and counter offices file for citizens through the
// integration API (POST /integration/requests).
func init() {
	addPhrases(map[string]string{
		"خدمتی با این شناسه پیدا نشد؛ شناسه را از فهرست خدمات (GET /api/v1/services) بردارید.":                                                "No service has this code; take the code from the list of services (GET /api/v1/services).",
		"راه رسیدن درخواست (channel) باید یکی از portal، in_person، letter یا phone باشد.":                                                    "The channel must be one of portal, in_person, letter or phone.",
		"این خدمت درخواست اینترنتی ندارد؛ اگر متقاضی حضوری، با نامه یا تلفنی مراجعه کرده است، channel را in_person، letter یا phone بفرستید.": "This service has no online application; if the applicant came in person, by letter or by phone, send channel as in_person, letter or phone.",
		"واحد ثبت‌کننده (unit) پیدا نشد یا در واحدهای این کلاینت نیست؛ کد واحد را درست بفرستید یا unit را نفرستید.":                           "The registering unit was not found or is not one of this client's units; send a correct unit code or leave unit out.",
		"شناسه سامانه شما (external_ref) حداکثر ۶۴ نویسه و بدون نویسه کنترلی است.":                                                            "Your system's id (external_ref) is at most 64 characters, with no control characters.",
		"این مدرک دو بار فرستاده شده است؛ هر مدرک را یک بار بفرستید.":                                                                         "This document was sent twice; send each document once.",
		"این کلید Idempotency-Key پیش‌تر با درخواست دیگری به کار رفته است؛ برای درخواست تازه کلید تازه بسازید.":                               "This Idempotency-Key was already used with another request; make a new key for a new request.",
		"کلید مدرک (key) را بنویسید؛ کلیدهای پذیرفته در شناسنامه خدمت، بخش uploads آمده است.":                                                 "Write the document's key; the accepted keys are listed in the service card, under uploads.",
		"فایل این مدرک خالی است؛ محتوای فایل را در content_base64 بفرستید.":                                                                   "This document's file is empty; send the file's content in content_base64.",
	})
	// Messages built with the client's name, its id and a unit code.
	enPatterns = append(enPatterns, compilePatterns([][2]string{
		{"این کلاینت فقط برای خدمت‌های واحدهای خودش درخواست ثبت می‌کند و این خدمت از آن واحد دیگری است؛ اگر باید ثبت کند، از مدیر سامانه بخواهید واحد «%s» را به کلاینت بدهد.", "This client files requests only for services of its own units, and this service belongs to another unit; if it should, ask the system administrator to give the client the unit «%s»."},
		{"درخواست از راه درگاه «%s» به نام متقاضی ثبت شد؛ شناسه آن در آن درگاه: %s.", "The request was filed for the applicant through the portal «%s»; its id there: %s."},
		{"درخواست از راه درگاه «%s» به نام متقاضی ثبت شد.", "The request was filed for the applicant through the portal «%s»."},
		{"درخواست با مراجعه حضوری متقاضی در «%s» ثبت شد؛ شناسه آن در آن سامانه: %s.", "The request was registered in person at «%s»; its id in that system: %s."},
		{"درخواست با مراجعه حضوری متقاضی در «%s» ثبت شد.", "The request was registered in person at «%s»."},
		{"درخواست از روی نامه کتبی متقاضی در «%s» ثبت شد؛ شناسه آن در آن سامانه: %s.", "The request was registered from the applicant's written letter at «%s»; its id in that system: %s."},
		{"درخواست از روی نامه کتبی متقاضی در «%s» ثبت شد.", "The request was registered from the applicant's written letter at «%s»."},
		{"درخواست با تماس تلفنی متقاضی در «%s» ثبت شد؛ شناسه آن در آن سامانه: %s.", "The request was registered from the applicant's phone call at «%s»; its id in that system: %s."},
		{"درخواست با تماس تلفنی متقاضی در «%s» ثبت شد.", "The request was registered from the applicant's phone call at «%s»."},
	})...)
}
