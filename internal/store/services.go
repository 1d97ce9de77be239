package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// ServiceFilter narrows the catalog. Query terms must all match; empty
// fields do not filter; Limit <= 0 means no limit.
type ServiceFilter struct {
	Query, Category, Audience string
	Parent                    string // only the sub-services of this code
	OnlineOnly                bool
	Limit                     int
}

// serviceSearch is the search column: the SearchKey of each searchable field
// joined by spaces, so a term (which never holds a space) matches inside one
// field and never across two.
func serviceSearch(svc desk.Service) string {
	parts := []string{svc.Code, svc.Title, svc.TitleEn, svc.Summary, svc.Description}
	parts = append(parts, svc.Keywords...)
	for _, d := range svc.Documents {
		parts = append(parts, d.Name)
	}
	keys := make([]string, 0, len(parts))
	for _, p := range parts {
		if k := fa.SearchKey(p); k != "" {
			keys = append(keys, k)
		}
	}
	return strings.Join(keys, " ")
}

// PublishService saves svc as the next version of its code (1 for a new
// code), sets svc.Version, keeps the card in service_versions and makes it
// the current one. A zero UpdatedAt is set to now.
func (tx *Tx) PublishService(ctx context.Context, svc desk.Service) (int, error) {
	if svc.Code == "" {
		return 0, &desk.Error{Code: desk.EINVALID, Message: "شناسه خدمت را وارد کنید."}
	}
	var prev int
	if err := tx.tx.QueryRowContext(ctx,
		`SELECT COALESCE(MAX(version), 0) FROM service_versions WHERE code = $1`, svc.Code).Scan(&prev); err != nil {
		return 0, fail("publish service", err, "")
	}
	svc.Version = prev + 1
	if svc.UpdatedAt.IsZero() {
		svc.UpdatedAt = time.Now()
	}
	svc.UpdatedAt = ts(svc.UpdatedAt)
	card, err := json.Marshal(svc)
	if err != nil {
		return 0, fmt.Errorf("store: publish service: %w", err)
	}
	if _, err := tx.tx.ExecContext(ctx,
		`INSERT INTO service_versions (code, version, card, published_at) VALUES ($1, $2, $3, $4)`,
		svc.Code, svc.Version, string(card), svc.UpdatedAt); err != nil {
		return 0, fail("publish service", err, "")
	}
	audience := ""
	if len(svc.Audience) > 0 {
		audience = "," + strings.Join(svc.Audience, ",") + ","
	}
	_, err = tx.tx.ExecContext(ctx,
		`INSERT INTO services (code, version, parent_code, title, category, audience, online,
		   popularity, search, card, updated_at)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		 ON CONFLICT (code) DO UPDATE SET version = excluded.version,
		   parent_code = excluded.parent_code, title = excluded.title, category = excluded.category,
		   audience = excluded.audience, online = excluded.online, popularity = excluded.popularity,
		   search = excluded.search, card = excluded.card, updated_at = excluded.updated_at`,
		svc.Code, svc.Version, svc.ParentCode, svc.Title, svc.Category, audience, svc.Online,
		svc.Popularity, serviceSearch(svc), string(card), svc.UpdatedAt)
	if err != nil {
		return 0, fail("publish service", err, "")
	}
	return svc.Version, nil
}

// cleanText drops what PostgreSQL refuses in text (NUL, invalid UTF-8), so
// a stray byte in a search box finds nothing instead of failing.
func cleanText(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\x00", "")
}

func decodeService(card string) (desk.Service, error) {
	var svc desk.Service
	if err := json.Unmarshal([]byte(card), &svc); err != nil {
		return desk.Service{}, fmt.Errorf("store: service card: %w", err)
	}
	return svc, nil
}

// Service returns the current card of code.
func (s *Store) Service(ctx context.Context, code string) (desk.Service, error) {
	var card string
	if err := s.read.QueryRowContext(ctx, `SELECT card FROM services WHERE code = $1`, code).Scan(&card); err != nil {
		return desk.Service{}, fail("service", err, msgNoService)
	}
	return decodeService(card)
}

// ServiceVersion returns the card of code as it was at version.
func (s *Store) ServiceVersion(ctx context.Context, code string, version int) (desk.Service, error) {
	var card string
	if err := s.read.QueryRowContext(ctx,
		`SELECT card FROM service_versions WHERE code = $1 AND version = $2`, code, version).Scan(&card); err != nil {
		return desk.Service{}, fail("service version", err, msgNoService)
	}
	return decodeService(card)
}

// Services lists current cards, most popular first, then by title. The
// query forgives spelling the way fa.SearchFold does: Arabic ي/ك, Persian
// digits, missing or extra spaces and half-spaces.
func (s *Store) Services(ctx context.Context, f ServiceFilter) ([]desk.Service, error) {
	var (
		where []string
		args  []any
	)
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	for _, term := range fa.SearchTerms(cleanText(f.Query)) {
		where = append(where, `search LIKE '%' || `+arg(term)+` || '%'`)
	}
	f.Category, f.Audience = cleanText(f.Category), cleanText(f.Audience)
	if f.Category != "" {
		where = append(where, `category = `+arg(f.Category))
	}
	if f.Audience != "" {
		where = append(where, `audience LIKE '%,' || `+arg(f.Audience)+` || ',%'`)
	}
	if f.OnlineOnly {
		where = append(where, `online = `+arg(true))
	}
	if f.Parent != "" {
		where = append(where, `parent_code = `+arg(cleanText(f.Parent)))
	}
	q := `SELECT card FROM services`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY popularity DESC, title, code`
	if f.Limit > 0 {
		q += ` LIMIT ` + arg(f.Limit)
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fail("services", err, "")
	}
	defer rows.Close()
	var out []desk.Service
	for rows.Next() {
		var card string
		if err := rows.Scan(&card); err != nil {
			return nil, fail("services", err, "")
		}
		svc, err := decodeService(card)
		if err != nil {
			return nil, err
		}
		out = append(out, svc)
	}
	if err := rows.Err(); err != nil {
		return nil, fail("services", err, "")
	}
	rankByTitle(out, fa.SearchTerms(cleanText(f.Query)))
	return out, nil
}

// rankByTitle moves the services whose title holds every query term ahead
// of those matched elsewhere (a document name, a keyword), keeping the
// popularity order within each group.
func rankByTitle(list []desk.Service, terms []string) {
	if len(terms) == 0 {
		return
	}
	inTitle := func(svc desk.Service) bool {
		key := fa.SearchKey(svc.Title)
		for _, t := range terms {
			if !strings.Contains(key, t) {
				return false
			}
		}
		return true
	}
	sort.SliceStable(list, func(i, j int) bool { return inTitle(list[i]) && !inTitle(list[j]) })
}

// CategoryCounts returns how many services each category holds.
func (s *Store) CategoryCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT category, COUNT(*) FROM services GROUP BY category`)
	if err != nil {
		return nil, fail("category counts", err, "")
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var c string
		var n int
		if err := rows.Scan(&c, &n); err != nil {
			return nil, fail("category counts", err, "")
		}
		out[c] = n
	}
	return out, fail("category counts", rows.Err(), "")
}
