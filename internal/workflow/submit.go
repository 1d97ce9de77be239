package workflow

import (
	"context"
	"fmt"
	"strings"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/webhook"
)

// Confirm checks the one-time code of a draft and registers the request:
// request row, documents, first timeline event and the confirmation SMS in
// one transaction. It is idempotent: a repeat (double click, refresh, retry)
// returns the request the first call created.
func (f *Flow) Confirm(ctx context.Context, draftID, code string) (desk.Request, error) {
	return f.ConfirmVia(ctx, draftID, code, desk.ChannelWeb)
}

// ConfirmVia is Confirm for a request arriving through channel (web pages or
// the JSON API), which the request and its first event record.
func (f *Flow) ConfirmVia(ctx context.Context, draftID, code string, channel desk.Channel) (desk.Request, error) {
	dr, err := f.LoadDraft(ctx, draftID)
	if err != nil {
		return desk.Request{}, err
	}
	if dr.RequestID != 0 {
		return f.Store.Request(ctx, dr.RequestID)
	}
	otpID, err := f.verifyOTP(ctx, PurposeApply, dr.ID, code)
	if err != nil {
		// A concurrent confirm may have used the code and registered it.
		if r, err2 := f.Store.RequestByIdempotencyKey(ctx, "draft:"+dr.ID); err2 == nil {
			return r, nil
		}
		return desk.Request{}, err
	}
	return f.registerRetry(ctx, dr, registration{channel: channel, otpID: otpID})
}

// registerRetry registers dr, retrying a tracking-code clash and returning
// the request a concurrent confirm of the same draft already created.
func (f *Flow) registerRetry(ctx context.Context, dr Draft, g registration) (desk.Request, error) {
	for attempt := 0; ; attempt++ {
		req, err := f.registerWith(ctx, dr, g)
		if desk.ErrorCode(err) != desk.ECONFLICT {
			return req, err
		}
		if r, err2 := f.Store.RequestByIdempotencyKey(ctx, "draft:"+dr.ID); err2 == nil {
			return r, nil
		}
		if attempt == 5 {
			return req, err
		}
	}
}

// registration says how a draft becomes a request. It generalises
// register in submit.go, which it could replace: the citizen's path is
// registration{channel: channel, otpID: otpID}.
type registration struct {
	channel desk.Channel
	otpID   int64       // the code that confirmed it; 0 when none was needed
	staff   *desk.Actor // who registered it at the counter; nil for the citizen
	unit    string      // unit of the first event; "" = the request's unit
	note    string      // first event's note; "" = submittedNote
	details string      // audit details (no personal data)
	client  string      // ClientKey of the sender, for the audit log
}

// registerWith is register (submit.go) for any registration: one
// transaction with the request, its documents, the first event, an audit
// record when staff registered it, and the confirmation SMS when there is
// a mobile to send it to.
func (f *Flow) registerWith(ctx context.Context, dr Draft, g registration) (desk.Request, error) {
	svc := dr.Service
	now := f.now()
	code, err := desk.NewTrackingCode()
	if err != nil {
		return desk.Request{}, err
	}
	unit := svc.UnitCode
	if len(svc.Steps) > 0 && svc.Steps[0].UnitCode != "" {
		unit = svc.Steps[0].UnitCode
	}
	r := desk.Request{
		TrackingCode: code, ServiceCode: svc.Code, ServiceVersion: svc.Version,
		ServiceTitle: svc.Title, Kind: svc.Kind, Channel: g.channel, Status: desk.StatusSubmitted,
		Applicant: dr.App.Applicant, Answers: dr.App.Answers, SubmittedAt: now,
		DueAt:    f.Cal.Due(now, svc.DurationDays, svc.CalendarDays).Time().UTC(),
		UnitCode: unit, IdempotencyKey: "draft:" + dr.ID,
	}
	if dr.App.ForOther {
		rep := dr.App.Representative
		r.Representative = &rep
	}
	ev := desk.Event{Type: "submitted", Status: r.Status, UnitCode: r.UnitCode, Actor: "citizen", At: now,
		Note: g.note}
	if ev.Note == "" {
		ev.Note = submittedNote[g.channel][r.Representative != nil]
	}
	if g.staff != nil {
		ev.Actor, ev.StaffID = g.staff.Label(), g.staff.StaffID
	}
	if g.unit != "" {
		ev.UnitCode = g.unit
	}
	err = f.inTx(ctx, func(tx *store.Tx) error {
		if g.otpID != 0 {
			if err := tx.OTPUse(ctx, g.otpID, now); err != nil {
				return err
			}
		}
		// The unit's rule picks the person (round robin) or leaves the file
		// in the unit's queue.
		if err := f.AutoAssign(ctx, tx, &r); err != nil {
			return err
		}
		if g.staff == nil {
			ev.StaffID = r.AssigneeID
		}
		if err := tx.CreateRequest(ctx, &r); err != nil {
			return err
		}
		if err := tx.AttachDocuments(ctx, dr.ID, r.ID); err != nil {
			return err
		}
		if err := tx.SetDraftRequest(ctx, dr.ID, r.ID); err != nil {
			return err
		}
		ev.RequestID = r.ID
		if err := tx.AppendEvent(ctx, &ev); err != nil {
			return err
		}
		if err := tx.AppendAudit(ctx, &audit.Record{
			At: now, Actor: ev.Actor, Action: "request.register",
			Target: fmt.Sprintf("request:%d", r.ID), Result: audit.OK, Client: g.client, Details: g.details,
		}); err != nil {
			return err
		}
		if err := f.webhookRequest(ctx, tx, webhook.RequestCreated, r, ev, ""); err != nil {
			return err
		}
		to := f.notifyMobile(r)
		if to == "" {
			return nil
		}
		link, err := f.noticeLink(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		text, _, err := f.noticeText(r.ServiceCode, notice.KindRegistered, // essential: always on
			notice.Vars{Tracking: r.TrackingCode, Service: r.ServiceTitle, Link: link})
		if err != nil {
			return err
		}
		_, err = tx.EnqueueSMS(ctx, &store.OutSMS{
			ID: randomHex(16), To: to, Kind: string(notice.KindRegistered), RequestID: r.ID,
			Text:      text,
			DedupeKey: fmt.Sprintf("registered:%d", r.ID),
			CreatedAt: now, NotBefore: now, Status: "pending",
		})
		return err
	})
	if err != nil {
		return desk.Request{}, err
	}
	r.Version = 1
	return r, nil
}

// notifyMobile is where a request's SMS go: the representative's number
// when there is one (they act for the applicant), else the applicant's.
func (f *Flow) notifyMobile(r desk.Request) string {
	if r.Representative != nil && r.Representative.Mobile != "" {
		return r.Representative.Mobile
	}
	return r.Applicant.Mobile
}

// ReceiptToken is the secret part of a receipt link, so a tracking code
// alone never opens a receipt.
func (f *Flow) ReceiptToken(trackingCode string) string {
	return f.Keys.Index("receipt:" + trackingCode)[:24]
}

// shortURL drops the scheme: every character counts in a Persian SMS
// (70 in one part) and phones link a bare host anyway.
func shortURL(u string) string {
	for _, p := range []string{"https://", "http://"} {
		u = strings.TrimPrefix(u, p)
	}
	return u
}

// submittedNote is the first timeline entry by channel and by whether a
// legal representative filed it; whole sentences, so they translate.
var submittedNote = map[desk.Channel]map[bool]string{
	desk.ChannelWeb: {
		false: "درخواست از راه وبگاه ثبت شد.",
		true:  "درخواست از راه وبگاه به دست نماینده قانونی متقاضی ثبت شد.",
	},
	desk.ChannelAPI: {
		false: "درخواست از راه درگاه خدمات الکترونیک ثبت شد.",
		true:  "درخواست از راه درگاه خدمات الکترونیک به دست نماینده قانونی متقاضی ثبت شد.",
	},
}
