package i18n

// Notices to administrators on the staff and administration home pages.
func init() {
	addPhrases(map[string]string{
		"نشانی‌های وب‌هوکی که چون چند روز پیاپی پاسخ ندادند غیرفعال شدند:":                                                                     "Webhook addresses switched off because they failed for several days in a row:",
		"تا دوباره فعال نشوند، سامانه‌های گیرنده از رویدادهای درخواست‌ها باخبر نمی‌شوند. سامانه گیرنده را بررسی کنید، سپس نشانی را فعال کنید.": "Until they are enabled again, the receiving systems hear of no request events. Check the receiving system, then enable the address.",
		"بررسی وب‌هوک‌ها": "Check the webhooks",
		// The webhooks page: the examples of internal addresses sit in their
		// own left-to-right run, out of the sentence.
		"بدون این گزینه، ارسال به نشانی‌های شبکه داخلی پذیرفته نمی‌شود؛ مانند": "Without this option, addresses on the internal network are refused, such as",
	})
}
