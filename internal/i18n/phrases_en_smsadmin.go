package i18n

// SMS delivery: the administrators' page of parked messages, and the
// delivery states on the citizen's tracking page.
func init() {
	addPhrases(map[string]string{
		// Parked messages.
		"پیامک‌های ناموفق":                    "Failed SMS",
		"پیامک دوباره در صف ارسال گذاشته شد:": "The SMS is queued again:",
		"پیامک‌هایی که پس از چند بار تلاش فرستاده نشدند یا درگاه آن‌ها را نپذیرفت. دلیل را بخوانید و اگر مشکل برطرف شده است، پیامک را دوباره بفرستید؛ هر ارسال دوباره با نام شما ثبت می‌شود.": "Text messages that could not be sent after several tries, or that the gateway refused. Read the reason and, once the problem is fixed, send the message again; every resend is recorded under your name.",
		"زمان توقف":    "Stopped at",
		"گیرنده":       "Recipient",
		"تلاش‌ها":      "Attempts",
		"آخرین خطا":    "Last error",
		"ارسال دوباره": "Send again",
		"تنها ۲۰۰ پیامکِ تازه‌تر نشان داده شده است.": "Only the 200 most recent are shown.",
		"هیچ پیامک ناموفقی نیست.":                    "There are no failed text messages.",
		"این پیامک در فهرست پیامک‌های ناموفق نیست؛ شاید پیش‌تر دوباره در صف گذاشته شده است. صفحه را تازه کنید.": "This SMS is not among the failed ones; it may have been queued again already. Reload the page.",

		// Delivery states on the tracking page.
		"اگر پیامکی به دستتان نرسید، همین فهرست می‌گوید چه فرستاده شد و سرنوشتش چه شد.": "If a text message did not reach you, this list shows what was sent and what became of it.",
		"وضعیت رسیدن": "Delivery",
		"در صف":       "Queued",
		"رسید":        "Delivered",
		"نرسید":       "Not delivered",
		"منقضی":       "Expired",
		"ارسال از":    "to be sent from",
	})
}
