package catalog_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"mizban/internal/catalog"
)

// docBlock returns the fenced block of lang in docs/catalog-import.md.
func docBlock(t *testing.T, lang string) string {
	t.Helper()
	b, err := os.ReadFile("../../docs/catalog-import.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```"+lang+"\n")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatalf("no %s example in the docs", lang)
	}
	return block
}

// The examples of docs/catalog-import.md do what the page says.
func TestDocsExamples(t *testing.T) {
	svcs, units, _ := demoCatalog(t)

	cards, ps := catalog.ReadJSON(strings.NewReader(docBlock(t, "json")))
	if len(ps) != 0 || len(cards) != 1 {
		t.Fatalf("JSON example: %d cards, problems %+v", len(cards), ps)
	}
	if ps := catalog.Validate(cards[0], units); len(ps) != 0 {
		t.Errorf("JSON example does not validate: %+v", ps)
	}

	cards, ps = catalog.ReadCSV(strings.NewReader(docBlock(t, "csv")), byCode(svcs))
	if len(ps) != 0 || len(cards) != 2 {
		t.Fatalf("CSV example: %d cards, problems %+v", len(cards), ps)
	}
	old, laid := byCode(svcs)["17051310001"], cards[0]
	if laid.FeeRials != 5000000 || laid.Summary != old.Summary || len(laid.Form) != len(old.Form) || len(laid.Form) == 0 {
		t.Errorf("first row: fee %d, summary or form not kept", laid.FeeRials)
	}
	if len(laid.Documents) != 4 || laid.Documents[0].Key != "ownership_deed" || laid.Documents[3].Upload || !laid.Documents[3].Required {
		t.Errorf("first row documents: %+v", laid.Documents)
	}
	if ps := catalog.Validate(laid, units); len(ps) != 0 {
		t.Errorf("first row does not validate: %+v", ps)
	}
	fresh := cards[1]
	if len(fresh.Steps) != 2 || fresh.Steps[1].UnitCode != "traffic" {
		t.Errorf("second row steps: %+v", fresh.Steps)
	}
	var fields []string
	for _, p := range catalog.Validate(fresh, units) {
		fields = append(fields, p.Field)
	}
	if !slices.Equal(fields, []string{"summary"}) {
		t.Errorf("second row: problems on %q, the docs say only the summary", fields)
	}
}
