package workflow

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"math/big"
	"time"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/notice"
	"mizban/internal/store"
)

// One-time code purposes.
const (
	PurposeApply = "apply" // subject: draft id
	PurposeTrack = "track" // subject: request tracking code
)

// newCode returns six random digits.
func newCode() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic("workflow: crypto/rand failed: " + err.Error())
	}
	return fmt.Sprintf("%06d", n.Int64())
}

func (f *Flow) codeHash(purpose, subject, code string) string {
	return f.Keys.Index("otp:" + purpose + ":" + subject + ":" + code)
}

// sendOTP creates a code for (purpose, subject) and enqueues its SMS to
// mobile in tx, after the resend wait and the hourly limits per mobile and
// per client.
func (f *Flow) sendOTP(ctx context.Context, tx *store.Tx, purpose, subject, mobile, client string) error {
	now := f.now()
	if last, err := tx.LatestOTP(ctx, purpose, subject); err == nil {
		if wait := last.CreatedAt.Add(f.Opt.OTPResend).Sub(now); wait > 0 && last.UsedAt.IsZero() {
			secs := int(wait.Seconds()) + 1
			return desk.Errorf(desk.ERATELIMIT, "کد قبلی همین الان فرستاده شد؛ لطفاً %s ثانیه دیگر دوباره درخواست کنید.", fa.PersianDigits(fmt.Sprint(secs)))
		}
	} else if desk.ErrorCode(err) != desk.ENOTFOUND {
		return err
	}
	midx := f.Keys.Index(mobile)
	byMobile, byClient, err := f.Store.CountOTPs(ctx, midx, client, now.Add(-time.Hour))
	if err != nil {
		return err
	}
	if byMobile >= f.Opt.OTPPerMobile || byClient >= f.Opt.OTPPerClient {
		return desk.Errorf(desk.ERATELIMIT, "تعداد درخواست کد تأیید بیش از حد مجاز است؛ لطفاً یک ساعت دیگر دوباره تلاش کنید.")
	}
	code := newCode()
	o := &store.OTP{
		Purpose: purpose, Subject: subject, MobileIdx: midx, Client: client,
		CodeHash:  f.codeHash(purpose, subject, code),
		CreatedAt: now, ExpiresAt: now.Add(f.Opt.OTPTTL),
	}
	if err := tx.CreateOTP(ctx, o); err != nil {
		return err
	}
	minutes := max(1, int(f.Opt.OTPTTL.Round(time.Minute)/time.Minute))
	kind := otpKind(purpose)
	text, _, err := f.noticeText("", kind, notice.Vars{Code: code, Minutes: minutes}) // essential: always on
	if err != nil {
		return err
	}
	_, err = tx.EnqueueSMS(ctx, &store.OutSMS{
		ID: randomHex(16), To: mobile, Kind: string(kind),
		Text:      text,
		DedupeKey: fmt.Sprintf("otp:%d", o.ID),
		CreatedAt: now, NotBefore: now, Status: "pending",
	})
	return err
}

// verifyOTP checks code for (purpose, subject) outside any transaction and
// returns the code's id; the caller marks it used (store.OTPUse refuses a
// second use) in the transaction that acts on it. Wrong codes count against
// the code's tries in their own short transaction, so a rollback elsewhere
// never forgives a guess.
func (f *Flow) verifyOTP(ctx context.Context, purpose, subject, code string) (int64, error) {
	code = fa.Digits(code)
	invalid := func(msg string) error {
		return &desk.Error{Code: desk.EINVALID, Message: msg, Fields: map[string]string{"code": msg}}
	}
	o, err := f.Store.LatestOTP(ctx, purpose, subject)
	if desk.ErrorCode(err) == desk.ENOTFOUND {
		return 0, invalid("کد تأیید فرستاده نشده است؛ «ارسال دوباره کد» را بزنید.")
	} else if err != nil {
		return 0, err
	}
	switch {
	case !o.UsedAt.IsZero():
		return 0, invalid("این کد قبلاً به کار رفته است؛ کد تازه بخواهید.")
	case f.now().After(o.ExpiresAt):
		return 0, invalid("کد تأیید منقضی شده است؛ «ارسال دوباره کد» را بزنید.")
	case o.Tries >= f.Opt.OTPMaxTries:
		return 0, invalid("تعداد تلاش‌های نادرست از حد گذشت؛ کد تازه بخواهید.")
	case code == "":
		return 0, invalid("کد تأیید را وارد کنید.")
	}
	want := f.codeHash(purpose, subject, code)
	if len(code) == 6 && subtle.ConstantTimeCompare([]byte(want), []byte(o.CodeHash)) == 1 {
		return o.ID, nil
	}
	tries := 0
	if err := f.Store.InTx(ctx, func(tx *store.Tx) error {
		tries, err = tx.OTPTry(ctx, o.ID)
		return err
	}); err != nil {
		return 0, err
	}
	if left := f.Opt.OTPMaxTries - tries; left > 0 {
		return 0, invalid(fmt.Sprintf("کد تأیید نادرست است؛ %s بار دیگر می‌توانید تلاش کنید.", fa.PersianDigits(fmt.Sprint(left))))
	}
	return 0, invalid("کد تأیید نادرست است و تلاش‌ها تمام شد؛ کد تازه بخواهید.")
}

// otpKind is the template of a one-time code SMS. At the counter the
// citizen reads the code out to the operator, so its text says so instead
// of "tell no one".
func otpKind(purpose string) notice.Kind {
	if purpose == PurposeCounter {
		return notice.KindOTPCounter
	}
	return notice.KindOTP
}
