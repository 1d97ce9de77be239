// Package files stores citizens' documents behind the Store interface: local
// disk by default, an S3-compatible bucket later. Local encrypts every file
// with the vault, bound to its key, and writes atomically so a crash never
// leaves half a document. Uploads are judged by their content (Sniff), not
// their name, and hashed (SHA256Hex) so downloads can be checked (DOMAIN §6).
package files
