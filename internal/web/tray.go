package web

import (
	"net/http"
	"net/url"
	"time"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/store"
)

// trayView is the work tray (کارتابل): tabs with counts, filters kept in
// the URL, one row per request sorted by promised date.
type trayView struct {
	Scope, Tab             string
	Tabs                   []string
	Counts                 map[string]int
	Rows                   []store.TrayRow
	Services               []desk.Service
	Service, Status, Query string
	Channel                string
	From, To               [3]string // day, month, year as typed
	Statuses               []desk.Status
	Channels               []desk.Channel
	Actor                  desk.Actor
	Now                    time.Time
	Link                   func(tab string) string
	Done                   string
	// Awaiting are the reply drafts a manager may sign (پیش‌نویس → امضا),
	// AwaitingCount all of them; Signer says the section is shown.
	Awaiting      []store.AwaitingRow
	AwaitingCount int
	Signer        bool
}

// awaitingShown bounds the drafts listed above the tray; the count says
// how many there are in all.
const awaitingShown = 20

var trayStatuses = []desk.Status{desk.StatusSubmitted, desk.StatusInProgress, desk.StatusNeedsDocs, desk.StatusAnswered, desk.StatusRejected, desk.StatusClosed}
var trayChannels = []desk.Channel{desk.ChannelWeb, desk.ChannelAPI, desk.ChannelInPerson, desk.ChannelLetter, desk.ChannelPhone}

func (s *Server) tray(w http.ResponseWriter, r *http.Request) {
	actor, _ := s.staffActor(r)
	q := r.URL.Query()
	v := trayView{
		Scope: q.Get("scope"), Tab: q.Get("tab"), Tabs: store.TrayTabs,
		Service: q.Get("service"), Status: q.Get("status"), Channel: q.Get("channel"), Query: q.Get("q"),
		From:     [3]string{q.Get("from_d"), q.Get("from_m"), q.Get("from_y")},
		To:       [3]string{q.Get("to_d"), q.Get("to_m"), q.Get("to_y")},
		Statuses: trayStatuses, Channels: trayChannels, Actor: actor, Now: s.flow.Now(), Done: q.Get("done"),
	}
	if v.Scope != store.ScopeUnit {
		v.Scope = store.ScopeMine
	}
	if v.Tab == "" {
		v.Tab = store.TabNew
	}
	f := store.TrayFilter{Actor: actor, Scope: v.Scope, Tab: v.Tab, Service: v.Service, Status: v.Status,
		Channel: v.Channel, Query: v.Query, Now: v.Now}
	errs := &desk.FieldErrors{}
	var err error
	if f.From, err = dateBound(v.From, false); err != nil {
		errs.Add("from", "تاریخ «از» درست نیست؛ روز، ماه و سال را به شمسی وارد کنید.")
	}
	if f.To, err = dateBound(v.To, true); err != nil {
		errs.Add("to", "تاریخ «تا» درست نیست؛ روز، ماه و سال را به شمسی وارد کنید.")
	}
	formErr := errs.Err()
	if formErr != nil { // show everything rather than a wrong range
		f.From, f.To = time.Time{}, time.Time{}
	}
	ctx := r.Context()
	rows, qerr := s.store.Tray(ctx, f)
	if qerr != nil {
		s.fail(w, r, qerr)
		return
	}
	f.Tab = ""
	counts, qerr := s.store.TrayCounts(ctx, f)
	if qerr != nil {
		s.fail(w, r, qerr)
		return
	}
	v.Rows, v.Counts = rows, counts
	if v.Signer = actor.Has(desk.RoleManager); v.Signer {
		if v.Awaiting, v.AwaitingCount, qerr = s.flow.AwaitingSignature(ctx, actor, awaitingShown); qerr != nil {
			s.fail(w, r, qerr)
			return
		}
	}
	v.Services, _ = s.store.Services(ctx, store.ServiceFilter{})
	base := r.URL.Query()
	v.Link = func(tab string) string {
		l := url.Values{}
		for k, vals := range base {
			l[k] = vals
		}
		l.Set("tab", tab)
		l.Set("scope", v.Scope)
		return "/staff/tray?" + l.Encode()
	}
	status := http.StatusOK
	if formErr != nil {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "tray", "کارتابل", v, formErr)
}

// dateBound turns day/month/year parts into the start of that Jalali day
// in Tehran (or the start of the next day for an inclusive upper bound).
func dateBound(p [3]string, upper bool) (time.Time, error) {
	if p[0]+p[1]+p[2] == "" {
		return time.Time{}, nil
	}
	d, err := jalali.FromParts(p[2], p[1], p[0])
	if err != nil {
		return time.Time{}, err
	}
	if upper {
		d = d.AddDays(1)
	}
	return d.Time().UTC(), nil
}

// daysLeft is the number of days from now to the promised date, for the
// tray's "days left" column (negative when overdue).
func daysLeft(due, now time.Time) int {
	a, b := jalali.FromTime(now), jalali.FromTime(due)
	return int(b.Time().Sub(a.Time()).Hours()/24 + 0.5)
}
