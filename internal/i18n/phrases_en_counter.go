package i18n

// The counter desk (میز خدمت حضوری): registering walk-in, letter and phone
// requests for citizens.
func init() {
	addPhrases(map[string]string{
		"میز خدمت حضوری": "Service counter",
		"درخواست مراجعه حضوری، نامه کتبی یا تماس تلفنی را برای شهروند ثبت کنید. نخست خدمت را انتخاب کنید.": "Register a request brought in person, by letter or by phone. Choose the service first.",
		"همه خدمات، چه اینترنتی و چه حضوری، در میز خدمت ثبت می‌شوند.":                                      "Every service, online or in person only, can be registered at the counter.",
		"خدمتی با این عبارت پیدا نشد؛ عبارت کوتاه‌تری بنویسید یا شناسه خدمت را وارد کنید.":                 "No service matches; try a shorter phrase or the service code.",
		"از شهروند بخواهید کد را بخواند.":                                                                  "Ask the citizen to read the code out.",
		"تغییر شماره همراه یا پاسخ‌ها":                                                                     "Change the mobile number or the answers",
		"آنچه ثبت می‌شود":   "What will be registered",
		"راه رسیدن درخواست": "How the request came in",
		"نامه کتبی":         "Written letter",
		"رسید را چاپ کنید (Ctrl+P) و به شهروند بدهید؛ اندازه کاغذ A5 است.": "Print the receipt (Ctrl+P) and hand it to the citizen; the paper size is A5.",
		"ثبت درخواست تازه": "New registration",
		"پاسخ این درخواست با نامه به نشانی شما فرستاده می‌شود. کد رهگیری را نگه دارید.": "The answer to this request will be sent to your address by letter. Keep the tracking code.",
		"حضوری": "In person",
		"تلفنی": "By phone",
		"اصل مدرک در میز دیده شد": "Original seen at the counter",
		"ثبت درخواست در میز خدمت": "Register at the counter",
		"مشخصات و پاسخ‌ها را از روی گفته یا نامه شهروند بنویسید و مدارک را پویش یا بارگذاری کنید. اگر شهروند شماره همراه دارد، کدی برایش پیامک می‌شود که باید آن را بخواند.": "Type the details and answers as the citizen gives them or as the letter says, and scan or upload the documents. If the citizen has a mobile, a code is sent to it by SMS and they read it out.",
		"درخواست از چه راهی رسیده است؟":                                                                "How did the request come in?",
		"نامه کتبی بدون شماره همراه: بدون کد تأیید ثبت شود":                                            "Written letter with no mobile: register without a confirmation code",
		"فقط برای نامه‌ای که شماره همراه ندارد. پاسخ با نامه فرستاده می‌شود و شهروند پیامکی نمی‌گیرد.": "Only for a letter with no mobile number. The answer goes by letter and the citizen gets no SMS.",
		"واحد ثبت‌کننده":                                          "Registering unit",
		"برای خود مراجعه‌کننده":                                   "For the person at the counter",
		"برای شخص دیگری، به دست نماینده قانونی او":                "For someone else, through their legal representative",
		"کد تأیید و پیامک‌های پیگیری به این شماره فرستاده می‌شود": "The confirmation code and tracking messages go to this number",
		"کد تأیید به شماره نماینده فرستاده می‌شود.":               "The confirmation code goes to the representative's number.",
		"به جای بارگذاری هر مدرک، اگر اصل آن را دیده‌اید «اصل مدرک در میز دیده شد» را بزنید. فایل‌های بارگذاری‌شده نگه داشته می‌شوند، حتی اگر بخش دیگری از فرم خطا داشته باشد.": "Instead of uploading a document, tick «Original seen at the counter» if you have seen the original. Uploaded files are kept even when another part of the form has an error.",
		"انصراف و انتخاب خدمت دیگر": "Cancel and choose another service",
		"ثبت درخواست در میز خدمت فقط برای متصدی میز خدمت یا مدیر واحد ممکن است.":                                                       "Only a desk operator or a unit manager can register requests at the counter.",
		"راه رسیدن درخواست را انتخاب کنید: حضوری، نامه یا تلفن.":                                                                       "Choose how the request came in: in person, by letter or by phone.",
		"ثبت بدون شماره همراه فقط برای نامه کتبی ممکن است؛ شماره همراه متقاضی را وارد کنید.":                                           "Registering without a mobile is only for written letters; enter the applicant's mobile number.",
		"برای ثبت بدون شماره همراه، این خانه را خالی بگذارید؛ یا تیک «نامه کتبی بدون شماره همراه» را بردارید تا کد تأیید فرستاده شود.": "To register without a mobile, leave this box empty; or untick «Written letter with no mobile» so a confirmation code is sent.",
		"شما عضو این واحد نیستید.":                                  "You are not a member of this unit.",
		"برای این درخواست شماره همراهی ثبت نشده است.":               "No mobile number was given for this request.",
		"درخواست در میز خدمت حضوری ثبت شد.":                         "The request was registered at the service counter.",
		"درخواست از روی نامه کتبی متقاضی در میز خدمت حضوری ثبت شد.": "The request was registered at the service counter from the applicant's written letter.",
		"درخواست با تماس تلفنی در میز خدمت حضوری ثبت شد.":           "The request was registered at the service counter from a phone call.",
	})
}
