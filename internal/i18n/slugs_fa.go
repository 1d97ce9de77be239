package i18n

// faSlugs gives the Persian of the ASCII slugs that pages pass through t
// (service channel stages and means, SMS kinds); every one also has an
// English entry in enPhrases.
var faSlugs = map[string]string{
	"information":    "اطلاع‌رسانی",
	"request":        "درخواست",
	"production":     "انجام خدمت",
	"delivery":       "تحویل نتیجه",
	"web":            "وبگاه",
	"mobile":         "تلفن همراه",
	"sms":            "پیامک",
	"counter_office": "دفاتر پیشخوان",
	"in_person":      "مراجعه حضوری",
	"otp":            "کد تأیید",
	"registered":     "ثبت درخواست و کد رهگیری",
	"status":         "اطلاع از مرحله رسیدگی",
	"due_changed":    "تغییر تاریخ پاسخ",
}
