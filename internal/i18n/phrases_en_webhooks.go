package i18n

// Outbound webhooks: the administrators' pages and their messages.
func init() {
	addPhrases(map[string]string{
		// Endpoints page.
		"وب‌هوک‌ها":               "Webhooks",
		"افزودن نشانی":            "Add an address",
		"افزودن و ساختن رمز امضا": "Add and make a signing secret",
		"نشانی گیرنده":            "Receiver address",
		"نشانی‌ای که سامانه گیرنده برای دریافت رویدادها داده است؛ تا جای ممکن با https.": "The address the receiving system gave for events; use https wherever you can.",
		"رویدادها": "Events",
		"رویداد":   "Event",
		"گیرنده در شبکه داخلی سازمان است؛ ارسال به نشانی داخلی مجاز باشد.": "The receiver is on the agency's network; allow sending to an internal address.",
		"در شبکه داخلی مجاز است":   "allowed on the internal network",
		"نشانی وب‌هوک ثبت شد.":     "The webhook address was saved.",
		"رمز امضای تازه ساخته شد.": "A new signing secret was made.",
		"این رمز را همین حالا به سامانه گیرنده بدهید؛ دیگر نشان داده نمی‌شود و تنها به‌صورت رمزشده نگه داشته می‌شود.": "Give this secret to the receiving system now; it is not shown again and is kept only encrypted.",
		"تا سه روز هر ارسال با هر دو رمز قدیم و تازه امضا می‌شود؛ پس از آن تنها با رمز تازه.":                         "For three days every delivery is signed with both the old and the new secret; after that with the new one only.",
		"رمز امضا":       "Signing secret",
		"رمز امضای تازه": "New signing secret",
		"نشانی وب‌هوک دوباره فعال شد؛ ارسال‌های در صف آن فرستاده می‌شوند.": "The webhook address is enabled again; its queued deliveries will be sent.",
		"نشانی وب‌هوک غیرفعال شد.":                          "The webhook address was disabled.",
		"این نشانی چون چند روز پیاپی پاسخ نداد غیرفعال شد:": "This address was disabled because it failed for several days in a row:",
		"سامانه گیرنده را بررسی کنید، سپس نشانی را فعال کنید و ارسال‌های ناموفق را از گزارش آن دوباره بفرستید.":                                                     "Check the receiving system, then enable the address and send its failed deliveries again from its log.",
		"سامانه‌های دیگر، مانند اتوماسیون اداری، با وب‌هوک از رویدادهای درخواست‌ها باخبر می‌شوند. هر ارسال امضا می‌شود و اگر نرسد تا سه روز دوباره فرستاده می‌شود.": "Other systems, such as office automation, learn of requests' events through webhooks. Every delivery is signed, and one that does not arrive is tried again for three days.",
		"ناموفق از":   "failing since",
		"کارها":       "Actions",
		"گزارش ارسال": "Delivery log",
		"هنوز هیچ نشانی وب‌هوکی ثبت نشده است.": "No webhook address has been added yet.",
		"نشانی سامانه‌هایی که از رویدادهای درخواست‌ها باخبر می‌شوند، رمز امضا، گزارش ارسال و ارسال دوباره": "Addresses of systems told of requests' events, signing secrets, delivery log and redelivery",

		// Delivery log.
		"گزارش ارسال وب‌هوک": "Webhook delivery log",
		"زمان رویداد":        "Event time",
		"تلاش بعدی:":         "Next attempt:",
		"بی‌پاسخ":            "no answer",
		"رویداد دوباره در صف ارسال گذاشته شد.":          "The event was queued for delivery again.",
		"تنها ۱۰۰ ارسالِ تازه‌تر نشان داده شده است.":    "Only the 100 newest deliveries are shown.",
		"هنوز رویدادی برای این نشانی فرستاده نشده است.": "No event has been sent to this address yet.",

		// Event types and delivery statuses.
		"تغییر وضعیت درخواست":          "Request status changed",
		"ارجاع درخواست":                "Request referred",
		"درخواست مدارک بیشتر":          "More documents requested",
		"پاسخ یا رد درخواست":           "Request answered or rejected",
		"مختومه شدن درخواست":           "Request closed",
		"ثبت نامه در دبیرخانه":         "Letter registered by the secretariat",
		"ناموفق؛ دیگر فرستاده نمی‌شود": "Failed; no more attempts",

		// Messages.
		"این ارسال هنوز در صف است یا در حال ارسال است؛ صفحه را تازه کنید.":                                 "This delivery is still queued or being sent; refresh the page.",
		"این ارسال وب‌هوک پیدا نشد؛ صفحه را تازه کنید.":                                                    "This webhook delivery was not found; refresh the page.",
		"این نشانی وب‌هوک پیدا نشد؛ صفحه را تازه کنید.":                                                    "This webhook address was not found; refresh the page.",
		"دست‌کم یک رویداد را برای فرستادن انتخاب کنید.":                                                    "Choose at least one event to send.",
		"فقط مدیر سامانه می‌تواند وب‌هوک‌ها را مدیریت کند.":                                                "Only a system administrator can manage webhooks.",
		"نشانی را کامل و با http:// یا https:// بنویسید، مانند https://automation.example.ir/hooks/mizban": "Write the full address with http:// or https://, such as https://automation.example.ir/hooks/mizban",
	})
}
