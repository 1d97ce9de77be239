package workflow_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

// counterOfflineService has no online form and documents to show in person only.
func counterOfflineService() desk.Service {
	svc := testService()
	svc.Code, svc.Title, svc.Online, svc.Form = "13091713998", "گواهی آزمایشی حضوری", false, nil
	svc.Documents = []desk.RequiredDoc{{Key: "id_card", Name: "کارت ملی", Required: true}}
	return svc
}

// counterEnv adds a counter unit, an offline service and a desk operator.
func counterEnv(t *testing.T, st *store.Store) (*env, desk.Actor) {
	t.Helper()
	ctx := context.Background()
	e := newEnv(t, st)
	var id int64
	if err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.PutUnit(ctx, desk.Unit{Code: "front", Name: "میز خدمت حضوری"}); err != nil {
			return err
		}
		if _, err := tx.PublishService(ctx, counterOfflineService()); err != nil {
			return err
		}
		var err error
		id, err = tx.PutStaff(ctx, store.StaffRecord{
			Staff:    desk.Staff{Name: "مریم کاظمی", Title: "متصدی میز خدمت", UnitCode: "front"},
			Username: "maryam", Role: string(desk.RoleDeskOperator), Active: true,
		})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return e, desk.Actor{StaffID: id, Name: "مریم کاظمی", Roles: []desk.Role{desk.RoleDeskOperator},
		Units: []desk.Membership{{UnitCode: "front", Title: "متصدی میز خدمت"}}}
}

func counterWalkIn() workflow.CounterInput {
	in := validInput()
	return workflow.CounterInput{
		ServiceCode: in.ServiceCode, Channel: desk.ChannelInPerson, App: in.App,
		Uploads: in.Uploads, Client: "desk-client",
	}
}

// counterAuditRecords returns the request.register records.
func counterAuditRecords(t *testing.T, st *store.Store) []audit.Record {
	t.Helper()
	recs, err := st.Audit(context.Background(), store.AuditFilter{Action: "request.register"})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestCounterWalkInWithCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e, op := counterEnv(t, st)

		res, err := e.flow.RegisterAtCounter(ctx, op, counterWalkIn())
		if err != nil || res.DraftID == "" || res.CodeTo != "09121234567" || res.Request.ID != 0 {
			t.Fatalf("RegisterAtCounter = %+v, %v; want a draft waiting for a code to 09121234567", res, err)
		}
		code := lastCode(t, st, "09121234567")

		// The citizen's confirm path does not take a counter draft's code.
		if _, err := e.flow.Confirm(ctx, res.DraftID, code); err == nil {
			t.Fatal("citizen Confirm accepted a counter code")
		}
		// Another operator does not see this draft.
		other := op
		other.StaffID = op.StaffID + 100
		if _, err := e.flow.ConfirmAtCounter(ctx, other, res.DraftID, code, "x"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Fatalf("ConfirmAtCounter(other operator) = %v; want ENOTFOUND", err)
		}
		wrong := "000000"
		if wrong == code {
			wrong = "111111"
		}
		_, err = e.flow.ConfirmAtCounter(ctx, op, res.DraftID, wrong, "desk-client")
		if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorFields(err)["code"] == "" {
			t.Fatalf("ConfirmAtCounter(wrong) = %v; want EINVALID on the code field", err)
		}
		if n := len(counterAuditRecords(t, st)); n != 0 {
			t.Fatalf("%d register audit records before confirming; want 0", n)
		}

		req, err := e.flow.ConfirmAtCounter(ctx, op, res.DraftID, fa.PersianDigits(code), "desk-client")
		if err != nil {
			t.Fatalf("ConfirmAtCounter = %v", err)
		}
		if req.Channel != desk.ChannelInPerson || req.Status != desk.StatusSubmitted || req.UnitCode != "permits" {
			t.Errorf("request channel %q status %q unit %q; want in_person, submitted, permits", req.Channel, req.Status, req.UnitCode)
		}
		again, err := e.flow.ConfirmAtCounter(ctx, op, res.DraftID, code, "desk-client")
		if err != nil || again.ID != req.ID {
			t.Fatalf("second confirm = %d, %v; want the same request %d", again.ID, err, req.ID)
		}
		// A re-post of the same draft (double click) returns it too.
		repost := counterWalkIn()
		repost.DraftID = res.DraftID
		if r2, err := e.flow.RegisterAtCounter(ctx, op, repost); err != nil || r2.Request.ID != req.ID {
			t.Fatalf("re-post after confirm = %+v, %v; want request %d", r2, err, req.ID)
		}

		stored, err := st.Request(ctx, req.ID)
		if err != nil || stored.Channel != desk.ChannelInPerson || stored.Applicant.Mobile != "09121234567" || len(stored.Documents) != 1 {
			t.Fatalf("stored = %+v, %v", stored, err)
		}
		evs, err := st.Events(ctx, req.ID, true)
		if err != nil || len(evs) != 1 {
			t.Fatalf("events = %+v, %v; want one", evs, err)
		}
		ev := evs[0]
		if ev.StaffID != op.StaffID || ev.Actor != op.Label() || ev.UnitCode != "front" ||
			ev.UnitName != "میز خدمت حضوری" || ev.StaffName != "مریم کاظمی" ||
			ev.Note != "درخواست در میز خدمت حضوری ثبت شد." || ev.Internal {
			t.Errorf("first event = %+v; want the operator, their unit and the counter note", ev)
		}
		recs := counterAuditRecords(t, st)
		if len(recs) != 1 {
			t.Fatalf("register audit records = %d; want 1", len(recs))
		}
		r := recs[0]
		if r.Actor != op.Label() || r.Target != "request:"+strconv.FormatInt(req.ID, 10) || r.Result != audit.OK ||
			r.Client != "desk-client" || !strings.Contains(r.Details, `"channel":"in_person"`) {
			t.Errorf("audit = %+v", r)
		}
		if strings.Contains(r.Details, "0076229645") || strings.Contains(r.Details, "0912") {
			t.Errorf("audit details hold personal data: %s", r.Details)
		}
		if _, err := st.VerifyAudit(ctx); err != nil {
			t.Errorf("audit chain: %v", err)
		}
		msgs, err := st.RequestSMS(ctx, req.ID)
		if err != nil || len(msgs) != 1 || msgs[0].Kind != "registered" || msgs[0].To != "09121234567" ||
			!strings.Contains(msgs[0].Text, req.TrackingCode) {
			t.Fatalf("request SMS = %+v, %v; want one confirmation with the tracking code", msgs, err)
		}
		// The citizen continues online with the code and their mobile.
		if _, err := e.flow.Lookup(ctx, req.TrackingCode, "09121234567", "c9"); err != nil {
			t.Errorf("Lookup = %v", err)
		}
	})
}

func TestCounterLetterWithoutMobile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e, op := counterEnv(t, st)
		in := counterWalkIn()
		in.Channel, in.NoMobile = desk.ChannelLetter, true
		in.App.Applicant.Mobile = ""
		in.Uploads = nil
		in.Originals = []string{"deed", "no-such-doc"}

		res, err := e.flow.RegisterAtCounter(ctx, op, in)
		if err != nil || res.Request.ID == 0 || res.CodeTo != "" {
			t.Fatalf("RegisterAtCounter(letter) = %+v, %v; want registered at once", res, err)
		}
		req := res.Request
		if req.Channel != desk.ChannelLetter || req.Applicant.Mobile != "" {
			t.Errorf("request channel %q mobile %q; want letter and none", req.Channel, req.Applicant.Mobile)
		}
		msgs, err := st.RecentSMS(ctx, 50)
		if err != nil || len(msgs) != 0 {
			t.Errorf("SMS sent for a letter with no mobile: %+v, %v", msgs, err)
		}
		evs, err := st.Events(ctx, req.ID, false)
		want := "درخواست از روی نامه کتبی متقاضی در میز خدمت حضوری ثبت شد؛ اصل این مدارک در میز خدمت دیده شد: سند مالکیت."
		if err != nil || len(evs) != 1 || evs[0].Note != want || evs[0].StaffID != op.StaffID {
			t.Fatalf("events = %+v, %v; want one with note %q", evs, err, want)
		}
		recs := counterAuditRecords(t, st)
		if len(recs) != 1 || !strings.Contains(recs[0].Details, `"originals_seen":["deed"]`) ||
			!strings.Contains(recs[0].Details, `"no_mobile":true`) {
			t.Fatalf("audit = %+v", recs)
		}
		// Confirming again (a stale confirm page) returns the same request.
		again, err := e.flow.ConfirmAtCounter(ctx, op, res.DraftID, "", "desk-client")
		if err != nil || again.ID != req.ID {
			t.Errorf("confirm after a direct registration = %d, %v; want %d", again.ID, err, req.ID)
		}
	})
}

func TestCounterOfflineServiceAndRepresentative(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e, op := counterEnv(t, st)
		in := workflow.CounterInput{
			ServiceCode: counterOfflineService().Code, Channel: desk.ChannelPhone,
			App: workflow.Application{
				Applicant:      desk.Person{Name: "رضا تهرانی", NationalID: "0076229645"},
				ForOther:       true,
				Representative: desk.Person{Name: "علی تهرانی", NationalID: "0499370899", Mobile: "09351234567"},
				RepBasis:       workflow.RepBases[0],
			},
			Uploads:   []workflow.Upload{{Key: "id_card", Name: "scan.tif", Data: pdfBytes}},
			Originals: []string{workflow.RepProofKey},
		}
		res, err := e.flow.RegisterAtCounter(ctx, op, in)
		if err != nil || res.CodeTo != "09351234567" {
			t.Fatalf("RegisterAtCounter(offline, representative) = %+v, %v; want code to the representative", res, err)
		}
		req, err := e.flow.ConfirmAtCounter(ctx, op, res.DraftID, lastCode(t, st, "09351234567"), "c")
		if err != nil || req.Channel != desk.ChannelPhone || req.Representative == nil || req.ServiceCode != counterOfflineService().Code {
			t.Fatalf("ConfirmAtCounter = %+v, %v", req, err)
		}
		stored, err := st.Request(ctx, req.ID)
		if err != nil || len(stored.Documents) != 1 || stored.Documents[0].DocKey != "id_card" {
			t.Fatalf("documents = %+v, %v; want the scanned ID card", stored.Documents, err)
		}
	})
}

func TestCounterValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e, op := counterEnv(t, st)

		officer := desk.Actor{StaffID: op.StaffID, Roles: []desk.Role{desk.RoleOfficer}}
		if _, err := e.flow.RegisterAtCounter(ctx, officer, counterWalkIn()); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("RegisterAtCounter(officer) = %v; want EFORBIDDEN", err)
		}
		manager := desk.Actor{StaffID: op.StaffID, Roles: []desk.Role{desk.RoleManager}, Units: op.Units}
		if _, err := e.flow.RegisterAtCounter(ctx, manager, counterWalkIn()); err != nil {
			t.Fatalf("RegisterAtCounter(manager) = %v", err)
		}
		notMine := counterWalkIn()
		notMine.UnitCode = "permits"
		if _, err := e.flow.RegisterAtCounter(ctx, op, notMine); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("RegisterAtCounter(another unit) = %v; want EFORBIDDEN", err)
		}

		cases := []struct {
			name   string
			change func(*workflow.CounterInput)
			fields []string
		}{
			{"no channel", func(in *workflow.CounterInput) { in.Channel = "" }, []string{"channel"}},
			{"web is no counter channel", func(in *workflow.CounterInput) { in.Channel = desk.ChannelWeb }, []string{"channel"}},
			{"no mobile in person", func(in *workflow.CounterInput) { in.NoMobile = true }, []string{"no_mobile", "applicant_mobile"}},
			{"letter: mobile typed but no code wanted", func(in *workflow.CounterInput) {
				in.Channel, in.NoMobile = desk.ChannelLetter, true
			}, []string{"applicant_mobile"}},
			{"walk-in without mobile", func(in *workflow.CounterInput) { in.App.Applicant.Mobile = "" }, []string{"applicant_mobile"}},
			{"letter with mobile still needs a valid one", func(in *workflow.CounterInput) {
				in.Channel, in.App.Applicant.Mobile = desk.ChannelLetter, "0912"
			}, []string{"applicant_mobile"}},
			{"bad national id and answers", func(in *workflow.CounterInput) {
				in.App.Applicant.NationalID = "0076229646"
				in.App.Answers["area"] = "صد"
				delete(in.App.Answers, "use")
			}, []string{"applicant_nid", "area", "use"}},
			{"required document neither scanned nor seen", func(in *workflow.CounterInput) { in.Uploads = nil }, []string{"doc_deed"}},
			{"wrong file type", func(in *workflow.CounterInput) {
				in.Uploads = []workflow.Upload{{Key: "deed", Name: "x.txt", Data: []byte("hello")}}
			}, []string{"doc_deed"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				in := counterWalkIn()
				c.change(&in)
				res, err := e.flow.RegisterAtCounter(ctx, op, in)
				if desk.ErrorCode(err) != desk.EINVALID || res.DraftID == "" || res.Request.ID != 0 {
					t.Fatalf("RegisterAtCounter = %+v, %v; want EINVALID with a draft", res, err)
				}
				got := desk.ErrorFields(err)
				for _, k := range c.fields {
					if got[k] == "" {
						t.Errorf("no error for %s in %v", k, got)
					}
				}
				if len(got) != len(c.fields) {
					t.Errorf("errors %v; want exactly %v", got, c.fields)
				}
			})
		}

		// Everything typed and scanned is kept for the next post.
		in := counterWalkIn()
		in.App.Applicant.NationalID = "0076229646"
		res, err := e.flow.RegisterAtCounter(ctx, op, in)
		if desk.ErrorCode(err) != desk.EINVALID {
			t.Fatalf("RegisterAtCounter(bad) = %v", err)
		}
		dr, err := e.flow.CounterDraft(ctx, op, res.DraftID)
		if err != nil || len(dr.Documents) != 1 || dr.Channel != desk.ChannelInPerson || dr.App.Answers["area"] != "120" {
			t.Fatalf("CounterDraft = %+v, %v; want the deed, channel and answers kept", dr, err)
		}
		in.DraftID, in.Uploads = res.DraftID, nil
		in.App.Applicant.NationalID = "0076229645"
		if res, err = e.flow.RegisterAtCounter(ctx, op, in); err != nil || res.CodeTo == "" {
			t.Fatalf("fixed post = %+v, %v", res, err)
		}
		// A second post within the resend wait says so, without losing the draft.
		if res2, err := e.flow.RegisterAtCounter(ctx, op, in); desk.ErrorCode(err) != desk.ERATELIMIT || res2.DraftID != res.DraftID {
			t.Fatalf("re-post = %+v, %v; want ERATELIMIT on the same draft", res2, err)
		}
		if err := e.flow.ResendCounterCode(ctx, op, res.DraftID); desk.ErrorCode(err) != desk.ERATELIMIT {
			t.Fatalf("ResendCounterCode too soon = %v; want ERATELIMIT", err)
		}
		// The draft records that it is the counter's.
		raw, err := st.Draft(ctx, res.DraftID)
		if err != nil {
			t.Fatal(err)
		}
		var data map[string]json.RawMessage
		if err := json.Unmarshal(raw.Data, &data); err != nil || data["counter"] == nil {
			t.Fatalf("draft data %s lacks the counter record", raw.Data)
		}
	})
}
