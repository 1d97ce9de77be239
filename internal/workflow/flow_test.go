package workflow_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/files"
	smspkg "mizban/internal/sms"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/vault"
	"mizban/internal/workcal"
	"mizban/internal/workflow"
)

// tiny but real file headers, sniffed by content
var (
	pngBytes = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 32)...)
	pdfBytes = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
)

func testService() desk.Service {
	return desk.Service{
		Code: "13091713999", Title: "درخواست آزمایشی", Summary: "برای آزمون", Description: "شرح",
		Kind: desk.KindPermit, Type: "G2C", Audience: []string{"citizens"}, Nature: "حاکمیتی", Level: "شهری",
		Category: "building", Trigger: "درخواست شهروند", UnitCode: "permits", Online: true,
		DurationDays: 5, HoursPlaces: "شنبه تا چهارشنبه",
		Documents: []desk.RequiredDoc{
			{Key: "deed", Name: "سند مالکیت", Required: true, Upload: true},
			{Key: "map", Name: "نقشه", Required: false, Upload: true, Formats: []string{"pdf"}},
		},
		Steps: []desk.Step{{Title: "بررسی", UnitCode: "permits"}, {Title: "صدور", UnitCode: "permits"}},
		Form: []desk.FormField{
			{Key: "area", Label: "مساحت", Type: desk.FieldNumber, Required: true},
			{Key: "when", Label: "تاریخ", Type: desk.FieldDate},
			{Key: "use", Label: "کاربری", Type: desk.FieldChoice, Choices: []string{"مسکونی", "تجاری"}, Required: true},
		},
	}
}

type env struct {
	flow *workflow.Flow
	st   *store.Store
	now  time.Time
}

func newEnv(t *testing.T, st *store.Store) *env {
	t.Helper()
	ctx := context.Background()
	v, err := vault.New(vault.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	fs, err := files.NewLocal(t.TempDir(), v)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.PutUnit(ctx, desk.Unit{Code: "permits", Name: "اداره صدور پروانه"}); err != nil {
			return err
		}
		_, err := tx.PublishService(ctx, testService())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	e := &env{st: st, now: time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)} // Tuesday 3 Azar 1405
	e.flow = workflow.New(st, fs, v, workcal.Default(), workflow.Options{BaseURL: "https://eservice.armandasht.example"}, nil)
	e.flow.Now = func() time.Time { return e.now }
	return e
}

func validInput() workflow.ApplyInput {
	return workflow.ApplyInput{
		ServiceCode: "13091713999", Client: "c1",
		App: workflow.Application{
			Applicant: desk.Person{Name: "زهرا  احمدي", NationalID: "۰۰۷۶۲۲۹۶۴۵", Mobile: "+98 912 123 4567"},
			Answers:   map[string]string{"area": "۱۲۰", "when": "1405/9/4", "use": "مسکونی"},
		},
		Uploads: []workflow.Upload{{Key: "deed", Name: "sanad.png", Data: pngBytes}},
	}
}

var codeRE = regexp.MustCompile(`\d{6}`)

// lastCode reads the one-time code from the newest SMS to mobile.
func lastCode(t *testing.T, st *store.Store, mobile string) string {
	t.Helper()
	msgs, err := st.RecentSMS(context.Background(), 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.To == mobile && (m.Kind == "otp" || m.Kind == "otp_counter") {
			return codeRE.FindString(m.Text)
		}
	}
	t.Fatalf("no code sent to %s", mobile)
	return ""
}

func TestApplyConfirmTrack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)

		// Bad input: every problem reported, the uploaded file kept.
		bad := validInput()
		bad.App.Applicant.NationalID = "0076229646"
		bad.App.Answers["area"] = "صد"
		delete(bad.App.Answers, "use")
		id, err := e.flow.SaveDraft(ctx, bad)
		if desk.ErrorCode(err) != desk.EINVALID || id == "" {
			t.Fatalf("SaveDraft(bad) = %q, %v; want draft id and EINVALID", id, err)
		}
		fields := desk.ErrorFields(err)
		for _, k := range []string{"applicant_nid", "area", "use"} {
			if fields[k] == "" {
				t.Errorf("no error for %s in %v", k, fields)
			}
		}
		dr, err := e.flow.LoadDraft(ctx, id)
		if err != nil || len(dr.Documents) != 1 || dr.Documents[0].DocKey != "deed" {
			t.Fatalf("draft documents after a failed post = %+v, %v; want the deed kept", dr.Documents, err)
		}
		if dr.App.Applicant.Name != "زهرا احمدی" {
			t.Errorf("name kept as %q; want normalised «زهرا احمدی»", dr.App.Applicant.Name)
		}

		// Fixed: the second post needs no new upload.
		good := validInput()
		good.DraftID = id
		good.Uploads = nil
		if _, err := e.flow.SaveDraft(ctx, good); err != nil {
			t.Fatalf("SaveDraft(good) = %v", err)
		}
		code := lastCode(t, st, "09121234567")

		// A wrong code counts; the right one registers the request.
		wrong := "000000"
		if wrong == code {
			wrong = "111111"
		}
		if _, err := e.flow.Confirm(ctx, id, wrong); desk.ErrorCode(err) != desk.EINVALID {
			t.Fatalf("Confirm(wrong) = %v; want EINVALID", err)
		}
		req, err := e.flow.Confirm(ctx, id, fa.PersianDigits(code))
		if err != nil {
			t.Fatalf("Confirm = %v", err)
		}
		if !desk.ValidTrackingCode(req.TrackingCode) || req.Status != desk.StatusSubmitted {
			t.Fatalf("request = %+v", req)
		}
		// 5 working days after Tuesday 3 Azar 1405: Wed 4, Sat 7, Sun 8, Mon 9, Tue 10 Azar.
		if got := req.DueAt.In(time.FixedZone("IRST", 12600)).Format("2006-01-02"); got != "2026-12-01" {
			t.Errorf("due = %s; want 2026-12-01 (10 Azar 1405)", got)
		}
		again, err := e.flow.Confirm(ctx, id, code)
		if err != nil || again.ID != req.ID {
			t.Fatalf("repeat Confirm = %v, %v; want the same request %d", again.ID, err, req.ID)
		}

		// Tracking with Persian digits; wrong mobile and wrong code answer alike.
		tr, err := e.flow.Lookup(ctx, fa.PersianDigits(req.TrackingCode), "۰۹۱۲۱۲۳۴۵۶۷", "c2")
		if err != nil {
			t.Fatalf("Lookup = %v", err)
		}
		if len(tr.Events) != 1 || tr.Events[0].Type != "submitted" || tr.Unit != "اداره صدور پروانه" {
			t.Errorf("tracking = %+v", tr)
		}
		if len(tr.Request.Documents) != 1 || tr.Request.Documents[0].SHA256 != files.SHA256Hex(pngBytes) {
			t.Errorf("request documents = %+v", tr.Request.Documents)
		}
		_, errMobile := e.flow.Lookup(ctx, req.TrackingCode, "09120000000", "c2")
		otherCode, _ := desk.NewTrackingCode()
		_, errCode := e.flow.Lookup(ctx, otherCode, "09121234567", "c2")
		if desk.ErrorCode(errMobile) != desk.ENOTFOUND || errMobile.Error() != errCode.Error() {
			t.Errorf("wrong mobile = %v, wrong code = %v; want the same not-found answer", errMobile, errCode)
		}

		// One confirmation SMS for the one event.
		sms, err := st.RequestSMS(ctx, req.ID)
		if err != nil || len(sms) != 1 || !strings.Contains(sms[0].Text, req.TrackingCode) {
			t.Fatalf("request SMS = %+v, %v; want one carrying the tracking code", sms, err)
		}
		if parts, _ := smspkg.Parts(sms[0].Text); parts != 1 {
			t.Errorf("confirmation SMS takes %d parts; want 1: %q", parts, sms[0].Text)
		}
	})
}

func TestOTPLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		id, err := e.flow.SaveDraft(ctx, validInput())
		if err != nil {
			t.Fatal(err)
		}
		// Resend at once: asked to wait.
		if err := e.flow.ResendApplyCode(ctx, id, "c1"); desk.ErrorCode(err) != desk.ERATELIMIT {
			t.Fatalf("immediate resend = %v; want ERATELIMIT", err)
		}
		// Five wrong tries exhaust the code, even the right one is refused after.
		code := lastCode(t, st, "09121234567")
		for i := 0; i < 5; i++ {
			if _, err := e.flow.Confirm(ctx, id, "99999"+string(rune('0'+i))); err == nil {
				t.Fatal("wrong code accepted")
			}
		}
		if _, err := e.flow.Confirm(ctx, id, code); desk.ErrorCode(err) != desk.EINVALID {
			t.Fatalf("right code after 5 wrong tries = %v; want refused", err)
		}
		// Expiry: a fresh code after the wait, used too late.
		e.now = e.now.Add(2 * time.Minute)
		if err := e.flow.ResendApplyCode(ctx, id, "c1"); err != nil {
			t.Fatalf("resend after wait = %v", err)
		}
		code = lastCode(t, st, "09121234567")
		e.now = e.now.Add(6 * time.Minute)
		if _, err := e.flow.Confirm(ctx, id, code); desk.ErrorCode(err) != desk.EINVALID {
			t.Fatalf("expired code = %v; want refused", err)
		}
		// Hourly limit per mobile.
		var last error
		for i := 0; i < 6; i++ {
			e.now = e.now.Add(61 * time.Second)
			last = e.flow.ResendApplyCode(ctx, id, "c1")
		}
		if desk.ErrorCode(last) != desk.ERATELIMIT {
			t.Fatalf("7th code within the hour = %v; want ERATELIMIT", last)
		}
	})
}

func TestUploadChecks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		in := validInput()
		in.Uploads = []workflow.Upload{
			{Key: "deed", Name: "deed.pdf", Data: []byte("just text, not a pdf")},
			{Key: "map", Name: "map.png", Data: pngBytes}, // map accepts pdf only
		}
		id, err := e.flow.SaveDraft(ctx, in)
		f := desk.ErrorFields(err)
		if f["doc_deed"] == "" || f["doc_map"] == "" {
			t.Fatalf("fields = %v; want both documents refused", f)
		}
		dr, _ := e.flow.LoadDraft(ctx, id)
		if len(dr.Documents) != 0 {
			t.Errorf("refused files were stored: %+v", dr.Documents)
		}
		in.DraftID = id
		in.Uploads = []workflow.Upload{{Key: "deed", Name: "deed.pdf", Data: pdfBytes}, {Key: "map", Name: "m.pdf", Data: pdfBytes}}
		if _, err := e.flow.SaveDraft(ctx, in); err != nil {
			t.Fatalf("valid files = %v", err)
		}
	})
}
