package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/letters"
	"mizban/internal/workflow"
)

// The reply to a letter: the officer drafts, the manager finds it in the
// tray under «در انتظار امضا», signs and sends it from the request page.
func TestReplyDraftPages(t *testing.T) {
	s := trackSite(t)
	pinStaffClock(s, staffClockStart)
	ctx := context.Background()
	r := applyPermit(t, s, "09121234567")
	unit := desk.Membership{UnitCode: r.UnitCode, Title: "کارشناس"}
	addStaffUser(t, s, "reply.officer", "نگار کاظمی", []desk.Role{desk.RoleOfficer}, unit)
	addStaffUser(t, s, "reply.manager", "بهرام امضاکننده", []desk.Role{desk.RoleManager},
		desk.Membership{UnitCode: r.UnitCode, Title: "مدیر"})
	officer := signInStaff(t, s, "reply.officer", staffTestPassword)
	manager := signInStaff(t, s, "reply.manager", staffTestPassword)
	page := "/staff/requests/" + itoa(r.ID)
	version := func() string {
		cur, err := s.app.Store.Request(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		return strconv.Itoa(cur.Version)
	}

	offActor, err := s.app.Store.Actor(ctx, officer.ID)
	if err != nil {
		t.Fatal(err)
	}
	act(t, s, offActor, r.ID, workflow.ActInput{Action: desk.ActAccept})
	// Not a letter yet: the officer answers directly, no draft is offered.
	_, body, _ := officer.get(page)
	mustContain(t, body, `name="action" value="answer"`, "پاسخ نهایی")
	if strings.Contains(body, `value="draft_reply"`) {
		t.Error("draft offered on a request that is no letter")
	}

	st, body, _ := officer.post(page+"/letter", url.Values{"secretariat": {"1"}, "version": {version()}})
	if st != http.StatusSeeOther {
		t.Fatalf("register: %d\n%s", st, errSummary(body))
	}
	// A letter: the draft form instead of the answer form.
	_, body, _ = officer.get(page)
	mustContain(t, body, `name="action" value="draft_reply"`, "پیش‌نویس پاسخ", "ذخیره پیش‌نویس")
	if strings.Contains(body, `name="action" value="answer"`) {
		t.Error("the officer is offered the answer form on a letter")
	}
	// A hand-made answer is refused with the reason.
	st, body, _ = officer.post(page+"/act", url.Values{"action": {"answer"}, "version": {version()}, "text": {"پاسخ"}})
	wantCode(t, "officer's answer", st, http.StatusForbidden, body)
	mustContain(t, body, "باید مدیر واحد آن را امضا کند")

	// An empty draft: the field says so, the form stays open.
	st, body, _ = officer.post(page+"/act", url.Values{"action": {"draft_reply"}, "version": {version()}, "legal_basis": {"ماده ۱۰۰"}})
	wantCode(t, "empty draft", st, http.StatusUnprocessableEntity, body)
	mustContain(t, body, `id="draft-text-error"`, "متن پاسخ را بنویسید.", `value="ماده ۱۰۰"`)

	const draft = "پروانه ساختمان شما صادر شد."
	st, body, h := officer.post(page+"/act", url.Values{"action": {"draft_reply"}, "version": {version()},
		"text": {draft}, "legal_basis": {"ماده ۱۰۰ قانون شهرداری"}})
	if st != http.StatusSeeOther || h.Get("Location") != page+"?done=draft_reply" {
		t.Fatalf("draft: %d %q\n%s", st, h.Get("Location"), errSummary(body))
	}
	_, body, _ = officer.get(page + "?done=draft_reply")
	mustContain(t, body, "پیش‌نویس پاسخ ذخیره شد و برای امضای مدیر واحد آماده است.", "در انتظار امضا",
		"نگار کاظمی", draft, ">"+draft+"</textarea>", "مدیر واحد این پیش‌نویس را امضا")
	wantAudit(t, s, "request.draft_reply", "staff:"+itoa(officer.ID))
	// The citizen sees nothing of it.
	body = track(t, s, r, "09121234567")
	if strings.Contains(body, draft) || strings.Contains(body, "پیش‌نویس") {
		t.Error("the tracking page shows the draft")
	}

	// The tray: the manager has it to sign, the officer has no such section.
	_, body, _ = manager.get("/staff/tray")
	mustContain(t, body, "در انتظار امضا", `<span class="count">۱</span>`, `href="`+page+`"`, "نگار کاظمی")
	_, body, _ = officer.get("/staff/tray")
	if strings.Contains(body, `id="awaiting"`) {
		t.Error("an officer's tray has the signature section")
	}

	// The manager's page: the draft prefilled in «امضا و ارسال پاسخ».
	_, body, _ = manager.get(page)
	mustContain(t, body, `<details id="sign" open>`, `href="#sign"`, "امضا و ارسال پاسخ", `id="answer-text" name="text" rows="5">`+draft+`</textarea>`,
		`value="ماده ۱۰۰ قانون شهرداری"`, "عطف به نامه وارده")
	if strings.Contains(body, `value="draft_reply"`) {
		t.Error("the manager is offered the draft form beside the signature")
	}
	const signed = "پروانه ساختمان شما صادر شد؛ برای دریافت به شهرداری منطقه مراجعه کنید."
	st, body, h = manager.post(page+"/act", url.Values{"action": {"answer"}, "version": {version()}, "text": {signed},
		"legal_basis": {"ماده ۱۰۰ قانون شهرداری"}})
	if st != http.StatusSeeOther {
		t.Fatalf("sign: %d %q\n%s", st, h.Get("Location"), errSummary(body))
	}
	ls, _ := s.app.Store.LettersOfRequest(ctx, r.ID)
	if len(ls) != 2 || ls[1].Direction != letters.Outgoing || ls[1].SignerID != manager.ID || ls[1].InReplyTo != ls[0].ID {
		t.Fatalf("letters %+v; want the reply signed by the manager", ls)
	}
	if _, err := s.app.Store.ReplyDraft(ctx, r.ID); desk.ErrorCode(err) != desk.ENOTFOUND {
		t.Errorf("draft after signing: %v", err)
	}
	_, body, _ = manager.get(page)
	mustContain(t, body, signed, "پیش‌نویس: نگار کاظمی")
	_, body, _ = manager.get("/staff/tray")
	mustContain(t, body, `id="awaiting"`, `<span class="count">۰</span>`, "پیش‌نویسی در انتظار امضای شما نیست.")
}
