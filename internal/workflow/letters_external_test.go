package workflow_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/letters"
	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

func TestParseLetterDate(t *testing.T) {
	now := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC) // 3 Azar 1405, 11:30 in Tehran
	tehran := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, jalali.Tehran).UTC()
	}
	for _, tc := range []struct {
		name, in string
		want     time.Time // zero: refused
		future   bool      // refused as in the future
	}{
		{"Jalali, Latin digits", "1405/09/02", tehran(2026, 11, 23, 0, 0), false},
		{"Jalali, Persian digits", "۱۴۰۵/۰۹/۰۲", tehran(2026, 11, 23, 0, 0), false},
		{"Jalali, Arabic-Indic digits", "١٤٠٥/٩/٢", tehran(2026, 11, 23, 0, 0), false},
		{"Jalali with dashes", "1405-09-03", tehran(2026, 11, 24, 0, 0), false},
		{"ISO date", "2026-11-23", tehran(2026, 11, 23, 0, 0), false},
		{"ISO date, Persian digits", "۲۰۲۶-۱۱-۲۳", tehran(2026, 11, 23, 0, 0), false},
		{"ISO date-time with offset keeps the time", "2026-11-23T10:15:00+03:30", tehran(2026, 11, 23, 10, 15), false},
		{"ISO date-time in UTC", "2026-11-24T07:00:00Z", time.Date(2026, 11, 24, 7, 0, 0, 0, time.UTC), false},
		{"SHAMS's 19 characters, Tehran time", "2026-11-24T09:45:00", tehran(2026, 11, 24, 9, 45), false},
		{"today", "1405/09/03", tehran(2026, 11, 24, 0, 0), false},
		{"a few seconds ahead (clocks differ)", "2026-11-24T08:00:30Z", time.Date(2026, 11, 24, 8, 0, 30, 0, time.UTC), false},
		{"tomorrow, Jalali", "1405/09/04", time.Time{}, true},
		{"tomorrow, ISO", "2026-11-25", time.Time{}, true},
		{"later today, ISO date-time", "2026-11-24T15:00:00+03:30", time.Time{}, true},
		{"empty", " ", time.Time{}, false},
		{"no such day", "1405/13/01", time.Time{}, false},
		{"words", "yesterday", time.Time{}, false},
		{"bad date-time", "2026-11-23T25:00:00Z", time.Time{}, false},
		{"a year neither calendar's", "1800-01-01", time.Time{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := workflow.ParseLetterDate(tc.in, now)
			if tc.want.IsZero() {
				msg := desk.ErrorFields(err)["date"]
				if err == nil || msg == "" {
					t.Fatalf("%q accepted as %v", tc.in, got)
				}
				if isFuture := msg == desk.ErrorFields(mustFuture(now))["date"]; isFuture != tc.future {
					t.Errorf("%q: message %q (future %v, want %v)", tc.in, msg, isFuture, tc.future)
				}
				return
			}
			if err != nil || !got.Equal(tc.want) || got.Location() != time.UTC {
				t.Errorf("%q = %v, %v; want %v (UTC)", tc.in, got, err, tc.want)
			}
		})
	}
}

// mustFuture returns the error of a date in the future.
func mustFuture(now time.Time) error {
	_, err := workflow.ParseLetterDate(now.Add(48*time.Hour).Format(time.RFC3339), now)
	return err
}

func TestCleanShamsID(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{"3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", true},
		{" 3F2504E0-4F89-11D3-9A0C-0305E82C3301 ", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", true},
		{"۳f2504e0-4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", true},
		{"3f2504e04f8911d39a0c0305e82c3301", "", false},        // no hyphens
		{"3f2504e0-4f89-11d3-9a0c-0305e82c330", "", false},     // 35 characters
		{"3f2504e0-4f89-11d3-9a0c-0305e82c3301a", "", false},   // 37
		{"3f2504e0-4f89-11d3-9a0c-0305e82c330g", "", false},    // not hex
		{"3f2504e0-4f8911d3--9a0c-0305e82c3301", "", false},    // hyphen misplaced
		{"{3f2504e0-4f89-11d3-9a0c-0305e82c3301}", "", false},  // braces
		{"SHAMS-1405-000123-ABCDEFGHIJKLMNOPQRSTU", "", false}, // 36 but not a GUID
	} {
		got, ok := workflow.CleanShamsID(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("CleanShamsID(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
		if err := workflow.CheckShamsID(tc.in); (err == nil) != tc.ok || (err != nil && desk.ErrorFields(err)["shams_id"] == "") {
			t.Errorf("CheckShamsID(%q) = %v", tc.in, err)
		}
	}
}

// automationSecretariat is one whose own numbers cannot look like an
// automation's 1405/1234/و.
func automationSecretariat() letters.Secretariat {
	return letters.Secretariat{Code: "auto", Name: "اتوماسیون اداری", IncomingFormat: "{code}-{yy}-{seq}/و",
		OutgoingFormat: "{code}-{yy}-{seq}/ص", InternalFormat: "{code}-{yy}-{seq}/د"}
}

func TestLetterSecretariat(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		if _, err := o.flow.LetterSecretariat(ctx, ""); desk.ErrorFields(err)["secretariat"] == "" {
			t.Errorf("none active: %v", err)
		}
		if err := o.flow.CreateSecretariat(ctx, o.admin, workflow.SecretariatInput{Secretariat: automationSecretariat()}); err != nil {
			t.Fatal(err)
		}
		if got, err := o.flow.LetterSecretariat(ctx, ""); err != nil || got != "auto" {
			t.Errorf("the only active one: %q, %v", got, err)
		}
		if err := o.flow.CreateSecretariat(ctx, o.admin, workflow.SecretariatInput{Secretariat: centralSecretariat()}); err != nil {
			t.Fatal(err)
		}
		_, err := o.flow.LetterSecretariat(ctx, "")
		if msg := desk.ErrorFields(err)["secretariat"]; desk.ErrorCode(err) != desk.EINVALID || !containsAll(msg, "1", "auto") {
			t.Errorf("two active: %v (%q should name both codes)", err, msg)
		}
		if got, err := o.flow.LetterSecretariat(ctx, "۱"); err != nil || got != "1" {
			t.Errorf("named: %q, %v", got, err)
		}
		if err := o.flow.SetSecretariatActive(ctx, o.admin, "1", false, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := o.flow.LetterSecretariat(ctx, "1"); desk.ErrorFields(err)["secretariat"] == "" {
			t.Errorf("an inactive one named: %v", err)
		}
		if got, err := o.flow.LetterSecretariat(ctx, ""); err != nil || got != "auto" {
			t.Errorf("one active again: %q, %v", got, err)
		}
	})
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// An incoming letter an automation reported: its date-time and SHAMS
// identifier are kept; a bad or taken identifier is refused.
func TestRegisterIncomingFromAutomation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		if err := o.flow.CreateSecretariat(ctx, o.admin, workflow.SecretariatInput{Secretariat: automationSecretariat()}); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 11, 24, 6, 45, 0, 0, time.UTC)
		r := o.file(t, "permits", "citizen")
		in := workflow.RegisterInput{RequestID: r.ID, Version: r.Version, Secretariat: "auto", Number: "1405/1234/و",
			At: at, Shams: "3F2504E0-4F89-11D3-9A0C-0305E82C3301"}

		bad := in
		bad.Shams = "not-a-guid"
		if _, err := o.flow.RegisterIncoming(ctx, o.mgrA, bad); desk.ErrorFields(err)["shams_id"] == "" {
			t.Errorf("bad GUID: %v", err)
		}
		future := in
		future.At = o.now.Add(time.Hour)
		if _, err := o.flow.RegisterIncoming(ctx, o.mgrA, future); desk.ErrorFields(err)["date"] == "" {
			t.Errorf("future time: %v", err)
		}

		l, err := o.flow.RegisterIncoming(ctx, o.mgrA, in)
		if err != nil {
			t.Fatal(err)
		}
		if l.Number != "1405/1234/و" || !l.RegisteredAt.Equal(at) || l.Seq >= 0 || l.ShamsID != "3f2504e0-4f89-11d3-9a0c-0305e82c3301" {
			t.Errorf("letter %+v", l)
		}
		stored, err := st.Letter(ctx, l.ID)
		if err != nil || stored.ShamsID != l.ShamsID || !stored.RegisteredAt.Equal(at) {
			t.Errorf("stored %+v, %v", stored, err)
		}
		events, _ := st.Events(ctx, r.ID, true)
		sms, _ := st.RequestSMS(ctx, r.ID)
		if events[0].Type != "letter_registered" || len(sms) != 1 || sms[0].Kind != string(notice.KindLetterIssued) {
			t.Errorf("event %+v, SMS %+v", events[0], sms)
		}

		// The same SHAMS identifier on another request's letter.
		other := o.file(t, "permits", "citizen")
		again := in
		again.RequestID, again.Version, again.Number = other.ID, other.Version, "1405/1235/و"
		if _, err := o.flow.RegisterIncoming(ctx, o.mgrA, again); desk.ErrorCode(err) != desk.ECONFLICT || desk.ErrorFields(err)["shams_id"] == "" {
			t.Errorf("taken SHAMS identifier: %v", err)
		}
	})
}

// The reply an automation registered and signed: the answer is the tray's,
// the letter the automation's, in reply to the incoming one.
func TestExternalReply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		for _, s := range []letters.Secretariat{automationSecretariat(), centralSecretariat()} {
			if err := o.flow.CreateSecretariat(ctx, o.admin, workflow.SecretariatInput{Secretariat: s}); err != nil {
				t.Fatal(err)
			}
		}
		r := o.file(t, "permits", "citizen")
		in, err := o.flow.RegisterIncoming(ctx, o.mgrA, workflow.RegisterInput{RequestID: r.ID, Version: r.Version,
			Secretariat: "auto", Number: "1405/1234/و", Date: "1405/09/02"})
		if err != nil {
			t.Fatal(err)
		}
		r = o.act(t, o.offA1, o.reload(t, r.ID), workflow.ActInput{Action: desk.ActAccept})
		answer := func(rep workflow.ExternalReply) (desk.Request, error) {
			cur := o.reload(t, r.ID)
			return o.flow.Act(ctx, o.mgrA, workflow.ActInput{RequestID: r.ID, Version: cur.Version, Action: desk.ActAnswer,
				Text: "پروانه صادر شد.", Reply: &rep})
		}
		good := workflow.ExternalReply{Number: "1405/2345/ص", Date: "۱۴۰۵/۰۹/۰۳", Signer: "علی محمدی، مدیر امور حقوقی",
			Shams: "6F9619FF-8B86-D011-B42D-00C04FC964FF"}

		// Refusals leave the request as it was.
		for name, tc := range map[string]struct {
			change func(*workflow.ExternalReply)
			field  string
		}{
			"no signer":             {func(x *workflow.ExternalReply) { x.Signer = " " }, "signer"},
			"no number":             {func(x *workflow.ExternalReply) { x.Number = "" }, "number"},
			"future date":           {func(x *workflow.ExternalReply) { x.Date = "1405/09/10" }, "date"},
			"bad GUID":              {func(x *workflow.ExternalReply) { x.Shams = "6f9619ff" }, "shams_id"},
			"own shape of its auto": {func(x *workflow.ExternalReply) { x.Number = "auto-05-3/ص" }, "number"},
			"own shape of central":  {func(x *workflow.ExternalReply) { x.Secretariat = "1" }, "number"},
			"unknown secretariat":   {func(x *workflow.ExternalReply) { x.Secretariat = "nope" }, "secretariat"},
		} {
			rep := good
			tc.change(&rep)
			if _, err := answer(rep); desk.ErrorFields(err)[tc.field] == "" {
				t.Errorf("%s: %v; want a %s field error", name, err, tc.field)
			}
		}
		if cur := o.reload(t, r.ID); cur.Status != desk.StatusInProgress {
			t.Fatalf("status after refusals %s", cur.Status)
		}

		got, err := answer(good)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != desk.StatusAnswered {
			t.Errorf("status %s", got.Status)
		}
		ls, _ := st.LettersOfRequest(ctx, r.ID)
		if len(ls) != 2 {
			t.Fatalf("letters %+v", ls)
		}
		out := ls[1]
		if out.Direction != letters.Outgoing || out.Number != "1405/2345/ص" || out.Secretariat != "auto" ||
			out.InReplyTo != in.ID || out.SignerID != 0 || out.Seq >= 0 || out.ShamsID != "6f9619ff-8b86-d011-b42d-00c04fc964ff" ||
			jalali.FromTime(out.RegisteredAt).String() != "1405/09/03" {
			t.Errorf("reply letter %+v", out)
		}
		if name, err := st.LetterSignerName(ctx, out.ID); err != nil || name != "علی محمدی، مدیر امور حقوقی" {
			t.Errorf("signer name %q, %v", name, err)
		}
		sms, _ := st.RequestSMS(ctx, r.ID)
		kinds := map[string]int{}
		for _, m := range sms {
			kinds[m.Kind]++
		}
		if kinds[string(notice.KindAnswered)] != 1 || kinds[string(notice.KindLetterIssued)] != 1 {
			t.Errorf("SMS kinds %v; want one letter_issued and one answered", kinds)
		}
		events, _ := st.Events(ctx, r.ID, true)
		if events[0].Type != "answered" || events[0].Note != "پروانه صادر شد." {
			t.Errorf("newest event %+v", events[0])
		}

		// The printed letter and its verification page name the signer.
		sheet, err := o.flow.PrintLetter(ctx, o.mgrA, out.ID, "c")
		if err != nil || sheet.Signer.Name != "علی محمدی، مدیر امور حقوقی" || sheet.Token == "" || sheet.InReplyTo == nil {
			t.Errorf("sheet %+v, %v", sheet, err)
		}
		check, err := o.flow.VerifyLetter(ctx, sheet.Token)
		if err != nil || check.Signer.Name != "علی محمدی، مدیر امور حقوقی" || check.Number != "1405/2345/ص" {
			t.Errorf("verification %+v, %v", check, err)
		}
	})
}

// A request that is no letter gets a standalone reply letter; with two
// active secretariats and none named, the field says which to choose.
func TestExternalReplyStandalone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		o := newOffice(t, st)
		if err := o.flow.CreateSecretariat(ctx, o.admin, workflow.SecretariatInput{Secretariat: automationSecretariat()}); err != nil {
			t.Fatal(err)
		}
		r := o.act(t, o.offA1, o.file(t, "permits", "citizen"), workflow.ActInput{Action: desk.ActAccept})
		rep := workflow.ExternalReply{Number: "88/ص", Date: "2026-11-24", Signer: "مدیر واحد"}
		o.act(t, o.mgrA, r, workflow.ActInput{Action: desk.ActAnswer, Text: "پاسخ", Reply: &rep})
		ls, _ := st.LettersOfRequest(ctx, r.ID)
		if len(ls) != 1 || ls[0].InReplyTo != 0 || ls[0].Secretariat != "auto" || ls[0].Number != "88/ص" || ls[0].ShamsID != "" {
			t.Errorf("letters %+v", ls)
		}

		if err := o.flow.CreateSecretariat(ctx, o.admin, workflow.SecretariatInput{Secretariat: centralSecretariat()}); err != nil {
			t.Fatal(err)
		}
		r2 := o.act(t, o.offA1, o.file(t, "permits", "citizen"), workflow.ActInput{Action: desk.ActAccept})
		rep2 := workflow.ExternalReply{Number: "89/ص", Date: "2026-11-24", Signer: "مدیر واحد"}
		_, err := o.flow.Act(ctx, o.mgrA, workflow.ActInput{RequestID: r2.ID, Version: r2.Version, Action: desk.ActAnswer,
			Text: "پاسخ", Reply: &rep2})
		if desk.ErrorFields(err)["secretariat"] == "" {
			t.Errorf("two active, none named: %v", err)
		}
		if cur := o.reload(t, r2.ID); cur.Status != desk.StatusInProgress {
			t.Errorf("status %s after a refusal", cur.Status)
		}
	})
}
