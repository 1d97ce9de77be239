package catalog_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"mizban/internal/catalog"
	"mizban/internal/desk"
)

func TestJSONRoundTrip(t *testing.T) {
	svcs, _, _ := demoCatalog(t)
	var buf bytes.Buffer
	if err := catalog.WriteJSON(&buf, svcs); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "[\n  {\n    \"code\": ") {
		t.Errorf("not pretty-printed in field order: %.40q", buf.String())
	}
	got, ps := catalog.ReadJSON(bytes.NewReader(buf.Bytes()))
	if len(ps) != 0 {
		t.Fatalf("problems reading an export: %+v", ps)
	}
	if !reflect.DeepEqual(got, svcs) {
		t.Fatal("export → import changed the cards")
	}
	// Written twice, the same bytes: an export can be compared with diff.
	var again bytes.Buffer
	catalog.WriteJSON(&again, got)
	if !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("a second export differs")
	}
}

func TestWriteJSONEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := catalog.WriteJSON(&buf, nil); err != nil || buf.String() != "[]\n" {
		t.Fatalf("got %q, %v", buf.String(), err)
	}
}

func TestReadJSONProblems(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		cards int
		want  []catalog.Problem // Row, Code, Field; Message is checked for being there
	}{
		{"valid", `[{"code":"1","title":"الف"},{"code":"2"}]`, 2, nil},
		{"BOM", "\ufeff[{\"code\":\"1\"}]", 1, nil},
		{"empty list", `[]`, 0, nil},
		{"not a list", `{"code":"1"}`, 0, []catalog.Problem{{}}},
		{"empty file", ``, 0, []catalog.Problem{{}}},
		{"wrong types, each reported, rest still read", `[
			{"code":"1","fee_rials":"۵۰۰","online":"yes","title":5},
			{"code":"2","steps":[{"title":"الف","unit_code":"desk"},{"title":7}],"documents":[{"name":"سند","required":"true"}]}
		]`, 2, []catalog.Problem{
			{Row: 1, Code: "1", Field: "title"}, {Row: 1, Code: "1", Field: "fee_rials"}, {Row: 1, Code: "1", Field: "online"},
			{Row: 2, Code: "2", Field: "documents.0.required"}, {Row: 2, Code: "2", Field: "steps.1.title"},
		}},
		{"list expected", `[{"code":"1","steps":"همه"},{"code":"2","audience":"owners"}]`, 2, []catalog.Problem{
			{Row: 1, Code: "1", Field: "steps"}, {Row: 2, Code: "2", Field: "audience"},
		}},
		{"record not an object", `[{"code":"1"}, 42, null]`, 3, []catalog.Problem{{Row: 2}, {Row: 3}}},
		{"unknown kind", `[{"code":"1","kind":"licence"}]`, 1, []catalog.Problem{{Row: 1, Code: "1", Field: "kind"}}},
		{"unknown fields", `[{"code":"1","titel":"الف","steps":[{"title":"ب","unit":"desk"}]}]`, 1, []catalog.Problem{
			{Row: 1, Code: "1", Field: "steps.0.unit"}, {Row: 1, Code: "1", Field: "titel"},
		}},
		{"duplicate codes", `[{"code":"1"},{"code":"2"},{"code":"۱"}]`, 3, []catalog.Problem{{Row: 3, Code: "1", Field: "code"}}},
		{"syntax error stops at its record", `[{"code":"1"},{"code":"2",}]`, 1, []catalog.Problem{{Row: 2}}},
		{"unfinished", `[{"code":"1"}`, 1, []catalog.Problem{{Row: 2}}},
		{"trailing data", `[{"code":"1"}] x`, 1, []catalog.Problem{{Row: 2}}},
		{"number too big", `[{"code":"1","visits":1e30}]`, 1, []catalog.Problem{{Row: 1, Code: "1", Field: "visits"}}},
		{"bad time", `[{"code":"1","updated_at":"دیروز"}]`, 1, []catalog.Problem{{Row: 1, Code: "1", Field: "updated_at"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cards, ps := catalog.ReadJSON(strings.NewReader(tt.in))
			if len(cards) != tt.cards {
				t.Errorf("%d cards, want %d", len(cards), tt.cards)
			}
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
		})
	}
}

// A bad record does not stop the good ones: their cards come back whole.
func TestReadJSONKeepsGoodRecords(t *testing.T) {
	cards, ps := catalog.ReadJSON(strings.NewReader(`[{"code":"1","visits":"x"},{"code":"2","title":"ب","fee_rials":700}]`))
	if len(ps) != 1 || len(cards) != 2 {
		t.Fatalf("%d problems, %d cards", len(ps), len(cards))
	}
	want := desk.Service{Code: "2", Title: "ب", FeeRials: 700}
	if !reflect.DeepEqual(cards[1], want) {
		t.Errorf("card 2 = %+v", cards[1])
	}
}
