package catalog

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// Problem is one thing wrong with a card or an imported record.
//
// Field is the editor's input name: the card's JSON name ("title",
// "unit_code", "duration_days", "retention", "parent_code") or a dotted path
// into a list with a 0-based index ("steps", "steps.0.title",
// "steps.0.unit_code", "documents.2.name", "documents.2.key",
// "documents.2.formats", "form.1.label", "form.1.key", "form.1.type",
// "form.1.choices", "channels.request"). Messages count from 1, in Persian
// digits.
type Problem struct {
	Row     int    `json:"row"`     // 1-based record of an import (JSON array index+1, CSV line); 0 outside imports
	Code    string `json:"code"`    // service code when known
	Field   string `json:"field"`   // dotted path of the editor's input name
	Message string `json:"message"` // Persian, says what to do
}

// Limits of a card's text: generous for real cards, small enough that a
// card cannot carry a blob.
const (
	MaxCodeLen  = 20
	maxTitle    = 200
	maxSummary  = 500
	maxLongText = 10000
	maxItems    = 100 // steps, documents, form fields, list lines
)

// Formats are the document formats a card may name; the upload check
// (internal/files) accepts each of them.
var Formats = []string{"pdf", "jpeg", "jpg", "png", "webp", "tiff", "tif"}

// Types are the service types of DOMAIN §2.
var Types = []string{"G2C", "G2B", "G2G"}

// Kinds are the request kinds a card may create (DOMAIN §3).
var Kinds = []desk.Kind{desk.KindRequest, desk.KindPermit, desk.KindCertificate, desk.KindComplaint,
	desk.KindSuggestion, desk.KindCriticism, desk.KindReport, desk.KindFOI}

// FieldTypes are the form field types the apply page can show.
var FieldTypes = []desk.FieldType{desk.FieldText, desk.FieldTextarea, desk.FieldNumber, desk.FieldDate,
	desk.FieldNationalID, desk.FieldMobile, desk.FieldPostalCode, desk.FieldChoice, desk.FieldYesNo, desk.FieldFile}

// Channel stages and means of «نحوه دسترسی».
var (
	Stages = []string{"information", "request", "production", "delivery"}
	Means  = []string{"web", "mobile", "sms", "counter_office", "in_person"}
)

// keyRE is a document or form field key: it becomes part of an HTML input
// name on the apply page and must never change meaning between versions.
var keyRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// num is a 1-based item number in Persian digits.
func num(i int) string { return fa.PersianDigits(strconv.Itoa(i + 1)) }

func q(s string) string { return "«" + s + "»" }

// Validate checks one card for publishing. Duplicate codes across cards are
// the caller's to check. units holds the known unit codes.
func Validate(svc desk.Service, units map[string]bool) []Problem {
	v := &checker{code: svc.Code}
	v.code_(svc.Code)
	v.text("title", svc.Title, maxTitle, "عنوان خدمت را بنویسید.")
	v.text("summary", svc.Summary, maxSummary, "خلاصهٔ خدمت را در یک جمله بنویسید: این خدمت برای چیست.")
	v.text("description", svc.Description, maxLongText, "")
	for _, t := range []struct {
		field, val string
		max        int
	}{
		{"title_en", svc.TitleEn, maxTitle}, {"nature", svc.Nature, maxTitle}, {"level", svc.Level, maxTitle},
		{"trigger", svc.Trigger, maxSummary}, {"fee_note", svc.FeeNote, maxLongText},
		{"hours_places", svc.HoursPlaces, maxLongText}, {"complaints", svc.Complaints, maxLongText},
	} {
		v.text(t.field, t.val, t.max, "")
	}
	switch {
	case svc.Kind == "":
		v.add("kind", "نوع درخواستی را که این خدمت می‌سازد انتخاب کنید.")
	case !has(Kinds, svc.Kind):
		v.add("kind", unknownKind(string(svc.Kind)))
	}
	switch {
	case svc.Type == "":
		v.add("type", "نوع خدمت (G2C، G2B یا G2G) را انتخاب کنید.")
	case !has(Types, svc.Type):
		v.add("type", "نوع خدمت "+q(svc.Type)+" شناخته نیست؛ یکی از G2C، G2B یا G2G را انتخاب کنید.")
	}
	switch {
	case svc.Category == "":
		v.add("category", "دستهٔ خدمت را انتخاب کنید.")
	case !hasSlug(desk.Categories, svc.Category):
		v.add("category", "دستهٔ "+q(svc.Category)+" شناخته نیست؛ یکی از دسته‌های فهرست را انتخاب کنید.")
	}
	for _, a := range svc.Audience {
		if !hasSlug(desk.Audiences, a) {
			v.add("audience", "خدمت‌گیرندهٔ "+q(a)+" شناخته نیست؛ از فهرست خدمت‌گیرندگان انتخاب کنید.")
		}
	}
	switch {
	case svc.UnitCode == "":
		v.add("unit_code", "واحد مسئول خدمت را انتخاب کنید.")
	case !units[svc.UnitCode]:
		v.add("unit_code", "واحد "+q(svc.UnitCode)+" در فهرست واحدهای اداره نیست؛ یکی از واحدها را انتخاب کنید.")
	}
	if svc.ParentCode != "" && svc.ParentCode == svc.Code {
		v.add("parent_code", "خدمت نمی‌تواند زیرخدمتِ خودش باشد؛ شناسهٔ خدمت مادر را درست کنید یا خالی بگذارید.")
	}
	if svc.DurationDays < 0 {
		v.add("duration_days", "مدت انجام کار نمی‌تواند منفی باشد؛ تعداد روزها را بنویسید.")
	}
	if svc.Visits < 0 {
		v.add("visits", "تعداد مراجعهٔ حضوری نمی‌تواند منفی باشد؛ اگر مراجعه لازم نیست صفر بنویسید.")
	}
	if svc.FeeRials < 0 {
		v.add("fee_rials", "هزینه نمی‌تواند منفی باشد؛ اگر خدمت رایگان است صفر بنویسید.")
	}
	if svc.Popularity < 0 {
		v.add("popularity", "رتبهٔ نمایش نمی‌تواند منفی باشد.")
	}
	if svc.Retention != "" && !hasRetention(svc.Retention) {
		v.add("retention", "ردهٔ نگهداری "+q(svc.Retention)+" شناخته نیست؛ یکی از رده‌های فهرست را انتخاب کنید.")
	}
	for _, l := range []struct {
		field string
		list  []string
	}{
		{"life_events", svc.LifeEvents}, {"keywords", svc.Keywords}, {"legal_basis", svc.LegalBasis}, {"inquiries", svc.Inquiries},
	} {
		if len(l.list) > maxItems {
			v.add(l.field, tooMany)
		}
	}
	v.steps(svc.Steps, units)
	v.documents(svc.Documents)
	v.form(svc.Form)
	v.channels(svc.Channels)
	return v.ps
}

const tooMany = "این فهرست بیش از اندازه بلند است؛ چند مورد را حذف کنید."

// unknownKind is shared by Validate and ReadJSON so one mistake reads the
// same wherever it is found.
func unknownKind(k string) string {
	return "نوع درخواست " + q(k) + " شناخته نیست؛ یکی از request، permit، certificate، complaint، suggestion، criticism، report یا foi را بنویسید."
}

type checker struct {
	code string
	ps   []Problem
}

func (v *checker) add(field, msg string) {
	v.ps = append(v.ps, Problem{Code: v.code, Field: field, Message: msg})
}

func (v *checker) code_(code string) {
	switch {
	case code == "":
		v.add("code", "شناسهٔ خدمت را با رقم بنویسید، مانند ۱۷۰۵۱۳۱۰۰۰۱.")
	case !fa.AllDigits(code):
		v.add("code", "شناسهٔ خدمت فقط از رقم تشکیل می‌شود؛ حروف، فاصله و نشانه‌ها را حذف کنید.")
	case len(code) > MaxCodeLen:
		v.add("code", "شناسهٔ خدمت باید حداکثر ۲۰ رقم باشد.")
	}
}

// text checks a free-text field: required when empty is set, and bounded.
func (v *checker) text(field, s string, max int, empty string) {
	if strings.TrimSpace(s) == "" {
		if empty != "" {
			v.add(field, empty)
		}
		return
	}
	if utf8.RuneCountInString(s) > max {
		v.add(field, "این متن باید حداکثر "+fa.Number(int64(max))+" نویسه باشد؛ آن را کوتاه‌تر کنید.")
	}
}

func (v *checker) steps(steps []desk.Step, units map[string]bool) {
	if len(steps) == 0 {
		v.add("steps", "خدمت دست‌کم یک مرحله لازم دارد؛ مراحل انجام کار را به ترتیب اضافه کنید.")
		return
	}
	if len(steps) > maxItems {
		v.add("steps", tooMany)
		return
	}
	for i, s := range steps {
		p := "steps." + strconv.Itoa(i) + "."
		if strings.TrimSpace(s.Title) == "" {
			v.add(p+"title", "مرحلهٔ "+num(i)+" عنوان ندارد؛ بنویسید در این مرحله چه کاری انجام می‌شود.")
		} else if utf8.RuneCountInString(s.Title) > maxTitle {
			v.add(p+"title", "عنوان مرحلهٔ "+num(i)+" بیش از اندازه بلند است؛ توضیح را در بخش جزئیات بنویسید.")
		}
		switch {
		case s.UnitCode == "":
			v.add(p+"unit_code", "برای مرحلهٔ "+num(i)+" واحد مسئول را انتخاب کنید.")
		case !units[s.UnitCode]:
			v.add(p+"unit_code", "واحد مرحلهٔ "+num(i)+" ("+q(s.UnitCode)+") در فهرست واحدهای اداره نیست؛ یکی از واحدها را انتخاب کنید.")
		}
		if utf8.RuneCountInString(s.Detail) > maxLongText {
			v.add(p+"detail", "توضیح مرحلهٔ "+num(i)+" بیش از اندازه بلند است؛ آن را کوتاه‌تر کنید.")
		}
	}
}

func (v *checker) documents(docs []desk.RequiredDoc) {
	if len(docs) > maxItems {
		v.add("documents", tooMany)
		return
	}
	keys := map[string]int{}
	for i, d := range docs {
		p := "documents." + strconv.Itoa(i) + "."
		if strings.TrimSpace(d.Name) == "" {
			v.add(p+"name", "مدرک "+num(i)+" نام ندارد؛ نام مدرک را همان‌طور که مردم می‌شناسند بنویسید.")
		} else if utf8.RuneCountInString(d.Name) > maxTitle {
			v.add(p+"name", "نام مدرک "+num(i)+" بیش از اندازه بلند است؛ توضیح را در بخش توضیحات بنویسید.")
		}
		switch first, dup := keys[d.Key]; {
		case d.Key == "":
			v.add(p+"key", "مدرک "+num(i)+" شناسه فنی ندارد؛ یک شناسه کوتاه با حروف کوچک لاتین مانند id_card بنویسید.")
		case !keyRE.MatchString(d.Key):
			v.add(p+"key", "شناسه فنی مدرک "+num(i)+" باید با حرف کوچک لاتین شروع شود و فقط حرف کوچک لاتین، رقم و _ داشته باشد.")
		case dup:
			v.add(p+"key", "شناسه فنی مدرک "+num(i)+" با شناسه فنی مدرک "+num(first)+" یکی است؛ شناسه دیگری بنویسید.")
		default:
			keys[d.Key] = i
		}
		if utf8.RuneCountInString(d.Notes) > maxLongText {
			v.add(p+"notes", "توضیح مدرک "+num(i)+" بیش از اندازه بلند است؛ آن را کوتاه‌تر کنید.")
		}
		for _, f := range d.Formats {
			if !has(Formats, f) {
				v.add(p+"formats", "قالب "+q(f)+" برای مدرک "+num(i)+" پذیرفته نیست؛ از pdf، jpeg، png، webp یا tiff انتخاب کنید.")
				break
			}
		}
	}
}

func (v *checker) form(fields []desk.FormField) {
	if len(fields) > maxItems {
		v.add("form", tooMany)
		return
	}
	keys := map[string]int{}
	for i, f := range fields {
		p := "form." + strconv.Itoa(i) + "."
		if strings.TrimSpace(f.Label) == "" {
			v.add(p+"label", "پرسش "+num(i)+" فرم برچسب ندارد؛ بنویسید از متقاضی چه پرسیده می‌شود.")
		} else if utf8.RuneCountInString(f.Label) > maxTitle {
			v.add(p+"label", "برچسب پرسش "+num(i)+" بیش از اندازه بلند است؛ توضیح را در راهنمای پرسش بنویسید.")
		}
		switch first, dup := keys[f.Key]; {
		case f.Key == "":
			v.add(p+"key", "پرسش "+num(i)+" فرم شناسه فنی ندارد؛ یک شناسه کوتاه با حروف کوچک لاتین مانند area بنویسید.")
		case !keyRE.MatchString(f.Key):
			v.add(p+"key", "شناسه فنی پرسش "+num(i)+" باید با حرف کوچک لاتین شروع شود و فقط حرف کوچک لاتین، رقم و _ داشته باشد.")
		case dup:
			v.add(p+"key", "شناسه فنی پرسش "+num(i)+" با شناسه فنی پرسش "+num(first)+" یکی است؛ شناسه دیگری بنویسید.")
		default:
			keys[f.Key] = i
		}
		switch {
		case f.Type == "":
			v.add(p+"type", "نوع پاسخ پرسش "+num(i)+" را انتخاب کنید.")
		case !has(FieldTypes, f.Type):
			v.add(p+"type", "نوع پاسخ "+q(string(f.Type))+" برای پرسش "+num(i)+" شناخته نیست؛ یکی از نوع‌های فهرست را انتخاب کنید.")
		}
		if f.Type == desk.FieldChoice {
			v.choices(p, i, f.Choices)
		}
		if f.MaxLen < 0 {
			v.add(p+"max_len", "بیشترین طول پاسخ پرسش "+num(i)+" نمی‌تواند منفی باشد؛ برای بی‌حد، خالی بگذارید.")
		}
		if utf8.RuneCountInString(f.Help) > maxLongText {
			v.add(p+"help", "راهنمای پرسش "+num(i)+" بیش از اندازه بلند است؛ آن را کوتاه‌تر کنید.")
		}
	}
}

func (v *checker) choices(p string, i int, choices []string) {
	seen := map[string]bool{}
	n := 0
	for _, c := range choices {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if seen[c] {
			v.add(p+"choices", "گزینهٔ "+q(c)+" در پرسش "+num(i)+" تکرار شده است؛ هر گزینه را یک بار بنویسید.")
			return
		}
		seen[c] = true
		n++
	}
	if n < 2 {
		v.add(p+"choices", "پرسش "+num(i)+" از نوع چندگزینه‌ای است؛ دست‌کم دو گزینه بنویسید، هر گزینه در یک سطر.")
	}
}

func (v *checker) channels(chs []desk.ChannelAccess) {
	seen := map[string]bool{}
	for _, c := range chs {
		if !has(Stages, c.Stage) {
			v.add("channels", "مرحلهٔ دسترسی "+q(c.Stage)+" شناخته نیست؛ یکی از information، request، production یا delivery را بنویسید.")
			continue
		}
		field := "channels." + c.Stage
		if seen[c.Stage] {
			v.add(field, "راه‌های دسترسی مرحلهٔ "+q(StageTitle(c.Stage))+" دو بار آمده است؛ آن‌ها را یک جا بنویسید.")
			continue
		}
		seen[c.Stage] = true
		for _, m := range c.Means {
			if !has(Means, m) {
				v.add(field, "راه دسترسی "+q(m)+" شناخته نیست؛ یکی از web، mobile، sms، counter_office یا in_person را بنویسید.")
				break
			}
		}
	}
}

// Errors turns problems into the desk.Error the web shows: Fields keyed by
// Field in the order found (the first message of a field wins); nil for none.
func Errors(ps []Problem) error {
	if len(ps) == 0 {
		return nil
	}
	var fe desk.FieldErrors
	for _, p := range ps {
		key := p.Field
		if key == "" {
			key = "code"
		}
		fe.Add(key, p.Message)
	}
	err := fe.Err().(*desk.Error)
	err.Message = "شناسنامهٔ خدمت هنوز کامل نیست؛ موارد زیر را درست کنید."
	return err
}

func has[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func hasSlug(list []desk.Category, slug string) bool {
	for _, c := range list {
		if c.Slug == slug {
			return true
		}
	}
	return false
}

func hasRetention(slug string) bool {
	for _, c := range desk.RetentionClasses {
		if c.Slug == slug {
			return true
		}
	}
	return false
}
