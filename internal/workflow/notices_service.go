package workflow

import (
	"context"
	"slices"
	"strings"

	"mizban/internal/audit"
	"mizban/internal/desk"
	"mizban/internal/notice"
	"mizban/internal/store"
)

// ServiceSMSInput is the notices one service does without. Every other
// non-essential kind is sent for its requests.
type ServiceSMSInput struct {
	Service string        // service code
	Off     []notice.Kind // non-essential kinds switched off for this service
	Client  string        // Flow.ClientKey of the address, for the audit record
}

// SaveServiceSMS stores which non-essential notices a service sends, in
// one transaction with its audit record, and puts it in force for the
// next message. Administrators and catalog editors may; an essential kind
// is never switched off.
func (f *Flow) SaveServiceSMS(ctx context.Context, actor desk.Actor, in ServiceSMSInput) error {
	in.Service = strings.TrimSpace(in.Service)
	record := func(tx *store.Tx, result, details string) error {
		who := actor.Label()
		if actor.StaffID == 0 {
			who = "anonymous"
		}
		return tx.AppendAudit(ctx, &audit.Record{At: f.now(), Actor: who, Action: "sms.service",
			Target: "service:" + in.Service, Result: result, Client: in.Client, Details: details})
	}
	if !actor.HasAny(desk.RoleAdmin, desk.RoleEditor) {
		if err := f.inTx(ctx, func(tx *store.Tx) error { return record(tx, audit.Denied, "") }); err != nil {
			return err
		}
		return desk.Errorf(desk.EFORBIDDEN, "تنها مدیر سامانه یا ویراستار شناسنامه خدمات می‌تواند پیامک‌های یک خدمت را روشن یا خاموش کند.")
	}
	off := map[notice.Kind]bool{}
	for _, k := range in.Off {
		if !k.Valid() {
			return desk.Errorf(desk.EINVALID, "این نوع پیامک شناخته نیست.")
		}
		if k.Essential() {
			return desk.Errorf(desk.EINVALID, "پیامک «%s» ضروری است و خاموش نمی‌شود.", k.Title())
		}
		off[k] = true
	}
	if _, err := f.Store.Service(ctx, in.Service); err != nil {
		return err
	}
	var names []string
	for k := range off {
		names = append(names, string(k))
	}
	slices.Sort(names)
	err := f.inTx(ctx, func(tx *store.Tx) error {
		for _, k := range notice.Kinds() {
			if k.Essential() {
				continue
			}
			if err := tx.SetServiceSMS(ctx, in.Service, k, !off[k]); err != nil {
				return err
			}
		}
		return record(tx, audit.OK, "off="+strings.Join(names, ","))
	})
	if err != nil {
		return err
	}
	for _, k := range notice.Kinds() {
		if !k.Essential() {
			_ = f.Notices.SetServiceEnabled(in.Service, k, !off[k]) // valid and not essential: cannot fail
		}
	}
	return nil
}
