package i18n

// faMessages is the Persian catalog. Keys are short, dotted and grouped by
// page; keep en.go in the same order. Digits in messages are Persian.
var faMessages = map[string]string{
	// Site chrome
	"site.name":            "میزبان",
	"site.tagline":         "میز خدمت الکترونیک",
	"site.title_suffix":    "میزبان",
	"skip.main":            "رفتن به محتوای اصلی",
	"nav.label":            "پیوندهای اصلی",
	"nav.services":         "خدمات",
	"nav.track":            "پیگیری درخواست",
	"nav.help":             "راهنما",
	"lang.other":           "English",
	"lang.other_code":      "en",
	"lang.switch_label":    "نمایش این صفحه به انگلیسی",
	"breadcrumbs.label":    "مسیر صفحه",
	"breadcrumbs.home":     "خانه",
	"footer.label":         "پیوندهای پایین صفحه",
	"footer.about":         "دربارهٔ میزبان",
	"footer.privacy":       "حریم خصوصی",
	"footer.accessibility": "دسترس‌پذیری",
	"footer.contact":       "تماس با ما",
	"footer.license":       "میزبان نرم‌افزار آزاد است.",
	"demo.label":           "نسخهٔ نمایشی",
	"demo.banner":          "این نسخهٔ نمایشی است: اطلاعات آن واقعی نیست و درخواستی به هیچ دستگاهی فرستاده نمی‌شود.",
	"demo.fictional":       "نسخه نمایشی: داده‌ها ساختگی‌اند.",
	"demo.inbox_link":      "پیامک‌ها را به‌جای گوشی در صندوق پیامک نمایشی ببینید.",

	// Common buttons and links
	"button.continue":      "ادامه",
	"button.submit":        "ثبت",
	"button.search":        "جستجو",
	"button.back":          "بازگشت",
	"button.print_receipt": "چاپ رسید",
	"button.start":         "شروع درخواست",
	"button.change":        "تغییر",
	"button.send_code":     "فرستادن کد",
	"button.resend_code":   "فرستادن دوبارهٔ کد",

	// Forms and errors
	"form.optional":   "(اختیاری)",
	"error.summary":   "لطفاً این موارد را درست کنید",
	"error.not_found": "این صفحه پیدا نشد. نشانی را بررسی کنید یا از صفحهٔ خدمات شروع کنید.",
	"error.internal":  "مشکلی پیش آمد و کار شما انجام نشد. لطفاً چند دقیقهٔ دیگر دوباره تلاش کنید.",
	"date.day":        "روز",
	"date.month":      "ماه",
	"date.year":       "سال",

	// Pages
	"home.title":            "میز خدمت الکترونیک",
	"home.lead":             "خدمات را پیدا کنید، درخواست بدهید و کار خود را تا پایان پیگیری کنید.",
	"services.title":        "خدمات",
	"search.label":          "جستجو در خدمات",
	"search.results":        "%d خدمت پیدا شد",
	"category.count":        "%d خدمت",
	"duration.days":         "%d روز",
	"duration.working_days": "%d روز کاری",
	"visits.count":          "%d بار",
	"upload.hint":           "هر مدرک را جداگانه بارگذاری کنید: PDF یا عکس (JPEG یا PNG)، هر فایل حداکثر %d مگابایت.",
	"otp.sent_to":           "یک کد ۶ رقمی به شماره %s پیامک شد. آن را وارد کنید تا درخواست ثبت شود.",
	"track.title":           "پیگیری درخواست",
	"track.code":            "کد رهگیری",
	"receipt.title":         "درخواست شما ثبت شد",
	"receipt.due":           "پاسخ تا %s",

	// Request status (tags)
	"status.submitted":   "ثبت شده، در انتظار بررسی",
	"status.in_progress": "در حال رسیدگی",
	"status.needs_docs":  "نیاز به تکمیل مدارک",
	"status.answered":    "پاسخ داده شد",
	"status.rejected":    "رد شد",
	"status.closed":      "مختومه",

	// Units used by the template functions
	"unit.rials": "ریال",
}
