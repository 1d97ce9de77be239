package i18n

// Letters an automation product reports through the integration API
// (workflow/letters_external.go, api/integration_letters.go) and the SHAMS
// field of the manual registration form.
func init() {
	addPhrases(map[string]string{
		"تاریخ نامه را به شمسی (مثلاً ۱۴۰۵/۰۹/۰۵) یا به شکل ISO 8601 (مثلاً 2026-11-26 یا 2026-11-26T10:15:00+03:30) بفرستید.":                                                                    "Send the letter's date as a Solar Hijri date (for example 1405/09/05) or in ISO 8601 form (for example 2026-11-26 or 2026-11-26T10:15:00+03:30).",
		"شناسه شمس باید یک GUID باشد: ۳۶ نویسه به شکل 8-4-4-4-12 از رقم‌ها و حروف a تا f؛ آن را همان‌طور که سامانه اتوماسیون داده است بفرستید.":                                                   "The SHAMS identifier must be a GUID: 36 characters shaped 8-4-4-4-12 of digits and the letters a to f; send it as the automation system gave it.",
		"نام و سمت امضاکننده نامه را همان‌طور که در سامانه اتوماسیون آمده است بفرستید.":                                                                                                           "Send the signer's name and title as the automation system has them.",
		"نام و سمت امضاکننده باید حداکثر ۲۰۰ نویسه باشد.":                                                                                                                                         "The signer's name and title must be 200 characters or fewer.",
		"هیچ دبیرخانه فعالی نیست؛ از مدیر سامانه بخواهید برای نامه‌های سامانه اتوماسیون دبیرخانه‌ای بسازد.":                                                                                       "There is no active secretariat; ask the system administrator to create a secretariat for the automation system's letters.",
		"این شماره به شکل شماره‌هایی است که خود این دبیرخانه به نامه‌های صادره می‌دهد و ممکن است با آن‌ها یکی شود؛ برای نامه‌های سامانه اتوماسیون دبیرخانه جداگانه‌ای بسازید و کد آن را بفرستید.": "This number is shaped like the numbers this secretariat gives its outgoing letters and could clash with one of them; create a separate secretariat for the automation system's letters and send its code.",
		// The manual registration form.
		"شناسه شمس (اختیاری)": "SHAMS identifier (optional)",
		"شناسه ملی سند که سامانه اتوماسیون روی نامه چاپ کرده است؛ ۳۶ نویسه، مانند 3f2504e0-4f89-11d3-9a0c-0305e82c3301": "The national document identifier the automation system printed on the letter; 36 characters, like 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
	})
	enPatterns = append(enPatterns, compilePatterns([][2]string{
		{"بیش از یک دبیرخانه فعال هست؛ کد دبیرخانه را در secretariat بفرستید. کدهای دبیرخانه‌های فعال: %s.", "There is more than one active secretariat; send the secretariat's code in secretariat. The codes of the active secretariats: %s."},
		{"دبیرخانه‌ای با این کد پیدا نشد؛ کد یکی از دبیرخانه‌های فعال را بفرستید: %s.", "No secretariat has this code; send the code of one of the active secretariats: %s."},
	})...)
}
