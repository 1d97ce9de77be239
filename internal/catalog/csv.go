package catalog

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// The CSV service list: one row per service, a header row of column names,
// UTF-8. Lists inside a cell are one item per line, or separated by « | ».
// docs/catalog-import.md describes every column; the form and each step's
// detail travel only in JSON.

// column is one CSV column: how a card's field is written to a cell and
// read back. set reports a problem through bad.
type column struct {
	name string
	get  func(s desk.Service) string
	set  func(s *desk.Service, cell string, cur desk.Service, bad func(msg string))
}

var columns = []column{
	{"code", func(s desk.Service) string { return s.Code }, nil}, // read apart: it picks the card
	textCol("parent_code", func(s *desk.Service) *string { return &s.ParentCode }),
	textCol("title", func(s *desk.Service) *string { return &s.Title }),
	textCol("title_en", func(s *desk.Service) *string { return &s.TitleEn }),
	textCol("summary", func(s *desk.Service) *string { return &s.Summary }),
	textCol("description", func(s *desk.Service) *string { return &s.Description }),
	{"kind", func(s desk.Service) string { return string(s.Kind) },
		func(s *desk.Service, c string, _ desk.Service, _ func(string)) {
			s.Kind = desk.Kind(strings.ToLower(c))
		}},
	{"type", func(s desk.Service) string { return s.Type },
		func(s *desk.Service, c string, _ desk.Service, _ func(string)) { s.Type = strings.ToUpper(c) }},
	listCol("audience", " | ", func(s *desk.Service) *[]string { return &s.Audience }),
	textCol("nature", func(s *desk.Service) *string { return &s.Nature }),
	textCol("level", func(s *desk.Service) *string { return &s.Level }),
	textCol("category", func(s *desk.Service) *string { return &s.Category }),
	listCol("life_events", " | ", func(s *desk.Service) *[]string { return &s.LifeEvents }),
	textCol("trigger", func(s *desk.Service) *string { return &s.Trigger }),
	listCol("keywords", " | ", func(s *desk.Service) *[]string { return &s.Keywords }),
	textCol("unit_code", func(s *desk.Service) *string { return &s.UnitCode }),
	boolCol("online", func(s *desk.Service) *bool { return &s.Online }),
	{"documents", func(s desk.Service) string { return writeDocs(s.Documents) }, readDocs},
	{"steps", func(s desk.Service) string { return writeSteps(s.Steps) }, readSteps},
	listCol("legal_basis", "\n", func(s *desk.Service) *[]string { return &s.LegalBasis }),
	intCol("duration_days", func(s *desk.Service) *int { return &s.DurationDays }),
	boolCol("calendar_days", func(s *desk.Service) *bool { return &s.CalendarDays }),
	boolCol("pause_on_docs", func(s *desk.Service) *bool { return &s.PauseOnDocs }),
	intCol("visits", func(s *desk.Service) *int { return &s.Visits }),
	{"fee_rials", func(s desk.Service) string { return strconv.FormatInt(s.FeeRials, 10) },
		func(s *desk.Service, c string, _ desk.Service, bad func(string)) { s.FeeRials = parseNum(c, bad) }},
	textCol("fee_note", func(s *desk.Service) *string { return &s.FeeNote }),
	textCol("hours_places", func(s *desk.Service) *string { return &s.HoursPlaces }),
	{"channels", func(s desk.Service) string { return writeChannels(s.Channels) }, readChannels},
	listCol("inquiries", "\n", func(s *desk.Service) *[]string { return &s.Inquiries }),
	textCol("complaints", func(s *desk.Service) *string { return &s.Complaints }),
	textCol("retention", func(s *desk.Service) *string { return &s.Retention }),
	intCol("popularity", func(s *desk.Service) *int { return &s.Popularity }),
}

// Columns are the CSV column names in the order WriteCSV writes them.
func Columns() []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.name
	}
	return out
}

func textCol(name string, f func(*desk.Service) *string) column {
	return column{name,
		func(s desk.Service) string { return *f(&s) },
		func(s *desk.Service, c string, _ desk.Service, _ func(string)) {
			*f(s) = strings.ReplaceAll(fa.Normalize(c), "\r\n", "\n")
		}}
}

func listCol(name, sep string, f func(*desk.Service) *[]string) column {
	return column{name,
		func(s desk.Service) string { return strings.Join(*f(&s), sep) },
		func(s *desk.Service, c string, _ desk.Service, _ func(string)) { *f(s) = items(c) }}
}

func boolCol(name string, f func(*desk.Service) *bool) column {
	return column{name,
		func(s desk.Service) string { return yesNo(*f(&s)) },
		func(s *desk.Service, c string, _ desk.Service, bad func(string)) {
			switch strings.ToLower(c) {
			case "بله", "آری", "true", "yes", "1":
				*f(s) = true
			case "خیر", "نه", "false", "no", "0", "":
				*f(s) = false
			default:
				bad("در این ستون بله یا خیر بنویسید.")
			}
		}}
}

func intCol(name string, f func(*desk.Service) *int) column {
	return column{name,
		func(s desk.Service) string { return strconv.Itoa(*f(&s)) },
		func(s *desk.Service, c string, _ desk.Service, bad func(string)) {
			n := parseNum(c, bad)
			if int64(int(n)) != n {
				bad(notNumber)
				return
			}
			*f(s) = int(n)
		}}
}

const notNumber = "در این ستون فقط یک عدد صحیح بنویسید، مانند ۴۵۰۰۰۰۰؛ رقم فارسی و جداکنندهٔ هزارگان هم پذیرفته است."

// parseNum reads a number cell; empty is 0.
func parseNum(c string, bad func(string)) int64 {
	if c == "" {
		return 0
	}
	n, err := fa.ParseInt(c)
	if err != nil {
		bad(notNumber)
		return 0
	}
	return n
}

func yesNo(b bool) string {
	if b {
		return "بله"
	}
	return "خیر"
}

// items splits a list cell: one item per line or between « | »; blank
// items are dropped.
func items(cell string) []string {
	var out []string
	for _, line := range strings.FieldsFunc(fa.Normalize(cell), func(r rune) bool { return r == '\n' || r == '\r' || r == '|' }) {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// oneLine keeps a name or note on its line inside a list cell.
func oneLine(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "|", "/").Replace(s)
	return strings.TrimSpace(s)
}

// writeDocs writes one document per line: «*name (notes) [pdf, jpeg]»; the
// star marks a required document, the brackets the formats of an upload
// ([] any of the default formats, [-] not uploaded, brought in person). A
// name that itself ends in ")" and has no notes gets "()" so the name reads
// back whole.
func writeDocs(docs []desk.RequiredDoc) string {
	lines := make([]string, len(docs))
	for i, d := range docs {
		var b strings.Builder
		if d.Required {
			b.WriteString("*")
		}
		b.WriteString(oneLine(d.Name))
		switch notes := oneLine(d.Notes); {
		case notes != "":
			b.WriteString(" (" + notes + ")")
		case strings.HasSuffix(strings.TrimSpace(d.Name), ")"):
			b.WriteString(" ()")
		}
		if d.Upload {
			b.WriteString(" [" + strings.Join(d.Formats, ", ") + "]")
		} else {
			b.WriteString(" [-]")
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}

// readDocs reads the documents cell. A document whose name matches one of
// the current card's keeps its key (the upload field of requests already
// filed) and, without brackets, its upload settings; a new one without
// brackets is an upload in the default formats.
func readDocs(s *desk.Service, cell string, cur desk.Service, _ func(string)) {
	s.Documents = nil
	for _, line := range items(cell) {
		var d desk.RequiredDoc
		line, d.Required = strings.CutPrefix(line, "*")
		line = strings.TrimSpace(line)
		var fmts string
		bracket := false
		if strings.HasSuffix(line, "]") {
			if i := strings.LastIndex(line, "["); i >= 0 {
				fmts, line, bracket = line[i+1:len(line)-1], strings.TrimSpace(line[:i]), true
			}
		}
		d.Name, d.Notes = cutNotes(line)
		if o, ok := findDoc(cur.Documents, d.Name); ok {
			d.Key, d.Upload, d.Formats = o.Key, o.Upload, o.Formats
		} else {
			d.Upload = true
		}
		if bracket {
			d.Upload, d.Formats = strings.TrimSpace(fmts) != "-", nil
			if d.Upload {
				for _, f := range strings.FieldsFunc(fmts, func(r rune) bool { return r == ',' || r == '،' || r == ' ' }) {
					d.Formats = append(d.Formats, strings.ToLower(f))
				}
			}
		}
		s.Documents = append(s.Documents, d)
	}
}

// cutNotes splits «name (notes)»: the notes are the balanced parentheses
// that end the line, so a name like «نقشه (UTM) ملک» stays whole.
func cutNotes(line string) (name, notes string) {
	if !strings.HasSuffix(line, ")") {
		return line, ""
	}
	depth := 0
	for i := len(line) - 1; i >= 0; i-- {
		switch line[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				if name := strings.TrimSpace(line[:i]); name != "" {
					return name, strings.TrimSpace(line[i+1 : len(line)-1])
				}
				return line, ""
			}
		}
	}
	return line, ""
}

func findDoc(docs []desk.RequiredDoc, name string) (desk.RequiredDoc, bool) {
	for _, d := range docs {
		if same(d.Name) == same(name) {
			return d, true
		}
	}
	return desk.RequiredDoc{}, false
}

// writeSteps writes one step per line: «title @ unit code».
func writeSteps(steps []desk.Step) string {
	lines := make([]string, len(steps))
	for i, s := range steps {
		lines[i] = oneLine(s.Title) + " @ " + s.UnitCode
	}
	return strings.Join(lines, "\n")
}

// readSteps reads the steps cell; a step without « @ unit» is the card's
// unit's, and a step with the title of a current one keeps its detail.
func readSteps(s *desk.Service, cell string, cur desk.Service, _ func(string)) {
	s.Steps = nil
	for _, line := range items(cell) {
		var st desk.Step
		if i := strings.LastIndex(line, "@"); i >= 0 {
			st.Title, st.UnitCode = strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+1:])
		} else {
			st.Title = line
		}
		if st.UnitCode == "" {
			st.UnitCode = s.UnitCode
		}
		for _, o := range cur.Steps {
			if same(o.Title) == same(st.Title) {
				st.Detail = o.Detail
				break
			}
		}
		s.Steps = append(s.Steps, st)
	}
}

// writeChannels writes one stage per line: «request: web, counter_office».
func writeChannels(chs []desk.ChannelAccess) string {
	lines := make([]string, len(chs))
	for i, c := range chs {
		lines[i] = c.Stage + ": " + strings.Join(c.Means, ", ")
	}
	return strings.Join(lines, "\n")
}

func readChannels(s *desk.Service, cell string, _ desk.Service, bad func(string)) {
	s.Channels = nil
	for i, line := range items(cell) {
		stage, means, ok := strings.Cut(line, ":")
		if !ok {
			bad("سطر " + num(i) + " این ستون باید به شکل «request: web, in_person» باشد: نام مرحله، دونقطه، سپس راه‌ها با ویرگول.")
			continue
		}
		c := desk.ChannelAccess{Stage: strings.ToLower(strings.TrimSpace(stage))}
		for _, m := range strings.FieldsFunc(means, func(r rune) bool { return r == ',' || r == '،' || r == ' ' }) {
			c.Means = append(c.Means, strings.ToLower(m))
		}
		s.Channels = append(s.Channels, c)
	}
}

// WriteCSV writes the service list with a UTF-8 byte order mark, which
// Excel needs to read Persian, and Windows line ends.
func WriteCSV(w io.Writer, svcs []desk.Service) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(Columns()); err != nil {
		return err
	}
	row := make([]string, len(columns))
	for _, s := range svcs {
		for i, c := range columns {
			row[i] = c.get(s)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadCSV reads a service list. A row whose code is in current is laid over
// that card: the columns in the file replace those fields, the others are
// kept; any other row is a new card. Problems carry the file's line number
// and the column name. The header may hold any subset of the columns, in
// any order, but must have "code". A BOM is skipped and the separator may
// be a comma, a semicolon or a tab (Excel's choice depends on the region).
func ReadCSV(r io.Reader, current map[string]desk.Service) ([]desk.Service, []Problem) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffComma(br)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, []Problem{{Row: 1, Message: "فایل خالی است یا سطر سرستون‌ها را ندارد؛ فایل را از «خروجی CSV» بگیرید و ویرایش کنید."}}
	}
	var ps []Problem
	at := make([]int, len(header)) // column index in columns, -1 for an unusable one
	seen := map[string]bool{}
	codeCol := -1
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		at[i] = slices.IndexFunc(columns, func(c column) bool { return c.name == h })
		switch {
		case at[i] < 0:
			ps = append(ps, Problem{Row: 1, Field: h, Message: "ستون " + q(h) + " شناخته نیست؛ نام ستون‌ها را از راهنمای قالب ورود بردارید یا این ستون را حذف کنید."})
		case seen[h]:
			ps = append(ps, Problem{Row: 1, Field: h, Message: "ستون " + q(h) + " دو بار آمده است؛ یکی را حذف کنید."})
			at[i] = -1
		case h == "code":
			codeCol = i
		}
		seen[h] = true
	}
	if codeCol < 0 {
		return nil, append(ps, Problem{Row: 1, Field: "code", Message: "ستون code (شناسهٔ خدمت) در سطر سرستون‌ها نیست؛ بدون آن معلوم نیست هر سطر کدام خدمت است."})
	}
	recAt := make([]int, len(columns)) // where each column is in a record, -1 when absent
	for i := range recAt {
		recAt[i] = slices.Index(at, i)
	}
	var cards []desk.Service
	firstRow := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return cards, append(ps, Problem{Row: line, Message: "این سطر فایل CSV خراب است (احتمالاً یک گیومه بسته نشده)؛ آن را در اکسل یا یک ویرایشگر متن درست کنید."})
		}
		row, _ := cr.FieldPos(0)
		if blank(rec) {
			continue // Excel leaves rows of empty cells at the end
		}
		code := strings.TrimSpace(fa.Digits(cell(rec, codeCol)))
		p := func(field, msg string) { ps = append(ps, Problem{Row: row, Code: code, Field: field, Message: msg}) }
		if len(rec) != len(header) {
			p("", "این سطر "+count(len(rec))+" ستون دارد ولی سطر سرستون‌ها "+count(len(header))+" ستون؛ ویرگول‌های اضافه یا جاافتاده را درست کنید.")
		}
		if strings.ContainsAny(code, "eE+") {
			p("code", "شناسهٔ خدمت به شکل عدد علمی (مانند 1.7E+10) درآمده است؛ در اکسل قالب ستون code را «متن» کنید و شناسه را دوباره بنویسید.")
		}
		cur, exists := current[code]
		svc := desk.Service{Code: code}
		if exists {
			svc = cur
		}
		// In the columns' own order, whatever the file's: steps read the
		// card's unit, which must be in place first.
		for ci, c := range columns {
			i := recAt[ci]
			if c.set == nil || i < 0 || i >= len(rec) {
				continue
			}
			c.set(&svc, strings.TrimSpace(rec[i]), cur, func(msg string) { p(c.name, msg) })
		}
		if code != "" {
			if first, dup := firstRow[code]; dup {
				p("code", duplicateCode(code, first))
			} else {
				firstRow[code] = row
			}
		}
		cards = append(cards, FillKeys(svc))
	}
	return cards, ps
}

func cell(rec []string, i int) string {
	if i < len(rec) {
		return rec[i]
	}
	return ""
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// sniffComma picks the separator of the header line: the most frequent of
// comma, semicolon and tab.
func sniffComma(br *bufio.Reader) rune {
	b, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	best, n := ',', bytes.Count(b, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if k := bytes.Count(b, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}

// FillKeys gives every document and form field without a key a new unique
// one (doc_1, field_1 …), leaving existing keys alone: a key names the
// upload and the answer of requests filed under the card, so it never
// changes once published. The card's lists are copied, not changed.
func FillKeys(svc desk.Service) desk.Service {
	used := map[string]bool{}
	for _, d := range svc.Documents {
		used[d.Key] = true
	}
	for _, f := range svc.Form {
		used[f.Key] = true
	}
	next := func(prefix string) string {
		for n := 1; ; n++ {
			if k := prefix + strconv.Itoa(n); !used[k] {
				used[k] = true
				return k
			}
		}
	}
	svc.Documents = slices.Clone(svc.Documents)
	for i := range svc.Documents {
		if svc.Documents[i].Key == "" {
			svc.Documents[i].Key = next("doc_")
		}
	}
	svc.Form = slices.Clone(svc.Form)
	for i := range svc.Form {
		if svc.Form[i].Key == "" {
			svc.Form[i].Key = next("field_")
		}
	}
	return svc
}
