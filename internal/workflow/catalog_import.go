package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"

	"mizban/internal/audit"
	"mizban/internal/catalog"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
)

// ExportCatalog returns every current card, by code.
func (f *Flow) ExportCatalog(ctx context.Context) ([]desk.Service, error) {
	svcs, err := f.Store.Services(ctx, store.ServiceFilter{})
	if err != nil {
		return nil, err
	}
	sort.Slice(svcs, func(i, j int) bool { return svcs[i].Code < svcs[j].Code })
	return svcs, nil
}

// ImportCatalog validates every card and, only when all are valid,
// publishes each new or changed one as a new version in one transaction
// (material changes notify as an approval does). Problems come back with
// a nil error and nothing changed.
func (f *Flow) ImportCatalog(ctx context.Context, a desk.Actor, cards []desk.Service, client string) (CatalogImport, []catalog.Problem, error) {
	if !mayEditCatalog(a) {
		return CatalogImport{}, nil, f.catalogDenied(ctx, a, "catalog.import", "catalog", client)
	}
	names, err := f.unitNames(ctx)
	if err != nil {
		return CatalogImport{}, nil, err
	}
	current, err := f.ExportCatalog(ctx)
	if err != nil {
		return CatalogImport{}, nil, err
	}
	if ps := uniqueProblems(importProblems(cards, current, names)); len(ps) > 0 {
		return CatalogImport{}, ps, nil
	}
	var res CatalogImport
	err = f.inTx(ctx, func(tx *store.Tx) error {
		res = CatalogImport{}
		for _, card := range cards {
			card.Code = cleanCode(card.Code)
			prev, err := tx.Service(ctx, card.Code)
			switch {
			case desk.ErrorCode(err) == desk.ENOTFOUND:
				res.Created++
			case err != nil:
				return err
			case sameCard(prev, card):
				res.Unchanged++
				continue
			default:
				res.Updated++
			}
			card.UpdatedBy = a.Name
			if _, err := f.publishCard(ctx, tx, card, a.Name, a.Label(), client, names); err != nil {
				return fmt.Errorf("service %s: %w", card.Code, err)
			}
		}
		return f.catalogAudit(ctx, tx, a.Label(), "catalog.import", "catalog", audit.OK, client,
			fmt.Sprintf("created=%d updated=%d unchanged=%d", res.Created, res.Updated, res.Unchanged))
	})
	if err != nil {
		return CatalogImport{}, nil, err
	}
	return res, nil, nil
}

// uniqueProblems drops repeats of a problem (same row, field and message),
// keeping the first: a card can list the same unknown value twice, and one
// line per fix is what the editor needs.
func uniqueProblems(ps []catalog.Problem) []catalog.Problem {
	type key struct {
		row            int
		field, message string
	}
	seen := make(map[key]bool, len(ps))
	out := ps[:0]
	for _, p := range ps {
		k := key{p.Row, p.Field, p.Message}
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// importProblems checks every card: catalog.Validate against the units,
// codes repeated in the file, and parent codes that are neither in the
// file nor published. Row is the card's place in the file (1-based).
func importProblems(cards []desk.Service, current []desk.Service, names map[string]string) []catalog.Problem {
	known := make(map[string]bool, len(names))
	for c := range names {
		known[c] = true
	}
	codes := map[string]int{} // code → first row
	for _, s := range current {
		codes[s.Code] = 0
	}
	inFile := map[string]int{}
	for i, c := range cards {
		if code := cleanCode(c.Code); code != "" {
			if _, dup := inFile[code]; !dup {
				inFile[code] = i + 1
			}
		}
	}
	var ps []catalog.Problem
	for i, card := range cards {
		row, code := i+1, cleanCode(card.Code)
		card.Code = code
		for _, p := range catalog.Validate(card, known) {
			p.Row, p.Code = row, code
			ps = append(ps, p)
		}
		if first := inFile[code]; code != "" && first != row {
			ps = append(ps, catalog.Problem{Row: row, Code: code, Field: "code",
				Message: fmt.Sprintf("شناسهٔ %s در ردیف %s هم آمده است؛ هر خدمت را یک بار بیاورید.", code, fa.PersianDigits(strconv.Itoa(first)))})
		}
		if p := cleanCode(card.ParentCode); p != "" && p != code {
			_, published := codes[p]
			if _, listed := inFile[p]; !published && !listed {
				ps = append(ps, catalog.Problem{Row: row, Code: code, Field: "parent_code",
					Message: fmt.Sprintf("خدمت مادر با شناسهٔ %s نه در این فایل هست و نه در فهرست خدمات؛ شناسهٔ خدمت مادر را درست کنید یا خالی بگذارید.", p)})
			}
		}
	}
	return ps
}

// sameCard reports whether two cards say the same thing, ignoring what a
// publish sets (version, dates, who) and the difference between an empty
// and a missing list or value.
func sameCard(a, b desk.Service) bool {
	na, err1 := cardContent(a)
	nb, err2 := cardContent(b)
	return err1 == nil && err2 == nil && reflect.DeepEqual(na, nb)
}

func cardContent(s desk.Service) (any, error) {
	raw, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	var v map[string]any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	delete(v, "version")
	delete(v, "updated_at")
	delete(v, "reviewed_at")
	delete(v, "updated_by")
	return dropEmpty(v), nil
}

// dropEmpty removes null, "", 0, false, empty lists and objects from a
// decoded JSON value, recursively.
func dropEmpty(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e = dropEmpty(e); e == nil {
				delete(x, k)
			} else {
				x[k] = e
			}
		}
		if len(x) == 0 {
			return nil
		}
		return x
	case []any:
		if len(x) == 0 {
			return nil
		}
		for i := range x {
			x[i] = dropEmpty(x[i])
		}
		return x
	case string:
		if x == "" {
			return nil
		}
	case float64:
		if x == 0 {
			return nil
		}
	case bool:
		if !x {
			return nil
		}
	}
	return v
}
