package sms

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"mizban/internal/fa"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultKavenegarBase is Kavenegar's public API host.
const DefaultKavenegarBase = "https://api.kavenegar.com"

// KavenegarConfig configures the Kavenegar client.
type KavenegarConfig struct {
	APIKey    string // secret; it travels in the URL path, so URLs are never logged
	Sender    string // the service line; empty means the account's default line
	BaseURL   string // DefaultKavenegarBase if empty; tests point it at a fake
	Timeout   time.Duration
	Transport http.RoundTripper // nil means http.DefaultTransport
}

// Validate reports a configuration mistake in Persian, wrapping ErrConfig.
func (c KavenegarConfig) Validate() error {
	switch {
	case strings.TrimSpace(c.APIKey) == "":
		return fmt.Errorf("%w: %s", ErrConfig, msgNoKey)
	case strings.ContainsAny(c.APIKey, "/?#% \t\r\n"):
		return fmt.Errorf("%w: کلید Kavenegar نویسهٔ نامجاز دارد؛ آن را دوباره از پنل کاوه‌نگار رونوشت کنید", ErrConfig)
	case c.Sender != "" && !fa.AllDigits(c.Sender):
		return fmt.Errorf("%w: شمارهٔ خط فرستنده (Sender) باید فقط رقم باشد", ErrConfig)
	}
	if _, err := baseURL(c.BaseURL, DefaultKavenegarBase); err != nil {
		return err
	}
	return nil
}

// Kavenegar sends through Kavenegar's REST API. It passes our message id as
// localid, which Kavenegar uses to drop a repeated send: a retry after a
// crash returns the first message's id instead of sending again.
type Kavenegar struct {
	cfg    KavenegarConfig
	base   string
	cfgErr error
	client *http.Client
}

// NewKavenegar returns a client. A bad config is not fatal here: every Send
// then fails with a retryable config error, so the app can start and the
// outbox shows what to fix; call cfg.Validate at startup to fail early.
func NewKavenegar(cfg KavenegarConfig) *Kavenegar {
	k := &Kavenegar{cfg: cfg, client: newHTTPClient(cfg.Timeout, cfg.Transport)}
	if err := cfg.Validate(); err != nil {
		k.cfgErr = &Error{Provider: k.Name(), Code: "config", Msg: redact(err.Error(), cfg.APIKey), cause: ErrConfig}
		return k
	}
	k.base, _ = baseURL(cfg.BaseURL, DefaultKavenegarBase)
	return k
}

// Name implements Provider.
func (*Kavenegar) Name() string { return "kavenegar" }

// HonoursID implements IDHonourer.
func (*Kavenegar) HonoursID() bool { return true }

func (k *Kavenegar) endpoint(method string) string {
	return k.base + "/v1/" + url.PathEscape(k.cfg.APIKey) + "/sms/" + method + ".json"
}

// Send implements Provider; the reference is Kavenegar's messageid.
func (k *Kavenegar) Send(ctx context.Context, m Message) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := m.Check(); err != nil {
		return "", err
	}
	if k.cfgErr != nil {
		return "", k.cfgErr
	}
	form := url.Values{
		"receptor": {m.To},
		"message":  {m.Text},
		"localid":  {KavenegarLocalID(m.ID)},
	}
	if k.cfg.Sender != "" {
		form.Set("sender", k.cfg.Sender)
	}
	entries, err := k.call(ctx, "send", form)
	if err != nil {
		return "", err
	}
	if len(entries) == 0 || entries[0].MessageID.String() == "" {
		return "", &Error{Provider: k.Name(), Code: "bad-reply", Msg: msgBadReply + " (شناسهٔ پیام نیامد)"}
	}
	return entries[0].MessageID.String(), nil
}

// Status implements StatusChecker.
func (k *Kavenegar) Status(ctx context.Context, ref string) (State, error) {
	if !fa.AllDigits(ref) {
		return "", fmt.Errorf("%w: %q is not a Kavenegar messageid", ErrUnknownRef, ref)
	}
	if k.cfgErr != nil {
		return "", k.cfgErr
	}
	entries, err := k.call(ctx, "status", url.Values{"messageid": {ref}})
	if err != nil {
		return "", err
	}
	if len(entries) == 0 {
		return "", &Error{Provider: k.Name(), Code: "bad-reply", Msg: msgBadReply}
	}
	return kavenegarState(entries[0].Status)
}

type kavEntry struct {
	MessageID json.Number `json:"messageid"`
	Status    int         `json:"status"`
}

type kavReply struct {
	Return struct {
		Status  int    `json:"status"`
		Message string `json:"message"`
	} `json:"return"`
	Entries []kavEntry `json:"entries"`
}

func (k *Kavenegar) call(ctx context.Context, method string, form url.Values) ([]kavEntry, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, k.endpoint(method), strings.NewReader(form.Encode()))
	if err != nil {
		return nil, &Error{Provider: k.Name(), Code: "config", Msg: msgBadBase}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	status, body, err := roundTrip(k.client, req, k.Name(), k.cfg.APIKey)
	if err != nil {
		return nil, err
	}
	return parseKavenegar(status, body, k.cfg.APIKey)
}

// parseKavenegar reads Kavenegar's envelope. Kavenegar answers errors with
// the same number as HTTP status and return.status (418 and 418); a reply
// without the envelope is a proxy or outage page.
func parseKavenegar(status int, body []byte, secrets ...string) ([]kavEntry, error) {
	const p = "kavenegar"
	var r kavReply
	if err := json.Unmarshal(body, &r); err != nil || r.Return.Status == 0 {
		if status != http.StatusOK {
			return nil, httpStatusError(p, status, body, secrets...)
		}
		return nil, &Error{Provider: p, Code: "bad-reply", Msg: msgBadReply}
	}
	if r.Return.Status != http.StatusOK {
		return nil, kavenegarError(r.Return.Status, redact(r.Return.Message, secrets...))
	}
	if status != http.StatusOK {
		return nil, httpStatusError(p, status, body, secrets...)
	}
	return r.Entries, nil
}

// gatewayCode is one entry of a gateway's published error table.
type gatewayCode struct {
	permanent bool
	msg       string
}

// kavenegarCodes follows Kavenegar's published table. Permanent marks codes
// about the message itself; codes about the account, key, line or service
// are retryable so the message waits, or moves to the secondary gateway.
// Codes not listed are treated as retryable.
var kavenegarCodes = map[int]gatewayCode{
	400: {true, "پارامترهای درخواست ناقص است."},
	401: {false, "حساب کاوه‌نگار غیرفعال است."},
	402: {false, "کاوه‌نگار عملیات را انجام نداد."},
	403: {false, "کلید دسترسی کاوه‌نگار معتبر نیست؛ کلید را در تنظیمات بررسی کنید."},
	404: {false, "متد درخواستی در کاوه‌نگار پیدا نشد؛ نشانی درگاه را بررسی کنید."},
	405: {false, "روش درخواست (GET/POST) برای کاوه‌نگار نادرست است."},
	406: {true, "پارامترهای ضروری پیام خالی است."},
	407: {false, "حساب کاوه‌نگار به این بخش دسترسی ندارد."},
	409: {false, "سرور کاوه‌نگار اکنون پاسخ نمی‌دهد."},
	411: {true, "شمارهٔ گیرنده معتبر نیست."},
	412: {false, "خط فرستنده معتبر نیست؛ شمارهٔ خط را در تنظیمات بررسی کنید."},
	413: {true, "متن پیام خالی یا بیش از اندازهٔ مجاز است."},
	414: {true, "حجم درخواست بیش از حد مجاز است."},
	416: {false, "نشانی IP سرور با تنظیمات حساب کاوه‌نگار نمی‌خواند."},
	417: {true, "تاریخ ارسال معتبر نیست."},
	418: {false, "اعتبار حساب کاوه‌نگار کافی نیست؛ حساب را شارژ کنید."},
	419: {true, "طول فهرست‌های درخواست با هم برابر نیست."},
	420: {true, "استفاده از پیوند در متن پیام مجاز نیست."},
	422: {true, "متن پیام نویسهٔ نامعتبر دارد."},
	424: {false, "الگوی پیام در کاوه‌نگار پیدا نشد."},
	426: {false, "این کار به طرح پیشرفته در کاوه‌نگار نیاز دارد."},
	428: {false, "ارسال کد از راه تماس صوتی ممکن نیست."},
	431: {true, "ساختار کد معتبر نیست."},
	432: {true, "پارامتر کد در متن پیام نیامده است."},
	451: {false, "درخواست‌های تکراری بیش از حد؛ کمی بعد دوباره تلاش می‌شود."},
	501: {false, "حساب آزمایشی کاوه‌نگار فقط به شمارهٔ صاحب حساب پیامک می‌فرستد."},
}

func kavenegarError(code int, providerMsg string) *Error {
	c, ok := kavenegarCodes[code]
	msg := c.msg
	if !ok {
		msg = msgHTTPOther
		if providerMsg != "" {
			msg += " پاسخ درگاه: " + excerpt([]byte(providerMsg))
		}
	}
	return &Error{Provider: "kavenegar", Code: strconv.Itoa(code), Msg: msg, Permanent: c.permanent}
}

// kavenegarState maps Kavenegar's message statuses.
func kavenegarState(code int) (State, error) {
	switch code {
	case 1, 2: // queued; scheduled
		return StateQueued, nil
	case 4, 5: // handed to the operator
		return StateSent, nil
	case 6: // failed before leaving
		return StateFailed, nil
	case 10:
		return StateDelivered, nil
	case 11:
		return StateUndelivered, nil
	case 13, 14: // cancelled; filtered or blocked by the operator
		return StateFailed, nil
	case 100:
		return "", fmt.Errorf("%w (kavenegar 100)", ErrUnknownRef)
	}
	return "", &Error{Provider: "kavenegar", Code: "bad-reply", Msg: msgBadReply + " (وضعیت " + strconv.Itoa(code) + ")"}
}

// KavenegarLocalID is the localid sent for a message id. Kavenegar's SDKs
// treat localid as a number, while our ids are hex: a digits-only id that
// fits in 63 bits is passed as it is, any other is hashed to a stable
// decimal, so every retry of one message carries the same localid.
func KavenegarLocalID(id string) string {
	if fa.AllDigits(id) && len(id) <= 18 {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return strconv.FormatUint(binary.BigEndian.Uint64(sum[:8])>>1, 10)
}

// baseURL checks a configured base URL, or returns def when empty.
func baseURL(s, def string) (string, error) {
	if s == "" {
		s = def
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%w: %s (%q)", ErrConfig, msgBadBase, s)
	}
	return strings.TrimRight(s, "/"), nil
}
