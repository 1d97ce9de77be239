package workflow

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	mrand "math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"mizban/internal/desk"
	"mizban/internal/store"
)

// IntegrationChannels are the channels a client may record for a request
// it files for a citizen; the first (a portal such as my.gov.ir, stored as
// desk.ChannelAPI, «درگاه خدمات الکترونیک») is the default.
var IntegrationChannels = []desk.Channel{desk.ChannelAPI, desk.ChannelInPerson, desk.ChannelLetter, desk.ChannelPhone}

// MaxExternalRef bounds the client's own id of a request, in characters.
const MaxExternalRef = 64

// ErrIdempotencyReused answers an Idempotency-Key that already filed a
// different request.
var ErrIdempotencyReused = desk.Errorf(desk.ECONFLICT, "این کلید Idempotency-Key پیش‌تر با درخواست دیگری به کار رفته است؛ برای درخواست تازه کلید تازه بسازید.")

// IntegrationInput is a request an API client files for a citizen it has
// already identified: no one-time code, the client answers for it.
type IntegrationInput struct {
	Key         string // the call's Idempotency-Key; "" = none
	ServiceCode string
	Channel     desk.Channel // "" = desk.ChannelAPI
	App         Application
	Uploads     []Upload // in body order: their errors are keyed documents[i]
	UnitCode    string   // registering unit of the first event; "" = the request's unit
	ExternalRef string   // the client's own id of the request
	Client      string   // ClientKey of the caller's address, for the audit log
}

// IntegrationResult is the registered request, and whether an earlier call
// with the same Idempotency-Key had registered it.
type IntegrationResult struct {
	Request     desk.Request
	ExternalRef string
	Link        string // the citizen's short tracking link (no scheme)
	Replayed    bool
}

// integrationMeta is kept in the sealed draft beside the application: it
// tells a repeat of the same call from another call with the same key.
type integrationMeta struct {
	ClientID    int64        `json:"client_id"`
	Channel     desk.Channel `json:"channel"`
	Unit        string       `json:"unit,omitempty"`
	ExternalRef string       `json:"external_ref,omitempty"`
	Fingerprint string       `json:"fingerprint"`
}

type integrationData struct {
	Application
	Integration *integrationMeta `json:"integration,omitempty"`
}

// CreateForClient registers a request that client c files for a citizen,
// exactly as the web or the counter would (tracking code, promised date,
// first event, audit, registration SMS, request.created webhook in one
// transaction). Everything is validated before anything is written, so a
// refused call leaves nothing behind. With a key, the draft id is derived
// from the client and key, so a retry after a crash finds the request the
// first call made instead of filing a second one.
func (f *Flow) CreateForClient(ctx context.Context, c store.APIClient, in IntegrationInput) (IntegrationResult, error) {
	// Calls with one key at the same moment (a client retrying before its
	// first call answered, on two instances) touch the same draft rows;
	// PostgreSQL may end one of them as a deadlock. Nothing of it was kept,
	// so it starts again, and then finds what the other call registered.
	for attempt := 0; ; attempt++ {
		res, err := f.createForClient(ctx, c, in)
		if !store.Transient(err) || attempt == 4 || in.Key == "" {
			return res, err
		}
		select {
		case <-ctx.Done():
			return res, err
		case <-time.After(time.Duration(10+mrand.IntN(40)) * time.Millisecond):
		}
	}
}

func (f *Flow) createForClient(ctx context.Context, c store.APIClient, in IntegrationInput) (IntegrationResult, error) {
	actor, err := f.APIActor(ctx, c)
	if err != nil {
		return IntegrationResult{}, err
	}
	base, err := f.Store.Service(ctx, strings.TrimSpace(in.ServiceCode))
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		errs := &desk.FieldErrors{}
		errs.Add("service_code", "خدمتی با این شناسه پیدا نشد؛ شناسه را از فهرست خدمات (GET /api/v1/services) بردارید.")
		return IntegrationResult{}, errs.Err()
	}
	if err != nil {
		return IntegrationResult{}, err
	}
	if len(c.Units) > 0 && !slices.Contains(c.Units, base.UnitCode) {
		return IntegrationResult{}, desk.Errorf(desk.EFORBIDDEN,
			"این کلاینت فقط برای خدمت‌های واحدهای خودش درخواست ثبت می‌کند و این خدمت از آن واحد دیگری است؛ اگر باید ثبت کند، از مدیر سامانه بخواهید واحد «%s» را به کلاینت بدهد.", base.UnitCode)
	}

	ch, svc, app, docs, errs := f.checkIntegration(actor, base, &in)
	if err := errs.Err(); err != nil {
		return IntegrationResult{}, err
	}
	meta := &integrationMeta{ClientID: c.ID, Channel: ch, Unit: in.UnitCode, ExternalRef: in.ExternalRef}
	meta.Fingerprint, err = integrationFingerprint(svc.Code, meta, app, docs)
	if err != nil {
		return IntegrationResult{}, err
	}

	id := randomHex(16)
	if in.Key != "" {
		id = f.Keys.Index("api-create:" + strconv.FormatInt(c.ID, 10) + ":" + in.Key)[:32]
		res, done, err := f.integrationRepeat(ctx, id, meta.Fingerprint)
		if done || err != nil {
			return res, err
		}
	}

	now := f.now()
	d := store.Draft{ID: id, ServiceCode: svc.Code, ServiceVersion: svc.Version, Client: actor.Label(),
		MobileIdx: f.Keys.Index(confirmingMobile(app)), CreatedAt: now, ExpiresAt: now.Add(f.Opt.DraftTTL)}
	if d.Data, err = json.Marshal(integrationData{Application: app, Integration: meta}); err != nil {
		return IntegrationResult{}, err
	}
	keep, err := f.storeUploads(ctx, svc, in.Uploads, &desk.FieldErrors{}) // checked above
	if err != nil {
		return IntegrationResult{}, err
	}
	if err := f.inTx(ctx, func(tx *store.Tx) error { return f.putDraftDocs(ctx, tx, d, nil, keep) }); err != nil {
		return IntegrationResult{}, err
	}
	r, err := f.registerRetry(ctx, Draft{ID: id, Service: svc, App: app}, registration{
		channel: ch, staff: &actor, unit: in.UnitCode, client: in.Client,
		note: integrationNote(ch, c.Name, in.ExternalRef), details: integrationDetails(c.ID, ch, svc.Code, in.UnitCode, in.ExternalRef),
	})
	if err != nil {
		return IntegrationResult{}, err
	}
	return f.integrationResult(ctx, r, in.ExternalRef, false)
}

// checkIntegration validates in against the service card with the web's
// and the counter's own rules; field keys are the body's JSON paths.
func (f *Flow) checkIntegration(actor desk.Actor, base desk.Service, in *IntegrationInput) (desk.Channel, desk.Service, Application, []desk.Document, *desk.FieldErrors) {
	errs := &desk.FieldErrors{}
	ch := in.Channel
	if ch == "" {
		ch = desk.ChannelAPI
	}
	svc := base
	switch {
	case !slices.Contains(IntegrationChannels, ch):
		errs.Add("channel", "راه رسیدن درخواست (channel) باید یکی از portal، in_person، letter یا phone باشد.")
	case ch == desk.ChannelAPI && !base.Online:
		errs.Add("channel", "این خدمت درخواست اینترنتی ندارد؛ اگر متقاضی حضوری، با نامه یا تلفنی مراجعه کرده است، channel را in_person، letter یا phone بفرستید.")
	case ch != desk.ChannelAPI:
		// Like the counter: every listed document may be scanned.
		svc = CounterService(base)
	}

	// A written letter may come without a mobile, as at the counter.
	noMobile := ch == desk.ChannelLetter && strings.TrimSpace(in.App.Applicant.Mobile) == "" &&
		strings.TrimSpace(in.App.Representative.Mobile) == ""
	appErrs := &desk.FieldErrors{}
	app := cleanCounterApp(svc, in.App, noMobile, appErrs)
	for _, k := range appErrs.Keys {
		errs.Add(integrationPath(k), appErrs.Msgs[k])
	}

	in.UnitCode = strings.TrimSpace(in.UnitCode)
	if in.UnitCode != "" && !actor.InUnit(in.UnitCode) {
		errs.Add("unit", "واحد ثبت‌کننده (unit) پیدا نشد یا در واحدهای این کلاینت نیست؛ کد واحد را درست بفرستید یا unit را نفرستید.")
	}
	in.ExternalRef = strings.TrimSpace(in.ExternalRef)
	if utf8.RuneCountInString(in.ExternalRef) > MaxExternalRef || strings.IndexFunc(in.ExternalRef, unicode.IsControl) >= 0 {
		errs.Add("external_ref", "شناسه سامانه شما (external_ref) حداکثر ۶۴ نویسه و بدون نویسه کنترلی است.")
	}

	var docs []desk.Document
	seen := map[string]bool{}
	for i, up := range in.Uploads {
		path := fmt.Sprintf("documents[%d]", i)
		up.Key = strings.TrimSpace(up.Key)
		in.Uploads[i].Key = up.Key
		switch {
		case up.Key == "":
			errs.Add(path, "کلید مدرک (key) را بنویسید؛ کلیدهای پذیرفته در شناسنامه خدمت، بخش uploads آمده است.")
			continue
		case seen[up.Key]:
			errs.Add(path, "این مدرک دو بار فرستاده شده است؛ هر مدرک را یک بار بفرستید.")
			continue
		}
		seen[up.Key] = true
		if len(up.Data) == 0 {
			errs.Add(path, "فایل این مدرک خالی است؛ محتوای فایل را در content_base64 بفرستید.")
			continue
		}
		doc, msg := f.checkUpload(svc, up)
		if msg != "" {
			errs.Add(path, msg)
			continue
		}
		docs = append(docs, doc)
	}
	// A document sent but refused has its own message; only those not
	// sent at all are reported as missing.
	sent := slices.Clone(docs)
	for k := range seen {
		sent = append(sent, desk.Document{DocKey: k})
	}
	missing := &desk.FieldErrors{}
	checkRequiredDocs(svc, app, sent, missing)
	if len(missing.Keys) > 0 {
		msgs := make([]string, 0, len(missing.Keys))
		for _, k := range missing.Keys {
			msgs = append(msgs, missing.Msgs[k])
		}
		errs.Add("documents", strings.Join(msgs, " "))
	}
	return ch, svc, app, docs, errs
}

// integrationPath turns a form key of cleanApplication into the JSON path
// of the same value in the body.
func integrationPath(k string) string {
	switch k {
	case "applicant_name", "applicant_mobile":
		return "applicant." + strings.TrimPrefix(k, "applicant_")
	case "applicant_nid":
		return "applicant.national_id"
	case "rep_name", "rep_mobile":
		return "representative." + strings.TrimPrefix(k, "rep_")
	case "rep_nid":
		return "representative.national_id"
	case "rep_basis":
		return k
	}
	return "answers." + k
}

// integrationFingerprint is a digest of what a call would register, after
// cleaning: two calls with one key and the same fingerprint are a retry.
func integrationFingerprint(service string, m *integrationMeta, app Application, docs []desk.Document) (string, error) {
	files := make([]string, 0, len(docs))
	for _, d := range docs {
		files = append(files, d.DocKey+"\x00"+d.Name+"\x00"+d.SHA256)
	}
	slices.Sort(files)
	b, err := json.Marshal(struct {
		Service   string
		Channel   desk.Channel
		Unit, Ref string
		App       Application
		Files     []string
	}{service, m.Channel, m.Unit, m.ExternalRef, app, files})
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// integrationRepeat looks for what an earlier call with the same key left:
// done with the request it registered, ErrIdempotencyReused when that call
// was a different one, not done when nothing (or only its draft) is there.
func (f *Flow) integrationRepeat(ctx context.Context, id, fingerprint string) (IntegrationResult, bool, error) {
	raw, err := f.Store.Draft(ctx, id)
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		// The draft may be gone (cleaned up) while its request stays.
		r, err := f.Store.RequestByIdempotencyKey(ctx, "draft:"+id)
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			return IntegrationResult{}, false, nil
		}
		if err != nil {
			return IntegrationResult{}, true, err
		}
		res, err := f.integrationResult(ctx, r, "", true)
		return res, true, err
	}
	if err != nil {
		return IntegrationResult{}, true, err
	}
	var data integrationData
	if err := json.Unmarshal(raw.Data, &data); err != nil || data.Integration == nil || data.Integration.Fingerprint != fingerprint {
		return IntegrationResult{}, true, ErrIdempotencyReused
	}
	if raw.RequestID == 0 {
		return IntegrationResult{}, false, nil // the first call stopped before registering
	}
	r, err := f.Store.Request(ctx, raw.RequestID)
	if err != nil {
		return IntegrationResult{}, true, err
	}
	res, err := f.integrationResult(ctx, r, data.Integration.ExternalRef, true)
	return res, true, err
}

func (f *Flow) integrationResult(ctx context.Context, r desk.Request, ref string, replayed bool) (IntegrationResult, error) {
	res := IntegrationResult{Request: r, ExternalRef: ref, Replayed: replayed}
	err := f.inTx(ctx, func(tx *store.Tx) error {
		var err error
		res.Link, err = f.noticeLink(ctx, tx, r.ID)
		return err
	})
	return res, err
}

// integrationNotes is the first timeline entry by channel, without and
// with the client's own id; whole sentences, so they translate.
var integrationNotes = map[desk.Channel][2]string{
	desk.ChannelAPI:      {"درخواست از راه درگاه «%s» به نام متقاضی ثبت شد.", "درخواست از راه درگاه «%s» به نام متقاضی ثبت شد؛ شناسه آن در آن درگاه: %s."},
	desk.ChannelInPerson: {"درخواست با مراجعه حضوری متقاضی در «%s» ثبت شد.", "درخواست با مراجعه حضوری متقاضی در «%s» ثبت شد؛ شناسه آن در آن سامانه: %s."},
	desk.ChannelLetter:   {"درخواست از روی نامه کتبی متقاضی در «%s» ثبت شد.", "درخواست از روی نامه کتبی متقاضی در «%s» ثبت شد؛ شناسه آن در آن سامانه: %s."},
	desk.ChannelPhone:    {"درخواست با تماس تلفنی متقاضی در «%s» ثبت شد.", "درخواست با تماس تلفنی متقاضی در «%s» ثبت شد؛ شناسه آن در آن سامانه: %s."},
}

func integrationNote(ch desk.Channel, client, ref string) string {
	notes := integrationNotes[ch]
	if ref == "" {
		return fmt.Sprintf(notes[0], client)
	}
	return fmt.Sprintf(notes[1], client, ref)
}

// integrationDetails is the audit detail: client, channel, service, unit
// and the client's id, never personal data.
func integrationDetails(clientID int64, ch desk.Channel, service, unit, ref string) string {
	b, _ := json.Marshal(struct {
		APIClient   int64        `json:"api_client"`
		Channel     desk.Channel `json:"channel"`
		Service     string       `json:"service"`
		Unit        string       `json:"unit,omitempty"`
		ExternalRef string       `json:"external_ref,omitempty"`
	}{clientID, ch, service, unit, ref})
	return string(b)
}
