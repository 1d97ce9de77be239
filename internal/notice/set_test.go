package notice

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"mizban/internal/desk"
)

type fakeStore struct {
	m   map[Kind]string
	err error
}

func (s fakeStore) Templates(context.Context) (map[Kind]string, error) { return s.m, s.err }

func TestEssentialCannotBeDisabled(t *testing.T) {
	s, err := NewSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Kinds() {
		errAll := s.SetEnabled(k, false)
		errSvc := s.SetServiceEnabled("12345678901", k, false)
		if k.Essential() {
			if desk.ErrorCode(errAll) != desk.EINVALID || desk.ErrorCode(errSvc) != desk.EINVALID {
				t.Errorf("%s: switching off gave %v / %v, want EINVALID", k, errAll, errSvc)
			}
			if !s.Enabled("12345678901", k) || !s.Template(k).Enabled {
				t.Errorf("%s: essential kind is off", k)
			}
			continue
		}
		if errAll != nil || errSvc != nil {
			t.Errorf("%s: %v / %v", k, errAll, errSvc)
		}
		if s.Enabled("", k) || s.Template(k).Enabled {
			t.Errorf("%s: still on after switching off", k)
		}
	}
	if err := s.SetEnabled(Kind("x"), true); err == nil {
		t.Error("unknown kind: want error")
	}
	if s.Enabled("", Kind("x")) {
		t.Error("unknown kind enabled")
	}
}

func TestServiceOptOut(t *testing.T) {
	s, _ := NewSet(nil)
	const a, b = "11111111111", "22222222222"
	if err := s.SetServiceEnabled(a, KindSurvey, false); err != nil {
		t.Fatal(err)
	}
	if s.Enabled(a, KindSurvey) || !s.Enabled(b, KindSurvey) || !s.Enabled(a, KindClosed) {
		t.Error("opt-out leaked to another service or kind")
	}
	v := SampleVars()
	if text, ok, err := s.Render(a, KindSurvey, v); ok || err != nil || text != "" {
		t.Errorf("Render off = %q, %v, %v", text, ok, err)
	}
	if text, ok, err := s.Render(b, KindSurvey, v); !ok || err != nil || !strings.Contains(text, v.Tracking) {
		t.Errorf("Render on = %q, %v, %v", text, ok, err)
	}
	if err := s.SetServiceEnabled(a, KindSurvey, true); err != nil || !s.Enabled(a, KindSurvey) {
		t.Errorf("switching back on: %v", err)
	}
	if err := s.SetEnabled(KindSurvey, false); err != nil || s.Enabled(b, KindSurvey) {
		t.Errorf("global off: %v", err)
	}
}

func TestOverrides(t *testing.T) {
	s, err := NewSet(map[Kind]string{
		KindClosed:   "پرونده {{.Tracking}} بسته شد.\r\n",
		KindAnswered: Default(KindAnswered),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Template(KindClosed).Body; got != "پرونده {{.Tracking}} بسته شد." {
		t.Errorf("override body = %q", got)
	}
	text, ok, err := s.Render("", KindClosed, Vars{Tracking: "140512345678"})
	if err != nil || !ok || text != "پرونده 140512345678 بسته شد." {
		t.Errorf("Render = %q, %v, %v", text, ok, err)
	}
	if s.Template(KindAnswered).Body != Default(KindAnswered) || s.Template(KindOTP).Body != Default(KindOTP) {
		t.Error("kinds without an override must use the default")
	}
	if err := s.Override(KindClosed, "{{.Code}}"); err == nil {
		t.Error("override with a variable closed lacks: want error")
	}
	if got := s.Template(KindClosed).Body; got != "پرونده {{.Tracking}} بسته شد." {
		t.Errorf("a refused override changed the body to %q", got)
	}
	if err := s.Override(KindClosed, ""); err != nil || s.Template(KindClosed).Body != Default(KindClosed) {
		t.Errorf("reset: %v", err)
	}
	if len(s.Templates()) != len(Kinds()) {
		t.Errorf("Templates() has %d entries", len(s.Templates()))
	}
}

func TestBadStoredOverrideFallsBack(t *testing.T) {
	s, err := Load(context.Background(), fakeStore{m: map[Kind]string{
		KindRejected: "{{.Code}}",
		KindReopened: "{{.Tracking}} باز شد",
		Kind("gone"): "x",
	}})
	if err == nil || s == nil {
		t.Fatalf("Load = %v, %v; want a usable set and an error", s, err)
	}
	if !strings.Contains(err.Error(), "rejected") || !strings.Contains(err.Error(), "gone") {
		t.Errorf("error %v should name both bad kinds", err)
	}
	if s.Template(KindRejected).Body != Default(KindRejected) || s.Template(KindReopened).Body != "{{.Tracking}} باز شد" {
		t.Error("bad override should fall back, good one should apply")
	}
	boom := errors.New("db down")
	if _, err := Load(context.Background(), fakeStore{err: boom}); !errors.Is(err, boom) {
		t.Errorf("store error = %v", err)
	}
}

func TestSetRenderMissingVar(t *testing.T) {
	s, _ := NewSet(nil)
	if _, ok, err := s.Render("", KindAnswered, Vars{Link: "a.ir"}); err == nil || ok {
		t.Errorf("missing tracking: ok=%v err=%v", ok, err)
	}
}

func TestSetConcurrent(t *testing.T) {
	s, _ := NewSet(nil)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				_ = s.SetServiceEnabled("svc", KindSurvey, (i+j)%2 == 0)
				_ = s.Override(KindClosed, "بسته شد {{.Tracking}}")
				if _, _, err := s.Render("svc", KindClosed, SampleVars()); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
