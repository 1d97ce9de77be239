package config

import (
	"strings"
	"testing"
	"time"
)

func TestReviewAfter(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    time.Duration
		wantErr string
	}{
		{name: "default 12 months", want: 365 * Day},
		{name: "env days", env: map[string]string{"MIZBAN_REVIEW_AFTER": "180"}, want: 180 * Day},
		{name: "env days with d", env: map[string]string{"MIZBAN_REVIEW_AFTER": "90d"}, want: 90 * Day},
		{name: "flag duration", args: []string{"--review-after", "720h"}, want: 30 * Day},
		{name: "flag beats env", args: []string{"--review-after", "10"}, env: map[string]string{"MIZBAN_REVIEW_AFTER": "20"}, want: 10 * Day},
		{name: "three years allowed", args: []string{"--review-after", "1095d"}, want: 1095 * Day},
		{name: "bad env", env: map[string]string{"MIZBAN_REVIEW_AFTER": "soon"}, wantErr: "MIZBAN_REVIEW_AFTER"},
		{name: "bad flag", args: []string{"--review-after", "a year"}, wantErr: "review period"},
		{name: "zero", args: []string{"--review-after", "0"}, wantErr: "between 1 day and 3 years"},
		{name: "beyond the law", args: []string{"--review-after", "1200"}, wantErr: "between 1 day and 3 years"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load("serve", tc.args, env(tc.env))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || c.ReviewAfter != tc.want {
				t.Fatalf("ReviewAfter = %v, %v; want %v", c.ReviewAfter, err, tc.want)
			}
		})
	}
	if got := (reviewValue{&[]time.Duration{400 * Day}[0]}).String(); got != "400d" {
		t.Errorf("String = %q", got)
	}
}
