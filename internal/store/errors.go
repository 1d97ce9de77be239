package store

import (
	"database/sql"
	"errors"
	"fmt"

	"mizban/internal/desk"
)

// Citizen-facing messages for missing rows and conflicts.
const (
	msgNoRequest  = "درخواستی با این مشخصات پیدا نشد."
	msgNoService  = "خدمتی با این شناسه پیدا نشد."
	msgNoDraft    = "این فرم پیدا نشد یا مهلت آن گذشته است؛ لطفاً درخواست را از نو آغاز کنید."
	msgNoDocument = "این مدرک پیدا نشد."
	msgNoOTP      = "کد تأییدی پیدا نشد؛ لطفاً کد تازه‌ای بگیرید."
	msgNoStaff    = "کارمندی با این مشخصات پیدا نشد."
	msgNoSMS      = "پیامکی با این شناسه پیدا نشد."
	msgDuplicate  = "این مورد پیش‌تر ثبت شده است."
	msgStale      = "این درخواست هم‌زمان توسط شخص دیگری تغییر کرده است؛ لطفاً صفحه را دوباره باز کنید."
)

func notFound(msg string) error { return &desk.Error{Code: desk.ENOTFOUND, Message: msg} }

// mapErr turns a unique violation from either driver into ECONFLICT and
// leaves other errors as they are.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if sqliteUnique(err) || pgUnique(err) {
		return &desk.Error{Code: desk.ECONFLICT, Message: msgDuplicate, Err: err}
	}
	return err
}

// fail wraps err for op: sql.ErrNoRows becomes ENOTFOUND with missing, unique
// violations ECONFLICT, desk errors pass through, the rest are internal.
func fail(op string, err error, missing string) error {
	if err == nil {
		return nil
	}
	var de *desk.Error
	if errors.As(err, &de) {
		return err
	}
	if missing != "" && (errors.Is(err, sql.ErrNoRows) || pgBadText(err)) {
		// A key PostgreSQL cannot even store cannot be in a row.
		return notFound(missing)
	}
	if e := mapErr(err); e != err {
		return e
	}
	return fmt.Errorf("store: %s: %w", op, err)
}
