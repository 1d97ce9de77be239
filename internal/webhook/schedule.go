package webhook

import (
	"math/rand/v2"
	"time"
)

// delays[n-1] is the wait after failed attempt n before attempt n+1. The
// first attempt goes at once; the waits follow the Standard Webhooks example
// and add up to 3 days 13 h 35 min 5 s, so a receiver down over a long
// weekend (Thursday, Friday and a holiday) still gets every event.
var delays = [...]time.Duration{
	5 * time.Second,
	5 * time.Minute,
	30 * time.Minute,
	2 * time.Hour,
	5 * time.Hour,
	10 * time.Hour,
	10 * time.Hour,
	14 * time.Hour,
	20 * time.Hour,
	24 * time.Hour,
}

// MaxAttempts is how many times one event is tried at one endpoint.
const MaxAttempts = len(delays) + 1

// jitterDiv sets the jitter to at most a tenth of the wait. Jitter only adds,
// so the span before giving up is never shorter than the table's.
const jitterDiv = 10

// Retry computes the waits between attempts. Rand returns a number in
// [0, n) for n > 0; nil uses math/rand/v2. Tests pass a fixed one.
type Retry struct {
	Rand func(n int64) int64
}

// Schedule is the wait after failed attempt number attempt (counted from 1)
// before the next one, with jitter so endpoints that failed together are not
// retried together. Past the table it repeats the last wait; GiveUp says
// when to stop.
func (r Retry) Schedule(attempt int) time.Duration {
	d := delays[min(max(attempt, 1), len(delays))-1]
	n := int64(d / jitterDiv)
	if n <= 0 {
		return d
	}
	j := rand.Int64N
	if r.Rand != nil {
		j = r.Rand
	}
	return d + time.Duration(min(max(j(n), 0), n-1))
}

// GiveUp reports whether attempt (counted from 1) was the last one.
func (Retry) GiveUp(attempt int) bool { return attempt >= MaxAttempts }

// Schedule is Retry{}.Schedule: the wait after failed attempt number attempt.
func Schedule(attempt int) time.Duration { return Retry{}.Schedule(attempt) }

// GiveUp reports whether attempt (counted from 1) was the last one.
func GiveUp(attempt int) bool { return Retry{}.GiveUp(attempt) }
