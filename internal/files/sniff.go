package files

import (
	"bytes"
	"strings"
)

// DefaultMaxSize is the upload limit when a service sets none (10 MiB).
const DefaultMaxSize = 10 << 20

// Canonical content types that Sniff returns.
const (
	PDF  = "application/pdf"
	JPEG = "image/jpeg"
	PNG  = "image/png"
	WebP = "image/webp"
	TIFF = "image/tiff"
)

// DefaultFormats are accepted when a service card names none.
var DefaultFormats = []string{"pdf", "jpeg", "png"}

// formats maps the short names used on service cards to content types;
// "jpg" and "tif" are accepted because admins will type them.
var formats = map[string]string{
	"pdf": PDF, "jpeg": JPEG, "jpg": JPEG, "png": PNG,
	"webp": WebP, "tiff": TIFF, "tif": TIFF,
}

var exts = map[string]string{PDF: ".pdf", JPEG: ".jpg", PNG: ".png", WebP: ".webp", TIFF: ".tif"}

// Sniff returns the content type of data judged by its magic number, or ""
// when it is none of the document types we accept. The file name plays no
// part: a renamed file is what its bytes say.
func Sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case len(data) >= 16 && bytes.HasPrefix(data, []byte("RIFF")) &&
		string(data[8:15]) == "WEBPVP8" && isVP8Kind(data[15]):
		return WebP
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")),
		bytes.HasPrefix(data, []byte("II+\x00")), bytes.HasPrefix(data, []byte("MM\x00+")):
		return TIFF // classic and BigTIFF, both byte orders
	}
	return ""
}

// isVP8Kind accepts the three WebP first-chunk kinds: lossy "VP8 ",
// lossless "VP8L" and extended "VP8X".
func isVP8Kind(c byte) bool { return c == ' ' || c == 'L' || c == 'X' }

// Accepts reports whether content type mime is among formats (short names
// such as "pdf", "jpeg"); empty formats means DefaultFormats.
func Accepts(formatNames []string, mime string) bool {
	if mime == "" {
		return false
	}
	if len(formatNames) == 0 {
		formatNames = DefaultFormats
	}
	for _, f := range formatNames {
		if formats[strings.ToLower(strings.TrimSpace(f))] == mime {
			return true
		}
	}
	return false
}

// Ext is the file extension, with its dot, for a content type from Sniff,
// used when offering a download; "" when unknown.
func Ext(mime string) string { return exts[mime] }
