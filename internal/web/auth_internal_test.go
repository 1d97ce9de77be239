package web

import "testing"

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"":                          "/staff",
		"/staff/tray?tab=new":       "/staff/tray?tab=new",
		"/staff":                    "/staff",
		"https://evil.example/":     "/staff",
		"//evil.example/staff":      "/staff",
		"/staff/login?next=/x":      "/staff",
		"/staff/enroll":             "/staff",
		"/services":                 "/staff",
		"/staff\\@evil":             "/staff",
		"/staff/tray\r\nSet-Cookie": "/staff",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
