package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
)

// PurposeCounter is the one-time code purpose of a counter registration
// (subject: draft id). It differs from PurposeApply so a code read out at
// the counter can never confirm through the citizen's pages, nor the other
// way round.
const PurposeCounter = "counter"

// CounterChannels are the channels a desk operator may record, in the order
// the counter page offers them.
var CounterChannels = []desk.Channel{desk.ChannelInPerson, desk.ChannelLetter, desk.ChannelPhone}

// CounterInput is one post of the counter form: a request a desk operator
// types for a walk-in, a written letter or a phone call.
type CounterInput struct {
	DraftID     string // empty on the first post
	ServiceCode string
	Channel     desk.Channel
	App         Application
	Uploads     []Upload
	Remove      []int64  // documents the operator removed
	Originals   []string // document keys whose originals the operator saw instead of an upload
	NoMobile    bool     // a written letter with no mobile: registered without a code
	UnitCode    string   // the operator's unit the request is registered at; "" = their first
	Client      string   // ClientKey of the operator's address, for the audit log
}

// CounterResult says where a counter post got to: a draft waiting for the
// code read out by the citizen (CodeTo set), or a registered request
// (Request.ID set).
type CounterResult struct {
	DraftID string
	CodeTo  string       // canonical mobile the code went to
	Request desk.Request // set once registered
}

// CounterDraft is a counter draft with what the operator chose.
type CounterDraft struct {
	Draft
	Channel   desk.Channel
	Originals []string
	NoMobile  bool
	UnitCode  string
	created   time.Time
}

// counterMeta is kept in the draft's sealed JSON beside the application;
// LoadDraft ignores it, and a draft without it is not a counter draft.
type counterMeta struct {
	Channel   desk.Channel `json:"channel"`
	StaffID   int64        `json:"staff_id"`
	Unit      string       `json:"unit"`
	Originals []string     `json:"originals,omitempty"`
	NoMobile  bool         `json:"no_mobile,omitempty"`
}

type counterData struct {
	Application
	Counter *counterMeta `json:"counter,omitempty"`
}

var (
	errCounterRole  = desk.Errorf(desk.EFORBIDDEN, "ثبت درخواست در میز خدمت فقط برای متصدی میز خدمت یا مدیر واحد ممکن است.")
	errCounterDraft = desk.Errorf(desk.ENOTFOUND, "فرم پیدا نشد یا منقضی شده است؛ لطفاً دوباره شروع کنید.")
)

// counterAllowed reports whether a may register requests at the counter.
func counterAllowed(a desk.Actor) bool {
	return a.StaffID != 0 && a.HasAny(desk.RoleDeskOperator, desk.RoleManager)
}

// CounterService is svc as the counter sees it: every listed document may
// be scanned, not only those marked for online upload, because the counter
// serves services that have no online form too.
func CounterService(svc desk.Service) desk.Service {
	docs := slices.Clone(svc.Documents)
	for i := range docs {
		docs[i].Upload = true
	}
	svc.Documents = docs
	return svc
}

// CounterSlots lists the document slots of the counter form in page order.
func CounterSlots(svc desk.Service, app Application) []desk.RequiredDoc {
	return sortedSlots(CounterService(svc), app)
}

// RegisterAtCounter saves what the operator typed and scanned, then
// validates it like the citizen's form. When it is valid, a letter with no
// mobile is registered at once; otherwise a one-time code goes to the
// confirming mobile and ConfirmAtCounter finishes with the code the citizen
// reads out. Files are kept even when other fields fail; the returned draft
// id must come back with the next post.
func (f *Flow) RegisterAtCounter(ctx context.Context, actor desk.Actor, in CounterInput) (CounterResult, error) {
	if !counterAllowed(actor) {
		return CounterResult{}, errCounterRole
	}
	base, err := f.Store.Service(ctx, in.ServiceCode)
	if err != nil {
		return CounterResult{}, err
	}
	svc := CounterService(base)
	now := f.now()
	d := store.Draft{ID: in.DraftID, ServiceCode: svc.Code, ServiceVersion: svc.Version,
		Client: actor.Label(), CreatedAt: now, ExpiresAt: now.Add(f.Opt.DraftTTL)}
	if d.ID != "" {
		old, err := f.counterDraft(ctx, actor, d.ID)
		if err != nil || old.Service.Code != svc.Code {
			return CounterResult{}, errCounterDraft
		}
		if old.RequestID != 0 { // a double post: the request it made
			r, err := f.Store.Request(ctx, old.RequestID)
			return CounterResult{DraftID: d.ID, Request: r}, err
		}
		d.CreatedAt = old.created
	} else {
		d.ID = randomHex(16)
	}

	errs := &desk.FieldErrors{}
	if !slices.Contains(CounterChannels, in.Channel) {
		errs.Add("channel", "راه رسیدن درخواست را انتخاب کنید: حضوری، نامه یا تلفن.")
	}
	if in.NoMobile && in.Channel != desk.ChannelLetter {
		errs.Add("no_mobile", "ثبت بدون شماره همراه فقط برای نامه کتبی ممکن است؛ شماره همراه متقاضی را وارد کنید.")
	}
	app := cleanCounterApp(svc, in.App, in.NoMobile, errs)
	unit, err := counterUnit(actor, in.UnitCode)
	if err != nil {
		return CounterResult{}, err
	}
	slots := uploadSlots(svc, app)
	meta := &counterMeta{Channel: in.Channel, StaffID: actor.StaffID, Unit: unit, NoMobile: in.NoMobile}
	for _, k := range in.Originals {
		if _, ok := slots[k]; ok && !slices.Contains(meta.Originals, k) {
			meta.Originals = append(meta.Originals, k)
		}
	}
	mobile := ""
	if !in.NoMobile {
		mobile = confirmingMobile(app)
	}
	d.MobileIdx = f.Keys.Index(mobile)
	if d.Data, err = json.Marshal(counterData{Application: app, Counter: meta}); err != nil {
		return CounterResult{}, err
	}

	keep, err := f.storeUploads(ctx, svc, in.Uploads, errs)
	if err != nil {
		return CounterResult{}, err
	}
	if err := f.inTx(ctx, func(tx *store.Tx) error {
		return f.putDraftDocs(ctx, tx, d, in.Remove, keep)
	}); err != nil {
		return CounterResult{}, err
	}
	res := CounterResult{DraftID: d.ID}
	docs, err := f.Store.Documents(ctx, store.Owner{DraftID: d.ID})
	if err != nil {
		return res, err
	}
	for _, k := range meta.Originals { // an original seen counts as handed in
		docs = append(docs, desk.Document{DocKey: k})
	}
	checkRequiredDocs(svc, app, docs, errs)
	if err := errs.Err(); err != nil {
		return res, err
	}
	if in.NoMobile {
		dr, err := f.CounterDraft(ctx, actor, d.ID)
		if err != nil {
			return res, err
		}
		res.Request, err = f.registerCounterDraft(ctx, actor, dr, 0, in.Client)
		return res, err
	}
	res.CodeTo = mobile
	err = f.inTx(ctx, func(tx *store.Tx) error {
		// Per-draft client: the operator serves many people an hour and is
		// signed in and audited; the per-mobile limit still applies.
		return f.sendOTP(ctx, tx, PurposeCounter, d.ID, mobile, "counter:"+d.ID)
	})
	return res, err
}

// cleanCounterApp is cleanApplication with the counter's one difference: a
// letter registered with no mobile leaves every mobile empty.
func cleanCounterApp(svc desk.Service, a Application, noMobile bool, errs *desk.FieldErrors) Application {
	typed := map[string]string{"applicant_mobile": a.Applicant.Mobile, "rep_mobile": a.Representative.Mobile}
	app, ferrs := cleanApplication(svc, a)
	for _, k := range ferrs.Keys {
		if noMobile && strings.HasSuffix(k, "_mobile") {
			continue // no mobile is wanted; one typed is reported below
		}
		errs.Add(k, ferrs.Msgs[k])
	}
	if noMobile {
		for _, k := range []string{"applicant_mobile", "rep_mobile"} {
			if strings.TrimSpace(typed[k]) != "" {
				errs.Add(k, "برای ثبت بدون شماره همراه، این خانه را خالی بگذارید؛ یا تیک «نامه کتبی بدون شماره همراه» را بردارید تا کد تأیید فرستاده شود.")
			}
		}
		app.Applicant.Mobile, app.Representative.Mobile = "", ""
	}
	return app
}

// counterUnit is the operator's unit the request is registered at.
func counterUnit(a desk.Actor, want string) (string, error) {
	if want != "" {
		if !a.InUnit(want) {
			return "", desk.Errorf(desk.EFORBIDDEN, "شما عضو این واحد نیستید.")
		}
		return want, nil
	}
	if len(a.Units) > 0 {
		return a.Units[0].UnitCode, nil
	}
	return "", nil
}

// CounterDraft returns the operator's own counter draft with its service
// (as the counter sees it) and documents.
func (f *Flow) CounterDraft(ctx context.Context, actor desk.Actor, id string) (CounterDraft, error) {
	if !counterAllowed(actor) {
		return CounterDraft{}, errCounterRole
	}
	return f.counterDraft(ctx, actor, id)
}

func (f *Flow) counterDraft(ctx context.Context, actor desk.Actor, id string) (CounterDraft, error) {
	raw, err := f.Store.Draft(ctx, id)
	if err != nil {
		return CounterDraft{}, errCounterDraft
	}
	var cd counterData
	if err := json.Unmarshal(raw.Data, &cd); err != nil || cd.Counter == nil || cd.Counter.StaffID != actor.StaffID {
		// Another operator's draft, or a citizen's, is not there for this one.
		return CounterDraft{}, errCounterDraft
	}
	dr, err := f.loadDraft(ctx, id)
	if err != nil {
		return CounterDraft{}, err
	}
	dr.Service = CounterService(dr.Service)
	if cd.Counter.NoMobile {
		dr.Mobile = ""
	}
	m := cd.Counter
	return CounterDraft{Draft: dr, Channel: m.Channel, Originals: m.Originals, NoMobile: m.NoMobile,
		UnitCode: m.Unit, created: raw.CreatedAt}, nil
}

// ConfirmAtCounter checks the code the citizen read out and registers the
// operator's draft. Like Confirm it is idempotent: a repeat returns the
// request the first call created.
func (f *Flow) ConfirmAtCounter(ctx context.Context, actor desk.Actor, draftID, code, client string) (desk.Request, error) {
	dr, err := f.CounterDraft(ctx, actor, draftID)
	if err != nil {
		return desk.Request{}, err
	}
	if dr.RequestID != 0 {
		return f.Store.Request(ctx, dr.RequestID)
	}
	if dr.NoMobile { // registered without a code; nothing to confirm
		return f.registerCounterDraft(ctx, actor, dr, 0, client)
	}
	otpID, err := f.verifyOTP(ctx, PurposeCounter, dr.ID, code)
	if err != nil {
		if r, err2 := f.Store.RequestByIdempotencyKey(ctx, "draft:"+dr.ID); err2 == nil {
			return r, nil
		}
		return desk.Request{}, err
	}
	return f.registerCounterDraft(ctx, actor, dr, otpID, client)
}

// ResendCounterCode sends a fresh code for the operator's valid draft.
func (f *Flow) ResendCounterCode(ctx context.Context, actor desk.Actor, draftID string) error {
	dr, err := f.CounterDraft(ctx, actor, draftID)
	if err != nil {
		return err
	}
	if dr.RequestID != 0 {
		return desk.Errorf(desk.ECONFLICT, "این درخواست قبلاً ثبت شده است.")
	}
	if dr.NoMobile || dr.Mobile == "" {
		return desk.Errorf(desk.EINVALID, "برای این درخواست شماره همراهی ثبت نشده است.")
	}
	return f.inTx(ctx, func(tx *store.Tx) error {
		return f.sendOTP(ctx, tx, PurposeCounter, dr.ID, dr.Mobile, "counter:"+dr.ID)
	})
}

// registerCounterDraft registers dr, retrying a tracking-code clash and
// returning the request a concurrent confirm already created.
func (f *Flow) registerCounterDraft(ctx context.Context, actor desk.Actor, dr CounterDraft, otpID int64, client string) (desk.Request, error) {
	g := registration{
		channel: dr.Channel, otpID: otpID, staff: &actor, unit: dr.UnitCode, client: client,
		note: counterNote(dr), details: counterDetails(dr),
	}
	return f.registerRetry(ctx, dr.Draft, g)
}

// counterNotes is the first timeline entry of a counter registration by
// channel, and by whether originals were seen (then with their names).
var counterNotes = map[desk.Channel][2]string{
	desk.ChannelInPerson: {"درخواست در میز خدمت حضوری ثبت شد.", "درخواست در میز خدمت حضوری ثبت شد؛ اصل این مدارک در میز خدمت دیده شد: %s."},
	desk.ChannelLetter:   {"درخواست از روی نامه کتبی متقاضی در میز خدمت حضوری ثبت شد.", "درخواست از روی نامه کتبی متقاضی در میز خدمت حضوری ثبت شد؛ اصل این مدارک در میز خدمت دیده شد: %s."},
	desk.ChannelPhone:    {"درخواست با تماس تلفنی در میز خدمت حضوری ثبت شد.", "درخواست با تماس تلفنی در میز خدمت حضوری ثبت شد؛ اصل این مدارک در میز خدمت دیده شد: %s."},
}

func counterNote(dr CounterDraft) string {
	notes := counterNotes[dr.Channel]
	if len(dr.Originals) == 0 {
		return notes[0]
	}
	slots := uploadSlots(dr.Service, dr.App)
	names := make([]string, 0, len(dr.Originals))
	for _, k := range dr.Originals {
		if s, ok := slots[k]; ok {
			names = append(names, s.Name)
		}
	}
	if len(names) == 0 {
		return notes[0]
	}
	return fmt.Sprintf(notes[1], strings.Join(names, "، "))
}

// counterDetails is the audit detail: channel, service and document keys,
// never personal data.
func counterDetails(dr CounterDraft) string {
	b, _ := json.Marshal(struct {
		Channel   desk.Channel `json:"channel"`
		Service   string       `json:"service"`
		Unit      string       `json:"unit,omitempty"`
		Originals []string     `json:"originals_seen,omitempty"`
		NoMobile  bool         `json:"no_mobile,omitempty"`
	}{dr.Channel, dr.Service.Code, dr.UnitCode, dr.Originals, dr.NoMobile})
	return string(b)
}

// isCounterDraft reports whether a draft's data belongs to the counter, so
// the citizen's pages never load, resend or register it.
func isCounterDraft(data []byte) bool {
	var cd counterData
	return json.Unmarshal(data, &cd) == nil && cd.Counter != nil
}
