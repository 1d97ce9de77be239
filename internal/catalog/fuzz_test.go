package catalog_test

import (
	"bytes"
	"testing"

	"mizban/internal/catalog"
	"mizban/internal/desk"
)

// FuzzReadJSON: any bytes give cards and problems, never a panic; problem
// rows are within the records read; and a file read without problems is
// written back and read again to the same cards.
func FuzzReadJSON(f *testing.F) {
	svcs, _, _ := demoCatalog(f)
	var buf bytes.Buffer
	catalog.WriteJSON(&buf, svcs[:2])
	f.Add(buf.Bytes())
	for _, s := range []string{`[]`, `[{"code":"1","steps":[{"title":7}]}]`, `[{"code":"1"},{"code":"1"}]`, `[1,null,"x"]`, `{`, "\ufeff[{\"kind\":\"x\"}]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cards, ps := catalog.ReadJSON(bytes.NewReader(data))
		for _, p := range ps {
			if p.Row < 0 || p.Row > len(cards)+1 || p.Message == "" {
				t.Fatalf("problem %+v with %d cards", p, len(cards))
			}
		}
		if len(ps) > 0 {
			return
		}
		var out bytes.Buffer
		if err := catalog.WriteJSON(&out, cards); err != nil {
			t.Fatal(err)
		}
		again, ps := catalog.ReadJSON(&out)
		if len(ps) > 0 || len(again) != len(cards) {
			t.Fatalf("re-reading a clean file: %d cards, problems %+v", len(again), ps)
		}
		for i := range cards {
			if d := differs(cards[i], again[i]); len(d) > 0 {
				t.Fatalf("card %d changed on a second round: %q", i, d)
			}
		}
	})
}

// FuzzReadCSV: any bytes give cards and problems, never a panic, and never
// change the current cards.
func FuzzReadCSV(f *testing.F) {
	svcs, _, _ := demoCatalog(f)
	var buf bytes.Buffer
	catalog.WriteCSV(&buf, svcs[:2])
	f.Add(buf.Bytes())
	for _, s := range []string{"code\n1\n", "code;documents\n1;\"*a (b) [pdf]\"\n", "code,steps\n1,\"x @ y | z\"\n", "code,visits\n1,\"\n", "\ufeff"} {
		f.Add([]byte(s))
	}
	current := map[string]desk.Service{svcs[0].Code: svcs[0]}
	var before bytes.Buffer
	catalog.WriteJSON(&before, []desk.Service{svcs[0]})
	f.Fuzz(func(t *testing.T, data []byte) {
		cards, ps := catalog.ReadCSV(bytes.NewReader(data), current)
		for _, p := range ps {
			if p.Row < 0 || p.Message == "" {
				t.Fatalf("problem %+v", p)
			}
		}
		for _, c := range cards {
			for _, d := range c.Documents {
				if d.Key == "" {
					t.Fatalf("document without a key: %+v", d)
				}
			}
		}
		var after bytes.Buffer
		catalog.WriteJSON(&after, []desk.Service{current[svcs[0].Code]})
		if !bytes.Equal(before.Bytes(), after.Bytes()) {
			t.Fatal("ReadCSV changed a current card")
		}
	})
}
