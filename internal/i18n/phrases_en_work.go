package i18n

// Working on requests: actions, their timeline entries and their errors.
func init() {
	addPhrases(map[string]string{
		"این درخواست هم‌زمان توسط همکار دیگری تغییر کرد؛ صفحه را دوباره باز کنید.": "A colleague changed this request at the same time; open the page again.",
		"درخواستی با این مشخصات پیدا نشد.":                                         "No request matches these details.",
		"شما اجازه این کار را در این درخواست ندارید.":                              "You may not do this on this request.",
		"رسیدگی به درخواست آغاز شد.":                                               "Work on the request has started.",
		"کارشناس انتخاب‌شده در این واحد فعال نیست.":                                "The chosen officer is not active in this unit.",
		"درخواست برای رسیدگی به کارشناس سپرده شد.":                                 "The request was assigned to an officer.",
		"واحد مقصد پیدا نشد؛ یکی از واحدهای فهرست را انتخاب کنید.":                 "The destination unit was not found; choose one of the listed units.",
		"این همکار در واحد مقصد فعال نیست.":                                        "This colleague is not active in the destination unit.",
		"درخواست برای رسیدگی ارجاع شد.":                                            "The request was referred for handling.",
		"پرونده درخواست مختومه شد.":                                                "The request's file was closed.",
		"کارشناسی را که پرونده به او سپرده می‌شود انتخاب کنید.":                    "Choose the officer who will take the file.",
		"واحد مقصد ارجاع را انتخاب کنید.":                                          "Choose the unit to refer to.",
		"هامش ارجاع را بنویسید؛ مثلاً «بررسی و نتیجه اعلام شود».":                  "Write the referral instruction, such as «review and report the result».",
		"متن یادداشت را بنویسید.":                                                  "Write the note.",
		"بنویسید چه مدرکی لازم است؛ این پیام به متقاضی نشان داده می‌شود.":          "Write which document is needed; the applicant will see this message.",
		"دلیل تمدید را بنویسید؛ این دلیل به متقاضی نشان داده می‌شود.":              "Write the reason for the extension; the applicant will see it.",
		"تعداد روزهای تمدید را وارد کنید؛ عددی بزرگ‌تر از صفر.":                    "Enter the number of days to extend by, a number greater than zero.",
		"هر تمدید حداکثر ۹۰ روز است.":                                              "One extension is at most 90 days.",
		"متن پاسخ را بنویسید.":                                                     "Write the answer.",
		"دلیل رد درخواست را بنویسید؛ رد بدون دلیل ممکن نیست.":                      "Write the reason for rejecting the request; a rejection needs a reason.",
		"مبنای قانونی رد را بنویسید (نام قانون یا آیین‌نامه و شماره ماده).":        "Write the legal basis of the rejection (the law or regulation and the article).",
		"دلیل بازگشایی پرونده را بنویسید.":                                         "Write the reason for reopening the file.",
		"این متن بیش از اندازه بلند است؛ حداکثر ۴۰۰۰ نویسه.":                       "This text is too long; at most 4000 characters.",
		"برای این درخواست مدرکی خواسته نشده است.":                                  "No documents were asked for on this request.",
		"دست‌کم یک فایل بارگذاری کنید.":                                            "Upload at least one file.",
		"در هر بار حداکثر ۱۰ فایل می‌توانید بفرستید.":                              "You can send at most 10 files at a time.",
		"متقاضی مدارک خواسته‌شده را فرستاد.":                                       "The applicant sent the documents asked for.",
	})
}
