package i18n

// Reply drafts and signatures (پیش‌نویس → امضا): workflow/reply_draft.go,
// store/reply_drafts.go, the request page and the tray.
func init() {
	addPhrases(map[string]string{
		// Messages.
		"پیش‌نویس پاسخ برای امضای مدیر واحد ذخیره شد.": "Reply draft saved for the unit manager's signature.",
		"پاسخ این درخواست به‌عنوان نامه صادره فرستاده می‌شود و باید مدیر واحد آن را امضا کند؛ پیش‌نویس پاسخ را ذخیره کنید تا مدیر آن را امضا و ارسال کند.": "The reply to this request goes out as an outgoing letter and must be signed by the unit's manager; save a reply draft so the manager can sign and send it.",
		"پیش‌نویس پاسخی برای این درخواست ذخیره نشده است.": "No reply draft is saved for this request.",
		"تصمیمی برای این رویداد ثبت نشده است.":            "No decision is recorded for this event.",
		// The request page.
		"پیش‌نویس پاسخ ذخیره شد و برای امضای مدیر واحد آماده است.": "The reply draft was saved and is ready for the unit manager's signature.",
		"پیش‌نویس":          "Draft",
		"پیش‌نویس پاسخ":     "Reply draft",
		"در انتظار امضا":    "Awaiting signature",
		"امضا و ارسال پاسخ": "Sign and send the reply",
		"ذخیره پیش‌نویس":    "Save the draft",
		"پاسخ با امضای شما به‌عنوان نامه صادره، عطف به نامه وارده این درخواست، در دبیرخانه ثبت و برای متقاضی فرستاده می‌شود.": "The reply is registered in the secretariat as an outgoing letter signed by you, in reply to this request's incoming letter, and sent to the applicant.",
		"پیش‌نویس را در فرم «امضا و ارسال پاسخ» بخوانید، در صورت نیاز ویرایش کنید و بفرستید.":                                 "Read the draft in the «Sign and send the reply» form, edit it if needed, and send it.",
		"رفتن به فرم امضا": "Go to the signing form",
		"مدیر واحد این پیش‌نویس را امضا و به‌عنوان نامه صادره ارسال می‌کند.": "The unit's manager signs this draft and sends it as an outgoing letter.",
		"پاسخ این درخواست به‌عنوان نامه صادره فرستاده می‌شود و مدیر واحد آن را امضا می‌کند. پیش‌نویس را بنویسید؛ ذخیره دوباره جای پیش‌نویس قبلی را می‌گیرد و متقاضی آن را نمی‌بیند.": "The reply to this request goes out as an outgoing letter signed by the unit's manager. Write the draft; saving again replaces the previous draft, and the applicant does not see it.",
		// The tray.
		"پیش‌نویس پاسخ این نامه‌ها آماده است؛ هر درخواست را باز کنید، پیش‌نویس را بخوانید و امضا و ارسال کنید.": "Reply drafts of these letters are ready; open each request, read the draft, then sign and send it.",
		"تنها قدیمی‌ترین پیش‌نویس‌ها نشان داده شده‌اند؛ پس از امضای آن‌ها بقیه دیده می‌شوند.":                   "Only the oldest drafts are shown; the rest appear once these are signed.",
		"پیش‌نویسی در انتظار امضای شما نیست.": "No draft is waiting for your signature.",
	})
}
