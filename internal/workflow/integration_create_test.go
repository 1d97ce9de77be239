package workflow_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
	"mizban/internal/workflow"
)

// createClient makes an API client that may file requests, limited to units.
func createClient(t *testing.T, e *env, units ...string) store.APIClient {
	t.Helper()
	admin := desk.Actor{StaffID: 1, Name: "راهبر", Roles: []desk.Role{desk.RoleAdmin}}
	c, _, err := e.flow.CreateAPIClient(context.Background(), admin, workflow.APIClientInput{
		Name: "پنجره ملی خدمات", Scopes: []string{workflow.ScopeRequestsCreate}, Units: units})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func portalInput(key string) workflow.IntegrationInput {
	in := validInput()
	return workflow.IntegrationInput{Key: key, ServiceCode: in.ServiceCode, App: in.App, Uploads: in.Uploads,
		ExternalRef: "MYGOV-77", Client: "portal-addr"}
}

// submittedCount counts registered requests by their first events.
func submittedCount(t *testing.T, st *store.Store) int {
	t.Helper()
	ch, err := st.Changes(context.Background(), 0, nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range ch {
		if c.EventType == "submitted" {
			n++
		}
	}
	return n
}

func TestCreateForClient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		c := createClient(t, e)

		first, err := e.flow.CreateForClient(ctx, c, portalInput("key-0001-abcd"))
		if err != nil {
			t.Fatal(err)
		}
		r := first.Request
		if first.Replayed || r.Channel != desk.ChannelAPI || r.Applicant.NationalID != "0076229645" ||
			r.Applicant.Mobile != "09121234567" || r.DueAt.IsZero() || first.ExternalRef != "MYGOV-77" || first.Link == "" {
			t.Fatalf("first %+v", first)
		}
		docs, err := st.Documents(ctx, store.Owner{RequestID: r.ID})
		if err != nil || len(docs) != 1 {
			t.Errorf("documents %+v, %v", docs, err)
		}
		sms, err := st.RequestSMS(ctx, r.ID)
		if err != nil || len(sms) != 1 || sms[0].Kind != "registered" {
			t.Errorf("SMS %+v, %v", sms, err)
		}

		// A retry (the answer never reached the client) finds the request.
		again, err := e.flow.CreateForClient(ctx, c, portalInput("key-0001-abcd"))
		if err != nil || !again.Replayed || again.Request.ID != r.ID || again.ExternalRef != "MYGOV-77" || again.Link != first.Link {
			t.Errorf("repeat %+v, %v", again, err)
		}
		other := portalInput("key-0001-abcd")
		other.App.Answers["area"] = "۲۰۰"
		if _, err := e.flow.CreateForClient(ctx, c, other); !errors.Is(err, workflow.ErrIdempotencyReused) {
			t.Errorf("another body with the key: %v", err)
		}
		// Keys belong to one client: another client's same key is its own.
		c2 := createClient(t, e)
		theirs, err := e.flow.CreateForClient(ctx, c2, portalInput("key-0001-abcd"))
		if err != nil || theirs.Replayed || theirs.Request.ID == r.ID {
			t.Errorf("another client's key: %+v, %v", theirs, err)
		}
		if n := submittedCount(t, st); n != 2 {
			t.Errorf("%d requests, want 2", n)
		}
		if sms, _ := st.RequestSMS(ctx, r.ID); len(sms) != 1 {
			t.Errorf("%d SMS after repeats, want 1", len(sms))
		}
	})
}

// Concurrent calls with one key (two instances, no shared lock) file one
// request and all answer it.
func TestCreateForClientConcurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		c := createClient(t, e)
		const n = 4
		ids := make([]int64, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := e.flow.CreateForClient(ctx, c, portalInput("key-same-for-all"))
				ids[i], errs[i] = res.Request.ID, err
			}()
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Errorf("call %d: request %d, %v; want %d", i, ids[i], errs[i], ids[0])
			}
		}
		if got := submittedCount(t, st); got != 1 {
			t.Errorf("%d requests, want 1", got)
		}
	})
}

func TestCreateForClientRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		e := newEnv(t, st)
		if err := st.InTx(ctx, func(tx *store.Tx) error {
			return tx.PutUnit(ctx, desk.Unit{Code: "legal", Name: "اداره حقوقی"})
		}); err != nil {
			t.Fatal(err)
		}
		elsewhere := createClient(t, e, "legal")
		if _, err := e.flow.CreateForClient(ctx, elsewhere, portalInput("")); desk.ErrorCode(err) != desk.EFORBIDDEN {
			t.Errorf("client of another unit: %v", err)
		}
		c := createClient(t, e, "permits")
		for _, tc := range []struct {
			name  string
			edit  func(in *workflow.IntegrationInput)
			field string
		}{
			{"national ID", func(in *workflow.IntegrationInput) { in.App.Applicant.NationalID = "0076229646" }, "applicant.national_id"},
			{"representative", func(in *workflow.IntegrationInput) {
				in.App.ForOther, in.App.Representative = true, desk.Person{Name: "علی رضایی", NationalID: "12", Mobile: "09121112233"}
			}, "representative.national_id"},
			{"required answer", func(in *workflow.IntegrationInput) { delete(in.App.Answers, "use") }, "answers.use"},
			{"document content", func(in *workflow.IntegrationInput) { in.Uploads[0].Data = []byte("plain text") }, "documents[0]"},
			{"document twice", func(in *workflow.IntegrationInput) { in.Uploads = append(in.Uploads, in.Uploads[0]) }, "documents[1]"},
			{"required document", func(in *workflow.IntegrationInput) { in.Uploads = nil }, "documents"},
			{"channel", func(in *workflow.IntegrationInput) { in.Channel = desk.ChannelWeb }, "channel"},
			{"unit outside the client", func(in *workflow.IntegrationInput) { in.UnitCode = "legal" }, "unit"},
			{"no mobile but not a letter", func(in *workflow.IntegrationInput) {
				in.Channel, in.App.Applicant.Mobile = desk.ChannelPhone, ""
			}, "applicant.mobile"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				in := portalInput("key-refused-" + tc.name)
				tc.edit(&in)
				_, err := e.flow.CreateForClient(ctx, c, in)
				if desk.ErrorCode(err) != desk.EINVALID || desk.ErrorFields(err)[tc.field] == "" {
					t.Errorf("error %v (fields %v), want one at %s", err, desk.ErrorFields(err), tc.field)
				}
			})
		}
		if n := submittedCount(t, st); n != 0 {
			t.Errorf("%d requests after refusals", n)
		}
		// A letter may come without a mobile: no SMS then.
		in := portalInput("")
		in.Channel, in.App.Applicant.Mobile = desk.ChannelLetter, ""
		res, err := e.flow.CreateForClient(ctx, c, in)
		if err != nil {
			t.Fatal(err)
		}
		if sms, _ := st.RequestSMS(ctx, res.Request.ID); len(sms) != 0 {
			t.Errorf("SMS without a mobile: %+v", sms)
		}
	})
}
