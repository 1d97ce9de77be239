package store_test

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/letters"
	"mizban/internal/store"
	"mizban/internal/store/storetest"
)

// at is h:m:s on a Jalali day, Tehran time.
func at(y, m, d, h, min, sec int) time.Time {
	return jalali.Date{Year: y, Month: m, Day: d}.Time().Add(time.Duration(h)*time.Hour +
		time.Duration(min)*time.Minute + time.Duration(sec)*time.Second)
}

func incoming(sec string, when time.Time) *letters.Letter {
	return &letters.Letter{Secretariat: sec, Direction: letters.Incoming, RegisteredAt: when,
		Subject: "درخواست صدور پروانه ساختمانی", CreatedBy: "staff:1"}
}

// register stores l in a transaction of its own and returns the error.
func register(s *store.Store, l *letters.Letter) error {
	return s.InTx(ctx, func(tx *store.Tx) error { return tx.RegisterLetter(ctx, l) })
}

func mustRegister(t testing.TB, s *store.Store, l *letters.Letter) {
	t.Helper()
	if err := register(s, l); err != nil {
		t.Fatalf("RegisterLetter(%+v): %v", l, err)
	}
}

func TestRegisterLetter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		createSecretariat(t, s, newSecretariat("1"))
		r := createRequest(t, s)
		var signer int64
		inTx(t, s, func(tx *store.Tx) (err error) {
			signer, err = tx.PutStaff(ctx, store.StaffRecord{Staff: desk.Staff{Name: "مدیر"}, Username: "boss", Active: true})
			return err
		})
		day := at(1404, 5, 1, 9, 0, 0)

		in1 := incoming("۱", day)
		in1.RequestID = r.ID
		mustRegister(t, s, in1)
		if in1.ID == 0 || in1.Number != "1404/1/و" || in1.Seq != 1 || in1.Year != 1404 || in1.Secretariat != "1" ||
			in1.Classification != letters.Unclassified || in1.Priority != letters.Routine {
			t.Fatalf("first incoming letter: %+v", in1)
		}
		in2 := incoming("1", day.Add(time.Minute))
		mustRegister(t, s, in2)
		out := &letters.Letter{Secretariat: "1", Direction: letters.Outgoing, RegisteredAt: day.Add(time.Hour),
			Subject: "پاسخ درخواست", RequestID: r.ID, InReplyTo: in1.ID, SignerID: signer,
			ShamsID: "3f2504e0-4f89-11d3-9a0c-0305e82c3301", Classification: letters.Confidential,
			Priority: letters.Urgent, CreatedBy: "staff:2"}
		mustRegister(t, s, out)
		if in2.Number != "1404/2/و" || out.Number != "1404/1/ص" {
			t.Errorf("numbers %q, %q; want 1404/2/و and a separate outgoing series 1404/1/ص", in2.Number, out.Number)
		}

		got, err := s.Letter(ctx, out.ID)
		if err != nil || got != *out {
			t.Errorf("Letter = %+v, %v; want %+v", got, err, *out)
		}
		list, err := s.LettersOfRequest(ctx, r.ID)
		if err != nil || len(list) != 2 || list[0] != *in1 || list[1] != *out {
			t.Errorf("LettersOfRequest = %+v, %v", list, err)
		}
		if none, err := s.LettersOfRequest(ctx, r.ID+1); err != nil || len(none) != 0 {
			t.Errorf("letters of another request: %+v, %v", none, err)
		}
		byNumber, err := s.LetterByNumber(ctx, "۱", letters.Outgoing, "\u200f۱۴۰۴/۱/ص\u200e")
		if err != nil || byNumber.ID != out.ID {
			t.Errorf("LetterByNumber as pasted = %+v, %v", byNumber, err)
		}
		_, err = s.LetterByNumber(ctx, "1", letters.Internal, "1404/1/ص")
		wantCode(t, err, desk.ENOTFOUND)
		_, err = s.LetterByNumber(ctx, "1", letters.Outgoing, "1404/1/ص\xff")
		wantCode(t, err, desk.ENOTFOUND)
		_, err = s.Letter(ctx, out.ID+100)
		wantCode(t, err, desk.ENOTFOUND)
	})
}

func TestRegisterLetterRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		createSecretariat(t, s, newSecretariat("1"))
		closed := newSecretariat("9")
		closed.Active = false
		createSecretariat(t, s, closed)
		day := at(1404, 5, 1, 9, 0, 0)
		first := incoming("1", day)
		first.ShamsID = "abc-1"
		mustRegister(t, s, first)

		tests := []struct {
			name   string
			change func(*letters.Letter)
			code   string
		}{
			{"inactive secretariat", func(l *letters.Letter) { l.Secretariat = "9" }, desk.EINVALID},
			{"unknown secretariat", func(l *letters.Letter) { l.Secretariat = "7" }, desk.ENOTFOUND},
			{"reply to a missing letter", func(l *letters.Letter) { l.InReplyTo = first.ID + 50 }, desk.EINVALID},
			{"missing request", func(l *letters.Letter) { l.RequestID = 987654 }, desk.ENOTFOUND},
			{"missing signer", func(l *letters.Letter) { l.SignerID = 987654 }, desk.ENOTFOUND},
			{"SHAMS id taken", func(l *letters.Letter) { l.ShamsID = "abc-1" }, desk.ECONFLICT},
			{"no subject", func(l *letters.Letter) { l.Subject = "" }, desk.EINVALID},
			{"bad direction", func(l *letters.Letter) { l.Direction = "sideways" }, desk.EINVALID},
			{"no registration time", func(l *letters.Letter) { l.RegisteredAt = time.Time{} }, desk.EINTERNAL},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				l := incoming("1", day.Add(time.Minute))
				tc.change(l)
				err := register(s, l)
				wantCode(t, err, tc.code)
				if tc.code != desk.EINTERNAL && !persianMessage(desk.ErrorMessage(err)) {
					t.Errorf("message %q is not a Persian message", desk.ErrorMessage(err))
				}
				if l.ID != 0 || l.Number != "" {
					t.Errorf("a refused letter got an id or number: %+v", l)
				}
			})
		}
		next := incoming("1", day.Add(time.Hour))
		mustRegister(t, s, next)
		if next.Number != "1404/2/و" {
			t.Errorf("after the refusals the next number is %q, want 1404/2/و", next.Number)
		}
	})
}

func persianMessage(s string) bool {
	for _, r := range s {
		if r >= 'آ' && r <= 'ی' {
			return true
		}
	}
	return false
}

// A rolled-back transaction gives its numbers back, including the first
// one of a series whose counter row it created.
func TestLetterRollbackLeavesNoGap(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		createSecretariat(t, s, newSecretariat("1"))
		day := at(1404, 7, 10, 8, 0, 0)
		later := errors.New("a later step failed")
		for round := range 2 {
			err := s.InTx(ctx, func(tx *store.Tx) error {
				for range 3 {
					if err := tx.RegisterLetter(ctx, incoming("1", day)); err != nil {
						return err
					}
				}
				return later
			})
			if !errors.Is(err, later) {
				t.Fatalf("round %d: %v", round, err)
			}
			l := incoming("1", day)
			mustRegister(t, s, l)
			if want := fmt.Sprintf("1404/%d/و", round+1); l.Number != want || l.Seq != int64(round+1) {
				t.Errorf("round %d: %q (seq %d), want %q", round, l.Number, l.Seq, want)
			}
		}
	})
}

// 8 writers × 50 letters, with rolled-back registrations among them, take
// the numbers 1…400 of one series: none twice, none skipped.
func TestLetterNumbersConcurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const workers, each = 8, 50
		createSecretariat(t, s, newSecretariat("1"))
		r := createRequest(t, s)
		day := at(1404, 9, 1, 10, 0, 0)
		abort := errors.New("abort")
		var wg sync.WaitGroup
		errs := make(chan error, workers*each*2)
		for w := range workers {
			wg.Go(func() {
				for i := range each {
					if i%10 == w%10 { // a registration that rolls back
						err := s.InTx(ctx, func(tx *store.Tx) error {
							if err := tx.RegisterLetter(ctx, incoming("1", day)); err != nil {
								return err
							}
							return abort
						})
						if !errors.Is(err, abort) {
							errs <- err
						}
					}
					l := incoming("1", day.Add(time.Duration(w*each+i)*time.Second))
					l.RequestID = r.ID
					errs <- register(s, l)
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		list, err := s.LettersOfRequest(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		seqs := make([]int64, 0, len(list))
		numbers := map[string]bool{}
		for _, l := range list {
			seqs = append(seqs, l.Seq)
			if want := fmt.Sprintf("1404/%d/و", l.Seq); l.Number != want {
				t.Errorf("seq %d numbered %q, want %q", l.Seq, l.Number, want)
			}
			numbers[l.Number] = true
		}
		slices.Sort(seqs)
		if len(seqs) != workers*each || len(numbers) != workers*each {
			t.Fatalf("%d letters, %d distinct numbers; want %d", len(seqs), len(numbers), workers*each)
		}
		for i, n := range seqs {
			if n != int64(i+1) {
				t.Fatalf("sequence %d at position %d: a gap or a repeat (%v…)", n, i+1, seqs[max(0, i-3):i+1])
			}
		}
	})
}

// The series restarts on 1 Farvardin in Tehran, after Esfand 30 of a leap
// year and after Esfand 29 of a common one, even while it is still the
// previous day in UTC; a letter registered late with a time in the old
// year continues the old year's series.
func TestLetterYearRollover(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		for _, tc := range []struct {
			code     string
			year     int
			lastDay  int
			format   string
			newFirst string
		}{
			{"1", 1403, 30, "{year}/{seq}/و", "1404/1/و"},
			{"2", 1404, 29, "{yy}-{seq:3}", "05-001"},
		} {
			if got := jalali.MonthLength(tc.year, 12); got != tc.lastDay {
				t.Fatalf("Esfand %d has %d days, the test expects %d", tc.year, got, tc.lastDay)
			}
			sec := newSecretariat(tc.code)
			sec.IncomingFormat = tc.format
			createSecretariat(t, s, sec)
			steps := []struct {
				when time.Time
				year int
				seq  int64
			}{
				{at(tc.year, 12, 1, 9, 0, 0), tc.year, 1},
				{at(tc.year, 12, tc.lastDay, 23, 59, 59), tc.year, 2},
				{at(tc.year+1, 1, 1, 0, 0, 0), tc.year + 1, 1},
				{at(tc.year+1, 1, 1, 0, 10, 0), tc.year + 1, 2},
				{at(tc.year, 12, tc.lastDay, 23, 59, 59), tc.year, 3}, // registered late
			}
			for i, st := range steps {
				l := incoming(tc.code, st.when)
				mustRegister(t, s, l)
				if l.Year != st.year || l.Seq != st.seq {
					t.Errorf("%s step %d (%s UTC): year %d seq %d, want %d and %d",
						tc.code, i, st.when.UTC().Format(time.DateTime), l.Year, l.Seq, st.year, st.seq)
				}
				if i == 2 {
					if l.Number != tc.newFirst {
						t.Errorf("first number of %d: %q, want %q", tc.year+1, l.Number, tc.newFirst)
					}
					if st.when.UTC().Day() == l.RegisteredAt.In(jalali.Tehran).Day() {
						t.Errorf("fixture: %v is not on the previous day in UTC", st.when)
					}
				}
			}
		}
	})
}
