package store_test

import (
	"testing"
	"time"

	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

func TestAnnouncements(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if got, err := s.Announcements(ctx, "", 0); err != nil || len(got) != 0 {
			t.Fatalf("empty: %v, %v", got, err)
		}
		rows := []store.Announcement{
			{Title: "تعطیلی", Body: "دفتر بسته است.", At: t0, PostedBy: "staff:1"},
			{ServiceCode: "1309", ServiceTitle: "پروانه", Version: 2, Title: "تغییر در خدمت «پروانه»", Body: "الف\n\nب", At: t0.Add(time.Hour), PostedBy: "staff:2"},
			{ServiceCode: "1310", ServiceTitle: "گواهی", Version: 1, Title: "خدمت تازه", Body: "ج", At: t0.Add(2 * time.Hour), PostedBy: "system"},
		}
		for i := range rows {
			inTx(t, s, func(tx *store.Tx) error { return tx.AddAnnouncement(ctx, &rows[i]) })
			if rows[i].ID == 0 {
				t.Fatal("no id")
			}
		}
		all, err := s.Announcements(ctx, "", 0)
		if err != nil || len(all) != 3 || all[0].ServiceCode != "1310" || all[2].ServiceCode != "" {
			t.Fatalf("all = %+v, %v", all, err)
		}
		if all[1] != rows[1] {
			t.Errorf("round trip: %+v, want %+v", all[1], rows[1])
		}
		one, err := s.Announcements(ctx, "1309", 0)
		if err != nil || len(one) != 1 || one[0].Body != "الف\n\nب" || one[0].Version != 2 {
			t.Errorf("per service = %+v, %v", one, err)
		}
		if two, _ := s.Announcements(ctx, "", 2); len(two) != 2 || two[0].ID != rows[2].ID {
			t.Errorf("limit 2 = %+v", two)
		}
	})
}
