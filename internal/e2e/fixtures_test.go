package e2e

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"mizban/internal/files/filetest"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"mizban/internal/app"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/workflow"
)

func onePagePDF() []byte { return filetest.PDF() }

// smallPNG is a real 16×10 PNG, like a tiny photo of an ID card.
func smallPNG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 10))
	for x := range 16 {
		for y := range 10 {
			img.Set(x, y, color.RGBA{uint8(x * 16), uint8(y * 25), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// writeFile writes data into dir/name and returns the path.
func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// otpRe finds the six digits of a one-time code in an SMS text, after its
// digits were turned to ASCII.
var otpRe = regexp.MustCompile(`کد تأیید[^0-9]*([0-9]{6})`)

// otpIn returns the one-time code in an SMS text, or "".
func otpIn(text string) string {
	if m := otpRe.FindStringSubmatch(fa.ASCIIDigits(text)); m != nil {
		return m[1]
	}
	return ""
}

// reportService is a demo service with no required document, used where
// the test needs a request but not the upload path.
const reportService = "17051350003" // گزارش مشکلات و خطرهای شهری

// createRequest registers a request through the workflow, as the web pages
// do, reading the one-time code from the outbox. It returns the tracking
// code.
func createRequest(t *testing.T, a *app.App, mobile string) desk.Request {
	t.Helper()
	ctx := t.Context()
	draft, err := a.Flow.SaveDraft(ctx, workflow.ApplyInput{
		ServiceCode: reportService,
		Client:      a.Flow.ClientKey("192.0.2.10"),
		App: workflow.Application{
			Applicant: desk.Person{Name: "مریم احمدی", NationalID: "0076229645", Mobile: mobile},
			Answers: map[string]string{
				"issue_type":       "چاله یا خرابی آسفالت",
				"location":         "خیابان امام، روبه‌روی پارک",
				"immediate_danger": "yes",
			},
		},
	})
	if err != nil {
		t.Fatalf("save draft: %v", err)
	}
	msgs, err := a.Store.RecentSMS(ctx, 20)
	if err != nil {
		t.Fatal(err)
	}
	code := ""
	for _, m := range msgs { // newest first
		if code = otpIn(m.Text); code != "" {
			break
		}
	}
	if code == "" {
		t.Fatalf("no one-time code in the outbox (%d messages)", len(msgs))
	}
	req, err := a.Flow.Confirm(ctx, draft, code)
	if err != nil {
		t.Fatalf("confirm: %v", err)
	}
	return req
}
