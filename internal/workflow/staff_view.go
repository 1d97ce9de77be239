package workflow

import (
	"context"
	"strconv"
	"time"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/jalali"
	"mizban/internal/letters"
	"mizban/internal/store"
)

// StaffRequest is a request as staff see it. Personal data in Request
// (national IDs, mobiles, and form answers of those types) is masked;
// RevealPersonalData returns it in clear and audits the reveal.
type StaffRequest struct {
	Request   desk.Request
	Service   desk.Service // the card version the request was filed under
	Events    []desk.Event // the whole timeline, internal notes too, newest first
	Referrals []store.Referral
	Decisions []store.Decision
	UnitName  string
	Holder    desk.Staff // ID 0 while the file is in the unit's queue
	Registrar string     // who registered it: "citizen", "api:3", "staff:12"
	// DaysLeft counts working days (calendar days for round-the-clock
	// services) from today to the promised date; negative once overdue.
	DaysLeft int
	Overdue  bool
	PausedAt time.Time // the clock is stopped since, waiting for documents
	// Letter: registered as an incoming letter, so its answer needs a
	// signer (reply_draft.go).
	Letter bool
	// Can lists the actions the viewer may take now (role, unit, status;
	// on a letter, answering only for those who sign, and drafting the
	// reply only there).
	Can map[desk.Action]bool
}

// PersonalData is what RevealPersonalData returns in clear.
type PersonalData struct {
	Applicant      desk.Person
	Representative *desk.Person
	Answers        map[string]string
}

// StaffView loads request id for actor, with personal data masked. A
// request the actor may not see is ENOTFOUND, as a missing one is.
func (f *Flow) StaffView(ctx context.Context, actor desk.Actor, id int64) (StaffRequest, error) {
	r, registrar, err := f.staffRequest(ctx, actor, id, "request.view", "")
	if err != nil {
		return StaffRequest{}, err
	}
	v := StaffRequest{Request: r, Registrar: registrar, Can: map[desk.Action]bool{}}
	if v.Service, err = f.filedService(ctx, r); err != nil {
		return StaffRequest{}, err
	}
	maskRequest(&v.Request, v.Service)
	if v.Events, err = f.Store.Events(ctx, id, true); err != nil {
		return StaffRequest{}, err
	}
	if v.Referrals, err = f.Store.Referrals(ctx, id); err != nil {
		return StaffRequest{}, err
	}
	if v.Decisions, err = f.Store.Decisions(ctx, id); err != nil {
		return StaffRequest{}, err
	}
	if v.PausedAt, err = f.Store.PausedSince(ctx, id); err != nil {
		return StaffRequest{}, err
	}
	v.UnitName = r.UnitCode
	if units, err := f.Store.Units(ctx); err == nil {
		for _, u := range units {
			if u.Code == r.UnitCode {
				v.UnitName = u.Name
			}
		}
	}
	if r.AssigneeID != 0 {
		if s, err := f.Store.Staff(ctx, r.AssigneeID); err == nil {
			v.Holder = s
		}
	}
	if !r.DueAt.IsZero() {
		today, due := jalali.FromTime(f.now()), jalali.FromTime(r.DueAt)
		if v.Service.CalendarDays {
			v.DaysLeft = due.Sub(today)
		} else {
			v.DaysLeft = f.Cal.WorkingDaysBetween(today, due)
		}
		v.Overdue = r.Status.Open() && v.PausedAt.IsZero() && due.Before(today)
	}
	ls, err := f.Store.LettersOfRequest(ctx, id)
	if err != nil {
		return StaffRequest{}, err
	}
	for _, l := range ls {
		v.Letter = v.Letter || l.Direction == letters.Incoming
	}
	for act := range desk.Transitions {
		if act == desk.ActAccept && r.AssigneeID == actor.StaffID {
			continue // already theirs: taking it again does nothing
		}
		if act == desk.ActDraftReply && !v.Letter {
			continue // a draft waits for a signer, which only letters need
		}
		if _, err := replyRule(actor, v.Letter, act); err != nil {
			continue
		}
		if _, err := desk.Next(r.Status, act); err == nil && actor.Allowed(act) && canAct(actor, r, act) {
			v.Can[act] = true
		}
	}
	return v, nil
}

// RevealPersonalData returns request id's personal data in clear for
// actor, and records the reveal in the audit log in the same breath: no
// reveal without its record.
func (f *Flow) RevealPersonalData(ctx context.Context, actor desk.Actor, id int64, client string) (PersonalData, error) {
	r, _, err := f.staffRequest(ctx, actor, id, "personal_data.reveal", client)
	if err != nil {
		return PersonalData{}, err
	}
	err = f.inTx(ctx, func(tx *store.Tx) error {
		return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: actor.Label(),
			Action: "personal_data.reveal", Target: requestTarget(id), Result: audit.OK, Client: client})
	})
	if err != nil {
		return PersonalData{}, err
	}
	return PersonalData{Applicant: r.Applicant, Representative: r.Representative, Answers: r.Answers}, nil
}

// StaffDocument returns one of request id's documents and its bytes for
// actor, after the access check and a fresh SHA-256 check; every download
// is audited.
func (f *Flow) StaffDocument(ctx context.Context, actor desk.Actor, id, docID int64, client string) (desk.Document, []byte, error) {
	r, _, err := f.staffRequest(ctx, actor, id, "document.download", client)
	if err != nil {
		return desk.Document{}, nil, err
	}
	d, data, err := f.Document(ctx, r, docID)
	result := audit.OK
	switch {
	case desk.ErrorCode(err) == desk.ENOTFOUND:
		return desk.Document{}, nil, err
	case err != nil:
		result = audit.Failed
	}
	if aerr := f.inTx(ctx, func(tx *store.Tx) error {
		return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: actor.Label(),
			Action: "document.download", Target: requestTarget(id), Result: result, Client: client,
			Details: "document=" + strconv.FormatInt(docID, 10)})
	}); aerr != nil {
		return desk.Document{}, nil, aerr
	}
	if err != nil {
		return desk.Document{}, nil, err
	}
	return d, data, nil
}

// staffRequest loads request id if actor may see it; otherwise the refusal
// is audited under action and the answer is the same as for a missing
// request.
func (f *Flow) staffRequest(ctx context.Context, actor desk.Actor, id int64, action, client string) (desk.Request, string, error) {
	r, err := f.Store.Request(ctx, id)
	if err != nil && desk.ErrorCode(err) != desk.ENOTFOUND {
		return desk.Request{}, "", err
	}
	registrar := ""
	if err == nil {
		if registrar, err = f.Store.Registrar(ctx, id); err != nil {
			return desk.Request{}, "", err
		}
		if canSee(actor, r, registrar) {
			return r, registrar, nil
		}
	}
	if aerr := f.inTx(ctx, func(tx *store.Tx) error {
		return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: actor.Label(), Action: action,
			Target: requestTarget(id), Result: audit.Denied, Client: client, Details: "out of scope"})
	}); aerr != nil {
		f.Log.Error("audit of a refused view failed", "err", aerr)
	}
	return desk.Request{}, "", errNoRequest
}

// maskRequest hides national IDs and mobiles of the applicant, the
// representative and the form answers of those types.
func maskRequest(r *desk.Request, svc desk.Service) {
	maskPerson := func(p *desk.Person) {
		p.NationalID, p.Mobile = fa.MaskNationalID(p.NationalID), fa.MaskMobile(p.Mobile)
	}
	maskPerson(&r.Applicant)
	if r.Representative != nil {
		rep := *r.Representative
		maskPerson(&rep)
		r.Representative = &rep
	}
	answers := make(map[string]string, len(r.Answers))
	for k, v := range r.Answers {
		answers[k] = v
	}
	for _, fl := range svc.Form {
		v, ok := answers[fl.Key]
		if !ok {
			continue
		}
		switch fl.Type {
		case desk.FieldNationalID:
			answers[fl.Key] = fa.MaskNationalID(v)
		case desk.FieldMobile:
			answers[fl.Key] = fa.MaskMobile(v)
		}
	}
	r.Answers = answers
}
