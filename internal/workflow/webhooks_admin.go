package workflow

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/webhook"
)

// WebhookInput is an endpoint as an administrator types it.
type WebhookInput struct {
	URL          string
	Events       []string
	AllowPrivate bool   // the host is on the agency's network
	Client       string // ClientKey of the administrator
}

const maxWebhookURL = 500

var errNotWebhookAdmin = desk.Errorf(desk.EFORBIDDEN, "فقط مدیر سامانه می‌تواند وب‌هوک‌ها را مدیریت کند.")

const (
	msgWebhookURL    = "نشانی را کامل و با http:// یا https:// بنویسید، مانند https://automation.example.ir/hooks/mizban"
	msgWebhookEvents = "دست‌کم یک رویداد را برای فرستادن انتخاب کنید."
)

func webhookTarget(id int64) string { return "webhook:" + strconv.FormatInt(id, 10) }

// checkWebhookURL accepts an absolute http(s) address with a host and no
// user name or password (those would be sent in the clear to every log).
func checkWebhookURL(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || len(raw) > maxWebhookURL || (u.Scheme != "https" && u.Scheme != "http") ||
		u.Hostname() == "" || u.User != nil || u.Fragment != "" {
		return "", false
	}
	return u.String(), true
}

// AddWebhook adds an endpoint with a fresh signing secret and returns both;
// the secret is shown to the administrator this once and kept only
// sealed. Administrators only; audited.
func (f *Flow) AddWebhook(ctx context.Context, admin desk.Actor, in WebhookInput) (store.WebhookEndpoint, string, error) {
	if !admin.Has(desk.RoleAdmin) {
		return store.WebhookEndpoint{}, "", errNotWebhookAdmin
	}
	errs := &desk.FieldErrors{}
	addr, ok := checkWebhookURL(in.URL)
	if !ok {
		errs.Add("url", msgWebhookURL)
	}
	var events []string
	for _, t := range webhook.EventTypes { // in the documented order, each once
		for _, e := range in.Events {
			if e == t {
				events = append(events, t)
				break
			}
		}
	}
	if len(events) == 0 {
		errs.Add("events", msgWebhookEvents)
	}
	if err := errs.Err(); err != nil {
		return store.WebhookEndpoint{}, "", err
	}
	secret, err := webhook.NewSecret()
	if err != nil {
		return store.WebhookEndpoint{}, "", err
	}
	now := f.now()
	e := store.WebhookEndpoint{URL: addr, Events: events, Secrets: []store.WebhookSecret{{Text: secret}},
		Active: true, AllowPrivate: in.AllowPrivate, CreatedAt: now}
	err = f.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.AddWebhookEndpoint(ctx, &e); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: admin.Label(), Action: "webhook.add",
			Target: webhookTarget(e.ID), Result: audit.OK, Client: in.Client,
			Details: "url=" + addr + " events=" + strings.Join(events, ",") + " private=" + strconv.FormatBool(in.AllowPrivate)})
	})
	return e, secret, err
}

// RotateWebhookSecret gives endpoint id a new secret and returns it; the
// old one keeps signing for webhook.DefaultOverlap.
func (f *Flow) RotateWebhookSecret(ctx context.Context, admin desk.Actor, id int64, client string) (string, error) {
	if !admin.Has(desk.RoleAdmin) {
		return "", errNotWebhookAdmin
	}
	secret, err := webhook.NewSecret()
	if err != nil {
		return "", err
	}
	now := f.now()
	err = f.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.RotateWebhookSecret(ctx, id, secret, now, webhook.DefaultOverlap); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: admin.Label(), Action: "webhook.rotate",
			Target: webhookTarget(id), Result: audit.OK, Client: client,
			Details: "overlap_until=" + now.Add(webhook.DefaultOverlap).UTC().Format("2006-01-02T15:04:05Z")})
	})
	return secret, err
}

// SetWebhookActive switches endpoint id on (its waiting deliveries go
// again) or off.
func (f *Flow) SetWebhookActive(ctx context.Context, admin desk.Actor, id int64, active bool, client string) error {
	if !admin.Has(desk.RoleAdmin) {
		return errNotWebhookAdmin
	}
	now := f.now()
	action := "webhook.disable"
	if active {
		action = "webhook.enable"
	}
	err := f.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetWebhookEndpointActive(ctx, id, active, now); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: admin.Label(), Action: action,
			Target: webhookTarget(id), Result: audit.OK, Client: client})
	})
	if err == nil && active && f.Wake != nil {
		f.Wake()
	}
	return err
}

// RedeliverWebhook queues a delivered or given-up delivery again, with the
// same webhook-id.
func (f *Flow) RedeliverWebhook(ctx context.Context, admin desk.Actor, seq int64, client string) (store.WebhookDelivery, error) {
	if !admin.Has(desk.RoleAdmin) {
		return store.WebhookDelivery{}, errNotWebhookAdmin
	}
	now := f.now()
	var d store.WebhookDelivery
	err := f.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if d, err = tx.RedeliverWebhook(ctx, seq, now); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &audit.Record{At: now, Actor: admin.Label(), Action: "webhook.redeliver",
			Target: webhookTarget(d.EndpointID), Result: audit.OK, Client: client,
			Details: "delivery=" + d.ID + " type=" + d.EventType})
	})
	if err == nil && f.Wake != nil {
		f.Wake()
	}
	return d, err
}
