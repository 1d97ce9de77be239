package i18n

// Staff side: roles, permissions and the request state machine.
func init() {
	addPhrases(map[string]string{
		"متصدی میز خدمت":                "Desk operator",
		"کارشناس":                       "Officer",
		"مدیر واحد":                     "Unit manager",
		"ویراستار شناسنامه خدمات":       "Catalog editor",
		"بازرس":                         "Auditor",
		"مدیر سامانه":                   "Administrator",
		"این کار شناخته نیست.":          "This action is not known.",
		"شما به این بخش دسترسی ندارید.": "You do not have access to this part.",
		"status":      "Update on the request",
		"due_changed": "Promised date changed",
	})
}
