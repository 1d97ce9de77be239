package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mizban/internal/fa"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultSMSIRBase is sms.ir's public REST API base.
const DefaultSMSIRBase = "https://api.sms.ir/v1"

// SMSIRConfig configures the sms.ir client.
type SMSIRConfig struct {
	APIKey     string // secret, sent in the X-API-KEY header
	LineNumber string // the service line, digits only
	BaseURL    string // DefaultSMSIRBase if empty; tests point it at a fake
	Timeout    time.Duration
	Transport  http.RoundTripper // nil means http.DefaultTransport
}

// Validate reports a configuration mistake in Persian, wrapping ErrConfig.
func (c SMSIRConfig) Validate() error {
	switch {
	case strings.TrimSpace(c.APIKey) == "":
		return fmt.Errorf("%w: %s", ErrConfig, msgNoKey)
	case strings.ContainsAny(c.APIKey, "\r\n"):
		return fmt.Errorf("%w: کلید sms.ir نویسهٔ نامجاز دارد؛ آن را دوباره از پنل رونوشت کنید", ErrConfig)
	case !fa.AllDigits(c.LineNumber) || len(c.LineNumber) > 18:
		return fmt.Errorf("%w: شمارهٔ خط sms.ir (LineNumber) باید فقط رقم باشد", ErrConfig)
	}
	if _, err := baseURL(c.BaseURL, DefaultSMSIRBase); err != nil {
		return err
	}
	return nil
}

// SMSIR sends through sms.ir's REST API (POST /send/bulk, one mobile per
// call). Its bulk send has no field for a client id, so unlike Kavenegar it
// cannot drop a repeat: a retry after a crash between its reply and our
// record reaches the citizen twice. HonoursID says so, and the outbox
// reports such duplicates.
type SMSIR struct {
	cfg    SMSIRConfig
	base   string
	cfgErr error
	client *http.Client
}

// NewSMSIR returns a client; like NewKavenegar, a bad config makes every
// call fail with a retryable config error.
func NewSMSIR(cfg SMSIRConfig) *SMSIR {
	s := &SMSIR{cfg: cfg, client: newHTTPClient(cfg.Timeout, cfg.Transport)}
	if err := cfg.Validate(); err != nil {
		s.cfgErr = &Error{Provider: s.Name(), Code: "config", Msg: redact(err.Error(), cfg.APIKey), cause: ErrConfig}
		return s
	}
	s.base, _ = baseURL(cfg.BaseURL, DefaultSMSIRBase)
	return s
}

// Name implements Provider.
func (*SMSIR) Name() string { return "smsir" }

// HonoursID implements IDHonourer: sms.ir's bulk send cannot dedupe.
func (*SMSIR) HonoursID() bool { return false }

type smsirBulk struct {
	LineNumber   json.Number `json:"lineNumber"`
	MessageText  string      `json:"messageText"`
	Mobiles      []string    `json:"mobiles"`
	SendDateTime *int64      `json:"sendDateTime"` // null: send now
}

type smsirSent struct {
	PackID     string   `json:"packId"`
	MessageIDs []*int64 `json:"messageIds"`
}

type smsirReport struct {
	MessageID     int64 `json:"messageId"`
	DeliveryState *int  `json:"deliveryState"`
}

// Send implements Provider; the reference is sms.ir's messageId.
func (s *SMSIR) Send(ctx context.Context, m Message) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := m.Check(); err != nil {
		return "", err
	}
	if s.cfgErr != nil {
		return "", s.cfgErr
	}
	body, _ := json.Marshal(smsirBulk{
		LineNumber:  json.Number(s.cfg.LineNumber),
		MessageText: m.Text,
		Mobiles:     []string{m.To},
	})
	data, err := s.call(ctx, http.MethodPost, "/send/bulk", body)
	if err != nil {
		return "", err
	}
	var sent smsirSent
	if err := json.Unmarshal(data, &sent); err != nil || len(sent.MessageIDs) != 1 {
		return "", &Error{Provider: s.Name(), Code: "bad-reply", Msg: msgBadReply}
	}
	// sms.ir documents 0 for a blacklisted number and null for a number or
	// text it refused.
	switch id := sent.MessageIDs[0]; {
	case id == nil:
		return "", &Error{Provider: s.Name(), Code: "rejected", Msg: "sms.ir شماره یا متن پیام را نپذیرفت.", Permanent: true}
	case *id == 0:
		return "", &Error{Provider: s.Name(), Code: "blacklisted", Msg: "شمارهٔ گیرنده در فهرست سیاه مخابرات است.", Permanent: true}
	default:
		return strconv.FormatInt(*id, 10), nil
	}
}

// Status implements StatusChecker.
func (s *SMSIR) Status(ctx context.Context, ref string) (State, error) {
	if !fa.AllDigits(ref) {
		return "", fmt.Errorf("%w: %q is not an sms.ir messageId", ErrUnknownRef, ref)
	}
	if s.cfgErr != nil {
		return "", s.cfgErr
	}
	data, err := s.call(ctx, http.MethodGet, "/send/"+url.PathEscape(ref), nil)
	if err != nil {
		if e := (*Error)(nil); errors.As(err, &e) && e.Code == "111" {
			return "", fmt.Errorf("%w (sms.ir 111)", ErrUnknownRef)
		}
		return "", err
	}
	var rep smsirReport
	if err := json.Unmarshal(data, &rep); err != nil {
		return "", &Error{Provider: s.Name(), Code: "bad-reply", Msg: msgBadReply}
	}
	return smsirState(rep.DeliveryState)
}

func (s *SMSIR) call(ctx context.Context, method, path string, body []byte) (json.RawMessage, error) {
	req, err := http.NewRequestWithContext(ctx, method, s.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, &Error{Provider: s.Name(), Code: "config", Msg: msgBadBase}
	}
	req.Header.Set("X-API-KEY", s.cfg.APIKey)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	status, reply, err := roundTrip(s.client, req, s.Name(), s.cfg.APIKey)
	if err != nil {
		return nil, err
	}
	return parseSMSIR(status, reply, s.cfg.APIKey)
}

// parseSMSIR reads sms.ir's envelope {status, message, data}; status 1 is
// success, whatever the HTTP status says.
func parseSMSIR(status int, body []byte, secrets ...string) (json.RawMessage, error) {
	var r struct {
		Status  *int            `json:"status"`
		Message string          `json:"message"`
		Data    json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &r); err != nil || r.Status == nil {
		if status != http.StatusOK {
			return nil, httpStatusError("smsir", status, body, secrets...)
		}
		return nil, &Error{Provider: "smsir", Code: "bad-reply", Msg: msgBadReply}
	}
	if *r.Status != 1 {
		return nil, smsirError(*r.Status, redact(r.Message, secrets...))
	}
	if status != http.StatusOK {
		return nil, httpStatusError("smsir", status, body, secrets...)
	}
	return r.Data, nil
}

// smsirCodes follows sms.ir's published status table; as for Kavenegar,
// only codes about the message itself are permanent, unknown codes are
// retryable.
var smsirCodes = map[int]gatewayCode{
	0:   {false, "خطای داخلی sms.ir."},
	10:  {false, "کلید دسترسی sms.ir معتبر نیست؛ کلید را در تنظیمات بررسی کنید."},
	11:  {false, "کلید دسترسی sms.ir غیرفعال است."},
	12:  {false, "کلید sms.ir به نشانی‌های IP دیگری محدود است."},
	13:  {false, "حساب sms.ir غیرفعال است."},
	14:  {false, "حساب sms.ir تعلیق شده است."},
	20:  {false, "درخواست‌ها بیش از حد مجاز sms.ir است؛ کمی بعد دوباره تلاش می‌شود."},
	101: {false, "خط فرستندهٔ sms.ir معتبر نیست؛ شمارهٔ خط را بررسی کنید."},
	102: {false, "اعتبار حساب sms.ir کافی نیست؛ حساب را شارژ کنید."},
	103: {true, "متن پیام خالی است."},
	104: {true, "شمارهٔ گیرنده معتبر نیست."},
	105: {true, "شمار گیرندگان بیش از حد مجاز است."},
	106: {true, "شمار متن‌ها بیش از حد مجاز است."},
	107: {true, "فهرست گیرندگان خالی است."},
	108: {true, "فهرست متن‌ها خالی است."},
	109: {true, "زمان ارسال معتبر نیست."},
	110: {true, "شمار گیرندگان و متن‌ها برابر نیست."},
	111: {true, "ارسالی با این شناسه پیدا نشد."},
	113: {false, "الگوی پیام در sms.ir پیدا نشد."},
	115: {true, "شمارهٔ گیرنده در فهرست سیاه است."},
	117: {true, "متن پیام تأیید نشده است."},
	118: {false, "شمار پیام‌ها بیش از سقف مجاز حساب sms.ir است."},
	123: {false, "خط فرستندهٔ sms.ir باید فعال شود."},
}

func smsirError(code int, providerMsg string) *Error {
	c, ok := smsirCodes[code]
	msg := c.msg
	if !ok {
		msg = msgHTTPOther
		if providerMsg != "" {
			msg += " پاسخ درگاه: " + excerpt([]byte(providerMsg))
		}
	}
	return &Error{Provider: "smsir", Code: strconv.Itoa(code), Msg: msg, Permanent: c.permanent}
}

// smsirState maps sms.ir's deliveryState. The published table names the
// states only briefly, so the mapping errs towards "not final yet": a state
// mapped too early would stop polling, one mapped too late only costs polls
// until the 48-hour expiry.
func smsirState(code *int) (State, error) {
	if code == nil { // no report yet
		return StateQueued, nil
	}
	switch *code {
	case 1: // delivered to the handset
		return StateDelivered, nil
	case 2: // not delivered to the handset
		return StateUndelivered, nil
	case 3: // being processed at the operator
		return StateSent, nil
	case 4: // has not reached the operator; read as "not yet", not as final
		return StateQueued, nil
	case 5: // reached the operator
		return StateSent, nil
	case 6: // error
		return StateFailed, nil
	case 7: // on the blacklist
		return StateFailed, nil
	}
	return "", &Error{Provider: "smsir", Code: "bad-reply", Msg: msgBadReply + " (وضعیت " + strconv.Itoa(*code) + ")"}
}
