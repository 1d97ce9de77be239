package auth

import (
	"testing"

	"mizban/internal/desk"
)

func TestPasswordPolicy(t *testing.T) {
	tests := []struct {
		pw, user string
		want     string // "" = accepted, else the message
	}{
		{"short", "", MsgPasswordShort},
		{"۱۲۳۴۵۶۷۸۹", "", MsgPasswordShort},
		{"123456789", "", MsgPasswordShort},
		{"1234567890", "", MsgPasswordCommon},
		{"۱۲۳۴۵۶۷۸۹۰", "", MsgPasswordCommon}, // Persian digits
		{"qwertyuiop", "", MsgPasswordCommon},
		{"QWERTYUIOP", "", MsgPasswordCommon},
		{"ضصثقفغعهخح", "", MsgPasswordCommon}, // qwertyuiop on a Persian keyboard
		{"1qaz2wsx3edc", "", MsgPasswordCommon},
		{"iran123456", "", MsgPasswordCommon},
		{"Iran1234!!", "", MsgPasswordCommon},
		{"P@ssw0rd2024", "", MsgPasswordCommon},
		{"P@ssw0rd!!", "", MsgPasswordCommon},
		{"password1403", "", MsgPasswordCommon},
		{"!!mohammad!!", "", MsgPasswordCommon},
		{"Esteghlal1404", "", MsgPasswordCommon},
		{"abcabcabcabc", "", MsgPasswordCommon},
		{"1212121212", "", MsgPasswordCommon},
		{"aaaaaaaaab", "", MsgPasswordCommon},
		{"Anar-Kavir-5183", "", MsgPasswordCommon}, // a published demo password
		{"m.kazemi-2024-rose", "m.kazemi", MsgPasswordUsername},
		{"Kazemi in the garden", "m.kazemi", MsgPasswordUsername},
		{"mkazemi garden path", "m.kazemi", MsgPasswordUsername},
		{"garden path of roses", "m.kazemi", ""},
		{"سپیدار کنار رودخانه", "", ""},
		{"correct horse battery staple", "", ""},
		{"Tabriz-rain-at-dawn", "", ""},
		{"4815162342abc", "", ""},
		{string(make([]rune, 129)), "", MsgPasswordLong},
	}
	for _, tc := range tests {
		err := CheckPassword(tc.pw, tc.user)
		got := ""
		if err != nil {
			if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorFields(err)["password"] == "" {
				t.Errorf("CheckPassword(%q): error %v is not a field error", tc.pw, err)
			}
			got = desk.ErrorMessage(err)
		}
		if got != tc.want {
			t.Errorf("CheckPassword(%q, %q) = %q, want %q", tc.pw, tc.user, got, tc.want)
		}
	}
}

func TestCommonListSize(t *testing.T) {
	if len(common) < 300 {
		t.Errorf("only %d common passwords", len(common))
	}
	for _, must := range []string{"123456789", "qwertyuiop", "1qaz2wsx", "iran1234", "password"} {
		if !common[must] {
			t.Errorf("%q missing from the list", must)
		}
	}
}

func TestLockFor(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0s"}, {4, "0s"}, {5, "15m0s"}, {6, "30m0s"}, {7, "1h0m0s"}, {10, "8h0m0s"}, {11, "16h0m0s"}, {12, "24h0m0s"}, {100, "24h0m0s"}} {
		if got := LockFor(tc.n).String(); got != tc.want {
			t.Errorf("LockFor(%d) = %s, want %s", tc.n, got, tc.want)
		}
	}
}
