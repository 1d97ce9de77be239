package store

import (
	"context"
	"time"

	"mizban/internal/notice"
)

// SMSTemplate is an administrator's setting for one notice kind. Body ""
// means the built-in default text (the row then only records Enabled).
type SMSTemplate struct {
	Kind      notice.Kind
	Body      string
	Enabled   bool
	UpdatedBy string // actor label, "staff:12"
	UpdatedAt time.Time
}

// SMSTemplates lists the stored template settings by kind.
func (s *Store) SMSTemplates(ctx context.Context) ([]SMSTemplate, error) {
	rows, err := s.r().db.QueryContext(ctx,
		`SELECT kind, body, enabled, updated_by, updated_at FROM sms_templates ORDER BY kind`)
	if err != nil {
		return nil, fail("sms templates", err, "")
	}
	defer rows.Close()
	var out []SMSTemplate
	for rows.Next() {
		var t SMSTemplate
		var kind string
		if err := rows.Scan(&kind, &t.Body, &t.Enabled, &t.UpdatedBy, &t.UpdatedAt); err != nil {
			return nil, fail("sms templates", err, "")
		}
		t.Kind, t.UpdatedAt = notice.Kind(kind), t.UpdatedAt.UTC()
		out = append(out, t)
	}
	return out, fail("sms templates", rows.Err(), "")
}

// Templates gives the stored bodies by kind (notice.Store): kinds on their
// default text are left out.
func (s *Store) Templates(ctx context.Context) (map[notice.Kind]string, error) {
	ts, err := s.SMSTemplates(ctx)
	if err != nil {
		return nil, err
	}
	m := map[notice.Kind]string{}
	for _, t := range ts {
		if t.Body != "" {
			m[t.Kind] = t.Body
		}
	}
	return m, nil
}

// SaveSMSTemplate stores t, replacing the kind's earlier setting. The
// caller validates the body (notice.ValidateFor).
func (tx *Tx) SaveSMSTemplate(ctx context.Context, t SMSTemplate) error {
	_, err := tx.tx.ExecContext(ctx,
		`INSERT INTO sms_templates (kind, body, enabled, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (kind) DO UPDATE SET body = excluded.body, enabled = excluded.enabled,
		   updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		string(t.Kind), t.Body, t.Enabled, t.UpdatedBy, ts(t.UpdatedAt))
	return fail("save sms template", err, "")
}

// SMSOptOuts lists, by service code, the notice kinds each service does
// without.
func (s *Store) SMSOptOuts(ctx context.Context) (map[string][]notice.Kind, error) {
	rows, err := s.r().db.QueryContext(ctx,
		`SELECT service_code, kind FROM sms_service_optout ORDER BY service_code, kind`)
	if err != nil {
		return nil, fail("sms opt-outs", err, "")
	}
	defer rows.Close()
	out := map[string][]notice.Kind{}
	for rows.Next() {
		var svc, kind string
		if err := rows.Scan(&svc, &kind); err != nil {
			return nil, fail("sms opt-outs", err, "")
		}
		out[svc] = append(out[svc], notice.Kind(kind))
	}
	return out, fail("sms opt-outs", rows.Err(), "")
}

// SetServiceSMS switches notice kind on or off for the requests of one
// service; switching on what is on (or off what is off) changes nothing.
func (tx *Tx) SetServiceSMS(ctx context.Context, service string, kind notice.Kind, on bool) error {
	var err error
	if on {
		_, err = tx.tx.ExecContext(ctx,
			`DELETE FROM sms_service_optout WHERE service_code = $1 AND kind = $2`, service, string(kind))
	} else {
		_, err = tx.tx.ExecContext(ctx,
			`INSERT INTO sms_service_optout (service_code, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
			service, string(kind))
	}
	return fail("set service sms", err, "")
}
