package catalog_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"mizban/internal/catalog"
	"mizban/internal/desk"
)

type change = catalog.Change

func TestDiff(t *testing.T) {
	M := func(area, text string) change { return change{Area: area, Text: text, Material: true} }
	N := func(area, text string) change { return change{Area: area, Text: text} }
	tests := []struct {
		name   string
		change func(s *desk.Service)
		want   []change
	}{
		{"nothing", func(s *desk.Service) {}, nil},
		{"only bookkeeping", func(s *desk.Service) { s.Version, s.UpdatedBy = 7, "کسی" }, nil},
		{"description typo", func(s *desk.Service) { s.Description = "شرح کامل خدمت را." },
			[]change{N("text", "شرح خدمت به‌روز شد.")}},
		{"Arabic yeh and double space are no change", func(s *desk.Service) { s.Description = "شرح  کامل خدمت." }, nil},
		{"document added", func(s *desk.Service) {
			s.Documents = append(s.Documents, desk.RequiredDoc{Key: "copy", Name: "کپی سند مالکیت", Required: true, Upload: true})
		}, []change{M("documents", "مدرک «کپی سند مالکیت» به مدارک لازم اضافه شد.")}},
		{"optional document added", func(s *desk.Service) {
			s.Documents = append(s.Documents, desk.RequiredDoc{Key: "map", Name: "نقشه", Upload: true})
		}, []change{M("documents", "مدرک «نقشه» به‌عنوان مدرک اختیاری اضافه شد.")}},
		{"document removed", func(s *desk.Service) { s.Documents = s.Documents[1:] },
			[]change{M("documents", "مدرک «سند مالکیت» دیگر لازم نیست.")}},
		{"document renamed", func(s *desk.Service) { s.Documents[1].Name = "کارت ملی هوشمند" },
			[]change{M("documents", "نام مدرک «کارت ملی» به «کارت ملی هوشمند» تغییر کرد.")}},
		{"document reordered is no change", func(s *desk.Service) { s.Documents[0], s.Documents[2] = s.Documents[2], s.Documents[0] }, nil},
		{"document becomes required", func(s *desk.Service) { s.Documents[2].Required = true },
			[]change{M("documents", "مدرک «وکالت‌نامه» الزامی شد.")}},
		{"document becomes optional", func(s *desk.Service) { s.Documents[1].Required = false },
			[]change{M("documents", "مدرک «کارت ملی» اختیاری شد.")}},
		{"note added", func(s *desk.Service) { s.Documents[1].Notes = "پشت و رو" },
			[]change{M("documents", "برای مدرک «کارت ملی» این توضیح اضافه شد: «پشت و رو».")}},
		{"note changed", func(s *desk.Service) { s.Documents[0].Notes = "اصل سند" },
			[]change{M("documents", "توضیح مدرک «سند مالکیت» تغییر کرد؛ اکنون: «اصل سند».")}},
		{"note removed", func(s *desk.Service) { s.Documents[0].Notes = "" },
			[]change{M("documents", "توضیح مدرک «سند مالکیت» برداشته شد.")}},
		{"formats changed", func(s *desk.Service) { s.Documents[0].Formats = []string{"pdf", "jpg"} },
			[]change{M("documents", "قالب‌های پذیرفته برای مدرک «سند مالکیت» اکنون PDF، JPEG است.")}},
		{"formats spelt differently is no change", func(s *desk.Service) { s.Documents[1].Formats = []string{"png", "JPG", "pdf"} }, nil},
		{"upload off", func(s *desk.Service) { s.Documents[0].Upload = false },
			[]change{M("documents", "مدرک «سند مالکیت» دیگر بارگذاری نمی‌شود؛ اصل آن را همراه داشته باشید.")}},
		{"upload on", func(s *desk.Service) { s.Documents[0].Upload = false }, nil}, // reversed below
		{"fee", func(s *desk.Service) { s.FeeRials = 750000 },
			[]change{M("fee", "هزینه از ۵۰۰٬۰۰۰ ریال به ۷۵۰٬۰۰۰ ریال تغییر کرد.")}},
		{"fee to nothing", func(s *desk.Service) { s.FeeRials = 0 },
			[]change{M("fee", "این خدمت رایگان شد؛ هزینهٔ پیشین ۵۰۰٬۰۰۰ ریال بود.")}},
		{"fee note", func(s *desk.Service) { s.FeeNote = "پرداخت با کارت" },
			[]change{N("fee", "توضیح هزینه و شیوهٔ پرداخت به‌روز شد.")}},
		{"duration", func(s *desk.Service) { s.DurationDays = 15 },
			[]change{M("duration", "مدت انجام کار از ۱۰ روز کاری به ۱۵ روز کاری تغییر کرد.")}},
		{"calendar days", func(s *desk.Service) { s.CalendarDays = true },
			[]change{M("duration", "مدت انجام کار از ۱۰ روز کاری به ۱۰ روز تقویمی تغییر کرد.")}},
		{"pause on documents", func(s *desk.Service) { s.PauseOnDocs = true },
			[]change{N("settings", "از این پس، وقتی مدرکی از متقاضی خواسته می‌شود، شمارش مهلت پاسخ تا رسیدن مدرک متوقف می‌شود.")}},
		{"visits", func(s *desk.Service) { s.Visits = 2 },
			[]change{M("steps", "تعداد مراجعهٔ حضوری از ۱ بار به ۲ بار تغییر کرد.")}},
		{"no more visits", func(s *desk.Service) { s.Visits = 0 },
			[]change{M("steps", "دیگر نیازی به مراجعهٔ حضوری نیست؛ پیش از این ۱ بار لازم بود.")}},
		{"step added", func(s *desk.Service) {
			s.Steps = slices.Insert(s.Steps, 1, desk.Step{Title: "پرداخت عوارض", UnitCode: "revenue"})
		}, []change{M("steps", "مرحلهٔ «پرداخت عوارض» به‌عنوان مرحلهٔ ۲ به مراحل انجام کار اضافه شد.")}},
		{"step removed", func(s *desk.Service) { s.Steps = slices.Delete(s.Steps, 1, 2) },
			[]change{M("steps", "مرحلهٔ «بازدید از ملک» از مراحل انجام کار حذف شد.")}},
		{"steps reordered", func(s *desk.Service) { s.Steps[1], s.Steps[2] = s.Steps[2], s.Steps[1] },
			[]change{M("steps", "ترتیب مراحل انجام کار تغییر کرد.")}},
		{"step unit", func(s *desk.Service) { s.Steps[1].UnitCode = "urban" },
			[]change{M("steps", "مسئول مرحلهٔ «بازدید از ملک» از «اداره صدور پروانه» به «معاونت شهرسازی» تغییر کرد.")}},
		{"step unit without a name", func(s *desk.Service) { s.Steps[1].UnitCode = "revenue" },
			[]change{M("steps", "مسئول مرحلهٔ «بازدید از ملک» از «اداره صدور پروانه» به «revenue» تغییر کرد.")}},
		{"step renamed", func(s *desk.Service) { s.Steps[1].Title = "بازدید کارشناس از ملک" },
			[]change{N("steps", "عنوان مرحلهٔ ۲ از «بازدید از ملک» به «بازدید کارشناس از ملک» تغییر کرد.")}},
		{"step replaced", func(s *desk.Service) { s.Steps[1] = desk.Step{Title: "پرداخت", UnitCode: "revenue"} },
			[]change{M("steps", "مرحلهٔ «بازدید از ملک» از مراحل انجام کار حذف شد."),
				M("steps", "مرحلهٔ «پرداخت» به‌عنوان مرحلهٔ ۲ به مراحل انجام کار اضافه شد.")}},
		{"step detail", func(s *desk.Service) { s.Steps[1].Detail = "کارشناس زنگ می‌زند." },
			[]change{N("steps", "توضیح مرحلهٔ «بازدید از ملک» به‌روز شد.")}},
		{"online off", func(s *desk.Service) { s.Online = false },
			[]change{M("channels", "درخواست اینترنتی این خدمت متوقف شد؛ راه‌های دریافت آن در شناسنامهٔ خدمت آمده است.")}},
		{"channels", func(s *desk.Service) {
			s.Channels = append(s.Channels, desk.ChannelAccess{Stage: "delivery", Means: []string{"sms"}})
			s.Channels[0].Means = []string{"web"}
		}, []change{
			N("channels", "راه‌های دسترسی برای «درخواست» تغییر کرد؛ اکنون: «وبگاه»."),
			N("channels", "راه‌های دسترسی برای «تحویل نتیجه» تغییر کرد؛ اکنون: «پیامک»."),
		}},
		{"channel stage dropped", func(s *desk.Service) { s.Channels = nil },
			[]change{N("channels", "برای «درخواست» دیگر راه دسترسی‌ای ثبت نشده است.")}},
		{"form field added", func(s *desk.Service) {
			s.Form = append(s.Form, desk.FormField{Key: "floors", Label: "تعداد طبقات", Type: desk.FieldNumber})
		}, []change{N("form", "پرسش «تعداد طبقات» به فرم درخواست اضافه شد.")}},
		{"form field removed", func(s *desk.Service) { s.Form = s.Form[:1] },
			[]change{N("form", "پرسش «کاربری» از فرم درخواست حذف شد.")}},
		{"form field changed", func(s *desk.Service) {
			f := &s.Form[1]
			f.Label, f.Required, f.Choices, f.Help, f.MaxLen = "کاربری ملک", true, []string{"مسکونی"}, "راهنما", 10
		}, []change{
			N("form", "پرسش «کاربری» در فرم درخواست «کاربری ملک» نام گرفت."),
			N("form", "پاسخ به پرسش «کاربری ملک» الزامی شد."),
			N("form", "گزینه‌های پرسش «کاربری ملک» تغییر کرد."),
			N("form", "راهنمای پرسش «کاربری ملک» به‌روز شد."),
			N("form", "تنظیمات پرسش «کاربری ملک» به‌روز شد."),
		}},
		{"form field type and order", func(s *desk.Service) {
			s.Form[0].Type = desk.FieldText
			s.Form[0], s.Form[1] = s.Form[1], s.Form[0]
		}, []change{N("form", "نوع پاسخ پرسش «مساحت زمین» تغییر کرد."), N("form", "ترتیب پرسش‌های فرم درخواست تغییر کرد.")}},
		{"legal basis", func(s *desk.Service) { s.LegalBasis = []string{"مصوبه شورا"} }, []change{
			N("legal", "مبنای قانونی «ماده ۱۰۰ قانون شهرداری‌ها» حذف شد."),
			N("legal", "مبنای قانونی «مصوبه شورا» اضافه شد."),
		}},
		{"title", func(s *desk.Service) { s.Title = "پروانه ساخت" },
			[]change{N("title", "عنوان خدمت از «صدور پروانه ساختمانی» به «پروانه ساخت» تغییر کرد.")}},
		{"unit", func(s *desk.Service) { s.UnitCode = "urban" },
			[]change{N("unit", "واحد مسئول خدمت از «اداره صدور پروانه» به «معاونت شهرسازی» تغییر کرد.")}},
		{"settings", func(s *desk.Service) {
			s.Kind, s.Category, s.Retention, s.ParentCode = desk.KindCertificate, "property", "permanent", "17051310009"
		}, []change{
			N("settings", "نوع درخواست این خدمت از «مجوز» به «گواهی» تغییر کرد."),
			N("settings", "دستهٔ خدمت از «ساختمان و شهرسازی» به «املاک و عوارض» تغییر کرد."),
			N("settings", "این خدمت اکنون زیرخدمتِ خدمت با شناسهٔ ۱۷۰۵۱۳۱۰۰۰۹ است."),
			N("settings", "ردهٔ نگهداری پرونده‌های این خدمت از «عادی (۱۰ سال)» به «دائمی» تغییر کرد."),
		}},
		{"standard retention said aloud is no change", func(s *desk.Service) { s.Retention = "standard" }, nil},
		{"material first", func(s *desk.Service) { s.Title, s.FeeRials = "پروانه ساخت", 600000 }, []change{
			M("fee", "هزینه از ۵۰۰٬۰۰۰ ریال به ۶۰۰٬۰۰۰ ریال تغییر کرد."),
			N("title", "عنوان خدمت از «صدور پروانه ساختمانی» به «پروانه ساخت» تغییر کرد."),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, new := card(), card()
			tt.change(&new)
			if tt.name == "upload on" {
				old, new = new, card()
				tt.want = []change{M("documents", "مدرک «سند مالکیت» را باید در درخواست اینترنتی بارگذاری کنید.")}
			}
			got := catalog.Diff(old, new, unitName)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Diff:\n got %+v\nwant %+v", got, tt.want)
			}
			if catalog.Material(got) != slices.ContainsFunc(tt.want, func(c change) bool { return c.Material }) {
				t.Errorf("Material(%v) wrong", got)
			}
			for _, c := range got {
				checkMessage(t, c.Text)
			}
		})
	}
}

func TestDiffNewService(t *testing.T) {
	got := catalog.Diff(desk.Service{}, card(), nil)
	if len(got) != 1 || got[0].Text != catalog.NewServiceText || got[0].Material {
		t.Fatalf("new service: %+v", got)
	}
	checkMessage(t, got[0].Text)
}

// Every field an editor can change must show up in the history: changing
// any one of them alone gives at least one change. Bookkeeping fields are
// the system's own.
func TestDiffSeesEveryField(t *testing.T) {
	bookkeeping := map[string]bool{"UpdatedBy": true, "UpdatedAt": true, "ReviewedAt": true, "Version": true, "Code": true}
	typ := reflect.TypeOf(desk.Service{})
	for i := range typ.NumField() {
		f := typ.Field(i)
		if bookkeeping[f.Name] {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			old, new := card(), card()
			v := reflect.ValueOf(&new).Elem().Field(i)
			switch v.Kind() {
			case reflect.String:
				v.SetString(v.String() + "x")
			case reflect.Bool:
				v.SetBool(!v.Bool())
			case reflect.Int, reflect.Int64:
				v.SetInt(v.Int() + 3)
			case reflect.Slice:
				if v.Len() == 0 {
					v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
				} else {
					v.Set(v.Slice(0, v.Len()-1))
				}
			default:
				t.Fatalf("field %s of kind %s: teach this test to change it", f.Name, v.Kind())
			}
			if len(catalog.Diff(old, new, unitName)) == 0 {
				t.Errorf("changing %s alone is not in the history", f.Name)
			}
		})
	}
}

// The demo cards against each other: every sentence is translated, and a
// card compared with itself has no change.
func TestDiffDemo(t *testing.T) {
	svcs, _, names := demoCatalog(t)
	name := func(c string) string { return names[c] }
	for i, s := range svcs {
		if cs := catalog.Diff(s, s, name); len(cs) != 0 {
			t.Errorf("%s against itself: %+v", s.Code, cs)
		}
		other := svcs[(i+1)%len(svcs)]
		other.Code = s.Code
		cs := catalog.Diff(s, other, name)
		if len(cs) == 0 {
			t.Errorf("%s against %s: no change", s.Code, svcs[(i+1)%len(svcs)].Code)
		}
		for _, c := range cs {
			if !strings.HasSuffix(c.Text, ".") {
				t.Errorf("%q is not a sentence", c.Text)
			}
			checkMessage(t, c.Text)
		}
	}
}
