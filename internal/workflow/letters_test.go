package workflow_test

import (
	"context"
	"strings"
	"testing"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/jalali"
	"mizban/internal/letters"
	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

func centralSecretariat() letters.Secretariat {
	return letters.Secretariat{Code: "1", Name: "دبیرخانه مرکزی", IncomingFormat: "{year}/{seq}/و",
		OutgoingFormat: "{year}/{seq}/ص", InternalFormat: "{year}/{seq}/د"}
}

func TestSecretariatAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		in := workflow.SecretariatInput{Secretariat: centralSecretariat(), Client: "c"}

		// Only administrators; the refusal is audited.
		for _, a := range []desk.Actor{o.mgrA, o.editor, {}} {
			if err := o.flow.CreateSecretariat(ctx, a, in); desk.ErrorCode(err) != desk.EFORBIDDEN {
				t.Errorf("%s created a secretariat: %v", a.Label(), err)
			}
		}
		if all, _ := st.Secretariats(ctx); len(all) != 0 {
			t.Fatalf("secretariats after refusals: %+v", all)
		}
		denied, _ := st.Audit(ctx, store.AuditFilter{Action: "secretariat.create"})
		if len(denied) != 3 || denied[0].Result != audit.Denied {
			t.Errorf("audit of refusals: %+v", denied)
		}

		if err := o.flow.CreateSecretariat(ctx, o.admin, in); err != nil {
			t.Fatal(err)
		}
		if sec, err := st.Secretariat(ctx, "1"); err != nil || !sec.Active || sec.Name != "دبیرخانه مرکزی" {
			t.Errorf("stored %+v, %v", sec, err)
		}
		bad := in
		bad.Secretariat.Code, bad.Secretariat.IncomingFormat = "2", "{seq}"
		err := o.flow.CreateSecretariat(ctx, o.admin, bad)
		if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorFields(err)["incoming_format"] == "" {
			t.Errorf("bad format: %v", err)
		}

		if err := o.flow.SetSecretariatActive(ctx, o.offA1, "1", false, "c"); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Errorf("officer switched a secretariat off: %v", err)
		}
		if err := o.flow.SetSecretariatActive(ctx, o.admin, "۱", false, "c"); err != nil {
			t.Fatal(err)
		}
		if sec, _ := st.Secretariat(ctx, "1"); sec.Active {
			t.Error("still active")
		}
		ok, _ := st.Audit(ctx, store.AuditFilter{Action: "secretariat.active"})
		if len(ok) != 2 || ok[1].Result != audit.OK || ok[1].Details != "active=false" {
			t.Errorf("audit of the switch: %+v", ok)
		}
	})
}

func TestRegisterIncoming(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		if err := o.flow.CreateSecretariat(ctx, o.admin, workflow.SecretariatInput{Secretariat: centralSecretariat()}); err != nil {
			t.Fatal(err)
		}
		r := o.file(t, "permits", "citizen")
		reg := func(a desk.Actor, version int) (letters.Letter, error) {
			return o.flow.RegisterIncoming(ctx, a, workflow.RegisterInput{RequestID: r.ID, Version: version, Secretariat: "1", Client: "c"})
		}

		// Who may: not another unit, not an auditor (both as if missing).
		for _, a := range []desk.Actor{o.offB, o.auditor, o.admin} {
			if _, err := reg(a, r.Version); desk.ErrorCode(err) != desk.ENOTFOUND {
				t.Errorf("%s: %v; want ENOTFOUND", a.Label(), err)
			}
		}
		if _, err := reg(o.offA1, r.Version+1); desk.ErrorCode(err) != desk.ECONFLICT {
			t.Errorf("stale version: %v", err)
		}

		l, err := reg(o.offA1, r.Version)
		if err != nil {
			t.Fatal(err)
		}
		if l.Seq != 1 || l.Direction != letters.Incoming || l.RequestID != r.ID || l.Subject != "درخواست آزمایشی" {
			t.Errorf("letter %+v", l)
		}
		if wantNumber := "/1/و"; len(l.Number) < len(wantNumber) || l.Number[len(l.Number)-len(wantNumber):] != wantNumber {
			t.Errorf("number %q; want …%s", l.Number, wantNumber)
		}

		// Once per request, even with a fresh version.
		again := o.reload(t, r.ID)
		if again.Version != r.Version+1 {
			t.Errorf("version %d; want %d", again.Version, r.Version+1)
		}
		if _, err := reg(o.mgrA, again.Version); desk.ErrorCode(err) != desk.ECONFLICT {
			t.Errorf("second registration: %v", err)
		}
		got, _ := st.LettersOfRequest(ctx, r.ID)
		if len(got) != 1 {
			t.Errorf("%d letters; want 1", len(got))
		}

		// Event, SMS (keyed by the event), audit.
		events, _ := st.Events(ctx, r.ID, true)
		if len(events) == 0 || events[0].Type != "letter_registered" || events[0].Note != workflow.LetterRegisteredNote {
			t.Errorf("newest event %+v", events[0])
		}
		sms, _ := st.RequestSMS(ctx, r.ID)
		if len(sms) != 1 || sms[0].Kind != string(notice.KindLetterIssued) || sms[0].DedupeKey != "event:"+itoa(events[0].ID) {
			t.Errorf("SMS %+v", sms)
		}
		recs, _ := st.Audit(ctx, store.AuditFilter{Action: "letter.register"})
		if len(recs) != 1 || recs[0].Actor != o.offA1.Label() || recs[0].Result != audit.OK {
			t.Errorf("audit %+v", recs)
		}

		// A closed request is not registered; an inactive secretariat
		// registers nothing and leaves no trace.
		closed := o.file(t, "permits", "citizen", func(r *desk.Request) { r.Status = desk.StatusClosed })
		if _, err := o.flow.RegisterIncoming(ctx, o.mgrA, workflow.RegisterInput{RequestID: closed.ID, Version: closed.Version, Secretariat: "1"}); desk.ErrorCode(err) != desk.EINVALID {
			t.Errorf("closed request: %v", err)
		}
		if err := o.flow.SetSecretariatActive(ctx, o.admin, "1", false, ""); err != nil {
			t.Fatal(err)
		}
		other := o.file(t, "permits", "citizen")
		if _, err := o.flow.RegisterIncoming(ctx, o.mgrA, workflow.RegisterInput{RequestID: other.ID, Version: other.Version, Secretariat: "1"}); desk.ErrorCode(err) != desk.EINVALID {
			t.Errorf("inactive secretariat: %v", err)
		}
		if evs, _ := st.Events(ctx, other.ID, true); len(evs) != 1 {
			t.Errorf("%d events after a refused registration; want 1", len(evs))
		}
	})
}

func TestAnswerRegistersReply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		if err := o.flow.CreateSecretariat(ctx, o.admin, workflow.SecretariatInput{Secretariat: centralSecretariat()}); err != nil {
			t.Fatal(err)
		}
		answer := func(r desk.Request) {
			r = o.act(t, o.offA1, r, workflow.ActInput{Action: desk.ActAccept})
			o.act(t, o.mgrA, r, workflow.ActInput{Action: desk.ActAnswer, Text: "پروانه صادر شد."})
		}

		// Without an incoming letter an answer is no letter.
		plain := o.file(t, "permits", "citizen")
		answer(plain)
		if ls, _ := st.LettersOfRequest(ctx, plain.ID); len(ls) != 0 {
			t.Errorf("letters of an unregistered request: %+v", ls)
		}

		r := o.file(t, "permits", "citizen")
		in, err := o.flow.RegisterIncoming(ctx, o.offA1, workflow.RegisterInput{RequestID: r.ID, Version: r.Version, Secretariat: "1"})
		if err != nil {
			t.Fatal(err)
		}
		answer(o.reload(t, r.ID))
		ls, _ := st.LettersOfRequest(ctx, r.ID)
		if len(ls) != 2 {
			t.Fatalf("%d letters; want the incoming one and the reply", len(ls))
		}
		out := ls[1]
		if out.Direction != letters.Outgoing || out.InReplyTo != in.ID || out.SignerID != o.mgrA.StaffID || out.Seq != 1 ||
			out.Number[len(out.Number)-len("/1/ص"):] != "/1/ص" {
			t.Errorf("reply %+v", out)
		}
		token, err := st.LetterToken(ctx, out.ID)
		if _, ok := store.ValidVerifyToken(token); err != nil || !ok {
			t.Fatalf("reply token %q, %v", token, err)
		}

		// Printing: staff who see the request; anyone else as if missing.
		for _, a := range []desk.Actor{o.offB, o.auditor} {
			if _, err := o.flow.PrintLetter(ctx, a, out.ID, "c"); desk.ErrorCode(err) != desk.ENOTFOUND {
				t.Errorf("%s printed: %v", a.Label(), err)
			}
		}
		if _, err := o.flow.PrintLetter(ctx, o.mgrA, in.ID, "c"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("an incoming letter printed as an answer: %v", err)
		}
		sheet, err := o.flow.PrintLetter(ctx, o.offA1, out.ID, "c")
		if err != nil {
			t.Fatal(err)
		}
		if sheet.Token != token || sheet.InReplyTo == nil || sheet.InReplyTo.Number != in.Number ||
			sheet.Answer == nil || sheet.Answer.Text != "پروانه صادر شد." || sheet.Signer.Name != "همکار mA" ||
			sheet.Request.Applicant.Name != "زهرا احمدی" || sheet.Secretariat.Name != "دبیرخانه مرکزی" {
			t.Errorf("sheet %+v", sheet)
		}
		if recs, _ := st.Audit(ctx, store.AuditFilter{Action: "letter.print"}); len(recs) < 3 {
			t.Errorf("print audit: %+v", recs)
		}

		// The public check: number, date, signer, service; nothing else.
		c, err := o.flow.VerifyLetter(ctx, token)
		if err != nil || c.Number != out.Number || c.Signer.Name != "همکار mA" || c.Service != "درخواست آزمایشی" ||
			c.Secretariat != "دبیرخانه مرکزی" || !c.RegisteredAt.Equal(out.RegisteredAt) {
			t.Errorf("check %+v, %v", c, err)
		}
		if _, err := o.flow.VerifyLetter(ctx, "2222222222222222"); desk.ErrorCode(err) != desk.ENOTFOUND {
			t.Errorf("unknown token: %v", err)
		}
	})
}

// A reply cannot go out of a secretariat switched off since: the answer
// fails with a message and nothing of it stays.
func TestAnswerInactiveSecretariat(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		if err := o.flow.CreateSecretariat(ctx, o.admin, workflow.SecretariatInput{Secretariat: centralSecretariat()}); err != nil {
			t.Fatal(err)
		}
		r := o.file(t, "permits", "citizen")
		if _, err := o.flow.RegisterIncoming(ctx, o.offA1, workflow.RegisterInput{RequestID: r.ID, Version: r.Version, Secretariat: "1"}); err != nil {
			t.Fatal(err)
		}
		r = o.act(t, o.offA1, o.reload(t, r.ID), workflow.ActInput{Action: desk.ActAccept})
		if err := o.flow.SetSecretariatActive(ctx, o.admin, "1", false, ""); err != nil {
			t.Fatal(err)
		}
		_, err := o.flow.Act(ctx, o.mgrA, workflow.ActInput{RequestID: r.ID, Version: r.Version, Action: desk.ActAnswer, Text: "پاسخ"})
		if desk.ErrorCode(err) != desk.EINVALID || !strings.Contains(desk.ErrorMessage(err), "غیرفعال") {
			t.Errorf("answer: %v", err)
		}
		if got := o.reload(t, r.ID); got.Status != desk.StatusInProgress {
			t.Errorf("status %s after the failed answer", got.Status)
		}
	})
}

// Manual mode: the number and date the agency's automation gave.
func TestRegisterIncomingManual(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		if err := o.flow.CreateSecretariat(ctx, o.admin, workflow.SecretariatInput{Secretariat: centralSecretariat()}); err != nil {
			t.Fatal(err)
		}
		r := o.file(t, "permits", "citizen")
		reg := func(number, date string) (letters.Letter, error) {
			cur := o.reload(t, r.ID)
			return o.flow.RegisterIncoming(ctx, o.offA1, workflow.RegisterInput{RequestID: r.ID, Version: cur.Version,
				Secretariat: "1", Number: number, Date: date})
		}
		today := jalali.FromTime(o.now)
		for _, tc := range []struct{ name, number, date, field string }{
			{"no number", "", today.String(), "number"},
			{"no date", "۸۸۲/ص/۱۲", "", "date"},
			{"bad date", "۸۸۲/ص/۱۲", "1405/13/1", "date"},
			{"future", "۸۸۲/ص/۱۲", today.AddDays(1).String(), "date"},
			{"own shape", "۱۴۰۵/۷/و", today.String(), "number"},
		} {
			_, err := reg(tc.number, tc.date)
			if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorFields(err)[tc.field] == "" {
				t.Errorf("%s: %v; want a message on %s", tc.name, err, tc.field)
			}
		}
		if ls, _ := st.LettersOfRequest(ctx, r.ID); len(ls) != 0 {
			t.Fatalf("letters after refusals: %+v", ls)
		}
		l, err := reg(" ۸۸۲/ص/۱۲ ", fa.PersianDigits(today.String()))
		if err != nil {
			t.Fatal(err)
		}
		if l.Number != "882/ص/12" || l.Seq >= 0 || !l.RegisteredAt.Equal(today.Time().UTC()) {
			t.Errorf("manual letter %+v", l)
		}
		sms, _ := st.RequestSMS(ctx, r.ID)
		if len(sms) != 1 || sms[0].Kind != string(notice.KindLetterIssued) {
			t.Errorf("SMS %+v", sms)
		}
		recs, _ := st.Audit(ctx, store.AuditFilter{Action: "letter.register"})
		if len(recs) != 1 || !strings.Contains(recs[0].Details, "manual=true") {
			t.Errorf("audit %+v", recs)
		}
		// Once per request, manual or not.
		if _, err := reg("", ""); desk.ErrorCode(err) != desk.ECONFLICT {
			t.Errorf("second registration: %v", err)
		}
	})
}
