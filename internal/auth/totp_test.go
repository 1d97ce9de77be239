package auth

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

var rfcSecret = []byte("12345678901234567890")

// RFC 4226 appendix D.
func TestHOTPVectors(t *testing.T) {
	want := []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"}
	for i, w := range want {
		if got := HOTP(rfcSecret, int64(i), 6); got != w {
			t.Errorf("HOTP(%d) = %s, want %s", i, got, w)
		}
	}
}

// RFC 6238 appendix B, SHA1: the 8-digit values, and their last six
// digits as the 6-digit codes Mizban uses.
func TestTOTPVectors(t *testing.T) {
	for _, tc := range []struct {
		unix int64
		want string
	}{
		{59, "94287082"}, {1111111109, "07081804"}, {1111111111, "14050471"},
		{1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
	} {
		at := time.Unix(tc.unix, 0)
		if got := HOTP(rfcSecret, TimeStep(at), 8); got != tc.want {
			t.Errorf("8 digits at %d = %s, want %s", tc.unix, got, tc.want)
		}
		if got := TOTP(rfcSecret, at); got != tc.want[2:] {
			t.Errorf("TOTP at %d = %s, want %s", tc.unix, got, tc.want[2:])
		}
	}
}

func TestVerifyTOTPWindowAndReplay(t *testing.T) {
	now := time.Unix(1111111109, 0) // step 37037036
	cur := TimeStep(now)
	code := func(step int64) string { return HOTP(rfcSecret, step, 6) }
	for _, tc := range []struct {
		name     string
		code     string
		last     int64
		wantStep int64
		wantOK   bool
	}{
		{"current step", code(cur), 0, cur, true},
		{"one step back (clock drift)", code(cur - 1), 0, cur - 1, true},
		{"one step ahead", code(cur + 1), 0, cur + 1, true},
		{"two steps back", code(cur - 2), 0, -1, false},
		{"two steps ahead", code(cur + 2), 0, -1, false},
		{"replay in the same step", code(cur), cur, cur, false},
		{"an older step after a newer one", code(cur - 1), cur, cur - 1, false},
		{"newer step after an older one", code(cur + 1), cur, cur + 1, true},
		{"Persian digits and a space", toPersian(code(cur)[:3]) + " " + toPersian(code(cur)[3:]), 0, cur, true},
		{"too short", code(cur)[:5], 0, 0, false},
		{"letters", "abcdef", 0, 0, false},
	} {
		step, ok := VerifyTOTP(rfcSecret, tc.code, now, tc.last)
		if ok != tc.wantOK || (tc.wantStep != 0 && step != tc.wantStep) {
			t.Errorf("%s: VerifyTOTP = %d, %v; want %d, %v", tc.name, step, ok, tc.wantStep, tc.wantOK)
		}
	}
}

func toPersian(s string) string {
	return strings.Map(func(r rune) rune { return '۰' + (r - '0') }, s)
}

func TestOTPAuthURI(t *testing.T) {
	u, err := url.Parse(OTPAuthURI("شهرداری آرمان‌دشت: نمونه", "m.kazemi", rfcSecret))
	if err != nil {
		t.Fatal(err)
	}
	if u.Scheme != "otpauth" || u.Host != "totp" {
		t.Errorf("uri %s", u)
	}
	if u.Path != "/شهرداری آرمان‌دشت  نمونه:m.kazemi" {
		t.Errorf("label %q", u.Path)
	}
	q := u.Query()
	if q.Get("secret") != "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" || q.Get("digits") != "6" || q.Get("period") != "30" ||
		q.Get("algorithm") != "SHA1" || q.Get("issuer") != "شهرداری آرمان‌دشت  نمونه" {
		t.Errorf("query %v", q)
	}
	if g := SecretGroups(rfcSecret); len(g) != 8 || g[0] != "GEZD" {
		t.Errorf("groups %v", g)
	}
}

func TestTokens(t *testing.T) {
	a, ha, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := NewToken()
	if a == b || len(a) != 43 || ha != HashToken(a) || len(ha) != 64 || ha == a {
		t.Errorf("tokens %q %q hash %q", a, b, ha)
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes, hashes, err := NewRecoveryCodes()
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 10 || len(hashes) != 10 {
		t.Fatalf("%d codes, %d hashes", len(codes), len(hashes))
	}
	seen := map[string]bool{}
	for i, c := range codes {
		if len(c) != 19 || c[4] != '-' || seen[c] {
			t.Errorf("code %q", c)
		}
		seen[c] = true
		if !LooksLikeRecoveryCode(c) || LooksLikeRecoveryCode("123456") {
			t.Errorf("%q not told from a TOTP code", c)
		}
		if HashRecoveryCode(c) != hashes[i] {
			t.Errorf("hash of %q differs", c)
		}
		// As typed: upper case, spaces instead of dashes.
		typed := strings.ToUpper(strings.ReplaceAll(c, "-", " "))
		if HashRecoveryCode(typed) != hashes[i] {
			t.Errorf("%q typed as %q does not match", c, typed)
		}
	}
	if HashRecoveryCode("0000-0000-0000-0000") != HashRecoveryCode("oooo-OOOO-0000-0000") {
		t.Error("O is not read as zero")
	}
}

func FuzzVerifyTOTP(f *testing.F) {
	f.Add("287082", int64(59), int64(0))
	f.Add("۲۸۷۰۸۲", int64(59), int64(1))
	f.Add("", int64(0), int64(0))
	f.Fuzz(func(t *testing.T, code string, unix, last int64) {
		step, ok := VerifyTOTP(rfcSecret, code, time.Unix(unix, 0), last)
		if ok && (step <= last || HOTP(rfcSecret, step, 6) != normalizeCode(code)) {
			t.Fatalf("accepted %q at step %d after %d", code, step, last)
		}
	})
}
