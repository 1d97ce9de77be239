package i18n

// phrase translates a key that is not in lang's catalog: Persian text the
// pages write directly is looked up in the English phrasebook, and slugs in
// the Persian slug table. Anything else comes back unchanged, so Persian
// text stays Persian on fa pages and an untranslated phrase stays readable
// (in Persian) on en pages. Phrases take no arguments.
func phrase(lang Lang, key string) string {
	table := faSlugs
	if lang == EN {
		table = enPhrases
	}
	if msg, ok := table[key]; ok {
		return msg
	}
	if lang == EN {
		if msg, ok := matchPattern(key); ok {
			return msg
		}
	}
	return key
}

// addPhrases merges an area's phrasebook (phrases_en_<area>.go files call it
// from init), so parts of the product can add translations without all
// editing one file.
func addPhrases(m map[string]string) {
	for k, v := range m {
		enPhrases[k] = v
	}
}
