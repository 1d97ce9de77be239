package workflow

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/files"
	"mizban/internal/jalali"
	"mizban/internal/notice"
	"mizban/internal/store"
)

// ActInput is one action of staff on a request. Only the fields the action
// needs are read.
type ActInput struct {
	RequestID int64
	Version   int // the version the page showed: optimistic locking
	Action    desk.Action
	ToUnit    string // refer
	ToStaff   int64  // assign; refer to a person (optional)
	// Instruction is the staff-only هامش of a referral; Message the
	// citizen-visible text (documents asked for; optional on referral and
	// closing); Reason of an extension, rejection or reopening; LegalBasis
	// of a rejection (or an answer); Text of an answer or an internal note.
	Instruction, Message, Reason, LegalBasis, Text string
	Days                                           int     // extend
	Attachment                                     *Upload // answer (optional)
	Client                                         string  // ClientKey of the sender

	// Reply is, on an answer, the reply letter an automation product
	// registered and signed (letters_external.go); nil numbers our own.
	Reply *ExternalReply
}

// MaxExtendDays bounds one extension.
const MaxExtendDays = 90

// maxActText bounds every text of an action, in characters.
const maxActText = 4000

var (
	errStaleRequest = desk.Errorf(desk.ECONFLICT, "این درخواست هم‌زمان توسط همکار دیگری تغییر کرد؛ صفحه را دوباره باز کنید.")
	errNoRequest    = desk.Errorf(desk.ENOTFOUND, "درخواستی با این مشخصات پیدا نشد.")
	errNotYours     = desk.Errorf(desk.EFORBIDDEN, "شما اجازه این کار را در این درخواست ندارید.")
)

// eventType is the timeline event each action appends.
var eventType = map[desk.Action]string{
	desk.ActAccept:       "accepted",
	desk.ActAssign:       "assigned",
	desk.ActRefer:        "referred",
	desk.ActNote:         "note",
	desk.ActRequestDocs:  "docs_requested",
	desk.ActDocsReceived: "docs_received",
	desk.ActExtend:       "extended",
	desk.ActAnswer:       "answered",
	desk.ActReject:       "rejected",
	desk.ActClose:        "closed",
	desk.ActReopen:       "reopened",
	desk.ActDraftReply:   "reply_drafted",
}

// EventType returns the timeline event type an action appends.
func EventType(a desk.Action) string { return eventType[a] }

// Act takes one action on a request for actor, in one transaction: load,
// check role and unit, version and transition, validate, update the
// request, append the event (and referral, decision, clock), audit, and
// enqueue the citizen's SMS for citizen-visible steps. Refusals by role or
// unit are audited too. It returns the request as it is after the action.
func (f *Flow) Act(ctx context.Context, actor desk.Actor, in ActInput) (desk.Request, error) {
	in = cleanActInput(in)
	now := f.now()
	if in.Action == desk.ActDocsReceived {
		// The citizen's step: CitizenDocs.
		f.auditDenied(ctx, actor, in, "citizen step")
		return desk.Request{}, errNotYours
	}
	if _, ok := desk.Transitions[in.Action]; !ok {
		return desk.Request{}, desk.Errorf(desk.EINVALID, "این کار شناخته نیست.")
	}
	// The service card the request was filed under says how its clock
	// counts; service code and version never change, so read them first.
	before, err := f.Store.Request(ctx, in.RequestID)
	if err != nil {
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			f.auditDenied(ctx, actor, in, "not found")
			return desk.Request{}, errNoRequest
		}
		return desk.Request{}, err
	}
	svc, err := f.filedService(ctx, before)
	if err != nil {
		return desk.Request{}, err
	}

	// An answer's attachment is checked and stored before the transaction,
	// as citizens' uploads are; it is deleted again if the action fails.
	var attach *desk.Document
	if in.Action == desk.ActAnswer && in.Attachment != nil && len(in.Attachment.Data) > 0 {
		mime, err := files.Check(in.Attachment.Data, nil, int(f.Opt.MaxUpload))
		if err != nil {
			return desk.Request{}, fieldError("attachment", desk.ErrorMessage(err))
		}
		d := desk.Document{DocKey: "answer", Name: cleanFileName(in.Attachment.Name), MIME: mime,
			Size: int64(len(in.Attachment.Data)), SHA256: files.SHA256Hex(in.Attachment.Data),
			StoreKey: files.NewKey()}
		if err := f.Files.Put(ctx, d.StoreKey, in.Attachment.Data); err != nil {
			return desk.Request{}, fmt.Errorf("save answer attachment: %w", err)
		}
		attach = &d
	}

	var out desk.Request
	denied := ""
	err = f.inTx(ctx, func(tx *store.Tx) error {
		r, why, err := requestInScope(ctx, tx, actor, in.RequestID)
		if err != nil {
			denied = why
			return err
		}
		// A stale page is told so first: what it shows (and what the
		// actor could do then) is out of date.
		if r.Version != in.Version {
			return errStaleRequest
		}
		if !actor.Allowed(in.Action) || !canAct(actor, r, in.Action) {
			denied = "not allowed"
			return errNotYours
		}
		next, err := desk.Next(r.Status, in.Action)
		if err != nil {
			return err
		}
		// A letter's reply is signed by a manager (reply_draft.go).
		if why, err := checkReplySigner(ctx, tx, actor, r, in.Action); err != nil {
			denied = why
			return err
		}
		if err := validateAct(in); err != nil {
			return err
		}
		a := &action{f: f, tx: tx, actor: actor, in: in, svc: svc, now: now, r: r, next: next, attach: attach}
		if err := a.run(ctx); err != nil {
			return err
		}
		out = a.r
		return nil
	})
	if err != nil {
		if attach != nil {
			if derr := f.Files.Delete(context.WithoutCancel(ctx), attach.StoreKey); derr != nil {
				f.Log.Warn("answer attachment left behind", "request", in.RequestID, "err", derr)
			}
		}
		if denied != "" {
			f.auditDenied(ctx, actor, in, denied)
		}
		return desk.Request{}, err
	}
	return out, nil
}

// action is one Act in its transaction.
type action struct {
	f      *Flow
	tx     *store.Tx
	actor  desk.Actor
	in     ActInput
	svc    desk.Service
	now    time.Time
	r      desk.Request // as loaded; updated in place
	next   desk.Status
	attach *desk.Document

	ev        desk.Event
	addedDays int         // days the event added to the promised date
	notice    notice.Kind // the citizen's SMS, "" when none
	vars      notice.Vars // its values beyond the tracking code, service and link
	details   []string
}

func (a *action) run(ctx context.Context) error {
	r, in := &a.r, a.in
	from := *r
	r.Status = a.next
	a.ev = desk.Event{RequestID: r.ID, At: a.now, Type: eventType[in.Action], Actor: a.actor.Label(),
		StaffID: a.actor.StaffID}
	var referral *store.Referral

	switch in.Action {
	case desk.ActAccept:
		r.AssigneeID = a.actor.StaffID
		a.ev.Note = "رسیدگی به درخواست آغاز شد."
	case desk.ActAssign:
		if err := a.checkAssignee(ctx, r.UnitCode, in.ToStaff, []desk.Role{desk.RoleOfficer},
			"کارشناس انتخاب‌شده در این واحد فعال نیست."); err != nil {
			return err
		}
		r.AssigneeID = in.ToStaff
		a.ev.StaffID = in.ToStaff
		a.ev.Note = "درخواست برای رسیدگی به کارشناس سپرده شد."
	case desk.ActRefer:
		unit, err := a.tx.ReferralUnit(ctx, in.ToUnit)
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			return fieldError("to_unit", "واحد مقصد پیدا نشد؛ یکی از واحدهای فهرست را انتخاب کنید.")
		} else if err != nil {
			return err
		}
		if in.ToStaff != 0 {
			if err := a.checkAssignee(ctx, unit.Code, in.ToStaff, []desk.Role{desk.RoleOfficer, desk.RoleManager},
				"این همکار در واحد مقصد فعال نیست."); err != nil {
				return err
			}
		}
		r.UnitCode, r.AssigneeID = unit.Code, in.ToStaff
		if r.AssigneeID == 0 {
			if err := a.f.AutoAssign(ctx, a.tx, r); err != nil {
				return err
			}
		}
		a.ev.StaffID = r.AssigneeID
		a.ev.Note = in.Message
		if a.ev.Note == "" {
			a.ev.Note = "درخواست برای رسیدگی ارجاع شد."
		}
		referral = &store.Referral{RequestID: r.ID, At: a.now, FromUnit: from.UnitCode,
			FromStaffID: a.actor.StaffID, ToUnit: r.UnitCode, ToStaffID: in.ToStaff, Instruction: in.Instruction}
		a.notice, a.vars.Unit = notice.KindReferred, unit.Name
		a.details = append(a.details, "to_unit="+r.UnitCode, "to_staff="+strconv.FormatInt(r.AssigneeID, 10))
	case desk.ActNote:
		a.ev.Internal, a.ev.Note = true, in.Text
	case desk.ActDraftReply: // staff only, like a note; the text is in reply_drafts
		a.ev.Internal, a.ev.Note = true, ReplyDraftNote
	case desk.ActRequestDocs:
		a.ev.Note = in.Message
		if a.svc.PauseOnDocs {
			if err := a.tx.PauseClock(ctx, r.ID, a.now); err != nil {
				return err
			}
			a.details = append(a.details, "clock=paused")
		}
		a.notice = notice.KindDocsNeeded
	case desk.ActExtend:
		base := r.DueAt
		if base.IsZero() {
			base = a.now
		}
		r.DueAt = a.f.Cal.Due(base, in.Days, a.svc.CalendarDays).Time().UTC()
		a.addedDays = in.Days
		date := jalali.FormatDate(r.DueAt)
		a.ev.Note = fmt.Sprintf("موعد پاسخ تا %s تمدید شد. دلیل: %s", date, in.Reason)
		a.notice, a.vars.Date = notice.KindExtended, date
		a.details = append(a.details, "days="+strconv.Itoa(in.Days))
	case desk.ActAnswer:
		a.ev.Note = in.Text
		a.notice = notice.KindAnswered
	case desk.ActReject:
		a.ev.Note = in.Reason
		a.notice = notice.KindRejected
	case desk.ActClose:
		a.ev.Note = in.Message
		if a.ev.Note == "" {
			a.ev.Note = "پرونده درخواست مختومه شد."
		}
		a.notice = notice.KindClosed
	case desk.ActReopen:
		a.ev.Note = in.Reason
		a.notice = notice.KindReopened
	}
	if from.Status != r.Status {
		a.details = append(a.details, "status="+string(from.Status)+">"+string(r.Status))
	}
	// A decided or closed file no longer waits for documents.
	if !r.Status.Open() || in.Action == desk.ActReopen {
		if err := a.tx.ResumeClock(ctx, r.ID); err != nil {
			return err
		}
	}

	r.Version = in.Version
	if err := a.tx.UpdateRequest(ctx, r); err != nil {
		if desk.ErrorCode(err) == desk.ECONFLICT {
			return errStaleRequest
		}
		return err
	}
	a.ev.Status, a.ev.UnitCode = r.Status, r.UnitCode
	if err := a.appendEvent(ctx); err != nil {
		return err
	}
	if referral != nil {
		referral.EventID = a.ev.ID
		if err := a.tx.AddReferral(ctx, referral); err != nil {
			return err
		}
	}
	if in.Action == desk.ActAnswer || in.Action == desk.ActReject {
		if err := a.decide(ctx); err != nil {
			return err
		}
	}
	if err := a.replyDraft(ctx); err != nil { // reply_draft.go
		return err
	}
	if err := a.tx.AppendAudit(ctx, &audit.Record{At: a.now, Actor: a.actor.Label(),
		Action: "request." + string(in.Action), Target: requestTarget(r.ID), Result: audit.OK,
		Client: in.Client, Details: strings.Join(append(a.details, "event="+strconv.FormatInt(a.ev.ID, 10)), " ")}); err != nil {
		return err
	}
	// An answer to a request registered as an incoming letter goes out
	// as the outgoing letter in reply (letters.go), after the audit record
	// as every registration does.
	if in.Action == desk.ActAnswer {
		if err := a.f.registerReply(ctx, a.tx, a.actor, *r, a.ev, a.now, in.Reply); err != nil {
			return err
		}
	}
	docs, err := a.tx.Documents(ctx, store.Owner{RequestID: r.ID})
	if err != nil {
		return err
	}
	r.Documents = docs
	if err := a.f.webhookAction(ctx, a.tx, in.Action, from.Status, *r, a.ev); err != nil {
		return err
	}
	return a.f.notify(ctx, a.tx, *r, a.ev, a.notice, a.vars)
}

// appendEvent appends the action's event, recording the days it added to
// the promised date so calendar recomputation keeps them.
func (a *action) appendEvent(ctx context.Context) error {
	if a.addedDays != 0 {
		return a.tx.AppendEventDays(ctx, &a.ev, a.addedDays)
	}
	return a.tx.AppendEvent(ctx, &a.ev)
}

// decide stores the decision, with the answer's attachment as a document
// of the request.
func (a *action) decide(ctx context.Context) error {
	d := &store.Decision{RequestID: a.r.ID, EventID: a.ev.ID, StaffID: a.actor.StaffID, At: a.now,
		LegalBasis: a.in.LegalBasis}
	if a.in.Action == desk.ActAnswer {
		d.Kind, d.Text = store.DecisionAnswer, a.in.Text
		if a.attach != nil {
			if err := a.tx.AddDocument(ctx, store.Owner{RequestID: a.r.ID}, a.attach); err != nil {
				return err
			}
			d.DocumentID = a.attach.ID
		}
	} else {
		d.Kind, d.Text = store.DecisionReject, a.in.Reason
	}
	return a.tx.AddDecision(ctx, d)
}

// checkAssignee checks that staff id is an active member of unit with one
// of roles.
func (a *action) checkAssignee(ctx context.Context, unit string, id int64, roles []desk.Role, msg string) error {
	members, err := a.tx.Assignees(ctx, unit, roles...)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.ID == id {
			return nil
		}
	}
	return fieldError("to_staff", msg)
}

// notify enqueues the citizen's SMS of kind k about event ev, once: the
// dedupe key is the event, so a retried transaction or a repeated call
// never sends two. Requests without a mobile (a written letter) get none,
// nor do services that switched the kind off.
func (f *Flow) notify(ctx context.Context, tx *store.Tx, r desk.Request, ev desk.Event, k notice.Kind, v notice.Vars) error {
	to := f.notifyMobile(r)
	if k == "" || to == "" {
		return nil
	}
	link, err := f.noticeLink(ctx, tx, r.ID)
	if err != nil {
		return err
	}
	v.Tracking, v.Service, v.Link = r.TrackingCode, r.ServiceTitle, link
	text, ok, err := f.noticeText(r.ServiceCode, k, v)
	if err != nil || !ok {
		return err
	}
	_, err = tx.EnqueueSMS(ctx, &store.OutSMS{
		ID: randomHex(16), To: to, Kind: string(k), RequestID: r.ID, Text: text,
		DedupeKey: "event:" + strconv.FormatInt(ev.ID, 10), CreatedAt: ev.At, NotBefore: ev.At,
	})
	return err
}

// auditDenied records a refused action in a transaction of its own (the
// action's transaction was rolled back).
func (f *Flow) auditDenied(ctx context.Context, actor desk.Actor, in ActInput, why string) {
	err := f.Store.InTx(context.WithoutCancel(ctx), func(tx *store.Tx) error {
		return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: actor.Label(),
			Action: "request." + string(in.Action), Target: requestTarget(in.RequestID),
			Result: audit.Denied, Client: in.Client, Details: why})
	})
	if err != nil {
		f.Log.Error("audit of a refused action failed", "err", err)
	}
}

func requestTarget(id int64) string { return "request:" + strconv.FormatInt(id, 10) }

// filedService returns the service card version r was filed under, or the
// current card when that version is gone.
func (f *Flow) filedService(ctx context.Context, r desk.Request) (desk.Service, error) {
	svc, err := f.Store.ServiceVersion(ctx, r.ServiceCode, r.ServiceVersion)
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		svc, err = f.Store.Service(ctx, r.ServiceCode)
	}
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		return desk.Service{Code: r.ServiceCode}, nil
	}
	return svc, err
}

func cleanActInput(in ActInput) ActInput {
	clean := func(s string) string { return fa.Normalize(strings.TrimSpace(s)) }
	in.ToUnit = strings.TrimSpace(in.ToUnit)
	in.Instruction, in.Message, in.Reason = clean(in.Instruction), clean(in.Message), clean(in.Reason)
	in.LegalBasis, in.Text = clean(in.LegalBasis), clean(in.Text)
	return in
}

// validateAct checks what the action needs, with a Persian message per
// field.
func validateAct(in ActInput) error {
	errs := &desk.FieldErrors{}
	need := func(key, val, msg string) {
		if val == "" {
			errs.Add(key, msg)
		}
	}
	switch in.Action {
	case desk.ActAssign:
		if in.ToStaff == 0 {
			errs.Add("to_staff", "کارشناسی را که پرونده به او سپرده می‌شود انتخاب کنید.")
		}
	case desk.ActRefer:
		need("to_unit", in.ToUnit, "واحد مقصد ارجاع را انتخاب کنید.")
		need("instruction", in.Instruction, "هامش ارجاع را بنویسید؛ مثلاً «بررسی و نتیجه اعلام شود».")
	case desk.ActNote:
		need("text", in.Text, "متن یادداشت را بنویسید.")
	case desk.ActRequestDocs:
		need("message", in.Message, "بنویسید چه مدرکی لازم است؛ این پیام به متقاضی نشان داده می‌شود.")
	case desk.ActExtend:
		need("reason", in.Reason, "دلیل تمدید را بنویسید؛ این دلیل به متقاضی نشان داده می‌شود.")
		if in.Days <= 0 {
			errs.Add("days", "تعداد روزهای تمدید را وارد کنید؛ عددی بزرگ‌تر از صفر.")
		} else if in.Days > MaxExtendDays {
			errs.Add("days", "هر تمدید حداکثر ۹۰ روز است.")
		}
	case desk.ActAnswer, desk.ActDraftReply:
		need("text", in.Text, "متن پاسخ را بنویسید.")
	case desk.ActReject:
		need("reason", in.Reason, "دلیل رد درخواست را بنویسید؛ رد بدون دلیل ممکن نیست.")
		need("legal_basis", in.LegalBasis, "مبنای قانونی رد را بنویسید (نام قانون یا آیین‌نامه و شماره ماده).")
	case desk.ActReopen:
		need("reason", in.Reason, "دلیل بازگشایی پرونده را بنویسید.")
	}
	for _, kv := range [][2]string{{"instruction", in.Instruction}, {"message", in.Message},
		{"reason", in.Reason}, {"legal_basis", in.LegalBasis}, {"text", in.Text}} {
		if utf8.RuneCountInString(kv[1]) > maxActText {
			errs.Add(kv[0], "این متن بیش از اندازه بلند است؛ حداکثر ۴۰۰۰ نویسه.")
		}
	}
	return errs.Err()
}

func fieldError(key, msg string) error {
	errs := &desk.FieldErrors{}
	errs.Add(key, msg)
	return errs.Err()
}

func cleanFileName(name string) string {
	name = strings.TrimSpace(name)
	if len(name) > 120 {
		name = name[:120]
	}
	return name
}
