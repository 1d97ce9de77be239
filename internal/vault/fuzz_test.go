package vault

import (
	"bytes"
	"testing"
)

// FuzzUnseal feeds arbitrary bytes (stored columns may be corrupted) and
// checks Unseal never panics and never accepts anything it did not seal.
func FuzzUnseal(f *testing.F) {
	v, err := New(bytes.Repeat([]byte{3}, KeySize))
	if err != nil {
		f.Fatal(err)
	}
	good, _ := v.Seal([]byte("0076229645"))
	f.Add(good, []byte(nil))
	adct, _ := v.SealAD([]byte("doc"), []byte("request:1"))
	f.Add(adct, []byte("request:1"))
	f.Add([]byte{}, []byte(nil))
	f.Add([]byte{version}, []byte("x"))
	f.Add(make([]byte, Overhead), []byte(nil))
	f.Fuzz(func(t *testing.T, ct, ad []byte) {
		p, err := v.UnsealAD(ct, ad)
		if err != nil {
			return
		}
		// Only our own seeds can authenticate. Fuzz workers are separate
		// processes with their own random nonces, so compare plaintexts.
		if string(p) != "0076229645" && string(p) != "doc" {
			t.Fatalf("forged ciphertext accepted: %x -> %q", ct, p)
		}
	})
}
