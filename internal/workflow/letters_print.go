package workflow

import (
	"context"
	"strconv"
	"time"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/letters"
	"mizban/internal/store"
)

// LetterSheet is an outgoing letter as it is printed: its number and
// date, the incoming letter it answers, the answer, the signer and the
// token of its verification page (the QR code).
type LetterSheet struct {
	Letter      letters.Letter
	Secretariat letters.Secretariat
	InReplyTo   *letters.Letter
	Request     desk.Request // in clear: the letter is addressed to the applicant
	Answer      *store.Decision
	Signer      desk.Staff
	Token       string
}

var errNoLetter = desk.Errorf(desk.ENOTFOUND, "نامه‌ای با این مشخصات پیدا نشد.")

// PrintLetter loads letter id for printing. Only an outgoing letter of a
// request the actor may see is printed (others answer as missing); the
// sheet carries the applicant's name, so printing is audited as a reveal.
func (f *Flow) PrintLetter(ctx context.Context, actor desk.Actor, id int64, client string) (LetterSheet, error) {
	l, err := f.Store.Letter(ctx, id)
	if desk.ErrorCode(err) == desk.ENOTFOUND || (err == nil && (l.Direction != letters.Outgoing || l.RequestID == 0)) {
		return LetterSheet{}, errNoLetter
	} else if err != nil {
		return LetterSheet{}, err
	}
	r, _, err := f.staffRequest(ctx, actor, l.RequestID, "letter.print", client)
	if err != nil {
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			return LetterSheet{}, errNoLetter
		}
		return LetterSheet{}, err
	}
	sheet := LetterSheet{Letter: l, Request: r}
	if sheet.Secretariat, err = f.Store.Secretariat(ctx, l.Secretariat); err != nil {
		return LetterSheet{}, err
	}
	if l.InReplyTo != 0 {
		in, err := f.Store.Letter(ctx, l.InReplyTo)
		if err != nil {
			return LetterSheet{}, err
		}
		sheet.InReplyTo = &in
	}
	if l.SignerID != 0 {
		if sheet.Signer, err = f.Store.Staff(ctx, l.SignerID); err != nil {
			return LetterSheet{}, err
		}
	} else if sheet.Signer.Name, err = f.Store.LetterSignerName(ctx, l.ID); err != nil {
		// Signed in the agency's automation: its name and title as given.
		return LetterSheet{}, err
	}
	decisions, err := f.Store.Decisions(ctx, r.ID)
	if err != nil {
		return LetterSheet{}, err
	}
	for i := range decisions { // the latest answer
		if decisions[i].Kind == store.DecisionAnswer {
			sheet.Answer = &decisions[i]
		}
	}
	if sheet.Token, err = f.Store.LetterToken(ctx, l.ID); err != nil {
		return LetterSheet{}, err
	}
	err = f.inTx(ctx, func(tx *store.Tx) error {
		return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: actor.Label(), Action: "letter.print",
			Target: requestTarget(r.ID), Result: audit.OK, Client: client, Details: "letter=" + strconv.FormatInt(l.ID, 10)})
	})
	return sheet, err
}

// LetterCheck is what the public verification page of a letter shows:
// enough to tell a genuine letter from a forged one, and no personal data.
type LetterCheck struct {
	Number       string
	RegisteredAt time.Time
	Secretariat  string // name
	Signer       desk.Staff
	Service      string // the request's service title
}

// VerifyLetter finds the letter of a verification token; a token that is
// not one is ENOTFOUND.
func (f *Flow) VerifyLetter(ctx context.Context, token string) (LetterCheck, error) {
	l, err := f.Store.LetterByToken(ctx, token)
	if err != nil {
		if desk.ErrorCode(err) == desk.ENOTFOUND {
			return LetterCheck{}, errNoLetter
		}
		return LetterCheck{}, err
	}
	c := LetterCheck{Number: l.Number, RegisteredAt: l.RegisteredAt}
	if sec, err := f.Store.Secretariat(ctx, l.Secretariat); err == nil {
		c.Secretariat = sec.Name
	} else {
		return LetterCheck{}, err
	}
	if l.SignerID != 0 {
		s, err := f.Store.Staff(ctx, l.SignerID)
		if err != nil {
			return LetterCheck{}, err
		}
		c.Signer = desk.Staff{Name: s.Name, Title: s.Title}
	} else if c.Signer.Name, err = f.Store.LetterSignerName(ctx, l.ID); err != nil {
		return LetterCheck{}, err
	}
	if l.RequestID != 0 {
		r, err := f.Store.Request(ctx, l.RequestID)
		if err != nil {
			return LetterCheck{}, err
		}
		c.Service = r.ServiceTitle
	}
	return c, nil
}
