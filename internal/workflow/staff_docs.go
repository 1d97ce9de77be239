package workflow

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/files"
	"mizban/internal/jalali"
	"mizban/internal/store"
)

// maxCitizenDocs bounds the files of one documents post.
const maxCitizenDocs = 10

// CitizenDocs takes the documents a citizen was asked for, from the
// tracking page after the one-time code (token is TrackSession's): the
// files join the request, it returns to the officer holding it
// (ActDocsReceived), and when the service stops the clock while documents
// are awaited, the promised date moves by the working days (calendar days
// for round-the-clock services) the file waited. It returns the request.
func (f *Flow) CitizenDocs(ctx context.Context, token string, uploads []Upload, client string) (desk.Request, error) {
	t, err := f.TrackSession(ctx, token)
	if err != nil {
		return desk.Request{}, err
	}
	if _, err := desk.Next(t.Request.Status, desk.ActDocsReceived); err != nil {
		return desk.Request{}, desk.Errorf(desk.EINVALID, "برای این درخواست مدرکی خواسته نشده است.")
	}
	svc, err := f.filedService(ctx, t.Request)
	if err != nil {
		return desk.Request{}, err
	}
	slots := uploadSlots(svc, Application{ForOther: true})
	var docs []desk.Document
	var data [][]byte
	for _, up := range uploads {
		if len(up.Data) == 0 {
			continue
		}
		mime, err := files.Check(up.Data, nil, int(f.Opt.MaxUpload))
		if err != nil {
			return desk.Request{}, fieldError("documents", desk.ErrorMessage(err))
		}
		key := "extra" // a document the card does not name
		if _, ok := slots[up.Key]; ok {
			key = up.Key
		}
		docs = append(docs, desk.Document{DocKey: key, Name: cleanFileName(up.Name), MIME: mime,
			Size: int64(len(up.Data)), SHA256: files.SHA256Hex(up.Data)})
		data = append(data, up.Data)
	}
	switch {
	case len(docs) == 0:
		return desk.Request{}, fieldError("documents", "دست‌کم یک فایل بارگذاری کنید.")
	case len(docs) > maxCitizenDocs:
		return desk.Request{}, fieldError("documents", "در هر بار حداکثر ۱۰ فایل می‌توانید بفرستید.")
	}
	for i := range docs {
		docs[i].StoreKey = files.NewKey()
		if err := f.Files.Put(ctx, docs[i].StoreKey, data[i]); err != nil {
			f.dropFiles(ctx, docs[:i])
			return desk.Request{}, fmt.Errorf("save document: %w", err)
		}
	}

	now := f.now()
	var out desk.Request
	err = f.inTx(ctx, func(tx *store.Tx) error {
		r, err := tx.Request(ctx, t.Request.ID)
		if err != nil {
			return err
		}
		next, err := desk.Next(r.Status, desk.ActDocsReceived)
		if err != nil {
			return desk.Errorf(desk.EINVALID, "برای این درخواست مدرکی خواسته نشده است.")
		}
		for i := range docs {
			if err := tx.AddDocument(ctx, store.Owner{RequestID: r.ID}, &docs[i]); err != nil {
				return err
			}
		}
		paused, err := tx.PausedSince(ctx, r.ID)
		if err != nil {
			return err
		}
		waited := 0
		if !paused.IsZero() {
			waited = f.waitedDays(paused, now, svc.CalendarDays)
			if waited > 0 && !r.DueAt.IsZero() {
				r.DueAt = f.Cal.Due(r.DueAt, waited, svc.CalendarDays).Time().UTC()
			}
			if err := tx.ResumeClock(ctx, r.ID); err != nil {
				return err
			}
		}
		from := r.Status
		r.Status = next
		if err := tx.UpdateRequest(ctx, &r); err != nil {
			if desk.ErrorCode(err) == desk.ECONFLICT {
				return errStaleRequest
			}
			return err
		}
		ev := desk.Event{RequestID: r.ID, At: now, Type: eventType[desk.ActDocsReceived], Status: r.Status,
			UnitCode: r.UnitCode, StaffID: r.AssigneeID, Actor: "citizen",
			Note: "متقاضی مدارک خواسته‌شده را فرستاد."}
		if err := tx.AppendEventDays(ctx, &ev, waited); err != nil {
			return err
		}
		if err := tx.AppendAudit(ctx, &audit.Record{At: now, Actor: "citizen",
			Action: "request." + string(desk.ActDocsReceived), Target: requestTarget(r.ID), Result: audit.OK,
			Client: client, Details: "documents=" + strconv.Itoa(len(docs)) + " days=" + strconv.Itoa(waited)}); err != nil {
			return err
		}
		if err := f.webhookAction(ctx, tx, desk.ActDocsReceived, from, r, ev); err != nil {
			return err
		}
		if r.Documents, err = tx.Documents(ctx, store.Owner{RequestID: r.ID}); err != nil {
			return err
		}
		out = r
		return nil
	})
	if err != nil {
		f.dropFiles(ctx, docs)
		return desk.Request{}, err
	}
	return out, nil
}

// waitedDays is how many days a paused clock gives back: the working days
// after the day the documents were asked for, up to and including the day
// they arrived (calendar days for round-the-clock services). Asked and
// answered on the same day gives back nothing.
func (f *Flow) waitedDays(paused, now time.Time, calendarDays bool) int {
	a, b := jalali.FromTime(paused), jalali.FromTime(now)
	if calendarDays {
		return max(b.Sub(a), 0)
	}
	return max(f.Cal.WorkingDaysBetween(a, b), 0)
}

// dropFiles deletes stored files whose rows were never committed.
func (f *Flow) dropFiles(ctx context.Context, docs []desk.Document) {
	for _, d := range docs {
		if d.StoreKey == "" {
			continue
		}
		if err := f.Files.Delete(context.WithoutCancel(ctx), d.StoreKey); err != nil {
			f.Log.Warn("document file left behind", "err", err)
		}
	}
}
