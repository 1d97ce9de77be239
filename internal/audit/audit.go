// Package audit defines Mizban's audit record and its hash chain. Every
// record's hash covers its own fields and the previous record's hash, so
// changing, removing or reordering any record breaks every hash after it;
// Verify finds the first break. The store appends records in the same
// transaction as the action they describe.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Results of an audited action.
const (
	OK     = "ok"
	Denied = "denied"
	Failed = "failed"
)

// Record is one audited action: who, when, from where, what, on what, and
// with what result. Details must never hold secrets or unmasked personal
// data.
type Record struct {
	Seq     int64     // position in the chain, from 1
	At      time.Time // UTC, microseconds
	Actor   string    // "staff:12", "citizen", "api:3", "system"
	Action  string    // "auth.sign_in", "request.refer", "personal_data.reveal" …
	Target  string    // "request:42", "staff:7", "" when none
	Result  string    // OK, Denied, Failed
	Client  string    // keyed hash of the client address
	Details string    // short, free text or JSON
	Prev    string    // hash of the previous record ("" for the first)
	Hash    string
}

// Genesis is the Prev of the first record.
const Genesis = ""

// Sum computes the hash of r chained to r.Prev. Fields are length-prefixed
// so no two different records encode alike.
func (r Record) Sum() string {
	var b strings.Builder
	field := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	field(strconv.FormatInt(r.Seq, 10))
	field(r.At.UTC().Format("2006-01-02T15:04:05.000000Z"))
	field(r.Actor)
	field(r.Action)
	field(r.Target)
	field(r.Result)
	field(r.Client)
	field(r.Details)
	field(r.Prev)
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// Seal fills r.Prev and r.Hash for a record following prev.
func (r *Record) Seal(seq int64, prevHash string) {
	r.Seq, r.Prev = seq, prevHash
	r.At = r.At.UTC().Truncate(time.Microsecond)
	r.Hash = r.Sum()
}

// Verify checks records (in chain order, starting at any point) link and
// hash correctly; prev is the hash before the first one (Genesis when they
// start at 1). It names the first record that fails.
func Verify(prev string, records []Record) error {
	for i, r := range records {
		if i > 0 && r.Seq != records[i-1].Seq+1 {
			return fmt.Errorf("audit: record %d follows %d: a record is missing", r.Seq, records[i-1].Seq)
		}
		if r.Prev != prev {
			return fmt.Errorf("audit: record %d does not follow the previous hash", r.Seq)
		}
		if r.Sum() != r.Hash {
			return fmt.Errorf("audit: record %d was changed", r.Seq)
		}
		prev = r.Hash
	}
	return nil
}
