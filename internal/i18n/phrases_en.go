package i18n

// enPhrases is the English phrasebook for text that pages and messages
// write in Persian directly ({{t "پیگیری درخواست"}}, error messages,
// titles): T uses it for EN when the key is not a dotted catalog key.
// Keys must match the Persian source byte for byte (ZWNJ included);
// phrases_test.go fails when a template phrase or a fixed Go message has no
// entry, or an entry is no longer used. A phrase sits under the first file
// that uses it. Messages built with fmt or + are not here: they cannot be
// keys.
var enPhrases = map[string]string{
	// Templates: layout.html, partials.html
	"میزبان":              "Mizban",
	"رفتن به محتوای اصلی": "Skip to main content",
	"صندوق پیامک نمایشی":  "Demo text message inbox",
	"میز خدمت الکترونیک":  "Electronic service desk",
	"پیوندهای اصلی":       "Main links",
	"خدمات":               "Services",
	"پیگیری درخواست":      "Track a request",
	"نشانی":               "Address",
	"تلفن":                "Phone",
	"ساعات کار":           "Opening hours",
	"این میز خدمت بر پایه مصوبه «حقوق شهروندی در نظام اداری» کار می‌کند: هر درخواست کد رهگیری و تاریخ پاسخ دارد.": "This service desk works under the resolution on “Citizens' Rights in the Administrative System”: every request gets a tracking code and an answer date.",
	"لطفاً این موارد را درست کنید": "Please fix the following",
	"مدت":              "Takes",
	"هزینه":            "Fee",
	"رایگان":           "Free",
	"درخواست اینترنتی": "Online application",
	"فقط حضوری":        "In person only",

	// Templates: home.html
	"خدمت مورد نیازتان را پیدا کنید، ببینید چه مدارکی لازم است و درخواستتان را بدون مراجعه حضوری ثبت کنید.": "Find the service you need, see which documents you need, and apply without going to an office.",
	"جستجوی خدمت":            "Search for a service",
	"مثلاً: پروانه ساختمانی": "For example: building permit",
	"جستجو":     "Search",
	"کد رهگیری": "Tracking code",
	"کد ۱۲ رقمی که پس از ثبت درخواست پیامک شد": "The 12-digit code we sent you by text message after you applied",
	"شماره همراه":     "Mobile number",
	"پیگیری":          "Track",
	"خدمات پرمراجعه":  "Popular services",
	"همه خدمات":       "All services",
	"دسته‌بندی خدمات": "Service categories",
	"خدمت":            "Service",

	// Templates: catalog.html
	"مسیر صفحه":   "Breadcrumbs",
	"خانه":        "Home",
	"فهرست خدمات": "List of services",
	"نام خدمت، مدرک یا شناسه خدمت را بنویسید.": "Type the name of a service, a document or a service ID.",
	"دسته":          "Category",
	"همه دسته‌ها":   "All categories",
	"خدمت‌گیرندگان": "Who it is for",
	"همه":           "All",
	"خدمتی با این مشخصات پیدا نشد. واژه دیگری را امتحان کنید یا دسته را «همه» بگذارید.": "No services match your search. Try a different word, or choose “All categories”.",

	// Templates: service.html
	"این شناسنامه بیش از سه سال است که بازبینی نشده؛ پیش از مراجعه، با تلفن دستگاه از به‌روز بودن آن مطمئن شوید.": "This service card has not been reviewed for more than three years. Before you go, phone the agency to check that it is still up to date.",
	"شناسه خدمت":           "Service ID",
	"آخرین به‌روزرسانی":    "Last updated",
	"مدت زمان پاسخ":        "Time to answer",
	"مراجعه حضوری":         "Visits in person",
	"لازم نیست":            "Not needed",
	"واحد پاسخگو":          "Answered by",
	"ثبت درخواست اینترنتی": "Apply online",
	"این خدمت درخواست اینترنتی ندارد. برای دریافت آن به نشانی و ساعت‌های زیر مراجعه کنید.": "You cannot apply for this service online. To get it, go to the address below during the hours shown.",
	"زیرخدمت‌ها":           "Sub-services",
	"شرح خدمت":             "About this service",
	"مدارک لازم":           "Documents you need",
	"در صورت نیاز":         "if needed",
	"مراحل انجام کار":      "Steps",
	"واحد مسئول":           "Done by",
	"جزئیات شناسنامه خدمت": "Service card details",
	"نوع خدمت":             "Service type",
	"خدمت به شهروندان":     "Service to citizens",
	"خدمت به کسب‌وکارها":   "Service to businesses",
	"خدمت به دستگاه‌ها":    "Service to government agencies",
	"ماهیت خدمت":           "Nature of the service",
	"سطح خدمت":             "Level",
	"رویداد مرتبط":         "Related life events",
	"نحوه آغاز خدمت":       "How the service starts",
	"ساعات و محل ارائه":    "Hours and places",
	"نحوه دسترسی":          "Ways to use the service",
	"استعلام‌ها":           "Checks with other agencies",
	"این استعلام‌ها را دستگاه خودش انجام می‌دهد؛ لازم نیست شما آن‌ها را بیاورید.": "The agency makes these checks itself; you do not need to bring anything for them.",
	"قوانین و مقررات": "Laws and regulations",
	"شکایت از خدمت":   "How to complain",
	"آخرین بازبینی":   "Last reviewed",
	"تکمیل‌کننده":     "Filled in by",
	"نسخه شناسنامه":   "Service card version",

	// Templates: apply.html
	"ثبت درخواست": "Apply",
	"فرم را پر کنید و مدارک را بارگذاری کنید. در گام بعد پاسخ‌ها را می‌بینید و با کدی که پیامک می‌شود تأیید می‌کنید.": "Fill in the form and upload your documents. On the next page you check your answers and confirm them with a code we send you by text message.",
	"درخواست برای چه کسی است؟": "Who is the request for?",
	"برای خودم":                "Myself",
	"برای شخص دیگری، به‌عنوان نماینده قانونی او": "Someone else, as their legal representative",
	"مشخصات متقاضی": "Applicant's details",
	"اگر برای شخص دیگری درخواست می‌دهید، مشخصات خود او را اینجا بنویسید.": "If you are applying for someone else, enter their details here.",
	"نام و نام خانوادگی":   "Full name",
	"کد ملی":               "National ID",
	"۱۰ رقم، بدون خط تیره": "10 digits, without dashes",
	"مثلاً ۰۹۱۲۱۲۳۴۵۶۷؛ کد تأیید و پیامک‌های پیگیری به این شماره فرستاده می‌شود": "For example 09121234567. We send the confirmation code and tracking text messages to this number.",
	"مشخصات نماینده قانونی (اگر برای شخص دیگری درخواست می‌دهید)":                 "Legal representative's details (if you are applying for someone else)",
	"مشخصات نماینده قانونی": "Legal representative's details",
	"فقط اگر برای شخص دیگری درخواست می‌دهید پر کنید. کد تأیید به شماره نماینده فرستاده می‌شود.": "Fill this in only if you are applying for someone else. The confirmation code will be sent to the representative's number.",
	"نام و نام خانوادگی نماینده": "Representative's full name",
	"کد ملی نماینده":             "Representative's national ID",
	"شماره همراه نماینده":        "Representative's mobile number",
	"نوع نمایندگی":               "Basis of representation",
	"انتخاب کنید":                "Choose one",
	"اطلاعات درخواست":            "About your request",
	"اختیاری":                    "optional",
	"بله":                        "Yes",
	"خیر":                        "No",
	"مدارک":                      "Documents",
	"فایل‌هایی که بارگذاری کرده‌اید نگه داشته می‌شوند، حتی اگر بخش دیگری از فرم خطا داشته باشد.": "Files you have uploaded are kept, even if another part of the form has an error.",
	"ادامه":        "Continue",
	"بارگذاری شد":  "Uploaded",
	"حذف این فایل": "Remove this file",
	"برای جایگزینی، فایل دیگری انتخاب کنید.": "To replace it, choose another file.",

	// Templates: confirm.html
	"بررسی و تأیید درخواست": "Check and confirm your request",
	"پاسخ‌هایتان را بررسی کنید. اگر چیزی را باید تغییر دهید، «تغییر» را بزنید.": "Check your answers. If you need to change something, select “Change”.",
	"متقاضی":                   "Applicant",
	"تغییر":                    "Change",
	"نماینده قانونی":           "Legal representative",
	"مدارک بارگذاری‌شده":       "Uploaded documents",
	"مدرکی بارگذاری نشده است.": "No documents have been uploaded.",
	"تأیید با کد پیامکی":       "Confirm with a code sent by text message",
	"کد تازه فرستاده شد.":      "A new code has been sent.",
	"کد تأیید":                 "Confirmation code",
	"تأیید و ثبت درخواست":      "Confirm and submit",
	"ارسال دوباره کد":          "Send the code again",
	"تغییر شماره همراه":        "Change mobile number",

	// Templates: receipt.html
	"درخواست شما ثبت شد": "Your request has been submitted",
	"کد رهگیری شما":      "Your tracking code",
	"این کد به شماره همراه شما هم پیامک شد. آن را نگه دارید.": "We have also sent this code to your mobile by text message. Please keep it.",
	"رسید درخواست":         "Request receipt",
	"شناسه":                "ID",
	"نسخه":                 "version",
	"زمان ثبت":             "Submitted",
	"تاریخ پاسخ نهایی":     "Answer due by",
	"حداکثر":               "at most",
	"واحد رسیدگی‌کننده":    "Handled by",
	"وضعیت":                "Status",
	"پس از این چه می‌شود؟": "What happens next",
	"برای پیگیری، به نشانی زیر بروید یا رمزینه را با گوشی بخوانید و کد رهگیری و شماره همراهتان را وارد کنید. در هر مرحله پیامک هم دریافت می‌کنید.": "To track your request, go to the address below or scan the QR code with your phone, then enter your tracking code and mobile number. We will also send you a text message at each stage.",
	"رسید در اندازه A4": "A4 receipt",
	"رسید در اندازه A5": "A5 receipt",
	"برای چاپ یا ذخیره به‌صورت PDF، از گزینه «چاپ» مرورگر استفاده کنید.": "To print or save as a PDF, use your browser's “Print” option.",

	// Templates: track.html
	"وضعیت کنونی": "Current status",
	"نزد":         "With",
	"در صف واحد، هنوز به کارشناس سپرده نشده": "waiting in the department's queue, not yet given to a member of staff",
	"از":           "since",
	"مراحل رسیدگی": "Progress so far",
	"پیامک‌های فرستاده‌شده": "Text messages sent",
	"زمان":  "Time",
	"موضوع": "Subject",
	"ثبت درخواست و کد رهگیری": "Request submitted, with tracking code",
	"فرستاده شد":              "Sent",
	"در صف ارسال":             "Waiting to be sent",
	"ناموفق":                  "Failed",
	"جزئیات و مدارک":          "Details and documents",
	"بایت":                    "bytes",
	"مدرکی ثبت نشده است.":     "No documents have been filed.",
	"دیدن مدارک و جزئیات":     "See documents and details",
	"یک کد ۶ رقمی به شماره همراه ثبت‌شده پیامک شد.": "We have sent a 6-digit code by text message to the registered mobile number.",
	"تأیید": "Confirm",
	"برای دیدن مدارک و اطلاعات شخصی، کد تأیید به شماره همراه ثبت‌شده فرستاده می‌شود.": "To see documents and personal details, we will send a confirmation code to the registered mobile number.",
	"ارسال کد تأیید":       "Send confirmation code",
	"پیگیری درخواستی دیگر": "Track another request",
	"کد رهگیری ۱۲ رقمی و شماره همراهی را که با آن درخواست داده‌اید وارد کنید. رقم‌ها را می‌توانید فارسی یا انگلیسی بنویسید.": "Enter the 12-digit tracking code and the mobile number you applied with. You can type the digits in Persian or English.",

	// Templates: sms.html, error.html
	"در نسخه نمایشی، پیامک‌ها به گوشی فرستاده نمی‌شوند و اینجا دیده می‌شوند؛ تازه‌ترین بالاتر است.": "In the demo, text messages are not sent to phones; they are shown here instead, newest first.",
	"تازه کردن": "Refresh",
	"هنوز پیامکی فرستاده نشده است.": "No text messages have been sent yet.",
	"متأسفیم":             "Sorry, there is a problem",
	"بازگشت به صفحه نخست": "Go back to the home page",

	// Page titles and messages: internal/web/apply.go
	"حجم فایل‌های فرستاده‌شده بیش از حد مجاز است؛ فایل‌ها را کوچک‌تر کنید و دوباره بفرستید.": "The files you sent are too large. Make them smaller and send them again.",
	"فرم به‌درستی فرستاده نشد؛ لطفاً دوباره تلاش کنید.":                                      "The form was not sent properly. Please try again.",

	// Page titles and messages: internal/web/render.go
	"خطای داخلی": "Something went wrong",
	"صفحه‌ای که دنبال آن هستید پیدا نشد.":                            "We could not find the page you are looking for.",
	"درخواست‌ها بیش از حد مجاز است؛ لطفاً کمی بعد دوباره تلاش کنید.": "There have been too many requests. Please wait a little and try again.",
	"خطای داخلی رخ داد. لطفاً چند لحظه بعد دوباره تلاش کنید.":        "Something went wrong. Please try again in a few moments.",
	"خطا": "Error",

	// Page titles and messages: internal/web/track.go
	"برای دیدن مدارک، ابتدا درخواست را پیگیری کنید و کد تأیید بخواهید.": "To see the documents, first track your request and ask for a confirmation code.",

	// Messages: internal/workflow/apply.go
	"وکالت‌نامه رسمی":      "Official power of attorney",
	"ولی (پدر یا جد پدری)": "Guardian (father or paternal grandfather)",
	"قیم":                  "Court-appointed guardian",
	"وصی":                  "Executor of a will",
	"مدیر شرکت یا مؤسسه":   "Director of a company or institution",
	"این خدمت درخواست اینترنتی ندارد؛ راه‌های دریافت آن در شناسنامه خدمت آمده است.":                               "You cannot apply for this service online. The service card explains how to get it.",
	"فرم پیدا نشد یا منقضی شده است؛ لطفاً دوباره شروع کنید.":                                                      "The form was not found or has expired. Please start again.",
	"این درخواست قبلاً ثبت شده است.":                                                                              "This request has already been submitted.",
	"مهلت تکمیل این فرم گذشته است؛ لطفاً دوباره شروع کنید.":                                                       "The time to complete this form has run out. Please start again.",
	"نوع نمایندگی را انتخاب کنید.":                                                                                "Choose the basis of representation.",
	"کد ملی نماینده با کد ملی متقاضی یکی است؛ اگر برای خودتان درخواست می‌دهید، گزینه «برای خودم» را انتخاب کنید.": "The representative's national ID is the same as the applicant's. If you are applying for yourself, choose “Myself”.",
	"مدرک نمایندگی (وکالت‌نامه یا حکم)":                                                                           "Proof of representation (power of attorney or court order)",
	"این مدرک برای این خدمت خواسته نشده است.":                                                                     "This service does not ask for this document.",

	// Messages: internal/workflow/otp.go
	"تعداد درخواست کد تأیید بیش از حد مجاز است؛ لطفاً یک ساعت دیگر دوباره تلاش کنید.": "Too many confirmation codes have been requested. Please try again in an hour.",
	"کد تأیید فرستاده نشده است؛ «ارسال دوباره کد» را بزنید.":                          "No confirmation code has been sent yet. Select “Send the code again”.",
	"این کد قبلاً به کار رفته است؛ کد تازه بخواهید.":                                  "This code has already been used. Please ask for a new code.",
	"کد تأیید منقضی شده است؛ «ارسال دوباره کد» را بزنید.":                             "The confirmation code has expired. Select “Send the code again”.",
	"تعداد تلاش‌های نادرست از حد گذشت؛ کد تازه بخواهید.":                              "Too many wrong attempts. Please ask for a new code.",
	"کد تأیید را وارد کنید.":                                                          "Enter the confirmation code.",
	"کد تأیید نادرست است و تلاش‌ها تمام شد؛ کد تازه بخواهید.":                         "The confirmation code is wrong and you have no attempts left. Please ask for a new code.",

	// Messages: internal/workflow/submit.go
	"درخواست از راه وبگاه ثبت شد.":                                              "Request submitted through the website.",
	"درخواست از راه وبگاه به دست نماینده قانونی متقاضی ثبت شد.":                 "Request submitted through the website by the applicant's legal representative.",
	"درخواست از راه درگاه خدمات الکترونیک ثبت شد.":                              "Request submitted through the e-services gateway.",
	"درخواست از راه درگاه خدمات الکترونیک به دست نماینده قانونی متقاضی ثبت شد.": "Request submitted through the e-services gateway by the applicant's legal representative.",

	// Messages: internal/workflow/track.go
	"درخواستی با این کد رهگیری و شماره همراه پیدا نشد. کد و شماره را دوباره بررسی کنید.": "We could not find a request with this tracking code and mobile number. Check the code and the number and try again.",
	"تعداد جستجوها بیش از حد مجاز است؛ لطفاً یک دقیقه دیگر دوباره تلاش کنید.":            "There have been too many searches. Please try again in a minute.",
	"کد رهگیری را وارد کنید.": "Enter the tracking code.",
	"کد رهگیری ۱۲ رقم است و این کد درست نیست؛ رقم‌ها را دوباره بررسی کنید.": "A tracking code has 12 digits and this one is not right. Check the digits and try again.",
	"برای دیدن مدارک، دوباره کد تأیید بخواهید.":                             "To see the documents, please ask for a new confirmation code.",
	"رسید پیدا نشد.": "Receipt not found.",
	"این مدرک آسیب دیده است؛ موضوع به مدیر سامانه گزارش شد.": "This document is damaged. The system administrator has been told.",
	"مدرک پیدا نشد.": "Document not found.",

	// Messages and titles: internal/desk/errors.go
	"لطفاً خطاهای فرم را برطرف کنید.": "Please fix the errors in the form.",

	// Messages and titles: internal/desk/request.go
	"ثبت شده، در انتظار بررسی": "Submitted, waiting for review",
	"در حال رسیدگی":            "In progress",
	"نیاز به تکمیل مدارک":      "Documents needed",
	"پاسخ داده شد":             "Answered",
	"رد شد":                    "Rejected",
	"مختومه":                   "Closed",

	// Messages and titles: internal/desk/service.go
	"ساختمان و شهرسازی":                  "Building and planning",
	"کسب و کار":                          "Business",
	"املاک و عوارض":                      "Property and local taxes",
	"حمل و نقل و ترافیک":                 "Transport and traffic",
	"محیط زیست و خدمات شهری":             "Environment and city services",
	"فرهنگی و اجتماعی":                   "Culture and society",
	"شکایت، پیشنهاد و دسترسی به اطلاعات": "Complaints, suggestions and information",
	"شهروندان":                           "Citizens",
	"مالکان":                             "Property owners",
	"کسب و کارها":                        "Businesses",
	"مهندسان و پیمانکاران":               "Engineers and contractors",
	"دستگاه‌های اجرایی":                  "Government agencies",

	// Messages and titles: internal/desk/validate.go
	"نوع این پرسش شناخته نیست.":                      "This type of question is not known.",
	"نام و نام خانوادگی را وارد کنید.":               "Enter the full name.",
	"نام و نام خانوادگی را کامل وارد کنید.":          "Enter the full name: first name and surname.",
	"نام و نام خانوادگی باید حداکثر ۱۰۰ نویسه باشد.": "The full name must be 100 characters or fewer.",

	// Errors: internal/fa/legalid.go
	"شناسه ملی را وارد کنید": "Enter the organisation's national ID.",
	"شناسه ملی فقط از رقم تشکیل می‌شود؛ لطفاً حروف و نشانه‌ها را حذف کنید": "An organisation's national ID can only contain digits. Please remove any letters or symbols.",
	"شناسه ملی باید ۱۱ رقم باشد":                             "An organisation's national ID must be 11 digits.",
	"شناسه ملی درست نیست؛ لطفاً رقم‌ها را دوباره بررسی کنید": "The organisation's national ID is not right. Please check the digits.",

	// Errors: internal/fa/mobile.go
	"شماره تلفن همراه را وارد کنید": "Enter a mobile number.",
	"شماره تلفن همراه فقط از رقم تشکیل می‌شود؛ لطفاً حروف و نشانه‌ها را حذف کنید": "A mobile number can only contain digits. Please remove any letters or symbols.",
	"فقط شماره تلفن همراه ایران پذیرفته می‌شود؛ شماره را با ۰۹ شروع کنید":         "Only Iranian mobile numbers are accepted. Start the number with 09.",
	"شماره تلفن همراه باید ۱۱ رقم باشد و با ۰۹ شروع شود، مانند ۰۹۱۲۱۲۳۴۵۶۷":       "A mobile number must be 11 digits and start with 09, like 09121234567.",

	// Errors: internal/fa/nationalid.go
	"کد ملی را وارد کنید": "Enter the national ID.",
	"کد ملی فقط از رقم تشکیل می‌شود؛ لطفاً حروف و نشانه‌ها را حذف کنید": "A national ID can only contain digits. Please remove any letters or symbols.",
	"کد ملی باید ۱۰ رقم باشد":                                       "A national ID must be 10 digits.",
	"کد ملی درست نیست؛ لطفاً رقم‌ها را دوباره بررسی کنید":           "The national ID is not right. Please check the digits.",
	"این کد ملی معتبر نیست؛ لطفاً کد ملی روی کارت ملی را وارد کنید": "This national ID is not valid. Please enter the number on the national ID card.",

	// Errors: internal/fa/number.go
	"عدد را وارد کنید": "Enter a number.",
	"عدد درست نیست؛ فقط رقم وارد کنید، مانند ۱۲۵۰۰۰۰":        "The number is not right. Enter digits only, like 1250000.",
	"این عدد بیش از اندازه بزرگ است؛ لطفاً آن را بررسی کنید": "This number is too large. Please check it.",

	// Errors: internal/fa/postalcode.go
	"کد پستی را وارد کنید": "Enter the postal code.",
	"کد پستی فقط از رقم تشکیل می‌شود؛ لطفاً حروف و نشانه‌ها را حذف کنید": "A postal code can only contain digits. Please remove any letters or symbols.",
	"کد پستی باید ۱۰ رقم باشد": "A postal code must be 10 digits.",

	// Slugs shown through t: service channel stages and means, SMS kinds.
	// slugs_fa.go has their Persian.
	"information":    "Information",
	"request":        "Applying",
	"production":     "Carrying out the service",
	"delivery":       "Getting the result",
	"web":            "Website",
	"mobile":         "Mobile phone",
	"sms":            "Text message (SMS)",
	"counter_office": "Pishkhan government service offices",
	"in_person":      "In person",
	"otp":            "One-time code",
	"registered":     "Request submitted, with tracking code",
}
