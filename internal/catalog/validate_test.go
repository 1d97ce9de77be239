package catalog_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"mizban/internal/catalog"
	"mizban/internal/desk"
	"mizban/internal/files"
)

func TestValidateDemoCards(t *testing.T) {
	svcs, units, _ := demoCatalog(t)
	if len(svcs) == 0 {
		t.Fatal("no demo cards")
	}
	for _, s := range svcs {
		for _, p := range catalog.Validate(s, units) {
			t.Errorf("demo %s: %s: %s", s.Code, p.Field, p.Message)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *desk.Service)
		fields []string // the problems' fields, in order
		says   string   // a part of the first message
	}{
		{"valid", func(s *desk.Service) {}, nil, ""},
		{"no code", func(s *desk.Service) { s.Code = "" }, []string{"code"}, "شناسهٔ خدمت را"},
		{"code with letters", func(s *desk.Service) { s.Code = "17A" }, []string{"code"}, "فقط از رقم"},
		{"code with Persian digits", func(s *desk.Service) { s.Code = "۱۷۰" }, []string{"code"}, "فقط از رقم"},
		{"code too long", func(s *desk.Service) { s.Code = strings.Repeat("1", 21) }, []string{"code"}, "۲۰ رقم"},
		{"code of 20 digits", func(s *desk.Service) { s.Code = strings.Repeat("1", 20) }, nil, ""},
		{"no title", func(s *desk.Service) { s.Title = "  " }, []string{"title"}, "عنوان خدمت"},
		{"title too long", func(s *desk.Service) { s.Title = strings.Repeat("ا", 201) }, []string{"title"}, "۲۰۰"},
		{"no summary", func(s *desk.Service) { s.Summary = "" }, []string{"summary"}, "خلاصه"},
		{"no kind", func(s *desk.Service) { s.Kind = "" }, []string{"kind"}, "نوع درخواستی"},
		{"unknown kind", func(s *desk.Service) { s.Kind = "licence" }, []string{"kind"}, "«licence»"},
		{"no type", func(s *desk.Service) { s.Type = "" }, []string{"type"}, "G2C"},
		{"unknown type", func(s *desk.Service) { s.Type = "C2C" }, []string{"type"}, "«C2C»"},
		{"no category", func(s *desk.Service) { s.Category = "" }, []string{"category"}, "دسته"},
		{"unknown category", func(s *desk.Service) { s.Category = "food" }, []string{"category"}, "«food»"},
		{"unknown audience", func(s *desk.Service) { s.Audience = []string{"owners", "aliens"} }, []string{"audience"}, "«aliens»"},
		{"no unit", func(s *desk.Service) { s.UnitCode = "" }, []string{"unit_code"}, "واحد مسئول"},
		{"unknown unit", func(s *desk.Service) { s.UnitCode = "moon" }, []string{"unit_code"}, "«moon»"},
		{"own parent", func(s *desk.Service) { s.ParentCode = s.Code }, []string{"parent_code"}, "زیرخدمتِ خودش"},
		{"other parent", func(s *desk.Service) { s.ParentCode = "17051310009" }, nil, ""},
		{"negative duration", func(s *desk.Service) { s.DurationDays = -1 }, []string{"duration_days"}, "منفی"},
		{"zero duration and fee", func(s *desk.Service) { s.DurationDays, s.FeeRials, s.Visits = 0, 0, 0 }, nil, ""},
		{"negative fee", func(s *desk.Service) { s.FeeRials = -5 }, []string{"fee_rials"}, "رایگان"},
		{"negative visits", func(s *desk.Service) { s.Visits = -1 }, []string{"visits"}, "صفر"},
		{"retention known", func(s *desk.Service) { s.Retention = "permanent" }, nil, ""},
		{"retention unknown", func(s *desk.Service) { s.Retention = "forever" }, []string{"retention"}, "«forever»"},
		{"no steps", func(s *desk.Service) { s.Steps = nil }, []string{"steps"}, "دست‌کم یک مرحله"},
		{"step without title", func(s *desk.Service) { s.Steps[2].Title = "" }, []string{"steps.2.title"}, "مرحلهٔ ۳ عنوان ندارد"},
		{"step without unit", func(s *desk.Service) { s.Steps[0].UnitCode = "" }, []string{"steps.0.unit_code"}, "مرحلهٔ ۱"},
		{"step with unknown unit", func(s *desk.Service) { s.Steps[1].UnitCode = "moon" }, []string{"steps.1.unit_code"}, "مرحلهٔ ۲ («moon»)"},
		{"document without name", func(s *desk.Service) { s.Documents[1].Name = " " }, []string{"documents.1.name"}, "مدرک ۲ نام ندارد"},
		{"document without key", func(s *desk.Service) { s.Documents[0].Key = "" }, []string{"documents.0.key"}, "مدرک ۱ شناسه فنی ندارد"},
		{"document key not ASCII", func(s *desk.Service) { s.Documents[0].Key = "سند" }, []string{"documents.0.key"}, "حرف کوچک لاتین"},
		{"duplicate document key", func(s *desk.Service) { s.Documents[2].Key = "deed" }, []string{"documents.2.key"}, "مدرک ۱ یکی است"},
		{"unknown format", func(s *desk.Service) { s.Documents[0].Formats = []string{"pdf", "gif"} }, []string{"documents.0.formats"}, "«gif»"},
		{"form field without label", func(s *desk.Service) { s.Form[1].Label = "" }, []string{"form.1.label"}, "پرسش ۲ فرم برچسب ندارد"},
		{"form field without key", func(s *desk.Service) { s.Form[0].Key = "" }, []string{"form.0.key"}, "شناسه فنی ندارد"},
		{"duplicate form key", func(s *desk.Service) { s.Form[1].Key = "area" }, []string{"form.1.key"}, "پرسش ۱ یکی است"},
		{"form key may repeat a document key", func(s *desk.Service) { s.Form[0].Key = "deed" }, nil, ""},
		{"form field without type", func(s *desk.Service) { s.Form[0].Type = "" }, []string{"form.0.type"}, "نوع پاسخ"},
		{"form field unknown type", func(s *desk.Service) { s.Form[0].Type = "colour" }, []string{"form.0.type"}, "«colour»"},
		{"choice without choices", func(s *desk.Service) { s.Form[1].Choices = nil }, []string{"form.1.choices"}, "دست‌کم دو گزینه"},
		{"choice with one real choice", func(s *desk.Service) { s.Form[1].Choices = []string{"مسکونی", " "} }, []string{"form.1.choices"}, "دست‌کم دو گزینه"},
		{"choice repeated", func(s *desk.Service) { s.Form[1].Choices = []string{"الف", "ب", "الف"} }, []string{"form.1.choices"}, "«الف»"},
		{"negative max length", func(s *desk.Service) { s.Form[0].MaxLen = -1 }, []string{"form.0.max_len"}, "منفی"},
		{"unknown channel stage", func(s *desk.Service) { s.Channels[0].Stage = "payment" }, []string{"channels"}, "«payment»"},
		{"unknown channel means", func(s *desk.Service) { s.Channels[0].Means = []string{"fax"} }, []string{"channels.request"}, "«fax»"},
		{"stage twice", func(s *desk.Service) { s.Channels = append(s.Channels, s.Channels[0]) }, []string{"channels.request"}, "دو بار"},
		{"too many steps", func(s *desk.Service) {
			for range 100 {
				s.Steps = append(s.Steps, s.Steps[0])
			}
		}, []string{"steps"}, "بیش از اندازه"},
		{"several at once", func(s *desk.Service) { s.Title, s.Steps[0].Title, s.Documents[2].Name = "", "", "" },
			[]string{"title", "steps.0.title", "documents.2.name"}, "عنوان خدمت"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := card()
			tt.change(&s)
			ps := catalog.Validate(s, testUnits)
			var fields []string
			for _, p := range ps {
				fields = append(fields, p.Field)
				if p.Code != s.Code || p.Row != 0 || p.Message == "" {
					t.Errorf("problem %+v: want code %q, row 0 and a message", p, s.Code)
				}
				checkMessage(t, p.Message)
			}
			if !slices.Equal(fields, tt.fields) {
				t.Fatalf("fields %q, want %q (%+v)", fields, tt.fields, ps)
			}
			if len(ps) > 0 && !strings.Contains(ps[0].Message, tt.says) {
				t.Errorf("message %q does not say %q", ps[0].Message, tt.says)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	if catalog.Errors(nil) != nil {
		t.Fatal("no problems must be no error")
	}
	ps := []catalog.Problem{
		{Field: "title", Message: "الف"},
		{Field: "steps.0.title", Message: "ب"},
		{Field: "title", Message: "پ"},
	}
	err := catalog.Errors(ps)
	var e *desk.Error
	if !errors.As(err, &e) || e.Code != desk.EINVALID {
		t.Fatalf("got %#v, want an EINVALID desk.Error", err)
	}
	if !slices.Equal(e.Order, []string{"title", "steps.0.title"}) || e.Fields["title"] != "الف" || e.Fields["steps.0.title"] != "ب" {
		t.Errorf("order %q fields %q", e.Order, e.Fields)
	}
	if e.Message == "" {
		t.Error("no summary message")
	}
	checkMessage(t, e.Message)
}

// Every format a card may name must be one the upload check accepts, or a
// citizen could be asked for a file nobody can upload.
func TestFormatsAreAccepted(t *testing.T) {
	mimes := []string{files.PDF, files.JPEG, files.PNG, files.WebP, files.TIFF}
	for _, f := range catalog.Formats {
		if !slices.ContainsFunc(mimes, func(m string) bool { return files.Accepts([]string{f}, m) }) {
			t.Errorf("format %q is not accepted by the upload check", f)
		}
	}
}
