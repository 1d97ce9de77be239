package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The per-citizen check in the claim runs once per candidate message; it
// must find the citizen's older notices through sms_recipient. Without
// statistics SQLite once picked sms_claim instead, which scans every
// pending message for each candidate: a claim of 50 among 3 000 queued
// took 12 s.
func TestSMSClaimUsesRecipientIndex(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"), nopCipher{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := ts(time.Now())
	rows, err := s.read.QueryContext(ctx, `EXPLAIN QUERY PLAN `+smsClaimSQL(smsDue, ""),
		"owner", now, now, PriorityNotice, 50)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, step := range plan {
		if strings.HasPrefix(step, "SEARCH o ") {
			if !strings.Contains(step, "INDEX sms_recipient (recipient_key=? AND status=? AND priority") {
				t.Fatalf("older notices searched with %q; want sms_recipient\nplan: %q", step, plan)
			}
			return
		}
	}
	t.Fatalf("no search of older notices in the plan %q", plan)
}
