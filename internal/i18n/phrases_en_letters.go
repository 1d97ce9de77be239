package i18n

// The built-in secretariat (internal/letters, store/secretariats.go,
// store/letters.go): number formats, secretariats and letters.
func init() {
	addPhrases(map[string]string{
		// Directions, classifications and priorities.
		"وارده":        "Incoming",
		"صادره":        "Outgoing",
		"عادی":         "Normal",
		"محرمانه":      "Confidential",
		"خیلی محرمانه": "Highly confidential",
		"فوری":         "Urgent",
		"آنی":          "Immediate",
		// Number formats.
		"قالب شماره را وارد کنید؛ مثلاً {year}/{seq}.":                                                                                               "Enter the number format, for example {year}/{seq}.",
		"قالب شماره بیش از ۴۰ نویسه است؛ آن را کوتاه‌تر کنید.":                                                                                       "The number format is longer than 40 characters; shorten it.",
		"در قالب شماره یک «{» بی‌جفت هست؛ هر متغیر را میان { و } بنویسید، مثلاً {seq}.":                                                              "The number format has a «{» without its pair; write each variable between { and }, for example {seq}.",
		"در قالب شماره یک «}» بی‌جفت هست؛ هر متغیر را میان { و } بنویسید، مثلاً {seq}.":                                                              "The number format has a «}» without its pair; write each variable between { and }, for example {seq}.",
		"پهنای شماره ردیف باید رقمی از ۱ تا ۹ باشد؛ مثلاً {seq:5} شماره ردیف را پنج رقمی می‌کند.":                                                    "The width of the sequence number must be a digit from 1 to 9; for example {seq:5} makes it five digits long.",
		"قالب شماره باید {seq} (شماره ردیف نامه) را داشته باشد.":                                                                                     "The number format must contain {seq} (the letter's sequence number).",
		"قالب شماره باید سال را با {year} یا {yy} داشته باشد، چون شماره ردیف هر سال از ۱ آغاز می‌شود.":                                               "The number format must contain the year as {year} or {yy}, because the sequence starts again from 1 each year.",
		"قالب شماره جز متغیرها فقط می‌تواند حرف، رقم و نشانه‌های / - . _ داشته باشد؛ فاصله و نشانه‌های دیگر را بردارید.":                             "Apart from variables, the number format may only contain letters, digits and the signs / - . _; remove spaces and other signs.",
		"شماره نامه با این قالب و کد دبیرخانه ممکن است بیش از ۲۰ نویسه شود، که شناسه ملی سند (شمس) نمی‌پذیرد؛ قالب یا کد دبیرخانه را کوتاه‌تر کنید.": "With this format and secretariat code a letter number may be longer than 20 characters, which the national document identifier (SHAMS) does not accept; shorten the format or the secretariat's code.",
		// Secretariats.
		"کد دبیرخانه باید ۱ تا ۱۰ حرف یا رقم بی‌فاصله باشد؛ مثلاً ۱ یا مرکزی.": "A secretariat code must be 1 to 10 letters or digits without spaces, for example 1 or HQ.",
		"نام دبیرخانه را وارد کنید.":                                    "Enter the secretariat's name.",
		"نام دبیرخانه باید حداکثر ۱۰۰ نویسه باشد.":                      "The secretariat's name must be 100 characters or fewer.",
		"دبیرخانه‌ای با این کد پیدا نشد.":                               "No secretariat has this code.",
		"دبیرخانه‌ای با این کد پیش‌تر ساخته شده است؛ کد دیگری بنویسید.": "A secretariat with this code already exists; write another code.",
		// Letters.
		"دبیرخانه‌ای را که نامه در آن ثبت می‌شود انتخاب کنید.":        "Choose the secretariat that registers the letter.",
		"نوع نامه را انتخاب کنید: وارده، صادره یا داخلی.":             "Choose the kind of letter: incoming, outgoing or internal.",
		"موضوع نامه را وارد کنید.":                                    "Enter the letter's subject.",
		"موضوع نامه باید حداکثر ۳۰۰ نویسه باشد.":                      "The letter's subject must be 300 characters or fewer.",
		"طبقه‌بندی نامه شناخته نیست؛ یکی از گزینه‌ها را انتخاب کنید.": "The letter's classification is not known; choose one of the options.",
		"فوریت نامه شناخته نیست؛ یکی از گزینه‌ها را انتخاب کنید.":     "The letter's priority is not known; choose one of the options.",
		"شناسه شمس باید حداکثر ۶۴ نویسه از حروف انگلیسی، رقم و خط تیره باشد؛ آن را همان‌طور که سامانه اتوماسیون داده است وارد کنید.": "A SHAMS identifier must be at most 64 Latin letters, digits and hyphens; enter it exactly as the automation system gave it.",
		"نامه‌ای با این مشخصات پیدا نشد.": "No letter matches.",
		"این دبیرخانه غیرفعال است و نامه تازه ثبت نمی‌کند؛ دبیرخانه فعال دیگری را انتخاب کنید.":      "This secretariat is inactive and registers no new letters; choose another, active secretariat.",
		"نامه‌ای که این نامه عطف به آن است پیدا نشد؛ نامه عطف را دوباره انتخاب کنید.":                "The letter this one replies to was not found; choose the letter it replies to again.",
		"نامه دیگری با همین شناسه شمس پیش‌تر ثبت شده است؛ شناسه را با سامانه اتوماسیون مقایسه کنید.": "Another letter was already registered with this SHAMS identifier; compare the identifier with the automation system.",
	})
	// Format messages that name a variable.
	enPatterns = append(enPatterns, compilePatterns([][2]string{
		{"متغیر {%s} در قالب شماره شناخته نیست؛ متغیرهای مجاز: {year}، {yy}، {seq}، {seq:5} و {code}.", "The variable {%s} in the number format is not known; the allowed variables are {year}, {yy}, {seq}, {seq:5} and {code}."},
		{"متغیر {%s} بیش از یک بار در قالب شماره آمده است؛ آن را یک بار بنویسید.", "The variable {%s} appears more than once in the number format; write it once."},
	})...)
}
