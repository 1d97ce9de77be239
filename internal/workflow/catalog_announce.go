package workflow

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/notice"
	"mizban/internal/store"
)

// Announcements lists announcements newest first; service "" lists all
// (agency-wide and per service); limit <= 0 means all.
func (f *Flow) Announcements(ctx context.Context, service string, limit int) ([]Announcement, error) {
	rows, err := f.Store.Announcements(ctx, cleanCode(service), limit)
	if err != nil {
		return nil, err
	}
	out := make([]Announcement, len(rows))
	for i, r := range rows {
		out[i] = Announcement{ID: r.ID, ServiceCode: r.ServiceCode, ServiceTitle: r.ServiceTitle,
			Version: r.Version, Title: r.Title, Body: r.Body, At: r.At}
	}
	return out, nil
}

// Limits of a hand-written announcement.
const (
	maxAnnouncementTitle = 200
	maxAnnouncementBody  = 10000
)

// PostAnnouncement publishes a hand-written announcement, agency-wide or
// about one service (editors and administrators).
func (f *Flow) PostAnnouncement(ctx context.Context, a desk.Actor, in AnnouncementInput) (Announcement, error) {
	in.ServiceCode = cleanCode(in.ServiceCode)
	if !mayEditCatalog(a) {
		return Announcement{}, f.catalogDenied(ctx, a, "announcement.post", serviceTarget(in.ServiceCode), in.Client)
	}
	in.Title = strings.TrimSpace(oneLineText(in.Title))
	in.Body = strings.TrimSpace(notice.NormalizeBody(in.Body))
	errs := &desk.FieldErrors{}
	var svc desk.Service
	if in.ServiceCode != "" {
		var err error
		if svc, err = f.Store.Service(ctx, in.ServiceCode); desk.ErrorCode(err) == desk.ENOTFOUND {
			errs.Add("service", "خدمتی با این شناسه پیدا نشد؛ شناسه را درست کنید یا برای اطلاعیهٔ عمومی خالی بگذارید.")
		} else if err != nil {
			return Announcement{}, err
		}
	}
	switch {
	case in.Title == "":
		errs.Add("title", "عنوان اطلاعیه را بنویسید.")
	case utf8.RuneCountInString(in.Title) > maxAnnouncementTitle:
		errs.Add("title", fmt.Sprintf("عنوان اطلاعیه بیش از %s نویسه است؛ آن را کوتاه‌تر کنید.", fa.PersianDigits(strconv.Itoa(maxAnnouncementTitle))))
	}
	switch {
	case in.Body == "":
		errs.Add("body", "متن اطلاعیه را بنویسید.")
	case utf8.RuneCountInString(in.Body) > maxAnnouncementBody:
		errs.Add("body", fmt.Sprintf("متن اطلاعیه بیش از %s نویسه است؛ آن را کوتاه‌تر کنید.", fa.PersianDigits(strconv.Itoa(maxAnnouncementBody))))
	}
	if err := errs.Err(); err != nil {
		return Announcement{}, err
	}
	row := &store.Announcement{ServiceCode: svc.Code, ServiceTitle: svc.Title, Title: in.Title, Body: in.Body,
		At: f.now(), PostedBy: a.Label()}
	err := f.inTx(ctx, func(tx *store.Tx) error {
		if err := tx.AddAnnouncement(ctx, row); err != nil {
			return err
		}
		return f.catalogAudit(ctx, tx, a.Label(), "announcement.post", fmt.Sprintf("announcement:%d", row.ID),
			audit.OK, in.Client, serviceTarget(svc.Code))
	})
	if err != nil {
		return Announcement{}, err
	}
	return Announcement{ID: row.ID, ServiceCode: row.ServiceCode, ServiceTitle: row.ServiceTitle,
		Title: row.Title, Body: row.Body, At: row.At}, nil
}

// oneLineText folds line breaks and tabs of a title into spaces.
func oneLineText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
