package catalog_test

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"mizban/internal/catalog"
	"mizban/internal/desk"
)

func byCode(svcs []desk.Service) map[string]desk.Service {
	m := map[string]desk.Service{}
	for _, s := range svcs {
		m[s.Code] = s
	}
	return m
}

func TestCSVRoundTrip(t *testing.T) {
	svcs, _, _ := demoCatalog(t)
	var buf bytes.Buffer
	if err := catalog.WriteCSV(&buf, svcs); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeffcode,parent_code,title,")) {
		t.Errorf("no BOM or header: %.40q", buf.String())
	}

	// Over the current cards: nothing changes, the fields the CSV does not
	// carry (form, step details, document keys) are kept.
	got, ps := catalog.ReadCSV(bytes.NewReader(buf.Bytes()), byCode(svcs))
	if len(ps) != 0 {
		t.Fatalf("problems: %+v", ps)
	}
	if len(got) != len(svcs) {
		t.Fatalf("%d cards, want %d", len(got), len(svcs))
	}
	for i := range svcs {
		if d := differs(got[i], svcs[i]); len(d) > 0 {
			t.Errorf("%s changed by export → import over itself: %q", svcs[i].Code, d)
		}
	}

	// As new cards: every column it carries comes back.
	fresh, ps := catalog.ReadCSV(bytes.NewReader(buf.Bytes()), nil)
	if len(ps) != 0 {
		t.Fatalf("problems: %+v", ps)
	}
	for i, s := range svcs {
		want := s
		want.Form, want.UpdatedBy, want.UpdatedAt, want.ReviewedAt, want.Version = nil, "", time.Time{}, time.Time{}, 0
		want.Steps = slices.Clone(s.Steps)
		for j := range want.Steps {
			want.Steps[j].Detail = ""
		}
		want.Documents = slices.Clone(s.Documents)
		for j := range want.Documents {
			want.Documents[j].Key = ""
		}
		got := fresh[i]
		for j, d := range got.Documents {
			if d.Key == "" {
				t.Errorf("%s: document %d has no key", s.Code, j)
			}
			got.Documents[j].Key = ""
		}
		if d := differs(got, want); len(d) > 0 {
			t.Errorf("%s: columns lost: %q", s.Code, d)
		}
	}
}

func TestReadCSV(t *testing.T) {
	cur := card()
	current := map[string]desk.Service{cur.Code: cur}
	tests := []struct {
		name  string
		in    string
		check func(t *testing.T, got []desk.Service)
		want  []catalog.Problem // Row, Code, Field
	}{
		{"over a current card, other fields kept",
			"code,fee_rials,online\n17051310001,\"۷۵۰٬۰۰۰\",خیر\n",
			func(t *testing.T, got []desk.Service) {
				want := card()
				want.FeeRials, want.Online = 750000, false
				if !reflect.DeepEqual(got[0], want) {
					t.Errorf("got %+v", got[0])
				}
			}, nil},
		{"BOM, semicolons and Persian digits in the code",
			"\ufeffcode;title\r\n۱۷۰۵۱۳۱۰۰۰۱;عنوان تازه\r\n",
			func(t *testing.T, got []desk.Service) {
				if got[0].Title != "عنوان تازه" || got[0].Steps == nil {
					t.Errorf("got %+v", got[0])
				}
			}, nil},
		{"new card, lists",
			"code,unit_code,documents,steps,audience,channels\n" +
				"99,permits,\"*نقشه یو‌تی‌ام (UTM) ملک (تهیه‌شده توسط نقشه‌بردار) [pdf]\n" +
				"کارت ملی [-] | عکس\",\"ثبت @ desk\nبازدید\",owners | engineers,\"request: web, in_person\"\n",
			func(t *testing.T, got []desk.Service) {
				s := got[0]
				wantDocs := []desk.RequiredDoc{
					{Key: "doc_1", Name: "نقشه یو‌تی‌ام (UTM) ملک", Notes: "تهیه‌شده توسط نقشه‌بردار", Required: true, Formats: []string{"pdf"}, Upload: true},
					{Key: "doc_2", Name: "کارت ملی"},
					{Key: "doc_3", Name: "عکس", Upload: true},
				}
				if !reflect.DeepEqual(s.Documents, wantDocs) {
					t.Errorf("documents %+v", s.Documents)
				}
				wantSteps := []desk.Step{{Title: "ثبت", UnitCode: "desk"}, {Title: "بازدید", UnitCode: "permits"}}
				if !reflect.DeepEqual(s.Steps, wantSteps) {
					t.Errorf("steps %+v", s.Steps)
				}
				if !slices.Equal(s.Audience, []string{"owners", "engineers"}) {
					t.Errorf("audience %q", s.Audience)
				}
				if len(s.Channels) != 1 || s.Channels[0].Stage != "request" || !slices.Equal(s.Channels[0].Means, []string{"web", "in_person"}) {
					t.Errorf("channels %+v", s.Channels)
				}
			}, nil},
		{"a renamed document keeps nothing, a kept one keeps its key",
			"code,documents\n17051310001,\"*سند مالکیت (همه صفحات)\n*کارت ملی هوشمند\"\n",
			func(t *testing.T, got []desk.Service) {
				d := got[0].Documents
				if len(d) != 2 || d[0].Key != "deed" || !slices.Equal(d[0].Formats, []string{"pdf"}) || d[1].Key != "doc_1" {
					t.Errorf("documents %+v", d)
				}
			}, nil},
		{"problems by line and column",
			"code,visits,online,channels\n" +
				"1,x,شاید,\"request web\"\n" +
				"\"2\",\"۳\nو\",بله,\n" + // a cell over two lines: the next record starts on line 5
				",,,\n" + // a row of empty cells is skipped
				"1,1,خیر,\n",
			nil, []catalog.Problem{
				{Row: 2, Code: "1", Field: "online"}, {Row: 2, Code: "1", Field: "visits"}, {Row: 2, Code: "1", Field: "channels"},
				{Row: 3, Code: "2", Field: "visits"},
				{Row: 6, Code: "1", Field: "code"},
			}},
		{"Excel's scientific notation", "code,title\n1.70513E+10,الف\n", nil, []catalog.Problem{{Row: 2, Code: "170513E+10", Field: "code"}}},
		{"wrong number of cells", "code,title\n1,الف,ب\n", nil, []catalog.Problem{{Row: 2, Code: "1"}}},
		{"header problems", "code,titel,code\n1,الف,1\n", nil, []catalog.Problem{{Row: 1, Field: "titel"}, {Row: 1, Field: "code"}}},
		{"no code column", "title\nالف\n", nil, []catalog.Problem{{Row: 1, Field: "code"}}},
		{"empty file", "", nil, []catalog.Problem{{Row: 1}}},
		{"broken quotes", "code,title\n1,\"الف\n2,ب\n", nil, []catalog.Problem{{Row: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ps := catalog.ReadCSV(strings.NewReader(tt.in), current)
			if len(ps) != len(tt.want) {
				t.Fatalf("problems %+v, want %+v", ps, tt.want)
			}
			for i, p := range ps {
				w := tt.want[i]
				if p.Row != w.Row || p.Code != w.Code || p.Field != w.Field || p.Message == "" {
					t.Errorf("problem %d: %+v, want %+v with a message", i, p, w)
				}
				checkMessage(t, p.Message)
			}
			if tt.check != nil {
				if len(got) == 0 {
					t.Fatal("no cards")
				}
				tt.check(t, got)
			}
		})
	}
	if cur.FeeRials != 500000 || len(current[cur.Code].Documents) != 3 || current[cur.Code].Documents[0].Key != "deed" {
		t.Error("ReadCSV changed the current cards")
	}
}

func TestColumnsCoverTheCard(t *testing.T) {
	// Every card field travels in CSV except these, which are JSON only or
	// the system's own (docs/catalog-import.md says so).
	notInCSV := map[string]bool{"form": true, "updated_by": true, "updated_at": true, "reviewed_at": true, "version": true}
	cols := catalog.Columns()
	typ := reflect.TypeOf(desk.Service{})
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if !notInCSV[name] && !slices.Contains(cols, name) {
			t.Errorf("field %q has no CSV column", name)
		}
	}
}
