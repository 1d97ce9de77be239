package config

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Day is 24 hours; review periods are counted in whole days.
const Day = 24 * time.Hour

// DefaultReviewAfter is how long a service card may go unreviewed before
// editors are reminded: 12 months (the law asks for a review at least
// every 3 years).
const DefaultReviewAfter = 365 * Day

// maxReviewAfter is the legal limit: a reminder later than that is too late.
const maxReviewAfter = 3*365*Day + Day

// parseReviewAfter reads days ("365", "365d") or a Go duration ("8760h").
func parseReviewAfter(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(strings.TrimSuffix(s, "d")); err == nil {
		return time.Duration(n) * Day, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, errors.New("review period must be days (365 or 365d) or a duration (8760h)")
	}
	return d, nil
}

// reviewValue is the --review-after flag.
type reviewValue struct{ d *time.Duration }

func (v reviewValue) String() string {
	if v.d == nil {
		return ""
	}
	if *v.d%Day == 0 {
		return strconv.Itoa(int(*v.d/Day)) + "d"
	}
	return v.d.String()
}

func (v reviewValue) Set(s string) error {
	d, err := parseReviewAfter(s)
	if err != nil {
		return err
	}
	*v.d = d
	return nil
}

// validReviewAfter: at least a day, at most the legal three years.
func validReviewAfter(d time.Duration) bool { return d >= Day && d <= maxReviewAfter }
