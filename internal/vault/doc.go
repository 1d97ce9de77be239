// Package vault encrypts personal data and documents at rest (DOMAIN §6,
// confidentiality). One 32-byte master key, kept outside the database, yields
// two subkeys by HKDF-SHA256: one for AES-256-GCM sealing and one for the
// keyed blind index that lets the store find a national ID or mobile by
// equality without decrypting every row.
//
// Every ciphertext starts with a format version and a short key id so that
// key rotation and crypto-shredding can be added without re-reading old data
// blindly. Key material is never logged: Vault prints only its key id.
package vault
