package i18n

// enMessages is the English catalog, key for key the same as faMessages.
var enMessages = map[string]string{
	// Site chrome
	"site.name":            "Mizban",
	"site.tagline":         "Electronic service desk",
	"site.title_suffix":    "Mizban",
	"skip.main":            "Skip to main content",
	"nav.label":            "Main links",
	"nav.services":         "Services",
	"nav.track":            "Track a request",
	"nav.help":             "Help",
	"lang.other":           "فارسی",
	"lang.other_code":      "fa",
	"lang.switch_label":    "Show this page in Persian",
	"breadcrumbs.label":    "Breadcrumbs",
	"breadcrumbs.home":     "Home",
	"footer.label":         "Footer links",
	"footer.about":         "About Mizban",
	"footer.privacy":       "Privacy",
	"footer.accessibility": "Accessibility",
	"footer.contact":       "Contact us",
	"footer.license":       "Mizban is free software.",
	"demo.label":           "Demo",
	"demo.banner":          "This is a demo: nothing here is real and no request is sent to any agency.",
	"demo.fictional":       "Demo: the data is made up.",
	"demo.inbox_link":      "Read the SMS messages in the demo inbox instead of on a phone.",

	// Common buttons and links
	"button.continue":      "Continue",
	"button.submit":        "Submit",
	"button.search":        "Search",
	"button.back":          "Back",
	"button.print_receipt": "Print receipt",
	"button.start":         "Start now",
	"button.change":        "Change",
	"button.send_code":     "Send code",
	"button.resend_code":   "Send the code again",

	// Forms and errors
	"form.optional":   "(optional)",
	"error.summary":   "Please correct the following",
	"error.not_found": "Page not found. Check the address or start from the services page.",
	"error.internal":  "Something went wrong and nothing was saved. Please try again in a few minutes.",
	"date.day":        "Day",
	"date.month":      "Month",
	"date.year":       "Year",

	// Pages
	"home.title":            "Electronic service desk",
	"home.lead":             "Find a service, apply, and follow your request to the end.",
	"services.title":        "Services",
	"search.label":          "Search services",
	"search.results":        "%d services found",
	"category.count":        "%d services",
	"duration.days":         "%d days",
	"duration.working_days": "%d working days",
	"visits.count":          "%d visits",
	"upload.hint":           "Upload each document separately: a PDF or a photo (JPEG or PNG), up to %d MB per file.",
	"otp.sent_to":           "We have sent a 6-digit code by SMS to %s. Enter it to submit your request.",
	"track.title":           "Track a request",
	"track.code":            "Tracking code",
	"receipt.title":         "Your request has been submitted",
	"receipt.due":           "Answer by %s",

	// Request status (tags)
	"status.submitted":   "Submitted, waiting for review",
	"status.in_progress": "In progress",
	"status.needs_docs":  "Documents needed",
	"status.answered":    "Answered",
	"status.rejected":    "Rejected",
	"status.closed":      "Closed",

	// Units used by the template functions
	"unit.rials": "rials",
}
