package i18n

import "testing"

func TestPatterns(t *testing.T) {
	for _, tc := range []struct{ fa, en string }{
		{"«مساحت زمین» را وارد کنید.", "Enter «مساحت زمین»."},
		{"«عنوان» باید حداکثر ۲۰۰ نویسه باشد.", "«عنوان» must be 200 characters or fewer."},
		{"نوع فایل «سند» پذیرفته نیست؛ فایل PDF، JPEG بارگذاری کنید.", "The file type for «سند» is not accepted; upload a PDF, JPEG file."},
		{"کد تأیید نادرست است؛ ۳ بار دیگر می‌توانید تلاش کنید.", "The code is wrong; you can try 3 more times."},
		{"کد قبلی همین الان فرستاده شد؛ لطفاً ۵۹ ثانیه دیگر دوباره درخواست کنید.", "A code was sent a moment ago; please ask again in 59 seconds."},
	} {
		if got := T(EN, tc.fa); got != tc.en {
			t.Errorf("T(en, %q) = %q; want %q", tc.fa, got, tc.en)
		}
		if got := T(FA, tc.fa); got != tc.fa {
			t.Errorf("T(fa, %q) = %q; Persian must stay as it is", tc.fa, got)
		}
	}
	if got := T(EN, "چیزی که الگو ندارد"); got != "چیزی که الگو ندارد" {
		t.Errorf("unmatched text changed: %q", got)
	}
}
