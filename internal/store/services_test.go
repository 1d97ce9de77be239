package store_test

import (
	"os"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func permitService() desk.Service {
	return desk.Service{
		Code:        "13091234567",
		Title:       "درخواست صدور پروانه ساختمانی",
		Summary:     "برای ساختن یا نوسازی بنا",
		Description: "صدور پروانه برای احداث بنا در محدوده شهر",
		Kind:        desk.KindPermit,
		Audience:    []string{"owners", "engineers"},
		Category:    "building",
		Keywords:    []string{"جواز ساخت"},
		Documents:   []desk.RequiredDoc{{Key: "deed", Name: "سند مالکیت", Required: true, Upload: true}},
		Online:      true,
		Popularity:  50,
		UpdatedBy:   "admin",
		UpdatedAt:   t0,
	}
}

func seedServices(t *testing.T, s *store.Store) {
	t.Helper()
	others := []desk.Service{
		{Code: "13090000001", Title: "گواهی پایان کار", Category: "building", Audience: []string{"owners"},
			Online: true, Popularity: 50, Kind: desk.KindCertificate},
		{Code: "13090000002", Title: "ثبت شکایت", Category: "voice", Audience: []string{"citizens"},
			Online: true, Popularity: 90, Kind: desk.KindComplaint},
		{Code: "13090000003", Title: "تمدید پروانه کسب", Category: "business", Audience: []string{"businesses"},
			Online: false, Popularity: 10, Summary: "پروانه کسب را تمدید کنید"},
	}
	inTx(t, s, func(tx *store.Tx) error {
		if _, err := tx.PublishService(ctx, permitService()); err != nil {
			return err
		}
		for _, svc := range others {
			if _, err := tx.PublishService(ctx, svc); err != nil {
				return err
			}
		}
		return nil
	})
}

func TestPublishServiceKeepsVersions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := permitService()
		var v1, v2 int
		inTx(t, s, func(tx *store.Tx) (err error) {
			if v1, err = tx.PublishService(ctx, svc); err != nil {
				return err
			}
			svc.Title = "صدور پروانه ساختمانی"
			v2, err = tx.PublishService(ctx, svc)
			return err
		})
		if v1 != 1 || v2 != 2 {
			t.Fatalf("versions %d, %d; want 1, 2", v1, v2)
		}
		cur, err := s.Service(ctx, svc.Code)
		if err != nil {
			t.Fatal(err)
		}
		if cur.Version != 2 || cur.Title != "صدور پروانه ساختمانی" || !cur.UpdatedAt.Equal(t0) ||
			len(cur.Documents) != 1 || cur.Documents[0].Name != "سند مالکیت" {
			t.Fatalf("current card %+v", cur)
		}
		old, err := s.ServiceVersion(ctx, svc.Code, 1)
		if err != nil {
			t.Fatal(err)
		}
		if old.Version != 1 || old.Title != "درخواست صدور پروانه ساختمانی" {
			t.Fatalf("version 1: %q v%d", old.Title, old.Version)
		}
		_, err = s.Service(ctx, "nope")
		wantCode(t, err, desk.ENOTFOUND)
		_, err = s.ServiceVersion(ctx, svc.Code, 3)
		wantCode(t, err, desk.ENOTFOUND)
		err = s.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.PublishService(ctx, desk.Service{Title: "بی‌شناسه"})
			return err
		})
		wantCode(t, err, desk.EINVALID)
	})
}

func codes(list []desk.Service) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s.Code
	}
	return out
}

func TestServicesSearchAndFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seedServices(t, s)
		const permit = "13091234567"
		tests := []struct {
			name string
			f    store.ServiceFilter
			want []string
		}{
			{"all by popularity then title", store.ServiceFilter{},
				[]string{"13090000002", permit, "13090000001", "13090000003"}},
			{"limit", store.ServiceFilter{Limit: 2}, []string{"13090000002", permit}},
			{"exact title words", store.ServiceFilter{Query: "پروانه ساختمانی"}, []string{permit}},
			{"arabic yeh", store.ServiceFilter{Query: "پروانه ساختماني"}, []string{permit}},
			{"arabic kaf and yeh", store.ServiceFilter{Query: "ساختمانى"}, []string{permit}},
			{"arabic kaf", store.ServiceFilter{Query: "كسب"}, []string{"13090000003"}},
			{"no space", store.ServiceFilter{Query: "پروانهساختمانی"}, []string{permit}},
			{"half space", store.ServiceFilter{Query: "پروانه‌ساختمانی"}, []string{permit}},
			{"persian digits code", store.ServiceFilter{Query: "۱۳۰۹۱۲۳"}, []string{permit}},
			{"arabic digits code", store.ServiceFilter{Query: "١٣٠٩١٢٣٤٥٦٧"}, []string{permit}},
			{"keyword", store.ServiceFilter{Query: "جواز"}, []string{permit}},
			{"document name", store.ServiceFilter{Query: "سند مالکیت"}, []string{permit}},
			{"summary", store.ServiceFilter{Query: "تمدید"}, []string{"13090000003"}},
			{"shared word", store.ServiceFilter{Query: "پروانه"}, []string{permit, "13090000003"}},
			{"every term must match", store.ServiceFilter{Query: "پروانه شکایت"}, nil},
			{"terms do not span fields", store.ServiceFilter{Query: "ساختمانیبرای"}, nil},
			{"category", store.ServiceFilter{Category: "building"}, []string{permit, "13090000001"}},
			{"audience", store.ServiceFilter{Audience: "engineers"}, []string{permit}},
			{"audience slug is whole", store.ServiceFilter{Audience: "owner"}, nil},
			{"online only", store.ServiceFilter{OnlineOnly: true, Query: "پروانه"}, []string{permit}},
			{"like wildcards are inert", store.ServiceFilter{Query: "%"}, []string{"13090000002", permit, "13090000001", "13090000003"}},
			{"underscore is inert", store.ServiceFilter{Query: "_"}, []string{"13090000002", permit, "13090000001", "13090000003"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.Services(ctx, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				g := codes(got)
				if len(g) != len(tc.want) {
					t.Fatalf("got %v, want %v", g, tc.want)
				}
				for i := range g {
					if g[i] != tc.want[i] {
						t.Fatalf("got %v, want %v", g, tc.want)
					}
				}
			})
		}
	})
}

// The search box takes anything a visitor types: no query may fail, on
// either database, and every hit must be a seeded service.
func FuzzServicesQuery(f *testing.F) {
	for _, q := range []string{"", "پروانه ساختماني", "۱۳۰۹", "%_\\", "'; DROP TABLE services; --",
		"\x00", "\xff\xfe", "ك ي ة أ", "a\u200cb", "  ", "پروانه\x00ساختمانی"} {
		f.Add(q)
	}
	stores := []*store.Store{storetest.Open(f)}
	if os.Getenv(storetest.EnvPostgres) != "" {
		stores = append(stores, storetest.OpenPostgres(f))
	}
	known := map[string]bool{}
	for _, s := range stores {
		inTx(f, s, func(tx *store.Tx) error {
			svc := permitService()
			known[svc.Code] = true
			_, err := tx.PublishService(ctx, svc)
			return err
		})
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, s := range stores {
			got, err := s.Services(ctx, store.ServiceFilter{Query: q, Category: q, Limit: 5})
			if err != nil {
				t.Fatalf("%s: Services(%q): %v", s.Dialect(), q, err)
			}
			for _, svc := range got {
				if !known[svc.Code] {
					t.Fatalf("unknown service %q", svc.Code)
				}
			}
			if _, err := s.RequestByTracking(ctx, q); desk.ErrorCode(err) != desk.ENOTFOUND {
				t.Fatalf("%s: RequestByTracking(%q): %v", s.Dialect(), q, err)
			}
		}
	})
}

func TestServicesRankParentCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seedServices(t, s)
		sub := desk.Service{Code: "13090000004", ParentCode: "13091234567", Title: "تمدید پروانه ساختمانی", Category: "building", Popularity: 1, Kind: desk.KindPermit}
		doc := desk.Service{Code: "13090000005", Title: "گواهی عدم خلاف", Category: "building", Popularity: 99, Kind: desk.KindCertificate,
			Documents: []desk.RequiredDoc{{Key: "p", Name: "کپی پروانه ساختمانی"}}}
		inTx(t, s, func(tx *store.Tx) error {
			for _, svc := range []desk.Service{sub, doc} {
				if _, err := tx.PublishService(ctx, svc); err != nil {
					return err
				}
			}
			return nil
		})
		// A title match beats a more popular match in a document's name.
		got, err := s.Services(ctx, store.ServiceFilter{Query: "پروانه ساختمانی"})
		if err != nil {
			t.Fatal(err)
		}
		if c := codes(got); len(c) != 3 || c[0] != "13091234567" || c[1] != "13090000004" || c[2] != "13090000005" {
			t.Errorf("ranked = %v; want the two titles (by popularity), then the document match", c)
		}
		subs, err := s.Services(ctx, store.ServiceFilter{Parent: "13091234567"})
		if err != nil || len(subs) != 1 || subs[0].Code != sub.Code {
			t.Errorf("sub-services = %v, %v", codes(subs), err)
		}
		counts, err := s.CategoryCounts(ctx)
		if err != nil || counts["building"] != 4 || counts["voice"] != 1 || counts["business"] != 1 {
			t.Errorf("counts = %v, %v", counts, err)
		}
	})
}
