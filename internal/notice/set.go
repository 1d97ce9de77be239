package notice

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"mizban/internal/desk"
)

// Template is the body of one kind and whether it is sent at all.
type Template struct {
	Kind    Kind
	Body    string
	Enabled bool
}

// Store gives the overrides admins saved, body by kind. Kinds missing from
// the map use their default.
type Store interface {
	Templates(ctx context.Context) (map[Kind]string, error)
}

// Set is the templates in force: stored overrides over the defaults, with
// non-essential kinds switched off everywhere or for single services
// (keyed by service code). It is safe for concurrent use.
type Set struct {
	mu     sync.RWMutex
	bodies map[Kind]string          // valid overrides only
	off    map[Kind]bool            // switched off for every service
	svcOff map[string]map[Kind]bool // switched off for one service
}

// NewSet layers overrides over the defaults. An override that no longer
// validates (say a kind lost a variable in an upgrade) is skipped, so its
// default is used; the returned error lists those, and the Set is usable
// either way.
func NewSet(overrides map[Kind]string) (*Set, error) {
	s := &Set{bodies: map[Kind]string{}, off: map[Kind]bool{}, svcOff: map[string]map[Kind]bool{}}
	var errs []error
	for k, b := range overrides {
		if err := s.Override(k, b); err != nil {
			errs = append(errs, fmt.Errorf("notice: stored template %q: %w", k, err))
		}
	}
	return s, errors.Join(errs...)
}

// Adopt puts o's templates and switches in force in s, at once: readers
// see either all of the old or all of the new. It is how an instance takes
// the edits another instance saved (o is not used afterwards).
func (s *Set) Adopt(o *Set) {
	o.mu.RLock()
	bodies, off, svcOff := o.bodies, o.off, o.svcOff
	o.mu.RUnlock()
	s.mu.Lock()
	s.bodies, s.off, s.svcOff = bodies, off, svcOff
	s.mu.Unlock()
}

// Load builds a Set from st; see NewSet for how bad overrides are handled.
func Load(ctx context.Context, st Store) (*Set, error) {
	m, err := st.Templates(ctx)
	if err != nil {
		return nil, err
	}
	return NewSet(m)
}

// Override sets kind k's body after validating it; an empty body, or one
// equal to the default, goes back to the default.
func (s *Set) Override(k Kind, body string) error {
	body = NormalizeBody(body)
	if !k.Valid() {
		return invalid(fmt.Sprintf("نوع پیامک «%s» شناخته نیست.", k))
	}
	if body == "" || body == defaultBodies[k] {
		s.mu.Lock()
		delete(s.bodies, k)
		s.mu.Unlock()
		return nil
	}
	if err := ValidateFor(k, body); err != nil {
		return err
	}
	s.mu.Lock()
	s.bodies[k] = body
	s.mu.Unlock()
	return nil
}

// Template returns kind k's body in force and whether it is on everywhere.
func (s *Set) Template(k Kind) Template {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.bodies[k]
	if !ok {
		b = defaultBodies[k]
	}
	return Template{Kind: k, Body: b, Enabled: !s.off[k]}
}

// Templates lists every kind's template in editor order.
func (s *Set) Templates() []Template {
	out := make([]Template, 0, len(order))
	for _, k := range order {
		out = append(out, s.Template(k))
	}
	return out
}

// errEssential is returned when switching off a kind citizens cannot do
// without.
func errEssential(k Kind) error {
	return desk.Errorf(desk.EINVALID, "پیامک «%s» ضروری است و خاموش نمی‌شود.", k.Title())
}

// SetEnabled switches kind k on or off for every service.
func (s *Set) SetEnabled(k Kind, on bool) error {
	if !k.Valid() {
		return invalid(fmt.Sprintf("نوع پیامک «%s» شناخته نیست.", k))
	}
	if !on && k.Essential() {
		return errEssential(k)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if on {
		delete(s.off, k)
	} else {
		s.off[k] = true
	}
	return nil
}

// SetServiceEnabled switches kind k on or off for the service with code
// service only (a service opting out of, say, the survey).
func (s *Set) SetServiceEnabled(service string, k Kind, on bool) error {
	if !k.Valid() {
		return invalid(fmt.Sprintf("نوع پیامک «%s» شناخته نیست.", k))
	}
	if !on && k.Essential() {
		return errEssential(k)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if on {
		delete(s.svcOff[service], k)
		return nil
	}
	if s.svcOff[service] == nil {
		s.svcOff[service] = map[Kind]bool{}
	}
	s.svcOff[service][k] = true
	return nil
}

// Enabled reports whether kind k is sent for requests of service (a
// service code; "" for messages outside any request, such as a code).
func (s *Set) Enabled(service string, k Kind) bool {
	if !k.Valid() {
		return false
	}
	if k.Essential() {
		return true
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return !s.off[k] && !s.svcOff[service][k]
}

// Render builds the SMS of kind k for a request of service. ok is false
// when the kind is switched off there: send nothing, the tracking page
// still shows the event.
func (s *Set) Render(service string, k Kind, v Vars) (text string, ok bool, err error) {
	if !s.Enabled(service, k) {
		return "", false, nil
	}
	text, err = Render(k, s.Template(k).Body, v)
	if err != nil {
		return "", false, err
	}
	return text, true, nil
}
