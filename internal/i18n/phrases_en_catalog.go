package i18n

// Service cards (internal/catalog): validation before publishing, the
// plain-Persian change history, and import/export problems. Messages with
// values are in patterns_en.go.
func init() {
	addPhrases(map[string]string{
		// Validation.
		"شناسهٔ خدمت را با رقم بنویسید، مانند ۱۷۰۵۱۳۱۰۰۰۱.":                                 "Write the service code in digits, like 17051310001.",
		"شناسهٔ خدمت فقط از رقم تشکیل می‌شود؛ حروف، فاصله و نشانه‌ها را حذف کنید.":          "A service code has digits only; remove any letters, spaces or symbols.",
		"شناسهٔ خدمت باید حداکثر ۲۰ رقم باشد.":                                              "A service code must be 20 digits or fewer.",
		"عنوان خدمت را بنویسید.":                                                            "Write the service's title.",
		"خلاصهٔ خدمت را در یک جمله بنویسید: این خدمت برای چیست.":                            "Write the service's summary in one sentence: what the service is for.",
		"نوع درخواستی را که این خدمت می‌سازد انتخاب کنید.":                                  "Choose the kind of request this service creates.",
		"نوع خدمت (G2C، G2B یا G2G) را انتخاب کنید.":                                        "Choose the service type (G2C, G2B or G2G).",
		"دستهٔ خدمت را انتخاب کنید.":                                                        "Choose the service's category.",
		"واحد مسئول خدمت را انتخاب کنید.":                                                   "Choose the unit responsible for the service.",
		"خدمت نمی‌تواند زیرخدمتِ خودش باشد؛ شناسهٔ خدمت مادر را درست کنید یا خالی بگذارید.": "A service cannot be a sub-service of itself; correct the parent service's code or leave it empty.",
		"مدت انجام کار نمی‌تواند منفی باشد؛ تعداد روزها را بنویسید.":                        "The time to complete cannot be negative; write the number of days.",
		"تعداد مراجعهٔ حضوری نمی‌تواند منفی باشد؛ اگر مراجعه لازم نیست صفر بنویسید.":        "The number of visits in person cannot be negative; write zero if no visit is needed.",
		"هزینه نمی‌تواند منفی باشد؛ اگر خدمت رایگان است صفر بنویسید.":                       "The fee cannot be negative; write zero if the service is free.",
		"رتبهٔ نمایش نمی‌تواند منفی باشد.":                                                  "The display rank cannot be negative.",
		"خدمت دست‌کم یک مرحله لازم دارد؛ مراحل انجام کار را به ترتیب اضافه کنید.":           "A service needs at least one step; add the steps in order.",
		"شناسنامهٔ خدمت هنوز کامل نیست؛ موارد زیر را درست کنید.":                            "The service card is not complete yet; correct the following.",

		// Retention classes (desk.RetentionClasses).
		"موقت (۲ سال)":  "Temporary (2 years)",
		"عادی (۱۰ سال)": "Standard (10 years)",
		"دائمی":         "Permanent",

		// Channel stages and means as change sentences name them.
		"اطلاع‌رسانی":   "Information",
		"انجام خدمت":    "Carrying out the service",
		"تحویل نتیجه":   "Getting the result",
		"وبگاه":         "Website",
		"تلفن همراه":    "Mobile phone",
		"پیامک":         "Text message (SMS)",
		"دفاتر پیشخوان": "Pishkhan government service offices",

		// Change history.
		"خدمت منتشر شد.": "The service was published.",
		"از این پس می‌توانید این خدمت را اینترنتی درخواست کنید.":                            "You can now apply for this service online.",
		"درخواست اینترنتی این خدمت متوقف شد؛ راه‌های دریافت آن در شناسنامهٔ خدمت آمده است.": "Online applications for this service have stopped; the service card says how to get it.",
		"توضیح هزینه و شیوهٔ پرداخت به‌روز شد.":                                             "The note on the fee and how to pay was updated.",
		"روز تقویمی": "Calendar day",
		"از این پس، وقتی مدرکی از متقاضی خواسته می‌شود، شمارش مهلت پاسخ تا رسیدن مدرک متوقف می‌شود.": "From now on, when a document is asked of the applicant, the answer deadline stops until it arrives.",
		"از این پس، خواستن مدرک از متقاضی شمارش مهلت پاسخ را متوقف نمی‌کند.":                         "From now on, asking the applicant for a document no longer stops the answer deadline.",
		"ترتیب مراحل انجام کار تغییر کرد.":                                                           "The order of the steps changed.",
		"عنوان انگلیسی خدمت به‌روز شد.":                                                              "The service's English title was updated.",
		"خلاصهٔ خدمت به‌روز شد.":                                                                     "The service's summary was updated.",
		"شرح خدمت به‌روز شد.":                                                                        "The service's description was updated.",
		"نحوهٔ آغاز خدمت به‌روز شد.":                                                                 "How the service starts was updated.",
		"ساعات و محل ارائهٔ خدمت به‌روز شد.":                                                         "The hours and places of the service were updated.",
		"راه شکایت از خدمت به‌روز شد.":                                                               "How to complain about the service was updated.",
		"فهرست استعلام‌هایی که اداره خودش انجام می‌دهد به‌روز شد.":                                   "The list of checks the agency makes itself was updated.",
		"ترتیب پرسش‌های فرم درخواست تغییر کرد.":                                                      "The order of the questions on the application form changed.",
		"خدمت‌گیرندگان این خدمت برداشته شد.":                                                         "The service's audience was removed.",
		"این خدمت دیگر زیرخدمتِ خدمت دیگری نیست.":                                                    "This service is no longer a sub-service of another service.",
		"ماهیت خدمت به‌روز شد.":                                                                      "The nature of the service was updated.",
		"سطح خدمت به‌روز شد.":                                                                        "The level of the service was updated.",
		"رویدادهای زندگی مرتبط با خدمت به‌روز شد.":                                                   "The life events of the service were updated.",
		"کلیدواژه‌های جستجوی خدمت به‌روز شد.":                                                        "The service's search keywords were updated.",
		"جایگاه خدمت در صفحهٔ نخست تغییر کرد.":                                                       "The service's place on the home page changed.",

		// Import and export.
		"فایل باید فهرستی از شناسنامه‌های خدمت باشد که با [ شروع می‌شود؛ همان قالب خروجی JSON را به کار ببرید.": "The file must be a list of service cards starting with [; use the format of the JSON export.",
		"پس از پایان فهرست (]) چیز دیگری در فایل آمده است؛ آن را پاک کنید.":                                     "There is something after the end of the list (]) in the file; delete it.",
		"فایل JSON ناتمام یا خراب است؛ فایل را دوباره از خروجی بگیرید یا با یک ویرایشگر JSON بررسی کنید.":       "The JSON file is unfinished or broken; export it again or check it with a JSON editor.",
		"هر ردیف فایل باید یک شناسنامهٔ خدمت میان { و } باشد.":                                                  "Each record of the file must be one service card between { and }.",
		"آری": "Yes",
		"نه":  "No",
		"در این ستون بله یا خیر بنویسید.": "Write yes or no in this column.",
		"در این ستون فقط یک عدد صحیح بنویسید، مانند ۴۵۰۰۰۰۰؛ رقم فارسی و جداکنندهٔ هزارگان هم پذیرفته است.":                       "Write only a whole number in this column, like 4500000; Persian digits and thousands separators are accepted.",
		"فایل خالی است یا سطر سرستون‌ها را ندارد؛ فایل را از «خروجی CSV» بگیرید و ویرایش کنید.":                                   "The file is empty or has no header row; start from the «CSV export» and edit it.",
		"ستون code (شناسهٔ خدمت) در سطر سرستون‌ها نیست؛ بدون آن معلوم نیست هر سطر کدام خدمت است.":                                 "The header row has no code column (the service code); without it no row says which service it is.",
		"این سطر فایل CSV خراب است (احتمالاً یک گیومه بسته نشده)؛ آن را در اکسل یا یک ویرایشگر متن درست کنید.":                    "This line of the CSV file is broken (probably a quote that is not closed); correct it in Excel or a text editor.",
		"شناسهٔ خدمت به شکل عدد علمی (مانند 1.7E+10) درآمده است؛ در اکسل قالب ستون code را «متن» کنید و شناسه را دوباره بنویسید.": "The service code has turned into scientific notation (like 1.7E+10); in Excel, format the code column as «Text» and type the code again.",
	})
}
