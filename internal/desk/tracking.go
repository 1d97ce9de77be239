package desk

import (
	"crypto/rand"
	"math/big"
)

// TrackingCodeLen is the length of a tracking code: 11 random digits and a
// Damm check digit.
const TrackingCodeLen = 12

// damm is the quasigroup table of the Damm algorithm. Its check digit detects
// every single-digit error and every swap of two neighbouring digits.
var damm = [10][10]byte{
	{0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
	{7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
	{4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
	{1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
	{6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
	{3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
	{5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
	{8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
	{9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
	{2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}

func dammInterim(digits string) byte {
	var c byte
	for i := 0; i < len(digits); i++ {
		c = damm[c][digits[i]-'0']
	}
	return c
}

// NewTrackingCode returns a random tracking code (crypto/rand, first digit
// non-zero so it never loses a digit in a spreadsheet). Uniqueness is the
// store's job: it retries on a collision.
func NewTrackingCode() (string, error) {
	b := make([]byte, TrackingCodeLen-1)
	for i := range b {
		lo := int64(0)
		if i == 0 {
			lo = 1
		}
		n, err := rand.Int(rand.Reader, big.NewInt(10-lo))
		if err != nil {
			return "", err
		}
		b[i] = byte('0' + lo + n.Int64())
	}
	return string(b) + string('0'+dammInterim(string(b))), nil
}

// ValidTrackingCode reports whether s (ASCII digits) is a well-formed
// tracking code with a correct check digit.
func ValidTrackingCode(s string) bool {
	if len(s) != TrackingCodeLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return dammInterim(s) == 0
}
