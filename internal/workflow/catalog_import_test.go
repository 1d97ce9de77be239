package workflow_test

import (
	"context"
	"testing"

	"mizban/internal/catalog"
	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

func TestCatalogImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		subscribe(t, e, catCode, "09121111111")
		current, err := e.flow.ExportCatalog(ctx)
		if err != nil || len(current) != 1 {
			t.Fatalf("export = %v, %v", current, err)
		}
		unchanged := current[0]
		changed := current[0]
		changed.FeeRials = 700000 // material
		fresh := testService()
		fresh.Code, fresh.Title = "13099990010", "خدمت واردشده"
		child := testService()
		child.Code, child.Title, child.ParentCode = "13099990011", "زیرخدمت", fresh.Code // parent in the same file

		badTitle := fresh
		badTitle.Code, badTitle.Title = "13099990012", ""
		orphan := child
		orphan.Code, orphan.ParentCode = "13099990013", "777"
		dup := fresh
		noUnit := fresh
		noUnit.Code, noUnit.UnitCode = "13099990014", "nowhere"

		versions := func() map[string]int {
			all, _ := e.flow.ExportCatalog(ctx)
			m := map[string]int{}
			for _, s := range all {
				m[s.Code] = s.Version
			}
			return m
		}
		// Invalid and partly invalid files change nothing and report every
		// problem with its row.
		for _, tc := range []struct {
			name  string
			cards []desk.Service
			want  map[int]string // row → a field with a problem
		}{
			{"all invalid", []desk.Service{badTitle, orphan}, map[int]string{1: "title", 2: "parent_code"}},
			{"partly invalid", []desk.Service{changed, fresh, child, dup, noUnit}, map[int]string{4: "code", 5: "unit_code"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := versions()
				res, ps, err := e.flow.ImportCatalog(ctx, catAdmin, tc.cards, "c")
				if err != nil || len(ps) == 0 || res != (workflow.CatalogImport{}) {
					t.Fatalf("import = %+v, %v, %v", res, ps, err)
				}
				found := map[int]bool{}
				for _, p := range ps {
					if p.Row < 1 || p.Row > len(tc.cards) || p.Message == "" {
						t.Errorf("problem without a row or message: %+v", p)
					}
					if tc.want[p.Row] == p.Field {
						found[p.Row] = true
					}
				}
				for row, field := range tc.want {
					if !found[row] {
						t.Errorf("no problem on row %d field %s in %+v", row, field, ps)
					}
				}
				if after := versions(); len(after) != len(before) || after[catCode] != before[catCode] {
					t.Errorf("an invalid import changed the catalog: %v → %v", before, after)
				}
			})
		}
		if n := len(cardSMS(t, e)); n != 0 {
			t.Fatalf("invalid imports sent %d SMS", n)
		}
		// Refused for an officer, audited.
		if _, _, err := e.flow.ImportCatalog(ctx, catOfficer, []desk.Service{fresh}, "c"); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Fatalf("officer import = %v", err)
		}
		// A valid file: new, changed and unchanged cards.
		res, ps, err := e.flow.ImportCatalog(ctx, catAdmin, []desk.Service{child, fresh, changed}, "c")
		if err != nil || len(ps) != 0 || res != (workflow.CatalogImport{Created: 2, Updated: 1}) {
			t.Fatalf("valid import = %+v, %+v, %v", res, ps, err)
		}
		if v := versions(); v[catCode] != 2 || v[fresh.Code] != 1 || v[child.Code] != 1 {
			t.Errorf("versions = %v", v)
		}
		if sms := cardSMS(t, e); len(sms["09121111111"]) != 1 {
			t.Errorf("material import change SMS = %v", sms)
		}
		// The same file again: everything unchanged, nothing republished
		// (an exported card with its dates and version counts as unchanged).
		again, _ := e.flow.ExportCatalog(ctx)
		res, ps, err = e.flow.ImportCatalog(ctx, catAdmin, again, "c")
		if err != nil || len(ps) != 0 || res != (workflow.CatalogImport{Unchanged: 3}) {
			t.Fatalf("re-import = %+v, %+v, %v", res, ps, err)
		}
		// Empty lists and missing ones are the same content.
		unchanged = again[0]
		unchanged.Keywords, unchanged.LifeEvents = []string{}, nil
		if res, _, _ := e.flow.ImportCatalog(ctx, catAdmin, []desk.Service{unchanged}, "c"); res.Unchanged != 1 {
			t.Errorf("empty vs missing lists = %+v", res)
		}
		if v := versions(); v[catCode] != 2 {
			t.Errorf("re-import republished: %v", v)
		}
		recs := audits(t, e, "catalog.import")
		if len(recs) != 4 || recs[0] != "denied "+catOfficer.Label()+" catalog" {
			t.Errorf("import audit = %v", recs)
		}
	})
}

// A file that repeats a mistake inside one card gets it reported once per
// row and field; the same mistake in another row is its own problem.
func TestCatalogImportReportsEachProblemOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		bad := testService()
		bad.Code, bad.Audience = "13099990020", []string{"martians", "martians"}
		bad.Documents = []desk.RequiredDoc{{Key: "scan", Name: "نقشه", Formats: []string{"bmp", "bmp"}}}
		other := bad
		other.Code = "13099990021"
		// Without de-duplication the checks do report the repeats.
		if ps := catalog.Validate(bad, nil); len(ps) < 2 {
			t.Fatalf("catalog.Validate found %d problems; the test needs repeats", len(ps))
		}
		_, ps, err := e.flow.ImportCatalog(ctx, catAdmin, []desk.Service{bad, other}, "c")
		if err != nil {
			t.Fatal(err)
		}
		type key struct {
			row        int
			field, msg string
		}
		seen := map[key]int{}
		fields := map[int]map[string]bool{1: {}, 2: {}}
		for _, p := range ps {
			seen[key{p.Row, p.Field, p.Message}]++
			fields[p.Row][p.Field] = true
		}
		for k, n := range seen {
			if n > 1 {
				t.Errorf("problem reported %d times: %+v", n, k)
			}
		}
		for row := 1; row <= 2; row++ {
			if !fields[row]["audience"] || !fields[row]["documents.0.formats"] {
				t.Errorf("row %d problems %v; want audience and documents.0.formats", row, fields[row])
			}
		}
	})
}
