package workflow

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
)

// Scopes of integration API clients.
const (
	ScopeRequestsRead   = "requests:read"
	ScopeEventsWrite    = "events:write"
	ScopeRequestsCreate = "requests:create"
)

// APIScopes lists the scopes in the order pages show them.
var APIScopes = []string{ScopeRequestsRead, ScopeEventsWrite, ScopeRequestsCreate}

// APIScopeTitle is the Persian name of each scope.
var APIScopeTitle = map[string]string{
	ScopeRequestsRead:   "خواندن درخواست‌ها",
	ScopeEventsWrite:    "ثبت رویداد (ارجاع، مختومه)",
	ScopeRequestsCreate: "ثبت درخواست به نام متقاضی",
}

// apiTokenPrefix starts every token, so a leaked one is easy to recognise
// in logs and by secret scanners; apiTokenShown characters of a token are
// kept in clear to tell tokens apart.
const (
	apiTokenPrefix = "mzb_"
	apiTokenShown  = 12
	maxClientName  = 100
)

var (
	errNotAdmin     = desk.Errorf(desk.EFORBIDDEN, "فقط مدیر سامانه می‌تواند کلاینت‌های API را مدیریت کند.")
	errBadAPIToken  = desk.Errorf(desk.EUNAUTHORIZED, "توکن API نامعتبر یا باطل‌شده است؛ توکن درست را در سرآیند Authorization به شکل «Bearer <توکن>» بفرستید.")
	errNoClientName = "نام کلاینت را بنویسید؛ مثلاً نام سامانه اتوماسیون اداری."
)

// APIClientInput is what an administrator fills in to add a client.
type APIClientInput struct {
	Name   string
	Scopes []string
	Units  []string // none: every unit
	Client string   // ClientKey of the administrator
}

// CreateAPIClient adds an integration client with its own staff row (no
// credentials, inactive, so it can never sign in) to act as, and returns
// it with its token. The token is returned only here: only its keyed hash
// is stored.
func (f *Flow) CreateAPIClient(ctx context.Context, admin desk.Actor, in APIClientInput) (store.APIClient, string, error) {
	if !admin.Has(desk.RoleAdmin) {
		return store.APIClient{}, "", errNotAdmin
	}
	name := fa.Normalize(strings.TrimSpace(in.Name))
	errs := &desk.FieldErrors{}
	switch {
	case name == "":
		errs.Add("name", errNoClientName)
	case utf8.RuneCountInString(name) > maxClientName:
		errs.Add("name", "نام کلاینت حداکثر ۱۰۰ نویسه است.")
	}
	var scopes []string
	for _, s := range APIScopes {
		if slices.Contains(in.Scopes, s) {
			scopes = append(scopes, s)
		}
	}
	if len(scopes) == 0 {
		errs.Add("scopes", "دست‌کم یک دسترسی برای کلاینت انتخاب کنید.")
	}
	units, err := f.Store.Units(ctx)
	if err != nil {
		return store.APIClient{}, "", err
	}
	var limit []string
	for _, u := range in.Units {
		u = strings.TrimSpace(u)
		if u == "" || slices.Contains(limit, u) {
			continue
		}
		if !slices.ContainsFunc(units, func(x desk.Unit) bool { return x.Code == u }) {
			errs.Add("units", "واحد انتخاب‌شده پیدا نشد؛ یکی از واحدهای فهرست را انتخاب کنید.")
			break
		}
		limit = append(limit, u)
	}
	if err := errs.Err(); err != nil {
		return store.APIClient{}, "", err
	}

	token := newAPIToken()
	now := f.now()
	c := store.APIClient{Name: name, TokenPrefix: token[:apiTokenShown], TokenHash: f.apiTokenHash(token),
		Scopes: scopes, Units: limit, CreatedAt: now, CreatedBy: admin.Label()}
	err = f.inTx(ctx, func(tx *store.Tx) error {
		id, err := tx.PutStaff(ctx, store.StaffRecord{Staff: desk.Staff{Name: name, Title: "کلاینت API"},
			Username: "api-client-" + randomHex(8), Active: false})
		if err != nil {
			return err
		}
		c.StaffID = id
		if err := tx.AddAPIClient(ctx, &c); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: admin.Label(), Action: "api_client.create",
			Target: apiClientTarget(c.ID), Result: audit.OK, Client: in.Client,
			Details: "scopes=" + strings.Join(scopes, ",") + " units=" + strings.Join(limit, ",")})
	})
	if err != nil {
		return store.APIClient{}, "", err
	}
	return c, token, nil
}

// RevokeAPIClient ends a client's token for good.
func (f *Flow) RevokeAPIClient(ctx context.Context, admin desk.Actor, id int64, client string) error {
	if !admin.Has(desk.RoleAdmin) {
		return errNotAdmin
	}
	now := f.now()
	return f.inTx(ctx, func(tx *store.Tx) error {
		if err := tx.RevokeAPIClient(ctx, id, now); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: admin.Label(), Action: "api_client.revoke",
			Target: apiClientTarget(id), Result: audit.OK, Client: client})
	})
}

// AuthenticateAPI returns the client in force whose token this is; an
// unknown or revoked token is EUNAUTHORIZED.
func (f *Flow) AuthenticateAPI(ctx context.Context, token string) (store.APIClient, error) {
	if !strings.HasPrefix(token, apiTokenPrefix) || len(token) > 200 {
		return store.APIClient{}, errBadAPIToken
	}
	c, err := f.Store.APIClientByToken(ctx, f.apiTokenHash(token))
	if desk.ErrorCode(err) == desk.ENOTFOUND || (err == nil && !c.RevokedAt.IsZero()) {
		return store.APIClient{}, errBadAPIToken
	}
	return c, err
}

// APIActor is the actor a client works as: a manager of its units (of
// every unit when it is not limited), so the state machine and the unit
// checks of the tray apply to it unchanged.
func (f *Flow) APIActor(ctx context.Context, c store.APIClient) (desk.Actor, error) {
	units := c.Units
	if len(units) == 0 {
		all, err := f.Store.Units(ctx)
		if err != nil {
			return desk.Actor{}, err
		}
		for _, u := range all {
			units = append(units, u.Code)
		}
	}
	a := desk.Actor{StaffID: c.StaffID, Name: c.Name, Roles: []desk.Role{desk.RoleManager}}
	for _, u := range units {
		a.Units = append(a.Units, desk.Membership{UnitCode: u})
	}
	return a, nil
}

// AuditAPICall records one call of the integration API: the client (0 when
// the token was missing or wrong), the route and the result by status.
func (f *Flow) AuditAPICall(ctx context.Context, clientID int64, route string, status int, addr string) {
	actor, result := "api", audit.OK
	if clientID != 0 {
		actor = apiClientTarget(clientID)
	}
	switch {
	case status == 401 || status == 403:
		result = audit.Denied
	case status >= 400:
		result = audit.Failed
	}
	now := f.now()
	err := f.Store.InTx(context.WithoutCancel(ctx), func(tx *store.Tx) error {
		if clientID != 0 {
			if err := tx.TouchAPIClient(ctx, clientID, now); err != nil {
				return err
			}
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: strings.Replace(actor, "api_client:", "api:", 1),
			Action: "api.call", Target: route, Result: result, Client: addr, Details: "status=" + strconv.Itoa(status)})
	})
	if err != nil {
		f.Log.Error("audit of an api call failed", "err", err)
	}
}

func apiClientTarget(id int64) string { return "api_client:" + strconv.FormatInt(id, 10) }

// apiTokenHash is the stored form of a token: the vault's keyed index, so
// a copy of the database alone cannot test guesses.
func (f *Flow) apiTokenHash(token string) string { return f.Keys.Index("api-token:" + token) }

func newAPIToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("workflow: crypto/rand failed: " + err.Error())
	}
	return apiTokenPrefix + base64.RawURLEncoding.EncodeToString(b)
}
