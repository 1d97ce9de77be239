package workflow

import (
	"context"
	"fmt"
	"strings"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/notice"
	"mizban/internal/store"
)

// LoadNotices builds the templates in force from the database: stored
// bodies over the defaults, kinds switched off, and services' opt-outs.
// A stored body that no longer validates is logged and its default used.
func (f *Flow) LoadNotices(ctx context.Context) (*notice.Set, error) {
	rows, err := f.Store.SMSTemplates(ctx)
	if err != nil {
		return nil, err
	}
	bodies := map[notice.Kind]string{}
	for _, t := range rows {
		if t.Body != "" {
			bodies[t.Kind] = t.Body
		}
	}
	set, err := notice.NewSet(bodies)
	if err != nil {
		f.Log.Warn("stored SMS template ignored, default used", "err", err)
	}
	for _, t := range rows {
		if !t.Enabled && t.Kind.Valid() && !t.Kind.Essential() {
			_ = set.SetEnabled(t.Kind, false) // valid and not essential: cannot fail
		}
	}
	optouts, err := f.Store.SMSOptOuts(ctx)
	if err != nil {
		return nil, err
	}
	for svc, kinds := range optouts {
		for _, k := range kinds {
			if k.Valid() && !k.Essential() {
				_ = set.SetServiceEnabled(svc, k, false)
			}
		}
	}
	return set, nil
}

// ReloadNotices reads the templates and switches again and puts them in
// force, so edits saved on another instance reach this one; app runs it
// every minute. On a read error the templates in force stay.
func (f *Flow) ReloadNotices(ctx context.Context) error {
	set, err := f.LoadNotices(ctx)
	if err != nil {
		return err
	}
	f.Notices.Adopt(set)
	return nil
}

// TemplateInput is an administrator's edit of one notice kind.
type TemplateInput struct {
	Kind    notice.Kind
	Body    string // "" or the default text: back to the default
	Enabled bool   // ignored for essential kinds, which are always sent
	Client  string // Flow.ClientKey of the address, for the audit record
}

// SaveTemplate validates and stores one kind's template, audited, and puts
// it in force for the next message of that kind.
func (f *Flow) SaveTemplate(ctx context.Context, actor desk.Actor, in TemplateInput) error {
	record := func(tx *store.Tx, result, details string) error {
		who := actor.Label()
		if actor.StaffID == 0 {
			who = "anonymous"
		}
		return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: who, Action: "sms.template",
			Target: "sms_template:" + string(in.Kind), Result: result, Client: in.Client, Details: details})
	}
	if !actor.Has(desk.RoleAdmin) {
		if err := f.inTx(ctx, func(tx *store.Tx) error { return record(tx, audit.Denied, "") }); err != nil {
			return err
		}
		return desk.Errorf(desk.EFORBIDDEN, "تنها مدیر سامانه می‌تواند متن پیامک‌ها را تغییر دهد.")
	}
	if !in.Kind.Valid() {
		return desk.Errorf(desk.ENOTFOUND, "این نوع پیامک شناخته نیست.")
	}
	body := notice.NormalizeBody(in.Body)
	if body == notice.Default(in.Kind) {
		body = ""
	}
	if body != "" {
		if err := notice.ValidateFor(in.Kind, body); err != nil {
			return err
		}
	}
	enabled := in.Enabled || in.Kind.Essential()
	err := f.inTx(ctx, func(tx *store.Tx) error {
		if err := tx.SaveSMSTemplate(ctx, store.SMSTemplate{Kind: in.Kind, Body: body, Enabled: enabled,
			UpdatedBy: actor.Label(), UpdatedAt: f.now()}); err != nil {
			return err
		}
		// The body itself is policy text, not personal data, but it can be
		// long: the audit notes what changed, the table keeps the text.
		return record(tx, audit.OK, fmt.Sprintf("default=%t enabled=%t", body == "", enabled))
	})
	if err != nil {
		return err
	}
	// Checked above, so neither can fail.
	_ = f.Notices.Override(in.Kind, body)
	if !in.Kind.Essential() {
		_ = f.Notices.SetEnabled(in.Kind, enabled)
	}
	return nil
}

// noticeText renders the SMS of kind k for a request of service (""
// outside requests); ok is false when the kind is switched off there. A
// link that would push the message past one part is dropped: the citizen
// finds the desk without it, but pays for every part.
func (f *Flow) noticeText(service string, k notice.Kind, v notice.Vars) (text string, ok bool, err error) {
	text, ok, err = f.Notices.Render(service, k, v)
	if err != nil {
		// A stored body that fails on real values: the default still
		// tells the citizen.
		f.Log.Warn("SMS template failed, default used", "kind", k, "err", err)
		if text, err = notice.Render(k, notice.Default(k), v); err != nil {
			return "", false, fmt.Errorf("workflow: SMS %s: %w", k, err)
		}
		ok = true
	}
	if !ok || v.Link == "" || notice.Count(text).Parts <= 1 {
		return text, ok, nil
	}
	v.Link = ""
	if short, _, err := f.Notices.Render(service, k, v); err == nil && notice.Count(short).Parts < notice.Count(text).Parts {
		text = short
	}
	return text, true, nil
}

// noticeLink is the {{.Link}} of a notice about request id: the desk's
// address without the scheme, then /t/ and the request's random link
// token (drawn now, in tx, for a request from before tokens existed). The
// token is not the tracking code, and the page it opens asks for the
// mobile number before it shows anything.
func (f *Flow) noticeLink(ctx context.Context, tx *store.Tx, id int64) (string, error) {
	token, err := tx.LinkToken(ctx, id)
	if err != nil {
		return "", err
	}
	return LinkURL(f.Opt.BaseURL, token), nil
}

// LinkURL is the short link of token at the desk at base, without the
// scheme: every character counts in a Persian SMS.
func LinkURL(base, token string) string {
	return strings.TrimRight(shortURL(base), "/") + "/t/" + token
}
