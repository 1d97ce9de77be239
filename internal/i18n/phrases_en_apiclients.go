package i18n

// Integration API clients: the administrators' page and the workflow's
// messages.
func init() {
	addPhrases(map[string]string{
		"کلاینت‌های API": "API clients",
		"توکن سامانه‌های اتوماسیون اداری و درگاه‌های دیگر، دسترسی‌ها و واحدهایشان، و باطل کردن توکن": "Tokens of office automation systems and other portals, their scopes and units, and revoking a token",
		"کلاینت ساخته شد:": "Client created:",
		"این توکن را همین حالا کپی کنید و در سامانه اتوماسیون بگذارید؛ دیگر نشان داده نمی‌شود. اگر گم شد، کلاینت را باطل کنید و کلاینت تازه بسازید.": "Copy this token now and put it in the automation system; it will not be shown again. If it is lost, revoke the client and create a new one.",
		"توکن": "Token",
		"توکن کلاینت باطل شد؛ از این پس هر درخواست با آن پاسخ ۴۰۱ می‌گیرد.": "The client's token was revoked; from now on every request with it is answered 401.",
		"سامانه‌های اتوماسیون اداری و درگاه‌های دیگر با توکن یک کلاینت به API یکپارچه‌سازی وصل می‌شوند. هر کلاینت فقط دسترسی‌های داده‌شده و واحدهای انتخاب‌شده را دارد و هر فراخوانی آن در گزارش رویدادها ثبت می‌شود.": "Office automation systems and other portals connect to the integration API with a client's token. Each client has only the scopes given and the units chosen, and every call it makes is recorded in the audit log.",
		"آغاز توکن":      "Token starts with",
		"دسترسی‌ها":      "Scopes",
		"واحدها":         "Units",
		"ساخته شده":      "Created",
		"آخرین استفاده":  "Last used",
		"همه واحدها":     "All units",
		"باطل کردن توکن": "Revoke token",
		"باطل شده":       "Revoked",
		"هنوز هیچ کلاینتی ساخته نشده است.": "No client has been created yet.",
		"افزودن کلاینت":                    "Add a client",
		"نام کلاینت":                       "Client name",
		"نامی که در گزارش رویدادها و روند درخواست دیده می‌شود؛ مانند نام سامانه اتوماسیون.": "The name shown in the audit log and on request timelines, such as the automation system's name.",
		"محدود به واحدها": "Limited to units",
		"هیچ واحدی را انتخاب نکنید تا کلاینت درخواست‌های همه واحدها را ببیند.": "Choose no unit to let the client see the requests of every unit.",
		"ساختن کلاینت و توکن": "Create client and token",

		// Workflow and store.
		"خواندن درخواست‌ها":          "Read requests",
		"ثبت رویداد (ارجاع، مختومه)": "Record events (referral, closing)",
		"ثبت درخواست به نام متقاضی":  "Create requests for an applicant",
		"کلاینت API":                 "API client",
		"فقط مدیر سامانه می‌تواند کلاینت‌های API را مدیریت کند.":                                                 "Only a system administrator can manage API clients.",
		"توکن API نامعتبر یا باطل‌شده است؛ توکن درست را در سرآیند Authorization به شکل «Bearer <توکن>» بفرستید.": "The API token is invalid or revoked; send the right token in the Authorization header as “Bearer <token>”.",
		"نام کلاینت را بنویسید؛ مثلاً نام سامانه اتوماسیون اداری.":                                               "Write the client's name, for example the name of the office automation system.",
		"نام کلاینت حداکثر ۱۰۰ نویسه است.":                                                                       "A client name is at most 100 characters.",
		"دست‌کم یک دسترسی برای کلاینت انتخاب کنید.":                                                              "Choose at least one scope for the client.",
		"واحد انتخاب‌شده پیدا نشد؛ یکی از واحدهای فهرست را انتخاب کنید.":                                         "The chosen unit was not found; choose one of the units in the list.",
		"کلاینت API با این مشخصات پیدا نشد.":                                                                     "No API client with these details was found.",
		"این کلید Idempotency-Key پیش‌تر به کار نرفته است.":                                                      "This Idempotency-Key has not been used before.",
	})
}
