package i18n

import (
	"regexp"
	"strings"
	"testing"

	"mizban/internal/fa"
)

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	for key := range faMessages {
		if _, ok := enMessages[key]; !ok {
			t.Errorf("key %q is in fa.go but not in en.go", key)
		}
	}
	for key := range enMessages {
		if _, ok := faMessages[key]; !ok {
			t.Errorf("key %q is in en.go but not in fa.go", key)
		}
	}
}

var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// The two sides of a message must take the same arguments in the same order,
// or one language prints %!d(MISSING).
func TestCatalogVerbsMatch(t *testing.T) {
	for key, f := range faMessages {
		e := enMessages[key]
		fv, ev := verb.FindAllString(f, -1), verb.FindAllString(e, -1)
		if strings.Join(fv, " ") != strings.Join(ev, " ") {
			t.Errorf("%s: fa verbs %q, en verbs %q", key, fv, ev)
		}
	}
}

func TestCatalogText(t *testing.T) {
	for key, msg := range faMessages {
		if msg == "" {
			t.Errorf("fa %s is empty", key)
		}
		if fa.Normalize(msg) != msg {
			t.Errorf("fa %s has Arabic ي/ك: %q", key, msg)
		}
		if key != "lang.other" && key != "lang.other_code" && strings.ContainsAny(msg, "0123456789") {
			t.Errorf("fa %s has ASCII digits: %q", key, msg)
		}
	}
	for key, msg := range enMessages {
		if msg == "" {
			t.Errorf("en %s is empty", key)
		}
	}
	if !keyPattern.MatchString("nav.services") {
		t.Fatal("key pattern rejects a good key")
	}
	for key := range faMessages {
		if !keyPattern.MatchString(key) {
			t.Errorf("key %q is not short dotted lower-case", key)
		}
	}
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`)

func TestT(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		key  string
		args []any
		want string
	}{
		{"fa chrome", FA, "nav.services", nil, "خدمات"},
		{"en chrome", EN, "nav.services", nil, "Services"},
		{"fa skip link", FA, "skip.main", nil, "رفتن به محتوای اصلی"},
		{"fa switch", FA, "lang.other", nil, "English"},
		{"en switch", EN, "lang.other", nil, "فارسی"},
		{"fa number arg", FA, "search.results", []any{12}, "۱۲ خدمت پیدا شد"},
		{"en number arg", EN, "search.results", []any{12}, "12 services found"},
		{"fa int64 arg", FA, "search.results", []any{int64(305)}, "۳۰۵ خدمت پیدا شد"},
		{"fa string arg kept", FA, "receipt.due", []any{"۴ آذر ۱۴۰۵"}, "پاسخ تا ۴ آذر ۱۴۰۵"},
		{"fa string digits untouched", FA, "receipt.due", []any{"x1"}, "پاسخ تا x1"},
		{"missing key", FA, "no.such.key", nil, "no.such.key"},
		{"missing key en", EN, "no.such.key", []any{1}, "no.such.key"},
		{"unknown lang is fa", Lang("de"), "nav.help", nil, "راهنما"},
		{"extra args ignored when no verbs", EN, "nav.help", nil, "Help"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := T(tt.lang, tt.key, tt.args...); got != tt.want {
				t.Errorf("T(%s, %q, %v) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
			}
		})
	}
}

func TestPersianNumberKeepsFlags(t *testing.T) {
	catalogs[FA]["test.width"] = "[%5.1f|%03d]"
	defer delete(catalogs[FA], "test.width")
	if got, want := T(FA, "test.width", 2.25, 7), "[  ۲.۲|۰۰۷]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLang(t *testing.T) {
	tests := []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"fa", FA, true},
		{"en", EN, true},
		{"en-GB", EN, true},
		{"fa-IR", FA, true},
		{"english", FA, false},
		{"de", FA, false},
		{"", FA, false},
		{"e", FA, false},
	}
	for _, tt := range tests {
		got, ok := ParseLang(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseLang(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if Dir(FA) != "rtl" || Dir(EN) != "ltr" || Dir("") != "rtl" {
		t.Errorf("Dir: fa %q, en %q, empty %q", Dir(FA), Dir(EN), Dir(""))
	}
	if FA.Other() != EN || EN.Other() != FA {
		t.Error("Other does not swap fa and en")
	}
}
