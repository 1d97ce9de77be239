package files

import (
	"strconv"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// formatLabels are the names citizens know the formats by.
var formatLabels = map[string]string{PDF: "PDF", JPEG: "JPEG", PNG: "PNG", WebP: "WebP", TIFF: "TIFF"}

// Check judges an upload by content and size and returns its content type.
// maxSize <= 0 means DefaultMaxSize; empty formats means DefaultFormats. The
// error is a desk.Error (EINVALID) whose message tells the citizen what to do.
func Check(data []byte, formatNames []string, maxSize int) (string, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	if len(data) == 0 {
		return "", desk.Errorf(desk.EINVALID, "فایل خالی است؛ لطفاً فایل درست را انتخاب کنید.")
	}
	if len(data) > maxSize {
		return "", desk.Errorf(desk.EINVALID, "حجم فایل بیش از %s است؛ لطفاً فایل کوچک‌تری بفرستید.", sizeLabel(maxSize))
	}
	mime := Sniff(data)
	if !Accepts(formatNames, mime) {
		return "", desk.Errorf(desk.EINVALID, "این نوع فایل پذیرفته نیست؛ لطفاً فایل %s بفرستید.", formatList(formatNames))
	}
	return mime, nil
}

// sizeLabel writes a byte count as Persian megabytes or kilobytes.
func sizeLabel(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fa.PersianDigits(strconv.Itoa(n>>20)) + " مگابایت"
	}
	if n >= 1<<10 {
		return fa.PersianDigits(strconv.Itoa(n>>10)) + " کیلوبایت"
	}
	return fa.PersianDigits(strconv.Itoa(n)) + " بایت"
}

// formatList names the accepted formats: «PDF، JPEG یا PNG».
func formatList(formatNames []string) string {
	if len(formatNames) == 0 {
		formatNames = DefaultFormats
	}
	var labels []string
	seen := map[string]bool{}
	for _, f := range formatNames {
		m := formats[strings.ToLower(strings.TrimSpace(f))]
		if m == "" || seen[m] {
			continue
		}
		seen[m] = true
		labels = append(labels, formatLabels[m])
	}
	switch len(labels) {
	case 0:
		return "مجاز"
	case 1:
		return labels[0]
	}
	return strings.Join(labels[:len(labels)-1], "، ") + " یا " + labels[len(labels)-1]
}
