package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/files"
	"mizban/internal/store"
)

// RepProofKey is the upload key of the document that proves a legal
// representative may act for the applicant.
const RepProofKey = "representation_proof"

// Application is what a citizen typed, kept in a draft until the one-time
// code confirms it. Values are as typed until validated, then canonical.
type Application struct {
	Applicant      desk.Person       `json:"applicant"`
	ForOther       bool              `json:"for_other"`
	Representative desk.Person       `json:"representative"`
	RepBasis       string            `json:"rep_basis"` // وکالت‌نامه، ولایت، قیمومت …
	Answers        map[string]string `json:"answers"`
}

// Upload is one file sent with the form.
type Upload struct {
	Key  string // RequiredDoc.Key, a file FormField.Key or RepProofKey
	Name string
	Data []byte
}

// ApplyInput is one post of the application form.
type ApplyInput struct {
	DraftID     string // empty on the first post
	ServiceCode string
	App         Application
	Uploads     []Upload
	Remove      []int64 // documents the person chose to remove
	Client      string  // ClientKey of the sender
}

// Draft is an application in progress with its documents.
type Draft struct {
	ID        string
	Service   desk.Service
	App       Application
	Documents []desk.Document
	RequestID int64
	Mobile    string // where the one-time code goes (canonical)
}

// RepBases are the accepted grounds for acting for someone else.
var RepBases = []string{"وکالت‌نامه رسمی", "ولی (پدر یا جد پدری)", "قیم", "وصی", "مدیر شرکت یا مؤسسه"}

// SaveDraft stores what was typed and uploaded, then validates it. Files are
// kept even when other fields fail, so nothing is lost; the returned draft
// id must be sent back with the next post. When everything is valid a
// one-time code is sent to the confirming mobile and err is nil.
func (f *Flow) SaveDraft(ctx context.Context, in ApplyInput) (string, error) {
	svc, err := f.Store.Service(ctx, in.ServiceCode)
	if err != nil {
		return "", err
	}
	if !svc.Online {
		return "", desk.Errorf(desk.EINVALID, "این خدمت درخواست اینترنتی ندارد؛ راه‌های دریافت آن در شناسنامه خدمت آمده است.")
	}
	now := f.now()
	d := store.Draft{ID: in.DraftID, ServiceCode: svc.Code, ServiceVersion: svc.Version, Client: in.Client, CreatedAt: now}
	if d.ID != "" {
		old, err := f.Store.Draft(ctx, d.ID)
		if err != nil || old.ServiceCode != svc.Code || isCounterDraft(old.Data) {
			return "", desk.Errorf(desk.ENOTFOUND, "فرم پیدا نشد یا منقضی شده است؛ لطفاً دوباره شروع کنید.")
		}
		if old.RequestID != 0 {
			return "", desk.Errorf(desk.ECONFLICT, "این درخواست قبلاً ثبت شده است.")
		}
		d.CreatedAt = old.CreatedAt
	} else {
		d.ID = randomHex(16)
	}
	d.ExpiresAt = now.Add(f.Opt.DraftTTL)

	app, errs := cleanApplication(svc, in.App)
	mobile := confirmingMobile(app)
	d.MobileIdx = f.Keys.Index(mobile)
	data, err := json.Marshal(app)
	if err != nil {
		return "", err
	}
	d.Data = data

	keep, err := f.storeUploads(ctx, svc, in.Uploads, errs)
	if err != nil {
		return "", err
	}
	if err := f.inTx(ctx, func(tx *store.Tx) error {
		return f.putDraftDocs(ctx, tx, d, in.Remove, keep)
	}); err != nil {
		return "", err
	}
	docs, err := f.Store.Documents(ctx, store.Owner{DraftID: d.ID})
	if err != nil {
		return d.ID, err
	}
	checkRequiredDocs(svc, app, docs, errs)
	if err := errs.Err(); err != nil {
		return d.ID, err
	}
	err = f.inTx(ctx, func(tx *store.Tx) error {
		return f.sendOTP(ctx, tx, PurposeApply, d.ID, mobile, in.Client)
	})
	return d.ID, err
}

// ResendApplyCode sends a fresh code for a valid, unsubmitted draft.
func (f *Flow) ResendApplyCode(ctx context.Context, draftID, client string) error {
	dr, err := f.LoadDraft(ctx, draftID)
	if err != nil {
		return err
	}
	if dr.RequestID != 0 {
		return desk.Errorf(desk.ECONFLICT, "این درخواست قبلاً ثبت شده است.")
	}
	return f.inTx(ctx, func(tx *store.Tx) error {
		return f.sendOTP(ctx, tx, PurposeApply, dr.ID, dr.Mobile, client)
	})
}

// LoadDraft returns a citizen's draft with its service (at the draft's
// version) and documents. Counter drafts are not found here.
func (f *Flow) LoadDraft(ctx context.Context, id string) (Draft, error) {
	d, err := f.Store.Draft(ctx, id)
	if err != nil || isCounterDraft(d.Data) {
		return Draft{}, desk.Errorf(desk.ENOTFOUND, "فرم پیدا نشد یا منقضی شده است؛ لطفاً دوباره شروع کنید.")
	}
	return f.draftOf(ctx, d)
}

// loadDraft is LoadDraft for any draft, the counter's included.
func (f *Flow) loadDraft(ctx context.Context, id string) (Draft, error) {
	d, err := f.Store.Draft(ctx, id)
	if err != nil {
		return Draft{}, desk.Errorf(desk.ENOTFOUND, "فرم پیدا نشد یا منقضی شده است؛ لطفاً دوباره شروع کنید.")
	}
	return f.draftOf(ctx, d)
}

func (f *Flow) draftOf(ctx context.Context, d store.Draft) (Draft, error) {
	id := d.ID
	if d.RequestID == 0 && f.now().After(d.ExpiresAt) {
		return Draft{}, desk.Errorf(desk.ENOTFOUND, "مهلت تکمیل این فرم گذشته است؛ لطفاً دوباره شروع کنید.")
	}
	svc, err := f.Store.ServiceVersion(ctx, d.ServiceCode, d.ServiceVersion)
	if err != nil {
		return Draft{}, err
	}
	out := Draft{ID: d.ID, Service: svc, RequestID: d.RequestID}
	if err := json.Unmarshal(d.Data, &out.App); err != nil {
		return Draft{}, fmt.Errorf("draft %s: %w", id, err)
	}
	out.Mobile = confirmingMobile(out.App)
	out.Documents, err = f.Store.Documents(ctx, store.Owner{DraftID: d.ID})
	return out, err
}

// confirmingMobile is the number that receives the one-time code: the
// representative's when someone applies for another person.
func confirmingMobile(a Application) string {
	if a.ForOther {
		return a.Representative.Mobile
	}
	return a.Applicant.Mobile
}

// cleanApplication validates identity and answers; field keys are those of
// the form ("applicant_name", "rep_mobile", answer keys …).
func cleanApplication(svc desk.Service, a Application) (Application, *desk.FieldErrors) {
	errs := &desk.FieldErrors{}
	person := func(prefix string, p desk.Person, needMobile bool) desk.Person {
		name, msg := desk.CleanName(p.Name)
		if msg != "" {
			errs.Add(prefix+"_name", msg)
		}
		p.Name = name
		if id, err := fa.NationalID(p.NationalID); err != nil {
			errs.Add(prefix+"_nid", err.Error())
		} else {
			p.NationalID = id
		}
		if strings.TrimSpace(p.Mobile) == "" && !needMobile {
			p.Mobile = ""
		} else if m, err := fa.Mobile(p.Mobile); err != nil {
			errs.Add(prefix+"_mobile", err.Error())
		} else {
			p.Mobile = m
		}
		return p
	}
	a.Applicant = person("applicant", a.Applicant, !a.ForOther)
	if a.ForOther {
		a.Representative = person("rep", a.Representative, true)
		a.RepBasis = strings.TrimSpace(fa.Normalize(a.RepBasis))
		ok := false
		for _, b := range RepBases {
			if b == a.RepBasis {
				ok = true
			}
		}
		if !ok {
			errs.Add("rep_basis", "نوع نمایندگی را انتخاب کنید.")
		}
		if a.Representative.NationalID != "" && a.Representative.NationalID == a.Applicant.NationalID {
			errs.Add("rep_nid", "کد ملی نماینده با کد ملی متقاضی یکی است؛ اگر برای خودتان درخواست می‌دهید، گزینه «برای خودم» را انتخاب کنید.")
		}
	} else {
		a.Representative, a.RepBasis = desk.Person{}, ""
	}
	answers, ferrs := desk.CleanAnswers(svc.Form, a.Answers)
	for _, k := range ferrs.Keys {
		errs.Add(k, ferrs.Msgs[k])
	}
	a.Answers = answers
	return a, errs
}

// uploadSlots lists the document keys a service accepts, with their
// accepted formats and whether they are required.
func uploadSlots(svc desk.Service, app Application) map[string]desk.RequiredDoc {
	slots := map[string]desk.RequiredDoc{}
	for _, d := range svc.Documents {
		if d.Upload {
			slots[d.Key] = d
		}
	}
	for _, fl := range svc.Form {
		if fl.Type == desk.FieldFile {
			slots[fl.Key] = desk.RequiredDoc{Key: fl.Key, Name: fl.Label, Required: fl.Required, Upload: true}
		}
	}
	if app.ForOther {
		slots[RepProofKey] = desk.RequiredDoc{Key: RepProofKey, Name: "مدرک نمایندگی (وکالت‌نامه یا حکم)", Required: true, Upload: true}
	}
	return slots
}

// checkUpload checks one file by content and size.
func (f *Flow) checkUpload(svc desk.Service, up Upload) (desk.Document, string) {
	slot, ok := uploadSlots(svc, Application{ForOther: true})[up.Key]
	if !ok {
		return desk.Document{}, "این مدرک برای این خدمت خواسته نشده است."
	}
	if int64(len(up.Data)) > f.Opt.MaxUpload {
		return desk.Document{}, fmt.Sprintf("حجم فایل «%s» بیش از %s مگابایت است؛ فایل کوچک‌تری بارگذاری کنید.", slot.Name, fa.PersianDigits(fmt.Sprint(f.Opt.MaxUpload>>20)))
	}
	mime := files.Sniff(up.Data)
	if mime == "" || !files.Accepts(slot.Formats, mime) {
		return desk.Document{}, fmt.Sprintf("نوع فایل «%s» پذیرفته نیست؛ فایل %s بارگذاری کنید.", slot.Name, formatsText(slot.Formats))
	}
	name := strings.TrimSpace(up.Name)
	if len(name) > 120 {
		name = name[:120]
	}
	return desk.Document{DocKey: up.Key, Name: name, MIME: mime, Size: int64(len(up.Data)), SHA256: files.SHA256Hex(up.Data)}, ""
}

func formatsText(formats []string) string {
	if len(formats) == 0 {
		formats = []string{"pdf", "jpeg", "png"}
	}
	up := make([]string, len(formats))
	for i, f := range formats {
		up[i] = strings.ToUpper(f)
	}
	return strings.Join(up, "، ")
}

func checkRequiredDocs(svc desk.Service, app Application, docs []desk.Document, errs *desk.FieldErrors) {
	have := map[string]bool{}
	for _, d := range docs {
		have[d.DocKey] = true
	}
	for _, slot := range sortedSlots(svc, app) {
		if slot.Required && !have[slot.Key] {
			errs.Add("doc_"+slot.Key, "«"+slot.Name+"» را بارگذاری کنید.")
		}
	}
}

// sortedSlots returns the upload slots in the order the page shows them.
func sortedSlots(svc desk.Service, app Application) []desk.RequiredDoc {
	slots := uploadSlots(svc, app)
	var out []desk.RequiredDoc
	for _, d := range svc.Documents {
		if s, ok := slots[d.Key]; ok {
			out = append(out, s)
		}
	}
	for _, fl := range svc.Form {
		if s, ok := slots[fl.Key]; ok && fl.Type == desk.FieldFile {
			out = append(out, s)
		}
	}
	if s, ok := slots[RepProofKey]; ok {
		out = append(out, s)
	}
	return out
}

// UploadSlots is sortedSlots for pages.
func UploadSlots(svc desk.Service, app Application) []desk.RequiredDoc { return sortedSlots(svc, app) }

func filesHash(b []byte) string { return files.SHA256Hex(b) }

// storeUploads checks every uploaded file by content and size (problems
// go to errs) and stores the good ones before any database write, so a
// bad file is reported, not kept, and a good one survives other errors.
func (f *Flow) storeUploads(ctx context.Context, svc desk.Service, uploads []Upload, errs *desk.FieldErrors) ([]desk.Document, error) {
	var keep []desk.Document
	for _, up := range uploads {
		if len(up.Data) == 0 {
			continue
		}
		doc, msg := f.checkUpload(svc, up)
		if msg != "" {
			errs.Add("doc_"+up.Key, msg)
			continue
		}
		doc.StoreKey = files.NewKey()
		if err := f.Files.Put(ctx, doc.StoreKey, up.Data); err != nil {
			return nil, fmt.Errorf("save document: %w", err)
		}
		keep = append(keep, doc)
	}
	return keep, nil
}

// putDraftDocs writes the draft and its document changes in tx: removed
// ones go, a new upload replaces the one it was chosen for.
func (f *Flow) putDraftDocs(ctx context.Context, tx *store.Tx, d store.Draft, remove []int64, keep []desk.Document) error {
	if err := tx.PutDraft(ctx, d); err != nil {
		return err
	}
	owner := store.Owner{DraftID: d.ID}
	existing, err := tx.Documents(ctx, owner)
	if err != nil {
		return err
	}
	for _, id := range remove {
		if _, err := tx.DeleteDocument(ctx, owner, id); err != nil && desk.ErrorCode(err) != desk.ENOTFOUND {
			return err
		}
	}
	for i := range keep {
		for _, old := range existing {
			if old.DocKey == keep[i].DocKey {
				if _, err := tx.DeleteDocument(ctx, owner, old.ID); err != nil && desk.ErrorCode(err) != desk.ENOTFOUND {
					return err
				}
			}
		}
		if err := tx.AddDocument(ctx, owner, &keep[i]); err != nil {
			return err
		}
	}
	return nil
}
