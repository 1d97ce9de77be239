package i18n

// The built-in secretariat in the request flow: the secretariats admin
// page, registering a request as an incoming letter, and the letter
// numbers on the staff and tracking pages.
func init() {
	addPhrases(map[string]string{
		// Secretariats admin page.
		"دبیرخانه‌ها": "Secretariats",
		"دبیرخانه‌ها و قالب شماره نامه‌های وارده، صادره و داخلی":                                                             "Secretariats and the number formats of incoming, outgoing and internal letters",
		"هر دبیرخانه نامه‌های وارده، صادره و داخلی را جداگانه و به ترتیب شماره می‌زند و شماره ردیف هر سال از ۱ آغاز می‌شود.": "Each secretariat numbers incoming, outgoing and internal letters separately and in order, and the sequence starts again from 1 each year.",
		"هنوز هیچ دبیرخانه‌ای ثبت نشده است.":                                                                                 "No secretariat has been added yet.",
		"کد":                    "Code",
		"نمونه شماره نامه":      "Example letter number",
		"فعال کردن":             "Activate",
		"غیرفعال کردن":          "Deactivate",
		"دبیرخانه تازه ثبت شد.": "The new secretariat was added.",
		"دبیرخانه فعال شد.":     "The secretariat was activated.",
		"دبیرخانه غیرفعال شد؛ نامه‌های ثبت‌شده آن سر جای خود می‌مانند.": "The secretariat was deactivated; its registered letters stay as they are.",
		"افزودن دبیرخانه": "Add a secretariat",
		"کد دبیرخانه":     "Secretariat code",
		"۱ تا ۱۰ حرف یا رقم؛ در شماره نامه به جای {code} می‌نشیند.": "1 to 10 letters or digits; it takes the place of {code} in letter numbers.",
		"نام دبیرخانه": "Secretariat name",
		"در قالب شماره، {year} سال چهاررقمی، {yy} دو رقم آخر سال، {seq} شماره ردیف ({seq:5} با پنج رقم) و {code} کد دبیرخانه است؛ نمونه شماره هر قالب پس از ثبت در فهرست بالا دیده می‌شود.": "In a number format, {year} is the four-digit year, {yy} its last two digits, {seq} the sequence number ({seq:5} with five digits) and {code} the secretariat's code; an example number of each format shows in the list above once it is added.",
		"قالب شماره نامه‌های وارده":                           "Number format of incoming letters",
		"قالب شماره نامه‌های صادره":                           "Number format of outgoing letters",
		"قالب شماره نامه‌های داخلی":                           "Number format of internal letters",
		"تنها مدیر سامانه می‌تواند دبیرخانه‌ها را تغییر دهد.": "Only a system administrator can change secretariats.",
		// Registering a request as an incoming letter.
		"دبیرخانه": "Secretariat",
		"ثبت به‌عنوان نامه وارده": "Register as an incoming letter",
		"ثبت نامه وارده":          "Register the incoming letter",
		"دبیرخانه شماره و تاریخ ثبت را می‌دهد و برای متقاضی پیامک فرستاده می‌شود.":               "The secretariat gives the registration number and date, and the applicant is sent an SMS.",
		"درخواست به‌عنوان نامه وارده در دبیرخانه ثبت شد و برای متقاضی پیامک شد.":                 "The request was registered in the secretariat as an incoming letter and the applicant was sent an SMS.",
		"درخواست در دبیرخانه به‌عنوان نامه وارده ثبت شد.":                                        "The request was registered in the secretariat as an incoming letter.",
		"این درخواست پیش‌تر به‌عنوان نامه وارده ثبت شده است؛ شماره آن در صفحه درخواست آمده است.": "This request is already registered as an incoming letter; its number is on the request's page.",
		"درخواست بسته‌شده را نمی‌توان به‌عنوان نامه وارده ثبت کرد.":                              "A closed request cannot be registered as an incoming letter.",
		// Letter numbers on the staff and tracking pages.
		"نامه‌های دبیرخانه": "Secretariat letters",
		"شماره نامه":        "Letter number",
		"مورخ":              "dated",
		// The printed answer letter and its public verification page.
		"پاسخ ثبت نشد، چون دبیرخانه‌ای که نامه وارده این درخواست در آن ثبت شده غیرفعال است؛ از مدیر سامانه بخواهید آن را دوباره فعال کند.": "The answer was not saved, because the secretariat the request's incoming letter is registered in is inactive; ask a system administrator to activate it again.",
		"نسخه چاپی نامه": "Printable letter",
		"چاپ نامه":       "Print letter",
		"نامه را چاپ کنید (Ctrl+P)؛ اندازه کاغذ A4 است. رمزینه پایین نامه به صفحه استعلام آن می‌رود.": "Print the letter (Ctrl+P) on A4 paper. The QR code at the bottom leads to its verification page.",
		"بازگشت به درخواست": "Back to the request",
		"شماره":             "Number",
		"عطف به":            "In reply to",
		"نامه":              "letter",
		"پیوست":             "Attachment",
		"ندارد":             "None",
		"با سلام؛ در پاسخ به درخواست شما به کد رهگیری":                                "Greetings; in reply to your request with the tracking code",
		"برای اطمینان از اصالت این نامه، رمزینه را بخوانید یا این نشانی را باز کنید:": "To check that this letter is genuine, scan the QR code or open this address:",
		"استعلام نامه": "Letter verification",
		"این نامه در دبیرخانه این دستگاه ثبت شده است.":                                                "This letter is registered in this agency's secretariat.",
		"مشخصات زیر را با نامه‌ای که در دست دارید مقایسه کنید؛ اگر یکسان نیست، نامه را معتبر ندانید.": "Compare the details below with the letter you hold; if they differ, do not accept the letter as genuine.",
		"دستگاه":    "Agency",
		"امضاکننده": "Signed by",
		// Manual mode: the number and date from the agency's automation.
		"اگر نامه را در سامانه اتوماسیون اداری ثبت کرده‌اید":                                                  "If you registered the letter in the office automation system",
		"شماره و تاریخی را که سامانه اتوماسیون داده است بنویسید؛ خالی بگذارید تا دبیرخانه میزبان شماره بدهد.": "Write the number and date the automation system gave; leave them empty for Mizban's secretariat to give the number.",
		"تاریخ نامه":      "Letter date",
		"مثلاً ۱۴۰۵/۲/۱۰": "For example 1405/2/10",
		"این شماره به شکل شماره‌هایی است که خود این دبیرخانه می‌دهد و ممکن است با آن‌ها یکی شود؛ نامه را بدون شماره ثبت کنید تا دبیرخانه شماره بدهد، یا برای نامه‌های سامانه اتوماسیون دبیرخانه جداگانه‌ای بسازید.": "This number has the shape of the numbers this secretariat gives itself and could clash with one of them; register the letter without a number so the secretariat gives one, or create a separate secretariat for the automation system's letters.",
		"تاریخ نامه را به شمسی وارد کنید؛ مثلاً ۱۴۰۵/۲/۱۰.":                                                   "Enter the letter's date in the Solar Hijri calendar, for example 1405/2/10.",
		"تاریخ نامه نمی‌تواند بعد از امروز باشد؛ تاریخی را که سامانه اتوماسیون داده است وارد کنید.":           "The letter's date cannot be after today; enter the date the automation system gave.",
		"شماره نامه باید حداکثر ۲۰ نویسه باشد، همان که شناسه ملی سند (شمس) می‌پذیرد.":                         "A letter number must be 20 characters or fewer, as the national document identifier (SHAMS) accepts.",
		"شماره نامه را همان‌طور که سامانه اتوماسیون داده است وارد کنید.":                                      "Enter the letter number exactly as the automation system gave it.",
		"نامه‌ای با همین شماره پیش‌تر در این دبیرخانه ثبت شده است؛ شماره را با سامانه اتوماسیون مقایسه کنید.": "A letter with this number is already registered in this secretariat; compare the number with the automation system.",
	})
}
