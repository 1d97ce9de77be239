package workflow

import (
	"context"
	"crypto/subtle"
	"strconv"
	"strings"
	"time"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
)

// Tracking is what a citizen sees of a request.
type Tracking struct {
	Request desk.Request
	Events  []desk.Event // newest first, citizen-visible only
	Unit    string       // name of the unit holding the file
	Holder  desk.Staff   // person holding it; ID 0 when with the unit queue
	Since   time.Time    // since when it is with them
	SMS     []store.OutSMS
}

// errNoMatch is one answer for a wrong code and a wrong mobile alike, so
// look-ups reveal nothing about which part was wrong.
var errNoMatch = desk.Errorf(desk.ENOTFOUND, "درخواستی با این کد رهگیری و شماره همراه پیدا نشد. کد و شماره را دوباره بررسی کنید.")

// errTooManyLookups answers a client past its look-up limit (f.Lookups),
// shared by tracking codes and short links.
var errTooManyLookups = desk.Errorf(desk.ERATELIMIT, "تعداد جستجوها بیش از حد مجاز است؛ لطفاً یک دقیقه دیگر دوباره تلاش کنید.")

// Lookup finds a request by tracking code and mobile (any digit form),
// rate-limited per client.
func (f *Flow) Lookup(ctx context.Context, code, mobile, client string) (Tracking, error) {
	if !f.Lookups.Allow(client) {
		return Tracking{}, errTooManyLookups
	}
	errs := &desk.FieldErrors{}
	code = fa.Digits(code)
	if code == "" {
		errs.Add("code", "کد رهگیری را وارد کنید.")
	} else if !desk.ValidTrackingCode(code) {
		errs.Add("code", "کد رهگیری ۱۲ رقم است و این کد درست نیست؛ رقم‌ها را دوباره بررسی کنید.")
	}
	m, err := fa.Mobile(mobile)
	if err != nil {
		errs.Add("mobile", err.Error())
	}
	if err := errs.Err(); err != nil {
		return Tracking{}, err
	}
	r, err := f.Store.RequestByTracking(ctx, code)
	return f.matched(ctx, r, err, m, errNoMatch)
}

// errLinkNoMatch is LookupLink's one answer for an unknown link and a
// wrong mobile alike.
var errLinkNoMatch = desk.Errorf(desk.ENOTFOUND, "درخواستی با این پیوند و شماره همراه پیدا نشد. شماره همراهی را که با آن درخواست داده‌اید وارد کنید، یا با کد رهگیری پیگیری کنید.")

// LookupLink finds the request of an SMS's short link (token, see
// store.LinkToken) and the mobile (any digit form): the token alone shows
// nothing. Rate-limited per client together with Lookup, and an unknown
// token answers as a wrong mobile does.
func (f *Flow) LookupLink(ctx context.Context, token, mobile, client string) (Tracking, error) {
	if !f.Lookups.Allow(client) {
		return Tracking{}, errTooManyLookups
	}
	m, err := fa.Mobile(mobile)
	if err != nil {
		errs := &desk.FieldErrors{}
		errs.Add("mobile", err.Error())
		return Tracking{}, errs.Err()
	}
	r, err := f.Store.RequestByLinkToken(ctx, token)
	return f.matched(ctx, r, err, m, errLinkNoMatch)
}

// matched is the end of a look-up: r (read with err) is shown only when
// it exists and mobile m is its applicant's or representative's;
// otherwise the one answer noMatch.
func (f *Flow) matched(ctx context.Context, r desk.Request, err error, m string, noMatch error) (Tracking, error) {
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		return Tracking{}, noMatch
	} else if err != nil {
		return Tracking{}, err
	}
	if !mobileMatches(r, m) {
		return Tracking{}, noMatch
	}
	return f.tracking(ctx, r)
}

func mobileMatches(r desk.Request, m string) bool {
	ok := subtle.ConstantTimeCompare([]byte(r.Applicant.Mobile), []byte(m)) == 1
	if r.Representative != nil {
		ok = ok || subtle.ConstantTimeCompare([]byte(r.Representative.Mobile), []byte(m)) == 1
	}
	return ok
}

// tracking loads the citizen's view of r.
func (f *Flow) tracking(ctx context.Context, r desk.Request) (Tracking, error) {
	evs, err := f.Store.Events(ctx, r.ID, false)
	if err != nil {
		return Tracking{}, err
	}
	t := Tracking{Request: r, Events: evs}
	for _, e := range evs { // newest first: the latest event naming a unit
		if e.UnitCode == r.UnitCode {
			t.Unit, t.Since = e.UnitName, e.At
		}
		if e.UnitCode != r.UnitCode {
			break
		}
	}
	if t.Unit == "" {
		t.Unit = r.UnitCode
		if units, err := f.Store.Units(ctx); err == nil {
			for _, u := range units {
				if u.Code == r.UnitCode {
					t.Unit = u.Name
				}
			}
		}
	}
	if r.AssigneeID != 0 {
		if s, err := f.Store.Staff(ctx, r.AssigneeID); err == nil {
			t.Holder = s
		}
	}
	t.SMS, err = f.Store.RequestSMS(ctx, r.ID)
	return t, err
}

// SendTrackCode sends a one-time code to the mobile of a request found by
// Lookup, to open its documents and personal details.
func (f *Flow) SendTrackCode(ctx context.Context, code, mobile, client string) error {
	t, err := f.Lookup(ctx, code, mobile, client)
	if err != nil {
		return err
	}
	m, _ := fa.Mobile(mobile)
	return f.inTx(ctx, func(tx *store.Tx) error {
		return f.sendOTP(ctx, tx, PurposeTrack, t.Request.TrackingCode, m, client)
	})
}

// TrackSessionTTL is how long a confirmed tracking session opens details.
const TrackSessionTTL = 20 * time.Minute

// VerifyTrackCode checks the code and returns a signed session token for the
// request's details.
func (f *Flow) VerifyTrackCode(ctx context.Context, trackingCode, otp string) (string, error) {
	trackingCode = fa.Digits(trackingCode)
	id, err := f.verifyOTP(ctx, PurposeTrack, trackingCode, otp)
	if err != nil {
		return "", err
	}
	if err := f.inTx(ctx, func(tx *store.Tx) error { return tx.OTPUse(ctx, id, f.now()) }); err != nil {
		return "", err
	}
	exp := strconv.FormatInt(f.now().Add(TrackSessionTTL).Unix(), 10)
	return trackingCode + "." + exp + "." + f.Keys.Index("tracksess:" + trackingCode + ":" + exp)[:32], nil
}

// TrackSession checks a token from VerifyTrackCode and returns the full view
// of its request.
func (f *Flow) TrackSession(ctx context.Context, token string) (Tracking, error) {
	parts := strings.Split(token, ".")
	denied := desk.Errorf(desk.EUNAUTHORIZED, "برای دیدن مدارک، دوباره کد تأیید بخواهید.")
	if len(parts) != 3 {
		return Tracking{}, denied
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	want := f.Keys.Index("tracksess:" + parts[0] + ":" + parts[1])[:32]
	if err != nil || subtle.ConstantTimeCompare([]byte(want), []byte(parts[2])) != 1 || f.now().Unix() > exp {
		return Tracking{}, denied
	}
	r, err := f.Store.RequestByTracking(ctx, parts[0])
	if err != nil {
		return Tracking{}, denied
	}
	return f.tracking(ctx, r)
}

// ReceiptRequest returns the request of a receipt link after checking its token.
func (f *Flow) ReceiptRequest(ctx context.Context, trackingCode, token string) (desk.Request, error) {
	if subtle.ConstantTimeCompare([]byte(f.ReceiptToken(trackingCode)), []byte(token)) != 1 {
		return desk.Request{}, desk.Errorf(desk.ENOTFOUND, "رسید پیدا نشد.")
	}
	return f.Store.RequestByTracking(ctx, trackingCode)
}

// Document returns a request's document and its bytes, after checking the
// stored SHA-256 still matches.
func (f *Flow) Document(ctx context.Context, r desk.Request, id int64) (desk.Document, []byte, error) {
	for _, d := range r.Documents {
		if d.ID != id {
			continue
		}
		data, err := f.Files.Get(ctx, d.StoreKey)
		if err != nil {
			return d, nil, err
		}
		if filesHash(data) != d.SHA256 {
			f.Log.Error("document hash mismatch", "request", r.ID, "document", d.ID)
			return d, nil, desk.Errorf(desk.EINTERNAL, "این مدرک آسیب دیده است؛ موضوع به مدیر سامانه گزارش شد.")
		}
		return d, data, nil
	}
	return desk.Document{}, nil, desk.Errorf(desk.ENOTFOUND, "مدرک پیدا نشد.")
}
