package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/workcal"
)

// Workday is one day of the weekly template. Opens and Closes are office
// hours ("07:30"), shown to people; promised dates count whole days.
type Workday struct {
	Weekday time.Weekday
	Working bool
	Opens   string
	Closes  string
}

// Closure is an ad-hoc closure (heat, power, pollution) on one date.
type Closure struct {
	Date      jalali.Date
	Reason    string
	CreatedBy string // actor label, "staff:12"
	CreatedAt time.Time
}

// CalendarData is the whole working calendar as stored. Workdays is empty
// until the calendar is seeded.
type CalendarData struct {
	Workdays []Workday         // by weekday, Sunday first
	Holidays []workcal.Holiday // by date, one per date
	Closures []Closure         // by date
}

// Seeded reports whether the calendar has been stored at all.
func (d CalendarData) Seeded() bool { return len(d.Workdays) > 0 }

// Build returns the workcal.Calendar of d.
func (d CalendarData) Build() *workcal.Calendar {
	var days []time.Weekday
	for _, w := range d.Workdays {
		if w.Working {
			days = append(days, w.Weekday)
		}
	}
	c := workcal.New(days, d.Holidays)
	for _, cl := range d.Closures {
		c.AddClosure(cl.Date, cl.Reason)
	}
	return c
}

const msgNoClosure = "تعطیلی‌ای در این روز ثبت نشده است."

// Calendar reads the stored working calendar.
func (s *Store) Calendar(ctx context.Context) (CalendarData, error) {
	return s.r().calendar(ctx)
}

// Calendar is Store.Calendar inside the transaction, so a change and the
// recomputation it causes read the same calendar.
func (tx *Tx) Calendar(ctx context.Context) (CalendarData, error) {
	return tx.q.calendar(ctx)
}

func (q conn) calendar(ctx context.Context) (CalendarData, error) {
	var d CalendarData
	rows, err := q.db.QueryContext(ctx,
		`SELECT weekday, working, opens, closes FROM calendar_workdays ORDER BY weekday`)
	if err != nil {
		return d, fail("calendar workdays", err, "")
	}
	for rows.Next() {
		var w Workday
		var wd int
		if err := rows.Scan(&wd, &w.Working, &w.Opens, &w.Closes); err != nil {
			rows.Close()
			return d, fail("calendar workdays", err, "")
		}
		w.Weekday = time.Weekday(wd)
		d.Workdays = append(d.Workdays, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, fail("calendar workdays", err, "")
	}

	rows, err = q.db.QueryContext(ctx, `SELECT date, name FROM calendar_holidays ORDER BY date`)
	if err != nil {
		return d, fail("calendar holidays", err, "")
	}
	for rows.Next() {
		var date, name string
		if err := rows.Scan(&date, &name); err != nil {
			rows.Close()
			return d, fail("calendar holidays", err, "")
		}
		jd, err := jalali.Parse(date)
		if err != nil {
			rows.Close()
			return d, fmt.Errorf("store: calendar holiday %q: %w", date, err)
		}
		d.Holidays = append(d.Holidays, workcal.Holiday{Date: jd, Name: name})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, fail("calendar holidays", err, "")
	}

	rows, err = q.db.QueryContext(ctx,
		`SELECT date, reason, created_by, created_at FROM calendar_closures ORDER BY date`)
	if err != nil {
		return d, fail("calendar closures", err, "")
	}
	defer rows.Close()
	for rows.Next() {
		var c Closure
		var date string
		if err := rows.Scan(&date, &c.Reason, &c.CreatedBy, &c.CreatedAt); err != nil {
			return d, fail("calendar closures", err, "")
		}
		if c.Date, err = jalali.Parse(date); err != nil {
			return d, fmt.Errorf("store: calendar closure %q: %w", date, err)
		}
		c.CreatedAt = c.CreatedAt.UTC()
		d.Closures = append(d.Closures, c)
	}
	return d, fail("calendar closures", rows.Err(), "")
}

// SetWorkdays replaces the weekly template with days (one row per weekday
// given; weekdays left out are stored as days off).
func (tx *Tx) SetWorkdays(ctx context.Context, days []Workday) error {
	byDay := map[time.Weekday]Workday{}
	for _, w := range days {
		if w.Weekday < time.Sunday || w.Weekday > time.Saturday {
			return fmt.Errorf("store: set workdays: bad weekday %d", w.Weekday)
		}
		byDay[w.Weekday] = w
	}
	if _, err := tx.tx.ExecContext(ctx, `DELETE FROM calendar_workdays`); err != nil {
		return fail("set workdays", err, "")
	}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		w := byDay[wd]
		if _, err := tx.tx.ExecContext(ctx,
			`INSERT INTO calendar_workdays (weekday, working, opens, closes) VALUES ($1, $2, $3, $4)`,
			int(wd), w.Working, w.Opens, w.Closes); err != nil {
			return fail("set workdays", err, "")
		}
	}
	return nil
}

// ReplaceHolidays replaces the holidays of the given Jalali years with hs
// (every holiday in hs must fall in one of years); other years are kept.
// Two holidays on one date must already be merged (workcal.Calendar.Holidays
// does that).
func (tx *Tx) ReplaceHolidays(ctx context.Context, years []int, hs []workcal.Holiday) error {
	for _, y := range years {
		// Dates are zero-padded text, so one year is one prefix.
		if _, err := tx.tx.ExecContext(ctx, `DELETE FROM calendar_holidays WHERE date LIKE $1`,
			fmt.Sprintf("%04d/%%", y)); err != nil {
			return fail("replace holidays", err, "")
		}
	}
	for _, h := range hs {
		if _, err := tx.tx.ExecContext(ctx,
			`INSERT INTO calendar_holidays (date, name) VALUES ($1, $2)`, h.Date.String(), h.Name); err != nil {
			return fail("replace holidays", err, "")
		}
	}
	return nil
}

// AddClosure stores c; a date that already has a closure is ECONFLICT.
func (tx *Tx) AddClosure(ctx context.Context, c Closure) error {
	res, err := tx.tx.ExecContext(ctx,
		`INSERT INTO calendar_closures (date, reason, created_by, created_at) VALUES ($1, $2, $3, $4)
		 ON CONFLICT (date) DO NOTHING`,
		c.Date.String(), c.Reason, c.CreatedBy, ts(c.CreatedAt))
	if err != nil {
		return fail("add closure", err, "")
	}
	if n, err := res.RowsAffected(); err != nil {
		return fail("add closure", err, "")
	} else if n == 0 {
		return &desk.Error{Code: desk.ECONFLICT, Message: "برای این روز پیش‌تر تعطیلی ثبت شده است."}
	}
	return nil
}

// RemoveClosure deletes the closure on d; none there is ENOTFOUND.
func (tx *Tx) RemoveClosure(ctx context.Context, d jalali.Date) error {
	res, err := tx.tx.ExecContext(ctx, `DELETE FROM calendar_closures WHERE date = $1`, d.String())
	if err != nil {
		return fail("remove closure", err, "")
	}
	if n, err := res.RowsAffected(); err != nil {
		return fail("remove closure", err, "")
	} else if n == 0 {
		return notFound(msgNoClosure)
	}
	return nil
}

// DueInfo is what recomputing a request's promised date needs, without
// opening its sealed columns.
type DueInfo struct {
	ID             int64
	ServiceCode    string
	ServiceVersion int
	Status         desk.Status
	SubmittedAt    time.Time
	DueAt          time.Time
	AddedDays      int // sum of events' added_days: extensions granted
	Version        int
}

// OpenDues lists the requests in the given statuses with their promised
// dates and the days their events added, oldest first.
func (tx *Tx) OpenDues(ctx context.Context, statuses []desk.Status) ([]DueInfo, error) {
	if len(statuses) == 0 {
		return nil, nil
	}
	args := make([]any, len(statuses))
	in := ""
	for i, st := range statuses {
		args[i] = string(st)
		if i > 0 {
			in += ", "
		}
		in += fmt.Sprintf("$%d", i+1)
	}
	rows, err := tx.tx.QueryContext(ctx,
		`SELECT r.id, r.service_code, r.service_version, r.status, r.submitted_at, r.due_at, r.version,
		        COALESCE((SELECT SUM(e.added_days) FROM events e WHERE e.request_id = r.id), 0)
		 FROM requests r WHERE r.status IN (`+in+`) ORDER BY r.id`, args...)
	if err != nil {
		return nil, fail("open dues", err, "")
	}
	defer rows.Close()
	var out []DueInfo
	for rows.Next() {
		var (
			d      DueInfo
			status string
			due    sql.NullTime
			added  int64
		)
		if err := rows.Scan(&d.ID, &d.ServiceCode, &d.ServiceVersion, &status, &d.SubmittedAt, &due,
			&d.Version, &added); err != nil {
			return nil, fail("open dues", err, "")
		}
		d.Status, d.SubmittedAt, d.DueAt, d.AddedDays = desk.Status(status), d.SubmittedAt.UTC(), fromNull(due), int(added)
		out = append(out, d)
	}
	return out, fail("open dues", rows.Err(), "")
}

// AppendEventDays appends e like AppendEvent and records that it added
// days (working days, or calendar days for round-the-clock services) to the
// request's promised date, so that a later calendar change keeps them: an
// extension (type "extended") or a clock that paused while the citizen
// gathered documents.
func (tx *Tx) AppendEventDays(ctx context.Context, e *desk.Event, days int) error {
	if err := tx.AppendEvent(ctx, e); err != nil {
		return err
	}
	_, err := tx.tx.ExecContext(ctx, `UPDATE events SET added_days = $1 WHERE id = $2`, days, e.ID)
	return fail("append event days", err, "")
}
