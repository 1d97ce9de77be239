package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/jalali"
)

// Tray scopes and tabs (کارتابل).
const (
	ScopeMine = "mine" // files held by the actor (and, for the desk, registered by them)
	ScopeUnit = "unit" // files of the actor's units

	TabNew        = "new"         // submitted, not yet taken
	TabInProgress = "in_progress" // being worked on
	TabWaiting    = "waiting"     // waiting for the citizen's documents
	TabOverdue    = "overdue"     // open and past the promised date (clock running)
	TabReferred   = "referred"    // open and arrived here by referral
)

// TrayTabs lists the tabs in the order pages show them.
var TrayTabs = []string{TabNew, TabInProgress, TabWaiting, TabOverdue, TabReferred}

// TrayFilter selects a tray's rows. Zero fields match everything; Tab ""
// lists every status.
type TrayFilter struct {
	Actor   desk.Actor
	Scope   string // ScopeMine or ScopeUnit
	Tab     string
	Service string
	Status  string
	Channel string
	// From and To bound the submission time [From, To); the caller turns
	// Jalali dates into UTC instants.
	From, To time.Time
	// Query is a tracking code or an applicant's national ID (any digits).
	Query  string
	Now    time.Time // for the overdue flag
	Limit  int       // default 50, at most 200
	Offset int
}

// TrayRow is one line of a tray. ApplicantName is in clear: masking it is
// the page's job.
type TrayRow struct {
	ID            int64
	TrackingCode  string
	ServiceCode   string
	ServiceTitle  string
	Status        desk.Status
	Channel       desk.Channel
	ApplicantName string
	UnitCode      string
	UnitName      string
	AssigneeID    int64
	AssigneeName  string
	SubmittedAt   time.Time
	DueAt         time.Time
	Overdue       bool
	Paused        bool // waiting for documents with the clock stopped
	Version       int
}

// trayQuery builds the shared FROM and WHERE of a tray: the actor's
// visibility (least privilege, by role and unit), the scope and the filters.
// Tab conditions are added by the callers.
type trayQuery struct {
	where []string
	args  []any
}

func (q *trayQuery) arg(v any) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args))
}

func (q *trayQuery) in(vals []string) string {
	ph := make([]string, len(vals))
	for i, v := range vals {
		ph[i] = q.arg(v)
	}
	return "(" + strings.Join(ph, ", ") + ")"
}

// trayFrom joins what every tray row needs. c is the paused clock of the row.
const trayFrom = ` FROM requests r
	LEFT JOIN units u ON u.code = r.unit_code
	LEFT JOIN staff a ON a.id = r.assignee_id
	LEFT JOIN request_clock c ON c.request_id = r.id`

var openStatuses = []string{string(desk.StatusSubmitted), string(desk.StatusInProgress), string(desk.StatusNeedsDocs)}

// errNoTray is the answer to a person whose roles hold no requests.
var errNoTray = &desk.Error{Code: desk.EFORBIDDEN, Message: "شما به این بخش دسترسی ندارید."}

func (s *Store) trayWhere(f TrayFilter) (*trayQuery, error) {
	q := &trayQuery{}
	a := f.Actor
	if a.StaffID == 0 || !a.HasAny(desk.RoleOfficer, desk.RoleManager, desk.RoleDeskOperator) {
		return nil, errNoTray
	}
	// Placeholders are added only where used: PostgreSQL refuses a
	// parameter it cannot type.
	me := func() string { return q.arg(a.StaffID) }
	units := a.UnitCodes()
	inUnits := func() string { return `r.unit_code IN ` + q.in(units) }
	registeredByMe := func() string {
		return `EXISTS (SELECT 1 FROM events se WHERE se.request_id = r.id AND se.type = ` +
			q.arg("submitted") + ` AND se.actor = ` + q.arg(a.Label()) + `)`
	}

	// Visibility: the union of what each of the actor's roles may see.
	see := []string{`r.assignee_id = ` + me()}
	if a.HasAny(desk.RoleOfficer, desk.RoleManager) && len(units) > 0 {
		see = append(see, inUnits())
	}
	if a.Has(desk.RoleDeskOperator) {
		see = append(see, registeredByMe())
		if len(units) > 0 {
			see = append(see, `(`+inUnits()+` AND r.assignee_id IS NULL)`)
		}
	}
	q.where = append(q.where, `(`+strings.Join(see, ` OR `)+`)`)

	switch f.Scope {
	case ScopeMine:
		mine := `r.assignee_id = ` + me()
		if a.Has(desk.RoleDeskOperator) {
			mine = `(` + mine + ` OR ` + registeredByMe() + `)`
		}
		q.where = append(q.where, mine)
	case ScopeUnit, "":
		if len(units) == 0 {
			q.where = append(q.where, `1 = 0`)
		} else {
			q.where = append(q.where, inUnits())
		}
	default:
		return nil, desk.Errorf(desk.EINVALID, "این کارتابل شناخته نیست.")
	}

	if f.Service != "" {
		q.where = append(q.where, `r.service_code = `+q.arg(f.Service))
	}
	if f.Status != "" {
		q.where = append(q.where, `r.status = `+q.arg(f.Status))
	}
	if f.Channel != "" {
		q.where = append(q.where, `r.channel = `+q.arg(f.Channel))
	}
	if !f.From.IsZero() {
		q.where = append(q.where, `r.submitted_at >= `+q.arg(ts(f.From)))
	}
	if !f.To.IsZero() {
		q.where = append(q.where, `r.submitted_at < `+q.arg(ts(f.To)))
	}
	if query := fa.Digits(f.Query); query != "" {
		// A national ID is found only through its blind index, computed the
		// way CreateRequest stores it (canonical digits).
		nid := query
		if c, err := fa.NationalID(query); err == nil {
			nid = c
		}
		q.where = append(q.where, `(r.tracking_code = `+q.arg(query)+
			` OR r.national_id_idx = `+q.arg(s.r().index(nid))+`)`)
	}
	return q, nil
}

// overdueCond is true for an open request whose promised date is before the
// Tehran day of now and whose clock runs. DueAt is a Tehran day; comparing
// with the start of today keeps the promised day itself in time.
func (q *trayQuery) overdueCond(now time.Time) string {
	today := jalali.FromTime(now).Time()
	return `(r.status IN ` + q.in(openStatuses) + ` AND r.due_at < ` + q.arg(ts(today)) +
		` AND c.request_id IS NULL)`
}

// referredCond is true for an open request that came to where it is now
// by referral: to the actor (scope mine) or to its unit.
func (q *trayQuery) referredCond(f TrayFilter) string {
	cond := `rf.to_unit = r.unit_code`
	if f.Scope == ScopeMine {
		cond += ` AND rf.to_staff_id = ` + q.arg(f.Actor.StaffID)
	}
	return `(r.status IN ` + q.in(openStatuses) +
		` AND EXISTS (SELECT 1 FROM referrals rf WHERE rf.request_id = r.id AND ` + cond + `))`
}

func (q *trayQuery) tabCond(f TrayFilter) (string, error) {
	switch f.Tab {
	case "":
		return "", nil
	case TabNew:
		return `r.status = ` + q.arg(string(desk.StatusSubmitted)), nil
	case TabInProgress:
		return `r.status = ` + q.arg(string(desk.StatusInProgress)), nil
	case TabWaiting:
		return `r.status = ` + q.arg(string(desk.StatusNeedsDocs)), nil
	case TabOverdue:
		return q.overdueCond(f.Now), nil
	case TabReferred:
		return q.referredCond(f), nil
	}
	return "", desk.Errorf(desk.EINVALID, "این زبانه کارتابل شناخته نیست.")
}

// Tray lists the requests f selects, soonest promised date first.
func (s *Store) Tray(ctx context.Context, f TrayFilter) ([]TrayRow, error) {
	q, err := s.trayWhere(f)
	if err != nil {
		return nil, err
	}
	tab, err := q.tabCond(f)
	if err != nil {
		return nil, err
	}
	if tab != "" {
		q.where = append(q.where, tab)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 200)
	overdue := q.overdueCond(f.Now)
	query := `SELECT r.id, r.tracking_code, r.service_code, r.service_title, r.status, r.channel,
		r.people, r.unit_code, COALESCE(u.name, ''), r.assignee_id, COALESCE(a.name, ''),
		r.submitted_at, r.due_at, r.version,
		CASE WHEN ` + overdue + ` THEN 1 ELSE 0 END,
		CASE WHEN c.request_id IS NULL THEN 0 ELSE 1 END` + trayFrom +
		` WHERE ` + strings.Join(q.where, ` AND `) +
		` ORDER BY CASE WHEN r.due_at IS NULL THEN 1 ELSE 0 END, r.due_at, r.id` +
		` LIMIT ` + q.arg(limit) + ` OFFSET ` + q.arg(max(f.Offset, 0))
	rows, err := s.read.QueryContext(ctx, query, q.args...)
	if err != nil {
		return nil, fail("tray", err, "")
	}
	defer rows.Close()
	var out []TrayRow
	for rows.Next() {
		var (
			t                      TrayRow
			status, channel, ppl   string
			assignee               sql.NullInt64
			due                    sql.NullTime
			overdueFlag, pausedVal int
		)
		if err := rows.Scan(&t.ID, &t.TrackingCode, &t.ServiceCode, &t.ServiceTitle, &status, &channel,
			&ppl, &t.UnitCode, &t.UnitName, &assignee, &t.AssigneeName, &t.SubmittedAt, &due, &t.Version,
			&overdueFlag, &pausedVal); err != nil {
			return nil, fail("tray", err, "")
		}
		t.Status, t.Channel, t.AssigneeID = desk.Status(status), desk.Channel(channel), assignee.Int64
		t.SubmittedAt, t.DueAt = t.SubmittedAt.UTC(), fromNull(due)
		t.Overdue, t.Paused = overdueFlag == 1, pausedVal == 1
		p, err := s.r().unseal(ppl, peopleAD(t.TrackingCode))
		if err != nil {
			return nil, err
		}
		var who people
		if err := json.Unmarshal(p, &who); err != nil {
			return nil, fmt.Errorf("store: tray people: %w", err)
		}
		t.ApplicantName = who.Applicant.Name
		out = append(out, t)
	}
	return out, fail("tray", rows.Err(), "")
}

// TrayCounts counts f's requests per tab (f.Tab is ignored), with the same
// scope and filters, for the tab labels.
func (s *Store) TrayCounts(ctx context.Context, f TrayFilter) (map[string]int, error) {
	q, err := s.trayWhere(f)
	if err != nil {
		return nil, err
	}
	sum := func(cond string) string { return `COALESCE(SUM(CASE WHEN ` + cond + ` THEN 1 ELSE 0 END), 0)` }
	var cols []string
	for _, tab := range TrayTabs {
		g := f
		g.Tab = tab
		cond, err := q.tabCond(g)
		if err != nil {
			return nil, err
		}
		cols = append(cols, sum(cond))
	}
	query := `SELECT ` + strings.Join(cols, ", ") + trayFrom + ` WHERE ` + strings.Join(q.where, ` AND `)
	n := make([]int64, len(TrayTabs))
	dest := make([]any, len(n))
	for i := range n {
		dest[i] = &n[i]
	}
	if err := s.read.QueryRowContext(ctx, query, q.args...).Scan(dest...); err != nil {
		return nil, fail("tray counts", err, "")
	}
	out := make(map[string]int, len(TrayTabs))
	for i, tab := range TrayTabs {
		out[tab] = int(n[i])
	}
	return out, nil
}
