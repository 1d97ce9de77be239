package workflow

import (
	"context"
	"fmt"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/store"
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
	var req desk.Request
	for attempt := 0; ; attempt++ {
		req, err = f.register(ctx, dr, otpID, channel)
		if desk.ErrorCode(err) != desk.ECONFLICT {
			break
		}
		// Either the same draft was registered concurrently (return it) or
		// the random tracking code collided (try a new one).
		if r, err2 := f.Store.RequestByIdempotencyKey(ctx, "draft:"+dr.ID); err2 == nil {
			return r, nil
		}
		if attempt == 5 {
			break
		}
	}
	return req, err
}

func (f *Flow) register(ctx context.Context, dr Draft, otpID int64, channel desk.Channel) (desk.Request, error) {
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
		TrackingCode:   code,
		ServiceCode:    svc.Code,
		ServiceVersion: svc.Version,
		ServiceTitle:   svc.Title,
		Kind:           svc.Kind,
		Channel:        channel,
		Status:         desk.StatusSubmitted,
		Applicant:      dr.App.Applicant,
		Answers:        dr.App.Answers,
		SubmittedAt:    now,
		DueAt:          f.Cal.Due(now, svc.DurationDays, svc.CalendarDays).Time().UTC(),
		UnitCode:       unit,
		IdempotencyKey: "draft:" + dr.ID,
	}
	if dr.App.ForOther {
		rep := dr.App.Representative
		r.Representative = &rep
	}
	err = f.inTx(ctx, func(tx *store.Tx) error {
		if err := tx.OTPUse(ctx, otpID, now); err != nil {
			return err
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
		note := submittedNote[channel][r.Representative != nil]
		if err := tx.AppendEvent(ctx, &desk.Event{
			RequestID: r.ID, At: now, Type: "submitted", Status: r.Status,
			UnitCode: r.UnitCode, Actor: "citizen", Note: note,
		}); err != nil {
			return err
		}
		_, err := tx.EnqueueSMS(ctx, &store.OutSMS{
			ID: randomHex(16), To: f.notifyMobile(r), Kind: "registered", RequestID: r.ID,
			Text:      fmt.Sprintf("درخواست ثبت شد.\nکد رهگیری: %s\n%s", r.TrackingCode, shortURL(f.Opt.BaseURL)),
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
