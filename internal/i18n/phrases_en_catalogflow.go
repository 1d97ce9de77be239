package i18n

// Catalog workflow and store: drafts, review, publish, announcements,
// subscriptions (issue 5).
func init() {
	// The notice kind reaches the SMS pages as a slug, like those in
	// phrases_en_sms.go.
	faSlugs["card_changed"] = "تغییر شناسنامه خدمت"
	addPhrases(map[string]string{
		"card_changed":        "Service card changed",
		"تغییر شناسنامه خدمت": "Service card changed",
		"تنها ویراستار شناسنامه خدمات یا مدیر سامانه می‌تواند شناسنامه خدمات را تغییر دهد.": "Only a catalog editor or an administrator can change service cards.",
		"همکار دیگری": "Another colleague",
		"این پیش‌نویس در این فاصله منتشر یا کنار گذاشته شده است؛ شناسنامه را دوباره باز کنید و تغییرات خود را بر نسخهٔ تازه بنویسید.": "This draft was published or discarded meanwhile; open the card again and make your changes on the new version.",
		"این پیش‌نویس برای بررسی فرستاده شده یا در انتظار تاریخ اجرا است؛ تا بررسی‌کننده آن را برنگرداند نمی‌توان آن را تغییر داد.":   "This draft was sent for review or waits for its effective date; it cannot be changed until a reviewer sends it back.",
		"این پیش‌نویس در انتظار بررسی نیست؛ صفحه را دوباره باز کنید.":                                                                 "This draft is not waiting for review; open the page again.",
		"این پیش‌نویس در این فاصله تغییر کرده است؛ صفحه را دوباره باز کنید.":                                                          "This draft changed meanwhile; open the page again.",
		"این پیش‌نویس پیش‌تر برای بررسی فرستاده شده است.":                                                                             "This draft was already sent for review.",
		"بنویسید چه چیزی باید اصلاح شود تا ویراستار بداند.":                                                                           "Write what needs correcting so the editor knows.",
		"شما این پیش‌نویس را برای بررسی فرستاده‌اید؛ همکار دیگری باید آن را بررسی و تأیید کند.":                                       "You sent this draft for review; another colleague must review and approve it.",
		"شناسهٔ خدمت را با ۱ تا ۲۰ رقم بنویسید.":                                                                                      "Write the service code with 1 to 20 digits.",
		"شناسهٔ خدمت منتشرشده را نمی‌توان تغییر داد؛ برای شناسهٔ تازه، خدمت تازه بسازید.":                                             "A published service's code cannot change; for a new code, create a new service.",
		"فهرست شناسنامه‌های بازبینی‌نشده را ویراستاران، مدیران واحد و مدیر سامانه می‌بینند.":                                          "The list of unreviewed cards is for editors, unit managers and administrators.",
		"همکار دیگری هم‌زمان پیش‌نویسی برای این خدمت ذخیره کرده است؛ صفحه را دوباره باز کنید.":                                        "A colleague saved a draft of this service at the same time; open the page again.",
		"پیش‌نویسی برای این خدمت پیدا نشد؛ شاید منتشر یا کنار گذاشته شده است. فهرست شناسنامه‌ها را دوباره باز کنید.":                  "No draft of this service was found; it may have been published or discarded. Open the list of cards again.",
		"خدمتی با این شناسه پیدا نشد؛ شناسه را درست کنید یا برای اطلاعیهٔ عمومی خالی بگذارید.":                                        "No service has this code; correct it, or leave it empty for an agency-wide announcement.",
		"عنوان اطلاعیه را بنویسید.": "Write the announcement's title.",
		"متن اطلاعیه را بنویسید.":   "Write the announcement's text.",
		"این پیوند اشتراک پیدا نشد یا مهلت آن گذشته است؛ در صفحهٔ خدمت دوباره عضو شوید.": "This subscription link was not found or has expired; subscribe again on the service's page.",
		"این پیوند لغو اشتراک درست نیست؛ نشانی را از پیامک دوباره بردارید.":              "This unsubscribe link is not right; copy the address from the SMS again.",
	})
}
