package workcal

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"mizban/internal/fa"
	"strconv"
	"strings"
	"unicode/utf8"

	"mizban/internal/jalali"
)

//go:embed holidays.csv
var holidaysCSV []byte

// embeddedHolidays is parsed once; the file is part of the build and a
// test guarantees it is valid.
var embeddedHolidays = mustLoad(holidaysCSV)

func mustLoad(b []byte) []Holiday {
	h, err := LoadHolidaysCSV(bytes.NewReader(b))
	if err != nil {
		panic("workcal: embedded holidays.csv: " + err.Error())
	}
	return h
}

// LineError is one problem of a holiday file.
type LineError struct {
	Line int    // 1-based line number in the file
	Msg  string // Persian, without the line number
}

func (e LineError) Error() string {
	return "سطر " + fa.PersianDigits(strconv.Itoa(e.Line)) + ": " + e.Msg
}

// CSVError lists every problem of a holiday file, so that an administrator
// can fix them all in one pass.
type CSVError struct {
	Lines []LineError
}

func (e *CSVError) Error() string {
	msgs := make([]string, len(e.Lines))
	for i, l := range e.Lines {
		msgs[i] = l.Error()
	}
	return "فایل تعطیلات ایراد دارد؛ لطفاً این سطرها را اصلاح کنید:\n" + strings.Join(msgs, "\n")
}

// Messages of CSVError lines.
const (
	msgNoSeparator = "تاریخ و نام تعطیلی را با ویرگول جدا کنید، مانند ۱۴۰۵/۰۱/۰۱,عید نوروز"
	msgBadDate     = "تاریخ درست نیست"
	msgNoName      = "نام تعطیلی را بنویسید"
)

// LoadHolidaysCSV reads a holiday table: one "date,name" per line, the date
// being a Jalali date in any digits (see jalali.Parse). A first line
// "date,name" (or «تاریخ,نام») is a header; blank lines and lines starting
// with # are skipped. A semicolon, tab or Persian comma also separates the
// fields, since spreadsheets export them. On problems it returns a *CSVError
// listing every bad line.
func LoadHolidaysCSV(r io.Reader) ([]Holiday, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var (
		out      []Holiday
		problems []LineError
		line     int
		seenData bool
	)
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff") // spreadsheet BOM
		}
		text = strings.TrimSpace(text)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		first := !seenData
		seenData = true
		i := strings.IndexAny(text, ",;\t،")
		if i < 0 {
			problems = append(problems, LineError{line, msgNoSeparator})
			continue
		}
		_, sepLen := utf8.DecodeRuneInString(text[i:])
		dateField, name := unquote(text[:i]), unquote(text[i+sepLen:])
		if first && isHeader(dateField) {
			continue
		}
		d, err := jalali.Parse(dateField)
		if err != nil {
			problems = append(problems, LineError{line, msgBadDate + " («" + dateField + "»)؛ " + err.Error()})
			continue
		}
		if name == "" {
			problems = append(problems, LineError{line, msgNoName})
			continue
		}
		out = append(out, Holiday{d, name})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			problems = append(problems, LineError{line + 1, "سطر بیش از اندازه بلند است"})
		} else {
			return nil, fmt.Errorf("workcal: read holidays: %w", err)
		}
	}
	if len(problems) > 0 {
		return nil, &CSVError{problems}
	}
	return out, nil
}

func isHeader(field string) bool {
	f := strings.ToLower(field)
	return f == "date" || f == "تاریخ"
}

// unquote trims spaces and one pair of surrounding double quotes.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimSpace(strings.ReplaceAll(s[1:len(s)-1], `""`, `"`))
	}
	return s
}
