package api

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/letters"
	"mizban/internal/workflow"
)

const guid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"

// letterBody is a registration as an automation sends it; the demo has
// two active secretariats, so it names the automation's.
func letterBody(number, date string) map[string]any {
	return map[string]any{"number": number, "date": date, "secretariat": "auto"}
}

// smsKinds counts the SMS queued for request id by kind.
func (s *stack) smsKinds(id int64) map[string]int {
	s.t.Helper()
	out, err := s.app.Store.RequestSMS(context.Background(), id)
	if err != nil {
		s.t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, m := range out {
		kinds[m.Kind]++
	}
	return kinds
}

// newestEvent is the type of the newest event GET shows.
func (s *stack) newestEvent(tracking, auth string) string {
	s.t.Helper()
	got := s.do("GET", "/api/v1/integration/requests/"+tracking, nil, "Authorization", auth)
	events, _ := got.json["events"].([]any)
	if got.status != 200 || len(events) == 0 {
		s.t.Fatalf("get: %d %s", got.status, got.body)
	}
	// The timeline is listed newest first or oldest first; take the
	// latest by id either way.
	newest, best := "", ""
	for _, e := range events {
		m := e.(map[string]any)
		if id := m["id"].(string); len(id) > len(best) || (len(id) == len(best) && id > best) {
			best, newest = id, m["type"].(string)
		}
	}
	return newest
}

func TestIntegrationLetter(t *testing.T) {
	s := newStack(t)
	r := s.submitted()
	_, auth := s.client(allScopes)
	url := "/api/v1/integration/requests/" + r.TrackingCode + "/letters"
	key := "0f7c2d1e-9a3b-4c5d-8e6f-112233445566"
	body := letterBody("۱۴۰۵/۱۲۳۴/و", "۱۴۰۵/۰۹/۰۳")
	body["shams_id"] = strings.ToUpper(guid)

	first := s.do("POST", url, body, "Authorization", auth, "Idempotency-Key", key)
	if first.status != 201 {
		t.Fatalf("register: %d %s", first.status, first.body)
	}
	l := first.json["letter"].(map[string]any)
	if l["direction"] != "incoming" || l["number"] != "1405/1234/و" || l["date"] != "1405/09/03" ||
		l["date_iso"] != "2026-11-24T00:00:00+03:30" || l["secretariat"] != "auto" || l["shams_id"] != guid {
		t.Errorf("letter %v", l)
	}
	if first.json["tracking_code"] != r.TrackingCode || first.json["status"] != string(r.Status) ||
		first.json["version"] != float64(r.Version+1) || first.json["unit_code"] != r.UnitCode {
		t.Errorf("stage %s", first.body)
	}

	// A retry with the key is the first answer; the letter is made once.
	again := s.do("POST", url, body, "Authorization", auth, "Idempotency-Key", key)
	if again.status != 201 || string(again.body) != string(first.body) || again.header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("repeat: %d %s", again.status, again.body)
	}
	// Without it, a second registration is a conflict that says so.
	dup := s.do("POST", url, letterBody("1405/1299/و", "1405/09/03"), "Authorization", auth)
	if f := wantProblem(t, dup, 409, "conflict"); f["tracking_code"] == nil {
		t.Errorf("duplicate: %s", dup.body)
	}
	ls, _ := s.app.Store.LettersOfRequest(context.Background(), r.ID)
	if len(ls) != 1 || ls[0].ShamsID != guid || ls[0].Seq >= 0 {
		t.Errorf("letters %+v", ls)
	}

	// The citizen: the letter SMS once, and the stage on the timeline.
	if k := s.smsKinds(r.ID); k["letter_issued"] != 1 {
		t.Errorf("SMS %v; want one letter_issued", k)
	}
	if got := s.newestEvent(r.TrackingCode, auth); got != "letter_registered" {
		t.Errorf("newest event %q", got)
	}
}

func TestIntegrationLetterDates(t *testing.T) {
	s := newStack(t) // 2026-11-25 08:00 UTC: 4 Azar 1405, 11:30 in Tehran
	_, auth := s.client(allScopes)
	for _, tc := range []struct {
		name, date, jalali, iso string
	}{
		{"Jalali, Persian digits", "۱۴۰۵/۰۹/۰۲", "1405/09/02", "2026-11-23T00:00:00+03:30"},
		{"Jalali, Arabic-Indic digits", "١٤٠٥/٠٩/٠١", "1405/09/01", "2026-11-22T00:00:00+03:30"},
		{"ISO date", "2026-11-20", "1405/08/29", "2026-11-20T00:00:00+03:30"},
		{"ISO date-time keeps its time", "2026-11-25T10:15:00+03:30", "1405/09/04", "2026-11-25T10:15:00+03:30"},
		{"ISO date-time in UTC", "2026-11-24T20:45:00Z", "1405/09/04", "2026-11-25T00:15:00+03:30"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.submitted()
			a := s.do("POST", "/api/v1/integration/requests/"+r.TrackingCode+"/letters",
				letterBody("1405/"+r.TrackingCode[:6]+"/و", tc.date), "Authorization", auth)
			if a.status != 201 {
				t.Fatalf("%d %s", a.status, a.body)
			}
			l := a.json["letter"].(map[string]any)
			if l["date"] != tc.jalali || l["date_iso"] != tc.iso || l["shams_id"] != nil {
				t.Errorf("letter %v; want %s, %s", l, tc.jalali, tc.iso)
			}
		})
	}
}

func TestIntegrationLetterInvalid(t *testing.T) {
	s := newStack(t)
	r := s.submitted()
	_, auth := s.client(allScopes)
	url := "/api/v1/integration/requests/" + r.TrackingCode + "/letters"
	with := func(k string, v any) map[string]any {
		b := letterBody("1405/1234/و", "1405/09/03")
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
		return b
	}
	for _, tc := range []struct {
		name  string
		body  map[string]any
		field string
		want  string // part of the field's message
	}{
		{"future Jalali date", with("date", "۱۴۰۵/۰۹/۰۵"), "date", "بعد از امروز"},
		{"future date-time", with("date", "2026-11-25T18:00:00+03:30"), "date", "بعد از امروز"},
		{"no date", with("date", nil), "date", "ISO 8601"},
		{"bad date", with("date", "25 Nov"), "date", "ISO 8601"},
		{"bad GUID", with("shams_id", "3f2504e0-4f89-11d3-9a0c"), "shams_id", "GUID"},
		{"no number", with("number", " "), "number", "شماره نامه"},
		{"number too long", with("number", "1405/123456789012345/و"), "number", "۲۰ نویسه"},
		{"two secretariats, none named", with("secretariat", nil), "secretariat", "1، auto"},
		{"unknown secretariat", with("secretariat", "nope"), "secretariat", "auto"},
		{"a number shaped like the central series", with("secretariat", "1"), "number", "دبیرخانه جداگانه"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := s.do("POST", url, tc.body, "Authorization", auth)
			f := wantProblem(t, a, 422, "invalid")
			if msg, _ := f[tc.field].(string); !strings.Contains(msg, tc.want) {
				t.Errorf("field %s: %q; want it to say %q\n%s", tc.field, msg, tc.want, a.body)
			}
		})
	}
	if ls, _ := s.app.Store.LettersOfRequest(context.Background(), r.ID); len(ls) != 0 {
		t.Errorf("letters after refusals: %+v", ls)
	}
	if k := s.smsKinds(r.ID); k["letter_issued"] != 0 {
		t.Errorf("SMS after refusals: %v", k)
	}
}

func TestIntegrationLettersAccess(t *testing.T) {
	s := newStack(t)
	r := s.submitted()
	if r.UnitCode == "pr" {
		t.Fatal("the complaint landed in pr; pick another unit for the test")
	}
	_, readOnly := s.client([]string{workflow.ScopeRequestsRead})
	_, elsewhere := s.client(allScopes, "pr")
	base := "/api/v1/integration/requests/" + r.TrackingCode
	reply := map[string]any{"number": "1405/2345/ص", "date": "1405/09/03", "signer": "مدیر", "text": "پاسخ"}
	for _, tc := range []struct {
		path string
		body map[string]any
	}{{base + "/letters", letterBody("1405/1234/و", "1405/09/03")}, {base + "/replies", reply}} {
		wantProblem(t, s.do("POST", tc.path, tc.body, "Authorization", readOnly), 403, "forbidden")
		wantProblem(t, s.do("POST", tc.path, tc.body, "Authorization", elsewhere), 404, "not_found")
		wantProblem(t, s.do("POST", "/api/v1/integration/requests/000000000000/"+tc.path[len(base)+1:], tc.body,
			"Authorization", elsewhere), 404, "not_found")
	}
	if ls, _ := s.app.Store.LettersOfRequest(context.Background(), r.ID); len(ls) != 0 {
		t.Errorf("letters made without the right: %+v", ls)
	}
}

// inProgress registers r as an incoming letter and refers it, as an
// automation does before it answers.
func (s *stack) inProgress(r desk.Request, auth string) {
	s.t.Helper()
	base := "/api/v1/integration/requests/" + r.TrackingCode
	if a := s.do("POST", base+"/letters", letterBody("1405/"+r.TrackingCode[:6]+"/و", "1405/09/03"), "Authorization", auth); a.status != 201 {
		s.t.Fatalf("letter: %d %s", a.status, a.body)
	}
	if a := s.do("POST", base+"/referrals", map[string]any{"unit": "legal", "instruction": "بررسی و پاسخ داده شود."}, "Authorization", auth); a.status != 201 {
		s.t.Fatalf("refer: %d %s", a.status, a.body)
	}
}

func TestIntegrationReply(t *testing.T) {
	s := newStack(t)
	ctx := context.Background()
	r := s.submitted()
	_, auth := s.client(allScopes)
	url := "/api/v1/integration/requests/" + r.TrackingCode + "/replies"
	body := map[string]any{"number": "1405/2345/ص", "date": "2026-11-25T09:00:00+03:30",
		"signer": "علی محمدی، مدیر امور حقوقی", "text": "شکایت شما بررسی شد.", "legal_basis": "ماده ۵ آیین‌نامه",
		"shams_id": guid, "attachment": map[string]any{"name": "answer.png", "content_base64": base64.StdEncoding.EncodeToString(tinyPNG)}}

	// A submitted request is not answered yet: it is referred first.
	wantProblem(t, s.do("POST", url, body, "Authorization", auth), 422, "invalid")
	s.inProgress(r, auth)

	key := "7d3e1f20-5b6a-4c8d-9e0f-a1b2c3d4e5f6"
	first := s.do("POST", url, body, "Authorization", auth, "Idempotency-Key", key)
	if first.status != 201 || first.json["status"] != "answered" || first.json["unit_code"] != "legal" {
		t.Fatalf("reply: %d %s", first.status, first.body)
	}
	l := first.json["letter"].(map[string]any)
	if l["direction"] != "outgoing" || l["number"] != "1405/2345/ص" || l["date"] != "1405/09/04" ||
		l["date_iso"] != "2026-11-25T09:00:00+03:30" || l["secretariat"] != "auto" || l["shams_id"] != guid {
		t.Errorf("letter %v", l)
	}
	again := s.do("POST", url, body, "Authorization", auth, "Idempotency-Key", key)
	if again.status != 201 || string(again.body) != string(first.body) || again.header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("repeat: %d %s", again.status, again.body)
	}
	// Answered once: a second reply without the key is refused.
	body["number"], body["shams_id"] = "1405/2346/ص", nil
	wantProblem(t, s.do("POST", url, body, "Authorization", auth), 422, "invalid")

	ls, _ := s.app.Store.LettersOfRequest(ctx, r.ID)
	if len(ls) != 2 || ls[1].Direction != letters.Outgoing || ls[1].InReplyTo != ls[0].ID || ls[1].SignerID != 0 {
		t.Fatalf("letters %+v", ls)
	}
	if name, _ := s.app.Store.LetterSignerName(ctx, ls[1].ID); name != "علی محمدی، مدیر امور حقوقی" {
		t.Errorf("signer %q", name)
	}
	decisions, _ := s.app.Store.Decisions(ctx, r.ID)
	if len(decisions) != 1 || decisions[0].Text != "شکایت شما بررسی شد." || decisions[0].LegalBasis != "ماده ۵ آیین‌نامه" || decisions[0].DocumentID == 0 {
		t.Errorf("decisions %+v", decisions)
	}
	if k := s.smsKinds(r.ID); k["answered"] != 1 || k["letter_issued"] != 1 {
		t.Errorf("SMS %v; want one answered, one letter_issued", k)
	}
	if got := s.newestEvent(r.TrackingCode, auth); got != "answered" {
		t.Errorf("newest event %q", got)
	}
}

func TestIntegrationReplyInvalid(t *testing.T) {
	s := newStack(t)
	ctx := context.Background()
	r := s.submitted()
	_, auth := s.client(allScopes)
	s.inProgress(r, auth)
	url := "/api/v1/integration/requests/" + r.TrackingCode + "/replies"
	good := func() map[string]any {
		return map[string]any{"number": "1405/2345/ص", "date": "1405/09/04", "signer": "مدیر امور حقوقی", "text": "پاسخ"}
	}
	for _, tc := range []struct {
		name   string
		change func(map[string]any)
		field  string
	}{
		{"no signer", func(b map[string]any) { delete(b, "signer") }, "signer"},
		{"no text", func(b map[string]any) { b["text"] = "" }, "text"},
		{"future date", func(b map[string]any) { b["date"] = "2026-11-26" }, "date"},
		{"bad GUID", func(b map[string]any) { b["shams_id"] = "xyz" }, "shams_id"},
		{"bad base64", func(b map[string]any) {
			b["attachment"] = map[string]any{"name": "answer.pdf", "content_base64": "%%%not base64"}
		}, "attachment"},
		{"a file that is not a document", func(b map[string]any) {
			b["attachment"] = map[string]any{"name": "answer.pdf", "content_base64": base64.StdEncoding.EncodeToString([]byte("MZ\x90\x00 not a pdf"))}
		}, "attachment"},
		{"own shape of the central series", func(b map[string]any) { b["secretariat"] = "1" }, "number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := good()
			tc.change(b)
			if f := wantProblem(t, s.do("POST", url, b, "Authorization", auth), 422, "invalid"); f[tc.field] == nil {
				t.Errorf("no %s field error: %v", tc.field, f)
			}
		})
	}
	if cur, _ := s.app.Store.Request(ctx, r.ID); cur.Status != desk.StatusInProgress {
		t.Errorf("status %s after refusals", cur.Status)
	}
	if docs, _ := s.app.Store.Decisions(ctx, r.ID); len(docs) != 0 {
		t.Errorf("decisions after refusals: %+v", docs)
	}
}

// A request never registered as a letter gets a standalone reply; with
// two active secretariats the automation names one.
func TestIntegrationReplyStandalone(t *testing.T) {
	s := newStack(t)
	ctx := context.Background()
	r := s.submitted()
	_, auth := s.client(allScopes)
	base := "/api/v1/integration/requests/" + r.TrackingCode
	if a := s.do("POST", base+"/referrals", map[string]any{"unit": "legal", "instruction": "بررسی شود."}, "Authorization", auth); a.status != 201 {
		t.Fatalf("refer: %d %s", a.status, a.body)
	}
	body := map[string]any{"number": "1405/2345/ص", "date": "1405/09/04", "signer": "مدیر امور حقوقی", "text": "پاسخ"}
	if f := wantProblem(t, s.do("POST", base+"/replies", body, "Authorization", auth), 422, "invalid"); f["secretariat"] == nil {
		t.Errorf("no secretariat error: %v", f)
	}
	body["secretariat"] = "auto"
	a := s.do("POST", base+"/replies", body, "Authorization", auth)
	if a.status != 201 || a.json["letter"].(map[string]any)["direction"] != "outgoing" {
		t.Fatalf("reply: %d %s", a.status, a.body)
	}
	ls, _ := s.app.Store.LettersOfRequest(ctx, r.ID)
	if len(ls) != 1 || ls[0].InReplyTo != 0 {
		t.Errorf("letters %+v", ls)
	}
}

// A reply whose attachment is far above the 64 KiB of other bodies still
// takes an Idempotency-Key: the key check reads up to the reply's limit.
func TestIntegrationReplyLargeAttachment(t *testing.T) {
	s := newStack(t)
	r := s.submitted()
	_, auth := s.client(allScopes)
	s.inProgress(r, auth)
	pdf := append([]byte("%PDF-1.4\n"), []byte(strings.Repeat("0", 300<<10))...)
	body := map[string]any{"number": "1405/2346/ص", "date": "2026-11-25", "signer": "علی محمدی، مدیر امور حقوقی",
		"text": "پاسخ با پیوست.", "attachment": map[string]any{"name": "answer.pdf", "content_base64": base64.StdEncoding.EncodeToString(pdf)}}
	url := "/api/v1/integration/requests/" + r.TrackingCode + "/replies"
	first := s.do("POST", url, body, "Authorization", auth, "Idempotency-Key", "large-reply-key-0001")
	if first.status != 201 {
		t.Fatalf("large reply: %d %s", first.status, first.body)
	}
	again := s.do("POST", url, body, "Authorization", auth, "Idempotency-Key", "large-reply-key-0001")
	if again.status != 201 || again.header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("repeat: %d %s", again.status, again.body)
	}
}
