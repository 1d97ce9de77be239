package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/jalali"
)

// The catalog editor's one form. Input names are the dotted paths of
// catalog.Problem.Field ("steps.0.title", "documents.2.name", "form.1.label"),
// so a validation message lands next to its input; lists are edited without
// JavaScript by buttons named "op" (add:steps, remove:steps:2, up:steps:2,
// down:steps:2) that submit the whole form.

// Messages of the editor's form.
const (
	msgEffectiveDate = "تاریخ اجرا را کامل وارد کنید یا هر سه خانه را خالی بگذارید."
	msgEffectiveBad  = "تاریخ اجرا درست نیست؛ روز، ماه و سال را به شمسی وارد کنید، مانند ۱ / ۷ / ۱۴۰۵."
	msgEffectivePast = "تاریخ اجرا گذشته است؛ تاریخی از امروز به بعد بنویسید یا خانه‌ها را خالی بگذارید تا با تأیید اجرا شود."
	msgNeedNewCode   = "شناسه خدمت را با رقم وارد کنید، مانند ۱۷۰۵۱۳۱۰۰۰۹."
	msgTooManyItems  = "این فهرست بیش از اندازه بلند است؛ چند مورد را حذف کنید."
)

// cardLists are the lists the op buttons work on.
var cardLists = map[string]bool{"steps": true, "documents": true, "form": true}

// maxListItems bounds a list read from a form: a card with more is a typo
// or an attack, never a real service.
const maxListItems = 100

// channelStages and channelMeans are the grid of «نحوه دسترسی».
var (
	channelStages = []string{"information", "request", "production", "delivery"}
	channelMeans  = []string{"web", "mobile", "sms", "counter_office", "in_person"}
	docFormats    = []string{"pdf", "jpeg", "png"}
)

// cardForm is the editor's form as typed: the card, plus the exact text of
// number and date inputs (Raw) so a number that did not parse comes back as
// it was typed, next to its message.
type cardForm struct {
	Card      desk.Service
	Raw       map[string]string // input name → text, for every number input
	Effective [3]string         // day, month, year of the effective date, as typed
	Revision  int
	New       bool
	Op        string
}

// numberInputs are the card's number inputs outside the lists.
var numberInputs = []string{"duration_days", "visits", "fee_rials", "popularity"}

// formOfCard fills the inputs from a stored card.
func formOfCard(c desk.Service, effective time.Time) cardForm {
	f := cardForm{Card: c, Raw: map[string]string{}}
	f.Raw["duration_days"] = strconv.Itoa(c.DurationDays)
	f.Raw["visits"] = strconv.Itoa(c.Visits)
	f.Raw["fee_rials"] = strconv.FormatInt(c.FeeRials, 10)
	f.Raw["popularity"] = strconv.Itoa(c.Popularity)
	for i, ff := range c.Form {
		if ff.MaxLen > 0 {
			f.Raw["form."+strconv.Itoa(i)+".max_len"] = strconv.Itoa(ff.MaxLen)
		}
	}
	if !effective.IsZero() {
		d := jalali.FromTime(effective)
		f.Effective = [3]string{strconv.Itoa(d.Day), strconv.Itoa(d.Month), strconv.Itoa(d.Year)}
	}
	return f
}

// text is one line of typed text: ي/ك folded into Persian, spaces trimmed.
func text(v url.Values, key string) string { return strings.TrimSpace(fa.Normalize(v.Get(key))) }

// para is a multi-line text: as text, with Windows line ends folded.
func para(v url.Values, key string) string {
	return strings.TrimSpace(strings.ReplaceAll(fa.Normalize(v.Get(key)), "\r\n", "\n"))
}

// lines reads a one-item-per-line textarea.
func lines(v url.Values, key string) []string {
	var out []string
	for _, l := range strings.Split(para(v, key), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// listLen is how many items of list the form holds: one past the highest
// index of any of its inputs.
func listLen(v url.Values, list string) int {
	n := 0
	for k := range v {
		rest, ok := strings.CutPrefix(k, list+".")
		if !ok {
			continue
		}
		idx, _, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(idx); err == nil && i >= 0 && i+1 > n {
			n = i + 1
		}
	}
	return n
}

// readCardForm reads the editor's form. Numbers are read in any digits;
// one that does not parse stays in Raw and is reported in errs. code is the
// service's code (from the address, or typed on the new-service page).
func readCardForm(r *http.Request, code string, errs *desk.FieldErrors) cardForm {
	v := r.PostForm
	f := cardForm{Raw: map[string]string{}, New: v.Get("new") == "1", Op: v.Get("op")}
	f.Revision, _ = strconv.Atoi(fa.ASCIIDigits(v.Get("revision")))
	c := desk.Service{
		Code: code, ParentCode: strings.TrimSpace(v.Get("parent_code")),
		Title: text(v, "title"), TitleEn: text(v, "title_en"), Summary: text(v, "summary"),
		Description: para(v, "description"), Kind: desk.Kind(v.Get("kind")), Type: v.Get("type"),
		Audience: v["audience"], Nature: text(v, "nature"), Level: text(v, "level"),
		Category: v.Get("category"), LifeEvents: lines(v, "life_events"), Trigger: text(v, "trigger"),
		Keywords: lines(v, "keywords"), LegalBasis: lines(v, "legal_basis"),
		CalendarDays: v.Get("calendar_days") == "1", PauseOnDocs: v.Get("pause_on_docs") == "1",
		FeeNote: para(v, "fee_note"), HoursPlaces: para(v, "hours_places"), Retention: v.Get("retention"),
		Inquiries: lines(v, "inquiries"), Complaints: para(v, "complaints"),
		UnitCode: v.Get("unit_code"), Online: v.Get("online") == "1",
	}
	num := func(key string) int64 {
		raw := strings.TrimSpace(v.Get(key))
		f.Raw[key] = raw
		if raw == "" {
			return 0
		}
		n, err := fa.ParseInt(raw)
		if err != nil {
			errs.Add(key, err.Error())
		}
		return n
	}
	c.DurationDays = int(num("duration_days"))
	c.Visits = int(num("visits"))
	c.FeeRials = num("fee_rials")
	c.Popularity = int(num("popularity"))
	for _, stage := range channelStages {
		if means := v["channels."+stage]; len(means) > 0 {
			c.Channels = append(c.Channels, desk.ChannelAccess{Stage: stage, Means: means})
		}
	}
	for _, list := range []string{"steps", "documents", "form"} {
		if listLen(v, list) > maxListItems {
			errs.Add(list, msgTooManyItems)
		}
	}
	for i := range min(listLen(v, "steps"), maxListItems) {
		p := "steps." + strconv.Itoa(i) + "."
		c.Steps = append(c.Steps, desk.Step{Title: text(v, p+"title"), Detail: para(v, p+"detail"), UnitCode: v.Get(p + "unit_code")})
	}
	for i := range min(listLen(v, "documents"), maxListItems) {
		p := "documents." + strconv.Itoa(i) + "."
		c.Documents = append(c.Documents, desk.RequiredDoc{Key: strings.TrimSpace(v.Get(p + "key")), Name: text(v, p+"name"),
			Notes: para(v, p+"notes"), Required: v.Get(p+"required") == "1", Upload: v.Get(p+"upload") == "1",
			Formats: v[p+"formats"]})
	}
	for i := range min(listLen(v, "form"), maxListItems) {
		p := "form." + strconv.Itoa(i) + "."
		ff := desk.FormField{Key: strings.TrimSpace(v.Get(p + "key")), Label: text(v, p+"label"), LabelEn: text(v, p+"label_en"),
			Type: desk.FieldType(v.Get(p + "type")), Required: v.Get(p+"required") == "1", Help: para(v, p+"help"),
			Choices: lines(v, p+"choices")}
		ff.MaxLen = int(num(p + "max_len"))
		c.Form = append(c.Form, ff)
	}
	f.Card = c
	f.Effective = [3]string{v.Get("effective_d"), v.Get("effective_m"), v.Get("effective_y")}
	return f
}

// effectiveAt reads the effective date: zero when the three inputs are
// empty (the version takes effect on approval), else 00:00 Tehran time of
// that day, which must not be in the past.
func (f cardForm) effectiveAt(now time.Time, errs *desk.FieldErrors) time.Time {
	d, m, y := strings.TrimSpace(f.Effective[0]), strings.TrimSpace(f.Effective[1]), strings.TrimSpace(f.Effective[2])
	if d == "" && m == "" && y == "" {
		return time.Time{}
	}
	date, err := jalali.FromParts(y, m, d)
	if err != nil {
		if d == "" || m == "" || y == "" {
			errs.Add("effective", msgEffectiveDate)
		} else {
			errs.Add("effective", msgEffectiveBad)
		}
		return time.Time{}
	}
	if date.Before(jalali.FromTime(now)) {
		errs.Add("effective", msgEffectivePast)
		return time.Time{}
	}
	return date.Time()
}

// listOp is one parsed op button: what to do, to which list, at which item.
type listOp struct {
	Do, List string
	At       int
}

// parseOp reads an op button's value; ok is false for anything else
// (including the plain save, submit and discard buttons).
func parseOp(s string) (listOp, bool) {
	parts := strings.Split(s, ":")
	switch {
	case len(parts) == 2 && parts[0] == "add" && cardLists[parts[1]]:
		return listOp{Do: "add", List: parts[1]}, true
	case len(parts) == 3 && cardLists[parts[1]] && (parts[0] == "remove" || parts[0] == "up" || parts[0] == "down"):
		i, err := strconv.Atoi(parts[2])
		if err != nil || i < 0 {
			return listOp{}, false
		}
		return listOp{Do: parts[0], List: parts[1], At: i}, true
	}
	return listOp{}, false
}

// moveItem applies op to list; an index out of range changes nothing (the
// page the button was on is older than the list). It returns the index of
// the item the person is now working on, -1 when there is none.
func moveItem[T any](list []T, op listOp) ([]T, int) {
	n := len(list)
	switch op.Do {
	case "add":
		var zero T
		return append(list, zero), n
	case "remove":
		if op.At >= n {
			return list, -1
		}
		out := append(list[:op.At:op.At], list[op.At+1:]...)
		return out, min(op.At, len(out)-1)
	case "up":
		if op.At <= 0 || op.At >= n {
			return list, op.At
		}
		list[op.At-1], list[op.At] = list[op.At], list[op.At-1]
		return list, op.At - 1
	case "down":
		if op.At+1 >= n {
			return list, op.At
		}
		list[op.At+1], list[op.At] = list[op.At], list[op.At+1]
		return list, op.At + 1
	}
	return list, -1
}

// apply runs op on the form and returns the id of the input to focus on
// the re-rendered page ("" when none).
func (f *cardForm) apply(op listOp) string {
	var at int
	switch op.List {
	case "steps":
		f.Card.Steps, at = moveItem(f.Card.Steps, op)
	case "documents":
		f.Card.Documents, at = moveItem(f.Card.Documents, op)
		if op.Do == "add" {
			f.Card.Documents[at].Required, f.Card.Documents[at].Upload = true, true
			f.Card.Documents[at].Formats = []string{"pdf", "jpeg"}
		}
	case "form":
		// The typed max lengths travel with their fields.
		raws := make([]string, len(f.Card.Form))
		for i := range raws {
			raws[i] = f.Raw["form."+strconv.Itoa(i)+".max_len"]
			delete(f.Raw, "form."+strconv.Itoa(i)+".max_len")
		}
		f.Card.Form, at = moveItem(f.Card.Form, op)
		raws, _ = moveItem(raws, op)
		for i, raw := range raws {
			f.Raw["form."+strconv.Itoa(i)+".max_len"] = raw
		}
		if op.Do == "add" {
			f.Card.Form[at].Type = desk.FieldText
		}
	}
	if at < 0 {
		return ""
	}
	first := map[string]string{"steps": "title", "documents": "name", "form": "label"}[op.List]
	return "i-" + op.List + "." + strconv.Itoa(at) + "." + first
}
