package catalog_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"testing"

	"mizban/internal/desk"
)

// demoCatalog is the demo agency's cards, unit codes and unit names, read
// from the demo package's files (not through the package, which pulls in
// the store: fuzzing would instrument all of SQLite).
func demoCatalog(t testing.TB) ([]desk.Service, map[string]bool, map[string]string) {
	t.Helper()
	var agency struct {
		Units []desk.Unit `json:"units"`
	}
	var svcs []desk.Service
	for name, v := range map[string]any{"../demo/agency.json": &agency, "../demo/services.json": &svcs} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	units, names := map[string]bool{}, map[string]string{}
	for _, u := range agency.Units {
		units[u.Code] = true
		names[u.Code] = u.Name
	}
	if len(svcs) == 0 || len(units) == 0 {
		t.Fatal("no demo cards or units")
	}
	return svcs, units, names
}

// card is a small valid card that tests change one thing at a time.
func card() desk.Service {
	return desk.Service{
		Code: "17051310001", Title: "صدور پروانه ساختمانی", Summary: "صدور مجوز ساخت.",
		Description: "شرح کامل خدمت.", Kind: desk.KindPermit, Type: "G2C", Audience: []string{"owners"},
		Nature: "حاکمیتی", Level: "شهری", Category: "building", Trigger: "درخواست مالک",
		Documents: []desk.RequiredDoc{
			{Key: "deed", Name: "سند مالکیت", Notes: "همه صفحات", Required: true, Formats: []string{"pdf"}, Upload: true},
			{Key: "id_card", Name: "کارت ملی", Required: true, Upload: true},
			{Key: "poa", Name: "وکالت‌نامه", Required: false, Upload: true},
		},
		Steps: []desk.Step{
			{Title: "ثبت درخواست", UnitCode: "desk"},
			{Title: "بازدید از ملک", Detail: "کارشناس می‌آید.", UnitCode: "permits"},
			{Title: "صدور پروانه", UnitCode: "urban"},
		},
		LegalBasis:   []string{"ماده ۱۰۰ قانون شهرداری‌ها"},
		DurationDays: 10, Visits: 1, FeeRials: 500000, FeeNote: "پرداخت برخط",
		Channels: []desk.ChannelAccess{{Stage: "request", Means: []string{"web", "in_person"}}},
		UnitCode: "permits", Online: true,
		Form: []desk.FormField{
			{Key: "area", Label: "مساحت زمین", Type: desk.FieldNumber, Required: true},
			{Key: "use", Label: "کاربری", Type: desk.FieldChoice, Choices: []string{"مسکونی", "تجاری"}},
		},
	}
}

var testUnits = map[string]bool{"desk": true, "permits": true, "urban": true, "revenue": true}

var unitNames = map[string]string{"desk": "میز خدمت", "permits": "اداره صدور پروانه", "urban": "معاونت شهرسازی"}

func unitName(code string) string { return unitNames[code] }

// differs names the card fields where a and b differ, an empty list and
// none counting as the same (JSON null and [] say the same to a reader).
func differs(a, b desk.Service) []string {
	var out []string
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := range va.NumField() {
		if !reflect.DeepEqual(nilEmpty(va.Field(i)), nilEmpty(vb.Field(i))) {
			out = append(out, fmt.Sprintf("%s: %+v ≠ %+v", va.Type().Field(i).Name, va.Field(i), vb.Field(i)))
		}
	}
	return out
}

// nilEmpty is v as an any with every empty slice inside made nil.
func nilEmpty(v reflect.Value) any {
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Slice:
			if v.Len() == 0 {
				v.Set(reflect.Zero(v.Type()))
				return
			}
			cp := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			reflect.Copy(cp, v)
			v.Set(cp)
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		}
	}
	walk(c)
	return c.Interface()
}
