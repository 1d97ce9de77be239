package workflow

import (
	"context"
	"fmt"
	"strings"

	"mizban/internal/audit"
	"mizban/internal/catalog"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/jalali"
	"mizban/internal/store"
)

// Catalog editing: one open draft per service, saved against its revision
// (an optimistic lock), sent for review, approved by a second person and
// published now or on its effective date (catalog_publish.go).

// mayEditCatalog: editors and administrators edit and approve cards.
func mayEditCatalog(a desk.Actor) bool { return a.HasAny(desk.RoleEditor, desk.RoleAdmin) }

const msgCatalogForbidden = "تنها ویراستار شناسنامه خدمات یا مدیر سامانه می‌تواند شناسنامه خدمات را تغییر دهد."

// catalogAudit appends one audit record of a catalog action.
func (f *Flow) catalogAudit(ctx context.Context, tx *store.Tx, actor, action, target, result, client, details string) error {
	return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: actor, Action: action, Target: target,
		Result: result, Client: client, Details: details})
}

// catalogDenied records a refused catalog action in a transaction of its
// own and returns the EFORBIDDEN the caller gives back.
func (f *Flow) catalogDenied(ctx context.Context, a desk.Actor, action, target, client string) error {
	who := a.Label()
	if a.StaffID == 0 {
		who = "anonymous"
	}
	err := f.Store.InTx(context.WithoutCancel(ctx), func(tx *store.Tx) error {
		return f.catalogAudit(ctx, tx, who, action, target, audit.Denied, client, "")
	})
	if err != nil {
		f.Log.Error("audit of a refused catalog action failed", "err", err)
	}
	return desk.Errorf(desk.EFORBIDDEN, msgCatalogForbidden)
}

func serviceTarget(code string) string { return "service:" + code }

// cleanCode folds Persian digits and trims a service code as typed.
func cleanCode(code string) string { return strings.TrimSpace(fa.Digits(code)) }

// CatalogDrafts lists the open drafts, the most recently saved first.
func (f *Flow) CatalogDrafts(ctx context.Context, a desk.Actor) ([]CatalogDraft, error) {
	if !mayEditCatalog(a) {
		return nil, desk.Errorf(desk.EFORBIDDEN, msgCatalogForbidden)
	}
	rows, err := f.Store.CatalogDrafts(ctx)
	if err != nil {
		return nil, err
	}
	names, err := f.unitNames(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]CatalogDraft, 0, len(rows))
	for _, d := range rows {
		pub, err := f.publishedOrZero(ctx, d.Code)
		if err != nil {
			return nil, err
		}
		out = append(out, draftView(d, pub, names))
	}
	return out, nil
}

// CatalogDraft returns the open draft of code, or a fresh copy of the
// published card (Revision 0) when none is open.
func (f *Flow) CatalogDraft(ctx context.Context, a desk.Actor, code string) (CatalogDraft, error) {
	if !mayEditCatalog(a) {
		return CatalogDraft{}, desk.Errorf(desk.EFORBIDDEN, msgCatalogForbidden)
	}
	code = cleanCode(code)
	names, err := f.unitNames(ctx)
	if err != nil {
		return CatalogDraft{}, err
	}
	pub, err := f.publishedOrZero(ctx, code)
	if err != nil {
		return CatalogDraft{}, err
	}
	d, err := f.Store.CatalogDraft(ctx, code)
	switch {
	case err == nil:
		return draftView(d, pub, names), nil
	case desk.ErrorCode(err) != desk.ENOTFOUND:
		return CatalogDraft{}, err
	case pub.Code == "":
		return CatalogDraft{}, desk.Errorf(desk.ENOTFOUND, "خدمتی با این شناسه پیدا نشد.")
	}
	return CatalogDraft{Code: code, BaseVersion: pub.Version, State: DraftEditing, Card: pub,
		UpdatedBy: pub.UpdatedBy, UpdatedAt: pub.UpdatedAt}, nil
}

// publishedOrZero is the current card of code, or the zero card for a
// code never published.
func (f *Flow) publishedOrZero(ctx context.Context, code string) (desk.Service, error) {
	svc, err := f.Store.Service(ctx, code)
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		return desk.Service{}, nil
	}
	return svc, err
}

// draftView is the workflow's view of a stored draft against the
// published card pub (zero for a new service).
func draftView(d store.CatalogDraft, pub desk.Service, names map[string]string) CatalogDraft {
	return CatalogDraft{
		Code: d.Code, New: d.New, BaseVersion: d.BaseVersion, Revision: d.Revision, State: d.State,
		Card: d.Card, EffectiveAt: d.EffectiveAt, UpdatedBy: d.UpdatedName, UpdatedAt: d.UpdatedAt,
		SubmittedBy: d.SubmittedName, ReviewNote: d.ReviewNote,
		Changes: catalog.Diff(pub, d.Card, unitNamer(names)),
		Stale:   pub.Version != d.BaseVersion,
	}
}

// unitNames maps unit codes to names, for the change sentences.
func (f *Flow) unitNames(ctx context.Context) (map[string]string, error) {
	units, err := f.Store.Units(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(units))
	for _, u := range units {
		m[u.Code] = u.Name
	}
	return m, nil
}

func unitNamer(names map[string]string) func(string) string {
	return func(code string) string { return names[code] }
}

// draftMoved is the conflict of a save or action against a revision that
// is no longer the stored one: it says who changed the draft and when, so
// the editor knows whom to ask; the web keeps what they typed.
func draftMoved(d store.CatalogDraft) error {
	who := d.UpdatedName
	if who == "" {
		who = "همکار دیگری"
	}
	return desk.Errorf(desk.ECONFLICT,
		"%s این پیش‌نویس را در این فاصله تغییر داده است (%s). متن شما از دست نرفته است: نسخهٔ تازه را در برگهٔ دیگری باز کنید، تغییرات خود را به آن بیفزایید و دوباره ذخیره کنید.",
		who, jalali.FormatDateTime(d.UpdatedAt))
}

// errDraftGone: the draft was published or discarded since the page was built.
var errDraftGone = desk.Errorf(desk.ECONFLICT,
	"این پیش‌نویس در این فاصله منتشر یا کنار گذاشته شده است؛ شناسنامه را دوباره باز کنید و تغییرات خود را بر نسخهٔ تازه بنویسید.")

// openDraft reads the draft of code in tx and checks the revision the
// page was built from.
func openDraft(ctx context.Context, tx *store.Tx, code string, revision int) (store.CatalogDraft, error) {
	d, err := tx.CatalogDraft(ctx, code)
	if desk.ErrorCode(err) == desk.ENOTFOUND && revision > 0 {
		return d, errDraftGone
	}
	if err != nil {
		return d, err
	}
	if d.Revision != revision {
		return d, draftMoved(d)
	}
	return d, nil
}

// SaveCatalogDraft stores the editor's work even when it does not
// validate yet, so nothing typed is lost. See the contract in
// catalog_api.go for what it refuses.
func (f *Flow) SaveCatalogDraft(ctx context.Context, a desk.Actor, in DraftInput) (CatalogDraft, error) {
	in.Code = cleanCode(in.Code)
	if !mayEditCatalog(a) {
		return CatalogDraft{}, f.catalogDenied(ctx, a, "catalog.save", serviceTarget(in.Code), in.Client)
	}
	if in.Code == "" || len(in.Code) > 20 || !fa.AllDigits(in.Code) {
		return CatalogDraft{}, fieldError("code", "شناسهٔ خدمت را با ۱ تا ۲۰ رقم بنویسید.")
	}
	if c := cleanCode(in.Card.Code); c != "" && c != in.Code {
		return CatalogDraft{}, fieldError("code", "شناسهٔ خدمت منتشرشده را نمی‌توان تغییر داد؛ برای شناسهٔ تازه، خدمت تازه بسازید.")
	}
	in.Card.Code = in.Code
	names, err := f.unitNames(ctx)
	if err != nil {
		return CatalogDraft{}, err
	}
	now := f.now()
	var (
		saved store.CatalogDraft
		pub   desk.Service
		raced bool // the write's own revision guard refused
	)
	err = f.inTx(ctx, func(tx *store.Tx) error {
		var err error
		if pub, err = tx.Service(ctx, in.Code); desk.ErrorCode(err) == desk.ENOTFOUND {
			pub = desk.Service{}
		} else if err != nil {
			return err
		}
		d, err := tx.CatalogDraft(ctx, in.Code)
		exists := err == nil
		if err != nil && desk.ErrorCode(err) != desk.ENOTFOUND {
			return err
		}
		switch {
		case in.New && in.Revision == 0 && pub.Code != "":
			return fieldError("code", fmt.Sprintf("شناسهٔ %s پیش‌تر به خدمت «%s» داده شده است؛ شناسهٔ دیگری بنویسید.", in.Code, pub.Title))
		case in.New && in.Revision == 0 && exists:
			return fieldError("code", fmt.Sprintf("پیش‌نویس خدمت دیگری با شناسهٔ %s در دست ویرایش است؛ شناسهٔ دیگری بنویسید.", in.Code))
		case !exists && in.Revision > 0:
			return errDraftGone
		case !exists && !in.New && pub.Code == "":
			return desk.Errorf(desk.ENOTFOUND, "خدمتی با این شناسه پیدا نشد.")
		case exists && d.Revision != in.Revision:
			return draftMoved(d)
		case exists && d.State != DraftEditing:
			return desk.Errorf(desk.ECONFLICT, "این پیش‌نویس برای بررسی فرستاده شده یا در انتظار تاریخ اجرا است؛ تا بررسی‌کننده آن را برنگرداند نمی‌توان آن را تغییر داد.")
		}
		if !exists {
			d = store.CatalogDraft{Code: in.Code, New: pub.Code == "", BaseVersion: pub.Version, State: DraftEditing}
		}
		d.Card, d.EffectiveAt = in.Card, in.EffectiveAt
		d.UpdatedBy, d.UpdatedName, d.UpdatedAt = a.Label(), a.Name, now
		if exists {
			err = tx.UpdateCatalogDraft(ctx, &d)
		} else {
			err = tx.CreateCatalogDraft(ctx, &d)
		}
		if err != nil {
			raced = desk.ErrorCode(err) == desk.ECONFLICT
			return err
		}
		saved = d
		return f.catalogAudit(ctx, tx, a.Label(), "catalog.save", serviceTarget(in.Code), audit.OK, in.Client,
			fmt.Sprintf("revision=%d", d.Revision))
	})
	if raced {
		// A concurrent save committed between the read and the write:
		// name whoever saved meanwhile.
		if d, rerr := f.Store.CatalogDraft(ctx, in.Code); rerr == nil {
			return CatalogDraft{}, draftMoved(d)
		}
	}
	if err != nil {
		return CatalogDraft{}, err
	}
	return draftView(saved, pub, names), nil
}

// draftAction runs fn on the draft of code at revision in one transaction,
// after the permission check; refusals are audited.
func (f *Flow) draftAction(ctx context.Context, a desk.Actor, action, code string, revision int, client string,
	fn func(tx *store.Tx, d *store.CatalogDraft) (details string, err error)) error {
	code = cleanCode(code)
	if !mayEditCatalog(a) {
		return f.catalogDenied(ctx, a, action, serviceTarget(code), client)
	}
	return f.inTx(ctx, func(tx *store.Tx) error {
		d, err := openDraft(ctx, tx, code, revision)
		if err != nil {
			return err
		}
		details, err := fn(tx, &d)
		if err != nil {
			return err
		}
		return f.catalogAudit(ctx, tx, a.Label(), action, serviceTarget(code), audit.OK, client, details)
	})
}

// SubmitCatalogDraft validates the draft and sends it for review.
func (f *Flow) SubmitCatalogDraft(ctx context.Context, a desk.Actor, code string, revision int, client string) error {
	units, err := f.unitNames(ctx)
	if err != nil {
		return err
	}
	return f.draftAction(ctx, a, "catalog.submit", code, revision, client, func(tx *store.Tx, d *store.CatalogDraft) (string, error) {
		if d.State != DraftEditing {
			return "", desk.Errorf(desk.ECONFLICT, "این پیش‌نویس پیش‌تر برای بررسی فرستاده شده است.")
		}
		if err := f.checkCard(ctx, tx, d.Card, d.New, units); err != nil {
			return "", err
		}
		d.State, d.SubmittedBy, d.SubmittedName, d.ReviewNote = DraftReview, a.Label(), a.Name, ""
		d.UpdatedBy, d.UpdatedName, d.UpdatedAt = a.Label(), a.Name, f.now()
		return fmt.Sprintf("revision=%d", d.Revision), tx.UpdateCatalogDraft(ctx, d)
	})
}

// checkCard validates a card for publishing: catalog.Validate, a new
// service's code not taken meanwhile, and its parent service published.
func (f *Flow) checkCard(ctx context.Context, tx *store.Tx, card desk.Service, isNew bool, names map[string]string) error {
	known := make(map[string]bool, len(names))
	for c := range names {
		known[c] = true
	}
	ps := catalog.Validate(card, known)
	if isNew {
		if pub, err := tx.Service(ctx, card.Code); err == nil {
			ps = append(ps, catalog.Problem{Code: card.Code, Field: "code",
				Message: fmt.Sprintf("شناسهٔ %s در این فاصله به خدمت «%s» داده شده است؛ شناسهٔ دیگری بنویسید.", card.Code, pub.Title)})
		} else if desk.ErrorCode(err) != desk.ENOTFOUND {
			return err
		}
	}
	if p := card.ParentCode; p != "" && p != card.Code {
		if _, err := tx.Service(ctx, p); desk.ErrorCode(err) == desk.ENOTFOUND {
			ps = append(ps, catalog.Problem{Code: card.Code, Field: "parent_code",
				Message: fmt.Sprintf("خدمت مادری با شناسهٔ %s منتشر نشده است؛ شناسهٔ خدمت مادر را درست کنید یا خالی بگذارید.", p)})
		} else if err != nil {
			return err
		}
	}
	return catalog.Errors(ps)
}

// ReturnCatalogDraft sends a draft in review back to editing with a note.
func (f *Flow) ReturnCatalogDraft(ctx context.Context, a desk.Actor, code string, revision int, note, client string) error {
	note = strings.TrimSpace(note)
	if mayEditCatalog(a) && note == "" {
		return fieldError("note", "بنویسید چه چیزی باید اصلاح شود تا ویراستار بداند.")
	}
	return f.draftAction(ctx, a, "catalog.return", code, revision, client, func(tx *store.Tx, d *store.CatalogDraft) (string, error) {
		if d.State != DraftReview {
			return "", desk.Errorf(desk.ECONFLICT, "این پیش‌نویس در انتظار بررسی نیست؛ صفحه را دوباره باز کنید.")
		}
		d.State, d.ReviewNote = DraftEditing, note
		d.UpdatedBy, d.UpdatedName, d.UpdatedAt = a.Label(), a.Name, f.now()
		return fmt.Sprintf("revision=%d", d.Revision), tx.UpdateCatalogDraft(ctx, d)
	})
}

// DiscardCatalogDraft drops an open draft; a scheduled one's publish is
// cancelled.
func (f *Flow) DiscardCatalogDraft(ctx context.Context, a desk.Actor, code string, revision int, client string) error {
	return f.draftAction(ctx, a, "catalog.discard", code, revision, client, func(tx *store.Tx, d *store.CatalogDraft) (string, error) {
		return fmt.Sprintf("revision=%d state=%s", d.Revision, d.State), tx.DeleteCatalogDraft(ctx, d.Code, d.Revision)
	})
}
