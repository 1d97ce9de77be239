package workflow

import (
	"context"
	"strconv"

	"mizban/internal/desk"
	"mizban/internal/letters"
	"mizban/internal/store"
)

// The reply to a request registered as an incoming letter goes out as an
// outgoing letter, which the unit's manager signs (پیش‌نویس → امضا): officers
// save a draft (desk.ActDraftReply), managers answer (approve and sign),
// and the answer removes the draft in its transaction. Requests that are
// not letters are answered directly, as before. API clients act as
// managers, so an automation that signed the reply itself answers directly.

// ReplyDraftNote is the staff-only timeline note of a saved draft.
const ReplyDraftNote = "پیش‌نویس پاسخ برای امضای مدیر واحد ذخیره شد."

var errReplyNeedsSigner = desk.Errorf(desk.EFORBIDDEN, "پاسخ این درخواست به‌عنوان نامه صادره فرستاده می‌شود و باید مدیر واحد آن را امضا کند؛ پیش‌نویس پاسخ را ذخیره کنید تا مدیر آن را امضا و ارسال کند.")

// signsReplies reports whether a may sign a letter's reply.
func signsReplies(a desk.Actor) bool { return a.Has(desk.RoleManager) }

// replyRule refuses an answer to a letter by someone who may not sign it;
// deniedWhy is the audit reason. A draft is allowed on any request in
// progress (the state machine's rule), though pages offer it on letters
// only, where it is needed.
func replyRule(a desk.Actor, hasLetter bool, act desk.Action) (deniedWhy string, err error) {
	if act == desk.ActAnswer && hasLetter && !signsReplies(a) {
		return "reply needs a signer", errReplyNeedsSigner
	}
	return "", nil
}

// hasIncomingLetter reports whether request id is registered as an
// incoming letter.
func hasIncomingLetter(ctx context.Context, tx *store.Tx, id int64) (bool, error) {
	_, err := tx.RequestLetter(ctx, id, letters.Incoming)
	switch {
	case err == nil:
		return true, nil
	case desk.ErrorCode(err) == desk.ENOTFOUND:
		return false, nil
	}
	return false, err
}

// checkReplySigner applies replyRule inside Act's transaction.
func checkReplySigner(ctx context.Context, tx *store.Tx, a desk.Actor, r desk.Request, act desk.Action) (string, error) {
	if act != desk.ActAnswer {
		return "", nil
	}
	letter, err := hasIncomingLetter(ctx, tx, r.ID)
	if err != nil {
		return "", err
	}
	return replyRule(a, letter, act)
}

// replyDraft is Act's step for drafts, after the decision and before the
// audit record (whose details it adds to): a draft is saved; an answer
// records who drafted it and removes the draft; a rejection discards it.
func (a *action) replyDraft(ctx context.Context) error {
	switch a.in.Action {
	case desk.ActDraftReply:
		a.details = append(a.details, "draft=saved")
		return a.tx.SaveReplyDraft(ctx, &store.ReplyDraft{RequestID: a.r.ID, Text: a.in.Text,
			LegalBasis: a.in.LegalBasis, StaffID: a.actor.StaffID, EventID: a.ev.ID, At: a.now})
	case desk.ActAnswer, desk.ActReject:
		d, err := a.tx.ReplyDraft(ctx, a.r.ID)
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			return nil
		} else if err != nil {
			return err
		}
		if a.in.Action == desk.ActAnswer {
			if err := a.tx.SetDecisionDrafter(ctx, a.ev.ID, d.StaffID); err != nil {
				return err
			}
			a.details = append(a.details, "drafted_by=staff:"+strconv.FormatInt(d.StaffID, 10),
				"draft_event="+strconv.FormatInt(d.EventID, 10))
		} else {
			a.details = append(a.details, "draft=discarded")
		}
		return a.tx.DeleteReplyDraft(ctx, a.r.ID)
	}
	return nil
}

// ReplyState is the reply-draft part of a staff request page.
type ReplyState struct {
	Letter  bool              // registered as an incoming letter: the answer needs a signer
	Draft   *store.ReplyDraft // nil when none is saved
	CanSign bool              // the viewer may answer, i.e. sign (Can[ActAnswer])
	// Drafters maps decision ids to who drafted them.
	Drafters map[int64]store.Drafter
}

// ReplyView fills the reply-draft part of a staff request page from v,
// what StaffView returned for the viewer (whose Can already applies the
// signer rule).
func (f *Flow) ReplyView(ctx context.Context, v *StaffRequest) (ReplyState, error) {
	st := ReplyState{Letter: v.Letter, CanSign: v.Letter && v.Can[desk.ActAnswer]}
	d, err := f.Store.ReplyDraft(ctx, v.Request.ID)
	switch {
	case err == nil:
		st.Draft = &d
	case desk.ErrorCode(err) != desk.ENOTFOUND:
		return st, err
	}
	if st.Drafters, err = f.Store.DecisionDrafters(ctx, v.Request.ID); err != nil {
		return st, err
	}
	return st, nil
}

// AwaitingSignature lists the reply drafts actor may sign (managers), with
// their count, for the tray.
func (f *Flow) AwaitingSignature(ctx context.Context, actor desk.Actor, limit int) ([]store.AwaitingRow, int, error) {
	return f.Store.AwaitingSignature(ctx, actor, limit)
}
