package auth

import (
	"strings"
	"testing"
	"time"
)

func TestPasswordRoundTrip(t *testing.T) {
	h, err := HashPassword("کوه دماوند در برف ۱۴۰۳", DemoParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Errorf("encoding %q", h)
	}
	for _, tc := range []struct {
		pw   string
		want bool
	}{
		{"کوه دماوند در برف ۱۴۰۳", true},
		{"کوه دماوند در برف 1403", true}, // digits typed on another layout
		{"كوه دماوند در برف ۱۴۰۳", true}, // Arabic kaf
		{"کوه دماوند در برف ۱۴۰۴", false},
		{"", false},
		{"کوه دماوند در برف ۱۴۰۳ ", false},
	} {
		ok, err := VerifyPassword(h, tc.pw)
		if err != nil || ok != tc.want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", tc.pw, ok, err, tc.want)
		}
	}
	// Two hashes of one password differ (fresh salt).
	h2, _ := HashPassword("کوه دماوند در برف ۱۴۰۳", DemoParams)
	if h2 == h {
		t.Error("same hash twice: the salt is not random")
	}
}

func TestVerifyRefusesMalformed(t *testing.T) {
	good, _ := HashPassword("x", DemoParams)
	parts := strings.Split(good, "$")
	for _, bad := range []string{
		"", "plain", "$argon2i$v=19$m=1024,t=1,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=16$m=1024,t=1,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=4194304,t=1,p=1$" + parts[4] + "$" + parts[5], // 4 GiB
		"$argon2id$v=19$m=1024,t=1,p=1$!!$" + parts[5],
		"$argon2id$v=19$m=1024,t=1,p=1$" + parts[4] + "$",
		"$argon2id$v=19$m=1024,t=1$" + parts[4] + "$" + parts[5],
	} {
		if ok, err := VerifyPassword(bad, "x"); ok || err == nil {
			t.Errorf("VerifyPassword(%q) = %v, %v; want an error", bad, ok, err)
		}
	}
}

// The default costs are measured, not assumed; the test only logs the time
// (no timed assertions) so the number can be read with -v.
func TestDefaultCost(t *testing.T) {
	if testing.Short() {
		t.Skip("slow hash")
	}
	start := time.Now()
	h, err := HashPassword("a reasonably long pass phrase", DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=2,p=2$") {
		t.Errorf("default encoding %q", h)
	}
	t.Logf("argon2id m=64MiB t=2 p=2: %v per hash", took)
}

func FuzzVerifyPassword(f *testing.F) {
	good, _ := HashPassword("x", DemoParams)
	f.Add(good, "x")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "")
	f.Add("$$$$$", "y")
	f.Fuzz(func(t *testing.T, encoded, pw string) {
		ok, err := VerifyPassword(encoded, pw)
		if ok && err != nil {
			t.Fatal("a match with an error")
		}
	})
}
