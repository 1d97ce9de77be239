package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"mizban/internal/audit"
	"mizban/internal/catalog"
	"mizban/internal/desk"
	"mizban/internal/notice"
	"mizban/internal/store"
)

// ApproveCatalogDraft publishes a draft in review, or schedules it when its
// effective date is still ahead. The person who sent it for review may not
// approve it (four eyes).
func (f *Flow) ApproveCatalogDraft(ctx context.Context, a desk.Actor, code string, revision int, client string) (Published, error) {
	code = cleanCode(code)
	if !mayEditCatalog(a) {
		return Published{}, f.catalogDenied(ctx, a, "catalog.approve", serviceTarget(code), client)
	}
	names, err := f.unitNames(ctx)
	if err != nil {
		return Published{}, err
	}
	var (
		out        Published
		sameEditor bool
	)
	err = f.inTx(ctx, func(tx *store.Tx) error {
		d, err := openDraft(ctx, tx, code, revision)
		if err != nil {
			return err
		}
		if d.State != DraftReview {
			return desk.Errorf(desk.ECONFLICT, "این پیش‌نویس در انتظار بررسی نیست؛ صفحه را دوباره باز کنید.")
		}
		if d.SubmittedBy == a.Label() {
			sameEditor = true
			return errFourEyes
		}
		// Units or the parent may have changed since it was sent.
		if err := f.checkCard(ctx, tx, d.Card, d.New, names); err != nil {
			return err
		}
		now := f.now()
		if d.EffectiveAt.After(now) {
			d.State, d.ApprovedBy = DraftScheduled, a.Name
			d.UpdatedBy, d.UpdatedName, d.UpdatedAt = a.Label(), a.Name, now
			if err := tx.UpdateCatalogDraft(ctx, &d); err != nil {
				return err
			}
			out = Published{Scheduled: true, EffectiveAt: d.EffectiveAt}
			return f.catalogAudit(ctx, tx, a.Label(), "catalog.approve", serviceTarget(code), audit.OK, client,
				"scheduled="+d.EffectiveAt.Format(time.RFC3339))
		}
		if err := f.catalogAudit(ctx, tx, a.Label(), "catalog.approve", serviceTarget(code), audit.OK, client,
			fmt.Sprintf("revision=%d", d.Revision)); err != nil {
			return err
		}
		if out, err = f.publishDraft(ctx, tx, d, a.Name, a.Label(), client, names); err != nil {
			return err
		}
		return nil
	})
	if sameEditor {
		if aerr := f.Store.InTx(context.WithoutCancel(ctx), func(tx *store.Tx) error {
			return f.catalogAudit(ctx, tx, a.Label(), "catalog.approve", serviceTarget(code), audit.Denied, client, "four eyes")
		}); aerr != nil {
			f.Log.Error("audit of a refused approval failed", "err", aerr)
		}
	}
	return out, err
}

var errFourEyes = desk.Errorf(desk.EFORBIDDEN,
	"شما این پیش‌نویس را برای بررسی فرستاده‌اید؛ همکار دیگری باید آن را بررسی و تأیید کند.")

// publishDraft publishes d's card as the next version and drops the draft.
func (f *Flow) publishDraft(ctx context.Context, tx *store.Tx, d store.CatalogDraft, by, actor, client string, names map[string]string) (Published, error) {
	card := d.Card
	card.UpdatedBy = d.UpdatedName
	if d.SubmittedName != "" {
		card.UpdatedBy = d.SubmittedName // the editor who finished it, not the reviewer
	}
	p, err := f.publishCard(ctx, tx, card, by, actor, client, names)
	if err != nil {
		return Published{}, err
	}
	return p, tx.DeleteCatalogDraft(ctx, d.Code, d.Revision)
}

// publishCard makes card the next version of its code in tx: version row
// with its changes and publisher, the announcement of a version with
// changes, and, for a material change, the SMS to the service's
// subscribers and citizens with open requests. by is the publisher's name,
// actor the audit label.
func (f *Flow) publishCard(ctx context.Context, tx *store.Tx, card desk.Service, by, actor, client string, names map[string]string) (Published, error) {
	now := f.now()
	prev, err := tx.Service(ctx, card.Code)
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		prev = desk.Service{}
	} else if err != nil {
		return Published{}, err
	}
	card.UpdatedAt, card.ReviewedAt = now, now
	changes := catalog.Diff(prev, card, unitNamer(names))
	material := prev.Code != "" && catalog.Material(changes)
	raw, err := json.Marshal(changes)
	if err != nil {
		return Published{}, fmt.Errorf("workflow: changes: %w", err)
	}
	v, err := tx.PublishServiceVersion(ctx, card, store.VersionMeta{Changes: string(raw), Material: material, PublishedBy: by})
	if err != nil {
		return Published{}, err
	}
	out := Published{Version: v, EffectiveAt: now}
	if len(changes) > 0 {
		if err := tx.AddAnnouncement(ctx, versionAnnouncement(card, prev.Code == "", v, changes, now, actor)); err != nil {
			return Published{}, err
		}
	}
	if material {
		if out.Notified, err = f.notifyCardChanged(ctx, tx, card, v, now); err != nil {
			return Published{}, err
		}
	}
	return out, f.catalogAudit(ctx, tx, actor, "catalog.publish", serviceTarget(card.Code), audit.OK, client,
		fmt.Sprintf("version=%d material=%t notified=%d", v, material, out.Notified))
}

// versionAnnouncement is the announcement a published version with
// changes makes: one paragraph per change.
func versionAnnouncement(card desk.Service, isNew bool, v int, changes []catalog.Change, at time.Time, by string) *store.Announcement {
	title := fmt.Sprintf("تغییر در خدمت «%s»", card.Title)
	if isNew {
		title = fmt.Sprintf("خدمت تازه: «%s»", card.Title)
	}
	lines := make([]string, len(changes))
	for i, c := range changes {
		lines[i] = c.Text
	}
	return &store.Announcement{ServiceCode: card.Code, ServiceTitle: card.Title, Version: v, Title: title,
		Body: strings.Join(lines, "\n\n"), At: at, PostedBy: by}
}

// notifyCardChanged enqueues one KindCardChanged SMS per mobile among the
// service's confirmed subscribers and the citizens with open requests on
// it. A subscriber's message links to their own unsubscribe page (which
// links to the changes); an applicant's to the changes page. The dedupe
// key (service, version, mobile's blind index) keeps a retried publish
// from sending twice. It returns the messages enqueued.
func (f *Flow) notifyCardChanged(ctx context.Context, tx *store.Tx, card desk.Service, v int, now time.Time) (int, error) {
	if !f.Notices.Enabled(card.Code, notice.KindCardChanged) {
		return 0, nil // switched off by an administrator for this service or all
	}
	subs, err := tx.Subscribers(ctx, card.Code)
	if err != nil {
		return 0, err
	}
	reqs, err := tx.OpenRequestPeople(ctx, card.Code)
	if err != nil {
		return 0, err
	}
	host := strings.TrimRight(shortURL(f.Opt.BaseURL), "/")
	link := func(path string) string {
		if host == "" {
			return ""
		}
		return host + path
	}
	seen := map[string]bool{}
	sent := 0
	send := func(mobile, url string) error {
		idx := f.Keys.Index(mobile)
		if mobile == "" || seen[idx] {
			return nil
		}
		seen[idx] = true
		text, err := f.cardChangedText(card, url)
		if err != nil {
			return err
		}
		ok, err := tx.EnqueueSMS(ctx, &store.OutSMS{
			ID: randomHex(16), To: mobile, Kind: string(notice.KindCardChanged), Text: text,
			DedupeKey: fmt.Sprintf("card:%s:%d:%s", card.Code, v, idx), CreatedAt: now, NotBefore: now,
		})
		if ok {
			sent++
		}
		return err
	}
	for _, s := range subs {
		if seen[f.Keys.Index(s.Mobile)] {
			continue
		}
		token := store.NewSubscriptionToken()
		if err := tx.AddSubscriptionToken(ctx, s.ID, f.unsubscribeHash(token), now); err != nil {
			return 0, err
		}
		if err := send(s.Mobile, link("/u/"+token)); err != nil {
			return 0, err
		}
	}
	for _, r := range reqs {
		if err := send(f.notifyMobile(r), link("/h/"+card.Code)); err != nil {
			return 0, err
		}
	}
	return sent, nil
}

// cardChangedText renders the change SMS. Unlike other notices the link is
// never dropped to save a part: it is what the message is for.
func (f *Flow) cardChangedText(card desk.Service, link string) (string, error) {
	v := notice.Vars{Service: card.Title, Link: link}
	text, _, err := f.Notices.Render(card.Code, notice.KindCardChanged, v)
	if err != nil {
		f.Log.Warn("SMS template failed, default used", "kind", notice.KindCardChanged, "err", err)
		if text, err = notice.Render(notice.KindCardChanged, notice.Default(notice.KindCardChanged), v); err != nil {
			return "", fmt.Errorf("workflow: SMS %s: %w", notice.KindCardChanged, err)
		}
	}
	return text, nil
}

// unsubscribeHash is what is kept of an unsubscribe link's token.
func (f *Flow) unsubscribeHash(token string) string { return f.Keys.Index("unsubscribe:" + token) }

// PublishDue publishes the scheduled drafts whose effective date has come,
// each in its own transaction, and returns how many it published. A draft
// that fails is logged and the others still go; the first error is
// returned so the caller logs it too.
func (f *Flow) PublishDue(ctx context.Context) (int, error) {
	var due []store.CatalogDraft
	if err := f.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		due, err = tx.DueCatalogDrafts(ctx, f.now())
		return err
	}); err != nil || len(due) == 0 {
		return 0, err
	}
	names, err := f.unitNames(ctx)
	if err != nil {
		return 0, err
	}
	var (
		n    int
		errs []error
	)
	for _, d := range due {
		err := f.inTx(ctx, func(tx *store.Tx) error {
			// Re-read under the transaction: discarded or already published
			// by a second instance meanwhile is not an error.
			cur, err := tx.CatalogDraft(ctx, d.Code)
			if desk.ErrorCode(err) == desk.ENOTFOUND || (err == nil && (cur.Revision != d.Revision || cur.State != DraftScheduled)) {
				return errSkip
			} else if err != nil {
				return err
			}
			_, err = f.publishDraft(ctx, tx, cur, cur.ApprovedBy, "system", "", names)
			return err
		})
		switch {
		case err == nil:
			n++
		case errors.Is(err, errSkip):
		default:
			f.Log.Error("scheduled publish failed", "service", d.Code, "err", err)
			errs = append(errs, fmt.Errorf("service %s: %w", d.Code, err))
		}
	}
	return n, errors.Join(errs...)
}

var errSkip = errors.New("skip")

// MarkReviewed records that an editor checked a card and it is still right,
// without a new version: it resets the card's staleness.
func (f *Flow) MarkReviewed(ctx context.Context, a desk.Actor, code, client string) error {
	code = cleanCode(code)
	if !mayEditCatalog(a) {
		return f.catalogDenied(ctx, a, "catalog.reviewed", serviceTarget(code), client)
	}
	return f.inTx(ctx, func(tx *store.Tx) error {
		if err := tx.MarkServiceReviewed(ctx, code, f.now()); err != nil {
			return err
		}
		return f.catalogAudit(ctx, tx, a.Label(), "catalog.reviewed", serviceTarget(code), audit.OK, client, "")
	})
}

// StaleServices lists the cards not reviewed (nor published) for
// Opt.ReviewAfter, the longest unreviewed first. Editors and
// administrators see every card, managers their units' cards.
func (f *Flow) StaleServices(ctx context.Context, a desk.Actor) ([]StaleService, error) {
	all := mayEditCatalog(a)
	if !all && !a.Has(desk.RoleManager) {
		return nil, desk.Errorf(desk.EFORBIDDEN, "فهرست شناسنامه‌های بازبینی‌نشده را ویراستاران، مدیران واحد و مدیر سامانه می‌بینند.")
	}
	svcs, err := f.Store.Services(ctx, store.ServiceFilter{})
	if err != nil {
		return nil, err
	}
	now := f.now()
	var out []StaleService
	for _, s := range svcs {
		if !all && !a.InUnit(s.UnitCode) {
			continue
		}
		at := s.ReviewedAt
		if s.UpdatedAt.After(at) {
			at = s.UpdatedAt
		}
		if now.Sub(at) < f.Opt.ReviewAfter {
			continue
		}
		out = append(out, StaleService{Code: s.Code, Title: s.Title, UnitCode: s.UnitCode, ReviewedAt: at,
			Days: int(now.Sub(at) / (24 * time.Hour))})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].ReviewedAt.Equal(out[j].ReviewedAt) {
			return out[i].ReviewedAt.Before(out[j].ReviewedAt)
		}
		return out[i].Code < out[j].Code
	})
	return out, nil
}

// ServiceHistory is a service's public change history, newest first.
func (f *Flow) ServiceHistory(ctx context.Context, code string) ([]VersionSummary, error) {
	rows, err := f.Store.ServiceHistory(ctx, cleanCode(code))
	if err != nil {
		return nil, err
	}
	out := make([]VersionSummary, len(rows))
	for i, r := range rows {
		var cs []catalog.Change
		if err := json.Unmarshal([]byte(r.Changes), &cs); err != nil {
			return nil, fmt.Errorf("workflow: service %s version %d changes: %w", code, r.Version, err)
		}
		out[i] = VersionSummary{Version: r.Version, PublishedAt: r.PublishedAt, PublishedBy: r.PublishedBy,
			Changes: cs, Material: r.Material}
	}
	return out, nil
}
