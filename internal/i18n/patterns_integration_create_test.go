package i18n

import "testing"

// The built messages of requests filed through the integration API
// translate whole, the values carried over.
func TestIntegrationCreatePatterns(t *testing.T) {
	for _, tc := range []struct{ fa, en string }{
		{"درخواست از راه درگاه «پنجره ملی» به نام متقاضی ثبت شد؛ شناسه آن در آن درگاه: MYGOV-1.",
			"The request was filed for the applicant through the portal «پنجره ملی»; its id there: MYGOV-1."},
		{"درخواست از راه درگاه «پنجره ملی» به نام متقاضی ثبت شد.",
			"The request was filed for the applicant through the portal «پنجره ملی»."},
		{"درخواست از روی نامه کتبی متقاضی در «دفتر پیشخوان ۱۲» ثبت شد.",
			"The request was registered from the applicant's written letter at «دفتر پیشخوان 12»."},
		{"این کلاینت فقط برای خدمت‌های واحدهای خودش درخواست ثبت می‌کند و این خدمت از آن واحد دیگری است؛ اگر باید ثبت کند، از مدیر سامانه بخواهید واحد «pr» را به کلاینت بدهد.",
			"This client files requests only for services of its own units, and this service belongs to another unit; if it should, ask the system administrator to give the client the unit «pr»."},
	} {
		if got := T(EN, tc.fa); got != tc.en {
			t.Errorf("T(en, %q) = %q; want %q", tc.fa, got, tc.en)
		}
	}
}
