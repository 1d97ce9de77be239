package config

import "testing"

func TestLoadSMSQuiet(t *testing.T) {
	tests := []struct {
		env, flag string
		want      string
		ok        bool
	}{
		{"", "", "22:00-07:00", true}, // the default: no notices at night
		{"23:30-06:00", "", "23:30-06:00", true},
		{"off", "", "off", true},
		{"23:00-06:00", "21:00-08:00", "21:00-08:00", true}, // the flag wins
		{"22-07", "", "", false},
		{"07:00-07:00", "", "", false},
		{"25:00-07:00", "", "", false},
	}
	for _, tc := range tests {
		var args []string
		if tc.flag != "" {
			args = []string{"-sms-quiet", tc.flag}
		}
		c, err := Load("serve", args, func(k string) string {
			if k == "MIZBAN_SMS_QUIET" {
				return tc.env
			}
			return ""
		})
		if (err == nil) != tc.ok {
			t.Errorf("MIZBAN_SMS_QUIET=%q -sms-quiet=%q: err = %v; want ok=%v", tc.env, tc.flag, err, tc.ok)
			continue
		}
		if tc.ok && c.SMSQuiet != tc.want {
			t.Errorf("MIZBAN_SMS_QUIET=%q -sms-quiet=%q: %q; want %q", tc.env, tc.flag, c.SMSQuiet, tc.want)
		}
	}
}
