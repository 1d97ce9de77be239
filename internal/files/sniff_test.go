package files

import (
	"errors"
	"strings"
	"testing"

	"mizban/internal/desk"
)

// Minimal real headers of each format.
var (
	pdfHead  = []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
	jpegHead = []byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01}
	exifJPEG = []byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x18, 'E', 'x', 'i', 'f', 0x00, 0x00}
	pngHead  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	webpHead = []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00")
	webpL    = []byte("RIFF\x24\x00\x00\x00WEBPVP8L\x18\x00\x00\x00")
	webpX    = []byte("RIFF\x24\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00")
	tiffLE   = []byte("II*\x00\x08\x00\x00\x00")
	tiffBE   = []byte("MM\x00*\x00\x00\x00\x08")
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"pdf", pdfHead, PDF},
		{"pdf renamed .jpg is still pdf", pdfHead, PDF},
		{"jpeg jfif", jpegHead, JPEG},
		{"jpeg exif", exifJPEG, JPEG},
		{"png", pngHead, PNG},
		{"webp lossy", webpHead, WebP},
		{"webp lossless", webpL, WebP},
		{"webp extended", webpX, WebP},
		{"tiff little endian", tiffLE, TIFF},
		{"tiff big endian", tiffBE, TIFF},
		{"text named .pdf", []byte("This is my national card, honest.\n"), ""},
		{"html", []byte("<!DOCTYPE html><html>"), ""},
		{"pdf after whitespace", []byte("  %PDF-1.4"), ""},
		{"pdf truncated magic", []byte("%PDF"), ""},
		{"png truncated", pngHead[:7], ""},
		{"riff wave not webp", []byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00"), ""},
		{"riff webp short", []byte("RIFF\x24\x00\x00\x00WEBP"), ""},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), ""},
		{"zip/docx", []byte("PK\x03\x04\x14\x00"), ""},
		{"exe", []byte("MZ\x90\x00"), ""},
		{"empty", nil, ""},
		{"two bytes of jpeg", []byte{0xFF, 0xD8}, ""},
	}
	for _, tt := range tests {
		if got := Sniff(tt.data); got != tt.want {
			t.Errorf("%s: Sniff = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		formats []string
		mime    string
		want    bool
	}{
		{nil, PDF, true},
		{nil, JPEG, true},
		{nil, PNG, true},
		{nil, WebP, false},
		{nil, TIFF, false},
		{nil, "", false},
		{[]string{"pdf"}, PDF, true},
		{[]string{"pdf"}, JPEG, false},
		{[]string{"jpg"}, JPEG, true},
		{[]string{" JPEG "}, JPEG, true},
		{[]string{"tif"}, TIFF, true},
		{[]string{"webp", "tiff"}, WebP, true},
		{[]string{"webp", "tiff"}, PDF, false},
		{[]string{"doc"}, "application/msword", false},
		{[]string{"pdf"}, "", false},
	}
	for _, tt := range tests {
		if got := Accepts(tt.formats, tt.mime); got != tt.want {
			t.Errorf("Accepts(%q, %q) = %v, want %v", tt.formats, tt.mime, got, tt.want)
		}
	}
}

func TestExt(t *testing.T) {
	for mime, want := range map[string]string{PDF: ".pdf", JPEG: ".jpg", PNG: ".png", WebP: ".webp", TIFF: ".tif", "": "", "text/plain": ""} {
		if got := Ext(mime); got != want {
			t.Errorf("Ext(%q) = %q, want %q", mime, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		formats []string
		max     int
		want    string
		msg     string // part of the Persian message when rejected
	}{
		{"pdf default", pdfHead, nil, 0, PDF, ""},
		{"png allowed", pngHead, []string{"png"}, 0, PNG, ""},
		{"empty", nil, nil, 0, "", "خالی"},
		{"too big", pdfHead, nil, 10, "", "۱۰ بایت"},
		{"default limit", append(pdfHead, make([]byte, DefaultMaxSize)...), nil, 0, "", "۱۰ مگابایت"},
		{"kilobytes", append(pdfHead, make([]byte, 3000)...), nil, 2048, "", "۲ کیلوبایت"},
		{"text", []byte("hello"), nil, 0, "", "PDF، JPEG یا PNG"},
		{"webp not allowed", webpHead, []string{"pdf"}, 0, "", "فایل PDF بفرستید"},
		{"two formats", tiffLE, []string{"pdf", "jpg", "jpeg"}, 0, "", "PDF یا JPEG"},
	}
	for _, tt := range tests {
		got, err := Check(tt.data, tt.formats, tt.max)
		if tt.msg == "" {
			if err != nil || got != tt.want {
				t.Errorf("%s: Check = %q, %v; want %q", tt.name, got, err, tt.want)
			}
			continue
		}
		var de *desk.Error
		if !errors.As(err, &de) || de.Code != desk.EINVALID {
			t.Errorf("%s: err = %v, want desk EINVALID", tt.name, err)
			continue
		}
		if !strings.Contains(de.Message, tt.msg) {
			t.Errorf("%s: message %q lacks %q", tt.name, de.Message, tt.msg)
		}
	}
}

// FuzzSniff checks Sniff never panics on uploaded bytes and only ever
// answers a known type or "".
func FuzzSniff(f *testing.F) {
	for _, s := range [][]byte{pdfHead, jpegHead, pngHead, webpHead, webpX, tiffLE, tiffBE, []byte("RIFF"), nil} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m := Sniff(data)
		if m == "" {
			return
		}
		if Ext(m) == "" {
			t.Fatalf("Sniff returned unknown type %q", m)
		}
		if Sniff(append(data, 0, 1, 2)) != m {
			t.Fatalf("trailing bytes changed the verdict for %q", m)
		}
	})
}
