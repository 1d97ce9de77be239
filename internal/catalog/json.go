package catalog

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// WriteJSON writes the whole catalog as a JSON array of cards, indented,
// fields in the card's own order (docs/catalog-import.md).
func WriteJSON(w io.Writer, svcs []desk.Service) error {
	if svcs == nil {
		svcs = []desk.Service{}
	}
	b, err := json.MarshalIndent(svcs, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ReadJSON parses an export, or a hand-made file, into cards: cards[i] is
// record i+1 (a record that is not a card at all is a zero card). Every
// field is read on its own, so one wrong value is one problem and the rest
// of the record and file are still checked. A broken file (bad syntax) ends
// the reading at that record. Duplicate codes and unknown kinds are
// problems; the rest of the rules are Validate's, which the caller runs.
func ReadJSON(r io.Reader) ([]desk.Service, []Problem) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3) // a BOM some editors add
	}
	dec := json.NewDecoder(br)
	dec.UseNumber()
	var ps []Problem
	tok, err := dec.Token()
	if d, ok := tok.(json.Delim); err != nil || !ok || d != '[' {
		return nil, []Problem{{Message: "فایل باید فهرستی از شناسنامه‌های خدمت باشد که با [ شروع می‌شود؛ همان قالب خروجی JSON را به کار ببرید."}}
	}
	var cards []desk.Service
	firstRow := map[string]int{}
	for dec.More() {
		row := len(cards) + 1
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			ps = append(ps, Problem{Row: row, Message: brokenJSON(err)})
			return cards, ps
		}
		var svc desk.Service
		rp := &rowProblems{row: row}
		decodeObject(raw, reflect.ValueOf(&svc).Elem(), "", rp)
		svc.Code = strings.TrimSpace(fa.ASCIIDigits(svc.Code))
		for i := range rp.ps {
			rp.ps[i].Code = svc.Code
		}
		ps = append(ps, rp.ps...)
		if svc.Kind != "" && !has(Kinds, svc.Kind) {
			ps = append(ps, Problem{Row: row, Code: svc.Code, Field: "kind", Message: unknownKind(string(svc.Kind))})
		}
		if svc.Code != "" {
			if first, dup := firstRow[svc.Code]; dup {
				ps = append(ps, Problem{Row: row, Code: svc.Code, Field: "code", Message: duplicateCode(svc.Code, first)})
			} else {
				firstRow[svc.Code] = row
			}
		}
		cards = append(cards, svc)
	}
	if _, err := dec.Token(); err != nil { // the closing ]
		ps = append(ps, Problem{Row: len(cards) + 1, Message: brokenJSON(err)})
		return cards, ps
	}
	if _, err := dec.Token(); err != io.EOF {
		ps = append(ps, Problem{Row: len(cards) + 1, Message: "پس از پایان فهرست (]) چیز دیگری در فایل آمده است؛ آن را پاک کنید."})
	}
	return cards, ps
}

func duplicateCode(code string, firstRow int) string {
	return "شناسهٔ خدمت " + fa.PersianDigits(code) + " در این فایل تکرار شده است (بار نخست در ردیف " + count(firstRow) + ")؛ هر خدمت را یک بار بیاورید."
}

func brokenJSON(err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return "فایل JSON از نویسهٔ " + count(int(syn.Offset)) + " به بعد خراب است؛ ویرگول‌ها، گیومه‌ها و کروشه‌ها را بررسی کنید."
	}
	return "فایل JSON ناتمام یا خراب است؛ فایل را دوباره از خروجی بگیرید یا با یک ویرایشگر JSON بررسی کنید."
}

type rowProblems struct {
	row int
	ps  []Problem
}

func (r *rowProblems) add(field, msg string) {
	r.ps = append(r.ps, Problem{Row: r.row, Field: field, Message: msg})
}

// decodeObject fills the struct dst from a JSON object one field at a time,
// descending into lists of structs, so each wrong value is reported at its
// own dotted path. Unknown names are problems: a misspelt field would
// otherwise vanish without a word.
func decodeObject(raw json.RawMessage, dst reflect.Value, path string, rp *rowProblems) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		rp.add(strings.TrimSuffix(path, "."), wrongType(strings.TrimSuffix(path, "."), kindObject))
		return
	}
	t := dst.Type()
	known := map[string]bool{}
	for i := range t.NumField() {
		name := jsonName(t.Field(i))
		if name == "" {
			continue
		}
		known[name] = true
		v, ok := obj[name]
		if !ok {
			continue
		}
		field := dst.Field(i)
		if field.Kind() == reflect.Slice && field.Type().Elem().Kind() == reflect.Struct {
			decodeList(v, field, path+name, rp)
			continue
		}
		if err := json.Unmarshal(v, field.Addr().Interface()); err != nil {
			rp.add(path+name, wrongType(path+name, expected(field.Type())))
		}
	}
	var unknown []string
	for name := range obj {
		if !known[name] {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	for _, name := range unknown {
		rp.add(path+name, "فیلد "+q(path+name)+" شناخته نیست؛ نام درست آن را در راهنمای قالب ورود ببینید یا آن را حذف کنید.")
	}
}

func decodeList(raw json.RawMessage, dst reflect.Value, path string, rp *rowProblems) {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		rp.add(path, wrongType(path, kindList))
		return
	}
	out := reflect.MakeSlice(dst.Type(), len(items), len(items))
	for i, it := range items {
		decodeObject(it, out.Index(i), path+"."+strconv.Itoa(i)+".", rp)
	}
	dst.Set(out)
}

// jsonName is the name a struct field has in JSON; "" when it has none.
func jsonName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return name
}

const (
	kindText = iota
	kindNumber
	kindBool
	kindList
	kindObject
	kindTime
)

func expected(t reflect.Type) int {
	if t.PkgPath() == "time" && t.Name() == "Time" {
		return kindTime
	}
	switch t.Kind() {
	case reflect.String:
		return kindText
	case reflect.Int, reflect.Int64, reflect.Int32:
		return kindNumber
	case reflect.Bool:
		return kindBool
	case reflect.Slice:
		return kindList
	}
	return kindObject
}

func wrongType(field string, want int) string {
	f := q(field)
	switch want {
	case kindText:
		return "مقدار " + f + " باید متن باشد؛ آن را میان دو گیومهٔ انگلیسی (\") بنویسید."
	case kindNumber:
		return "مقدار " + f + " باید عدد صحیح و بدون گیومه باشد، مانند 4500000."
	case kindBool:
		return "مقدار " + f + " باید true یا false باشد."
	case kindList:
		return "مقدار " + f + " باید فهرست باشد، میان [ و ]."
	case kindTime:
		return "مقدار " + f + " باید زمان به قالب RFC 3339 باشد، مانند 2025-03-21T08:00:00Z."
	}
	if field == "" {
		return "هر ردیف فایل باید یک شناسنامهٔ خدمت میان { و } باشد."
	}
	return "مقدار " + f + " باید شیء باشد، میان { و }."
}
