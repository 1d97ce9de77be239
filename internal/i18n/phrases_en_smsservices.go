package i18n

// Per-service SMS switches: the page where administrators and catalog
// editors choose which non-essential notices a service sends.
func init() {
	addPhrases(map[string]string{
		"پیامک‌های هر خدمت":                          "SMS per service",
		"خاموش کردن پیامک‌های غیرضروری برای یک خدمت": "Switch off non-essential text messages for one service",
		"برای هر خدمت می‌توانید پیامک‌های غیرضروری را خاموش کنید؛ مثلاً نظرسنجی را برای خدمتی که به آن نیازی ندارد. پیامک خاموش فرستاده نمی‌شود، اما آن مرحله در صفحه پیگیری درخواست همچنان دیده می‌شود. هر تغییر با نام شما ثبت می‌شود.": "For each service you can switch off the non-essential text messages, such as the survey for a service that does not need one. A message switched off is not sent, but its stage still shows on the request's tracking page. Every change is recorded under your name.",
		"پیامک‌های خدمت":               "Text messages of the service",
		"پیامک‌های این خدمت ذخیره شد.": "The text messages of this service were saved.",
		"پیامک بعدی درخواست‌های این خدمت با همین تنظیم فرستاده می‌شود.": "The next message about a request for this service follows these settings.",
		"پیامک‌هایی که برای درخواست‌های این خدمت فرستاده شود":           "Text messages to send about requests for this service",
		"پیامک‌های ضروری همیشه فرستاده می‌شوند و خاموش نمی‌شوند: بدون آن‌ها متقاضی نمی‌تواند وارد شود، کد رهگیری را نگه دارد یا از پاسخ و رد درخواست باخبر شود.": "Essential messages are always sent and cannot be switched off: without them an applicant cannot sign in, keep the tracking code, or learn of the answer or a rejection.",
		"ضروری؛ همیشه فرستاده می‌شود":                                      "essential; always sent",
		"این پیامک اکنون در صفحه متن پیامک‌ها برای همه خدمت‌ها خاموش است.": "This message is now switched off for every service on the SMS texts page.",
		"ذخیره پیامک‌های این خدمت":                                         "Save this service's messages",
		"خدمت‌ها":         "Services",
		"پیامک‌های خاموش": "Messages off",
		"تنظیم پیامک‌ها":  "Set messages",
		"هیچ":             "None",
		"هنوز هیچ خدمتی در شناسنامه خدمات نیست.": "The service catalog has no services yet.",

		// Link from the SMS texts page.
		"خاموش کردن یک پیامک در این صفحه آن را برای همه خدمت‌ها خاموش می‌کند. برای خاموش کردن پیامکی تنها برای یک خدمت:": "Switching a message off on this page switches it off for every service. To switch a message off for one service only:",

		// Workflow.
		"تنها مدیر سامانه یا ویراستار شناسنامه خدمات می‌تواند پیامک‌های یک خدمت را روشن یا خاموش کند.": "Only a system administrator or a service catalog editor can switch a service's text messages on or off.",
	})
}
