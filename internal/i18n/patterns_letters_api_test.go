package i18n

import "testing"

// The secretariat messages that list the active codes translate whole.
func TestLetterSecretariatPatterns(t *testing.T) {
	for _, tc := range []struct{ fa, en string }{
		{"بیش از یک دبیرخانه فعال هست؛ کد دبیرخانه را در secretariat بفرستید. کدهای دبیرخانه‌های فعال: 1، auto.",
			"There is more than one active secretariat; send the secretariat's code in secretariat. The codes of the active secretariats: 1, auto."},
		{"دبیرخانه‌ای با این کد پیدا نشد؛ کد یکی از دبیرخانه‌های فعال را بفرستید: auto.",
			"No secretariat has this code; send the code of one of the active secretariats: auto."},
	} {
		if got := T(EN, tc.fa); got != tc.en {
			t.Errorf("T(en, %q) = %q; want %q", tc.fa, got, tc.en)
		}
	}
}
