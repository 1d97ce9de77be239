package i18n

import "testing"

// The catalog workflow's messages with values translate whole.
func TestCatalogFlowPatterns(t *testing.T) {
	for _, tc := range []struct{ fa, en string }{
		{"سارا رحیمی این پیش‌نویس را در این فاصله تغییر داده است (۴ آذر ۱۴۰۵، ساعت ۱۱:۳۰). متن شما از دست نرفته است: نسخهٔ تازه را در برگهٔ دیگری باز کنید، تغییرات خود را به آن بیفزایید و دوباره ذخیره کنید.",
			"سارا رحیمی changed this draft meanwhile (4 آذر 1405, ساعت 11:30). Your text is not lost: open the new version in another tab, add your changes to it and save again."},
		{"شناسهٔ 13091713999 در ردیف ۳ هم آمده است؛ هر خدمت را یک بار بیاورید.", "The code 13091713999 also appears on row 3; list each service once."},
		{"تغییر در خدمت «پروانه ساختمانی»", "Change to the service «پروانه ساختمانی»"},
	} {
		if got := T(EN, tc.fa); got != tc.en {
			t.Errorf("T(en, %q) = %q; want %q", tc.fa, got, tc.en)
		}
	}
}
