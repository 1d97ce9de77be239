package auth

import (
	"sync"
	"time"
)

// Lockout per account: the fifth failed step in a row locks the account
// for 15 minutes, and every further failure after a lock doubles the time,
// up to a day. Any success clears the count.
const (
	LockAfter   = 5
	LockFirst   = 15 * time.Minute
	LockLongest = 24 * time.Hour
)

// LockFor is how long an account is locked after failures failures in a
// row; zero while below LockAfter.
func LockFor(failures int) time.Duration {
	if failures < LockAfter {
		return 0
	}
	d := LockFirst
	for i := LockAfter; i < failures && d < LockLongest; i++ {
		d *= 2
	}
	return min(d, LockLongest)
}

// ClientLimiter counts failed sign-in steps per client (a keyed hash of the
// address) in a fixed window, so one address cannot try many accounts. It
// counts failures only: an office behind one address signs in many people
// at 8 o'clock without tripping it. In memory on purpose: a restart resets
// it, and the per-account lock is durable.
type ClientLimiter struct {
	Max    int
	Window time.Duration
	mu     sync.Mutex
	fails  map[string]*clientWindow
}

type clientWindow struct {
	start time.Time
	n     int
}

// NewClientLimiter allows max failures per client per window.
func NewClientLimiter(max int, window time.Duration) *ClientLimiter {
	return &ClientLimiter{Max: max, Window: window, fails: map[string]*clientWindow{}}
}

// Blocked reports whether client has used up its failures at now.
func (l *ClientLimiter) Blocked(client string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.fails[client]
	return w != nil && now.Sub(w.start) < l.Window && w.n >= l.Max
}

// Fail counts one failure of client at now.
func (l *ClientLimiter) Fail(client string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.fails) > 100_000 { // bound memory under a flood of addresses
		for k, w := range l.fails {
			if now.Sub(w.start) >= l.Window {
				delete(l.fails, k)
			}
		}
	}
	w := l.fails[client]
	if w == nil || now.Sub(w.start) >= l.Window {
		l.fails[client] = &clientWindow{start: now, n: 1}
		return
	}
	w.n++
}
