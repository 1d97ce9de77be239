package catalog

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

// Change is one thing that changed between two published versions, said in
// plain Persian.
type Change struct {
	Area     string `json:"area"`     // one of the Area* constants
	Text     string `json:"text"`     // one sentence a citizen understands
	Material bool   `json:"material"` // changes what a citizen brings, pays, waits or does: subscribers are told by SMS
}

// Areas of a change.
const (
	AreaDocuments = "documents"
	AreaFee       = "fee"
	AreaDuration  = "duration"
	AreaSteps     = "steps"
	AreaForm      = "form"
	AreaText      = "text"
	AreaLegal     = "legal"
	AreaChannels  = "channels"
	AreaSettings  = "settings"
	AreaUnit      = "unit"
	AreaTitle     = "title"
)

// NewServiceText is the one change of a service's first version.
const NewServiceText = "خدمت منتشر شد."

// Diff lists what changed from old to new, material changes first. A zero
// old (no Code) is a new service: one change, NewServiceText. unitName names a
// unit code; nil, or "" from it, shows the code. Fields only the system
// sets (version, updated/reviewed by and at) are not compared.
func Diff(old, new desk.Service, unitName func(code string) string) []Change {
	if old.Code == "" {
		return []Change{{Area: AreaTitle, Text: NewServiceText}}
	}
	d := &differ{unit: func(code string) string {
		if unitName != nil {
			if n := unitName(code); n != "" {
				return n
			}
		}
		return code
	}}
	d.documents(old.Documents, new.Documents)
	d.fee(old, new)
	d.duration(old, new)
	d.visits(old.Visits, new.Visits)
	d.steps(old.Steps, new.Steps)
	if old.Online != new.Online {
		if new.Online {
			d.add(AreaChannels, true, "از این پس می‌توانید این خدمت را اینترنتی درخواست کنید.")
		} else {
			d.add(AreaChannels, true, "درخواست اینترنتی این خدمت متوقف شد؛ راه‌های دریافت آن در شناسنامهٔ خدمت آمده است.")
		}
	}
	d.titles(old, new)
	d.texts(old, new)
	d.channels(old.Channels, new.Channels)
	d.form(old.Form, new.Form)
	d.legal(old.LegalBasis, new.LegalBasis)
	if old.UnitCode != new.UnitCode {
		d.add(AreaUnit, false, "واحد مسئول خدمت از "+q(d.unit(old.UnitCode))+" به "+q(d.unit(new.UnitCode))+" تغییر کرد.")
	}
	d.settings(old, new)
	sort.SliceStable(d.cs, func(i, j int) bool { return d.cs[i].Material && !d.cs[j].Material })
	return d.cs
}

// Material reports whether any change is material.
func Material(cs []Change) bool {
	for _, c := range cs {
		if c.Material {
			return true
		}
	}
	return false
}

type differ struct {
	unit func(string) string
	cs   []Change
}

func (d *differ) add(area string, material bool, text string) {
	d.cs = append(d.cs, Change{Area: area, Text: text, Material: material})
}

// docID matches a document across versions by its key; a hand-made card
// without keys falls back to the name.
func docID(x desk.RequiredDoc) string {
	if x.Key != "" {
		return x.Key
	}
	return "\x00" + same(x.Name)
}

// same is the comparison form of a text: folded letters and spaces, so
// retyping a word with ي or a double space is not a change.
func same(s string) string { return strings.Join(strings.Fields(fa.Normalize(s)), " ") }

func (d *differ) documents(old, new []desk.RequiredDoc) {
	const a = AreaDocuments
	byID := map[string]desk.RequiredDoc{}
	for _, x := range new {
		byID[docID(x)] = x
	}
	kept := map[string]bool{}
	for _, o := range old {
		n, ok := byID[docID(o)]
		if !ok {
			d.add(a, true, "مدرک "+q(o.Name)+" دیگر لازم نیست.")
			continue
		}
		kept[docID(o)] = true
		if same(o.Name) != same(n.Name) {
			d.add(a, true, "نام مدرک "+q(o.Name)+" به "+q(n.Name)+" تغییر کرد.")
		}
		switch {
		case !o.Required && n.Required:
			d.add(a, true, "مدرک "+q(n.Name)+" الزامی شد.")
		case o.Required && !n.Required:
			d.add(a, true, "مدرک "+q(n.Name)+" اختیاری شد.")
		}
		// A note says original or copy, which pages: it changes what to bring.
		switch on, nn := same(o.Notes), same(n.Notes); {
		case on == nn:
		case on == "":
			d.add(a, true, "برای مدرک "+q(n.Name)+" این توضیح اضافه شد: "+q(n.Notes)+".")
		case nn == "":
			d.add(a, true, "توضیح مدرک "+q(n.Name)+" برداشته شد.")
		default:
			d.add(a, true, "توضیح مدرک "+q(n.Name)+" تغییر کرد؛ اکنون: "+q(n.Notes)+".")
		}
		switch {
		case !o.Upload && n.Upload:
			d.add(a, true, "مدرک "+q(n.Name)+" را باید در درخواست اینترنتی بارگذاری کنید.")
		case o.Upload && !n.Upload:
			d.add(a, true, "مدرک "+q(n.Name)+" دیگر بارگذاری نمی‌شود؛ اصل آن را همراه داشته باشید.")
		case n.Upload && !sameSet(formats(o.Formats), formats(n.Formats)):
			d.add(a, true, "قالب‌های پذیرفته برای مدرک "+q(n.Name)+" اکنون "+strings.Join(upper(formats(n.Formats)), "، ")+" است.")
		}
	}
	for _, n := range new {
		if kept[docID(n)] {
			continue
		}
		kept[docID(n)] = true // a repeated key is reported once
		if n.Required {
			d.add(a, true, "مدرک "+q(n.Name)+" به مدارک لازم اضافه شد.")
		} else {
			d.add(a, true, "مدرک "+q(n.Name)+" به‌عنوان مدرک اختیاری اضافه شد.")
		}
	}
}

// formats is a document's accepted formats as the upload check reads them:
// none means pdf, jpeg and png; jpg and tif are other names of jpeg and tiff.
func formats(fs []string) []string {
	if len(fs) == 0 {
		return []string{"pdf", "jpeg", "png"}
	}
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "jpg":
			f = "jpeg"
		case "tif":
			f = "tiff"
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func upper(fs []string) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = strings.ToUpper(f)
	}
	return out
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func rials(n int64) string { return fa.Number(n) }

func count(n int) string { return fa.PersianDigits(strconv.Itoa(n)) }

func (d *differ) fee(old, new desk.Service) {
	switch o, n := old.FeeRials, new.FeeRials; {
	case o == n:
	case n == 0:
		d.add(AreaFee, true, "این خدمت رایگان شد؛ هزینهٔ پیشین "+rials(o)+" ریال بود.")
	case o == 0:
		d.add(AreaFee, true, "این خدمت از این پس "+rials(n)+" ریال هزینه دارد؛ پیش از این رایگان بود.")
	default:
		d.add(AreaFee, true, "هزینه از "+rials(o)+" ریال به "+rials(n)+" ریال تغییر کرد.")
	}
	if same(old.FeeNote) != same(new.FeeNote) {
		d.add(AreaFee, false, "توضیح هزینه و شیوهٔ پرداخت به‌روز شد.")
	}
}

func dayKind(calendar bool) string {
	if calendar {
		return "روز تقویمی"
	}
	return "روز کاری"
}

func (d *differ) duration(old, new desk.Service) {
	if old.DurationDays != new.DurationDays || old.CalendarDays != new.CalendarDays {
		d.add(AreaDuration, true, "مدت انجام کار از "+count(old.DurationDays)+" "+dayKind(old.CalendarDays)+
			" به "+count(new.DurationDays)+" "+dayKind(new.CalendarDays)+" تغییر کرد.")
	}
	if old.PauseOnDocs != new.PauseOnDocs {
		if new.PauseOnDocs {
			d.add(AreaSettings, false, "از این پس، وقتی مدرکی از متقاضی خواسته می‌شود، شمارش مهلت پاسخ تا رسیدن مدرک متوقف می‌شود.")
		} else {
			d.add(AreaSettings, false, "از این پس، خواستن مدرک از متقاضی شمارش مهلت پاسخ را متوقف نمی‌کند.")
		}
	}
}

func (d *differ) visits(o, n int) {
	switch {
	case o == n:
	case n == 0:
		d.add(AreaSteps, true, "دیگر نیازی به مراجعهٔ حضوری نیست؛ پیش از این "+count(o)+" بار لازم بود.")
	case o == 0:
		d.add(AreaSteps, true, "این خدمت از این پس "+count(n)+" بار مراجعهٔ حضوری لازم دارد؛ پیش از این لازم نبود.")
	default:
		d.add(AreaSteps, true, "تعداد مراجعهٔ حضوری از "+count(o)+" بار به "+count(n)+" بار تغییر کرد.")
	}
}

// stepIDs names each step by its title and how many steps before it have
// the same title, so steps match across versions even when reordered.
func stepIDs(steps []desk.Step) []string {
	seen := map[string]int{}
	ids := make([]string, len(steps))
	for i, s := range steps {
		t := same(s.Title)
		ids[i] = t + "\x00" + strconv.Itoa(seen[t])
		seen[t]++
	}
	return ids
}

func (d *differ) steps(old, new []desk.Step) {
	const a = AreaSteps
	oldIDs, newIDs := stepIDs(old), stepIDs(new)
	newAt := map[string]int{}
	for j, id := range newIDs {
		newAt[id] = j
	}
	oldHas := map[string]bool{}
	for _, id := range oldIDs {
		oldHas[id] = true
	}
	renamed := map[int]bool{} // new index of a step whose title alone changed
	var order []int           // new indexes of kept steps, in old order
	for i, id := range oldIDs {
		o := old[i]
		j, ok := newAt[id]
		if !ok {
			// Same place, same unit, only the title differs: a renamed step.
			if i < len(new) && !oldHas[newIDs[i]] && new[i].UnitCode == o.UnitCode {
				renamed[i] = true
				d.add(a, false, "عنوان مرحلهٔ "+num(i)+" از "+q(o.Title)+" به "+q(new[i].Title)+" تغییر کرد.")
				continue
			}
			d.add(a, true, "مرحلهٔ "+q(o.Title)+" از مراحل انجام کار حذف شد.")
			continue
		}
		order = append(order, j)
		n := new[j]
		if o.UnitCode != n.UnitCode {
			d.add(a, true, "مسئول مرحلهٔ "+q(n.Title)+" از "+q(d.unit(o.UnitCode))+" به "+q(d.unit(n.UnitCode))+" تغییر کرد.")
		}
		if same(o.Detail) != same(n.Detail) {
			d.add(a, false, "توضیح مرحلهٔ "+q(n.Title)+" به‌روز شد.")
		}
	}
	for j, id := range newIDs {
		if !oldHas[id] && !renamed[j] {
			d.add(a, true, "مرحلهٔ "+q(new[j].Title)+" به‌عنوان مرحلهٔ "+num(j)+" به مراحل انجام کار اضافه شد.")
		}
	}
	if !slices.IsSorted(order) {
		d.add(a, true, "ترتیب مراحل انجام کار تغییر کرد.")
	}
}

func (d *differ) titles(old, new desk.Service) {
	if same(old.Title) != same(new.Title) {
		d.add(AreaTitle, false, "عنوان خدمت از "+q(old.Title)+" به "+q(new.Title)+" تغییر کرد.")
	}
	if same(old.TitleEn) != same(new.TitleEn) {
		d.add(AreaTitle, false, "عنوان انگلیسی خدمت به‌روز شد.")
	}
}

func (d *differ) texts(old, new desk.Service) {
	for _, t := range []struct{ o, n, text string }{
		{old.Summary, new.Summary, "خلاصهٔ خدمت به‌روز شد."},
		{old.Description, new.Description, "شرح خدمت به‌روز شد."},
		{old.Trigger, new.Trigger, "نحوهٔ آغاز خدمت به‌روز شد."},
		{old.HoursPlaces, new.HoursPlaces, "ساعات و محل ارائهٔ خدمت به‌روز شد."},
		{old.Complaints, new.Complaints, "راه شکایت از خدمت به‌روز شد."},
	} {
		if same(t.o) != same(t.n) {
			d.add(AreaText, false, t.text)
		}
	}
	if !equalLines(old.Inquiries, new.Inquiries) {
		d.add(AreaText, false, "فهرست استعلام‌هایی که اداره خودش انجام می‌دهد به‌روز شد.")
	}
}

func equalLines(a, b []string) bool {
	return slices.EqualFunc(a, b, func(x, y string) bool { return same(x) == same(y) })
}

// quoted lists names each in «», joined with the Persian comma.
func quoted(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = q(n)
	}
	return strings.Join(out, "، ")
}

func (d *differ) channels(old, new []desk.ChannelAccess) {
	means := func(chs []desk.ChannelAccess) map[string][]string {
		m := map[string][]string{}
		for _, c := range chs {
			m[c.Stage] = append(m[c.Stage], c.Means...)
		}
		return m
	}
	om, nm := means(old), means(new)
	var stages []string
	for _, c := range append(slices.Clone(new), old...) {
		if !slices.Contains(stages, c.Stage) {
			stages = append(stages, c.Stage)
		}
	}
	// Known stages in their usual order, then any others as found.
	sort.SliceStable(stages, func(i, j int) bool { return stageRank(stages[i]) < stageRank(stages[j]) })
	for _, s := range stages {
		if sameSet(om[s], nm[s]) {
			continue
		}
		if len(nm[s]) == 0 {
			d.add(AreaChannels, false, "برای "+q(StageTitle(s))+" دیگر راه دسترسی‌ای ثبت نشده است.")
			continue
		}
		names := make([]string, len(nm[s]))
		for i, m := range nm[s] {
			names[i] = MeansTitle(m)
		}
		d.add(AreaChannels, false, "راه‌های دسترسی برای "+q(StageTitle(s))+" تغییر کرد؛ اکنون: "+quoted(names)+".")
	}
}

func stageRank(s string) int {
	if i := slices.Index(Stages, s); i >= 0 {
		return i
	}
	return len(Stages)
}

func fieldID(f desk.FormField) string {
	if f.Key != "" {
		return f.Key
	}
	return "\x00" + same(f.Label)
}

// form tells what changed on the application form. It is not material:
// people who already applied are not asked again.
func (d *differ) form(old, new []desk.FormField) {
	const a = AreaForm
	byID := map[string]int{}
	for j, f := range new {
		byID[fieldID(f)] = j
	}
	kept := map[string]bool{}
	var order []int
	for _, o := range old {
		j, ok := byID[fieldID(o)]
		if !ok {
			d.add(a, false, "پرسش "+q(o.Label)+" از فرم درخواست حذف شد.")
			continue
		}
		kept[fieldID(o)] = true
		order = append(order, j)
		n := new[j]
		if same(o.Label) != same(n.Label) {
			d.add(a, false, "پرسش "+q(o.Label)+" در فرم درخواست "+q(n.Label)+" نام گرفت.")
		}
		switch {
		case !o.Required && n.Required:
			d.add(a, false, "پاسخ به پرسش "+q(n.Label)+" الزامی شد.")
		case o.Required && !n.Required:
			d.add(a, false, "پاسخ به پرسش "+q(n.Label)+" اختیاری شد.")
		}
		if o.Type != n.Type {
			d.add(a, false, "نوع پاسخ پرسش "+q(n.Label)+" تغییر کرد.")
		}
		if !equalLines(o.Choices, n.Choices) {
			d.add(a, false, "گزینه‌های پرسش "+q(n.Label)+" تغییر کرد.")
		}
		if same(o.Help) != same(n.Help) {
			d.add(a, false, "راهنمای پرسش "+q(n.Label)+" به‌روز شد.")
		}
		if o.MaxLen != n.MaxLen || same(o.LabelEn) != same(n.LabelEn) {
			d.add(a, false, "تنظیمات پرسش "+q(n.Label)+" به‌روز شد.")
		}
	}
	for _, n := range new {
		if !kept[fieldID(n)] {
			kept[fieldID(n)] = true
			d.add(a, false, "پرسش "+q(n.Label)+" به فرم درخواست اضافه شد.")
		}
	}
	if !slices.IsSorted(order) {
		d.add(a, false, "ترتیب پرسش‌های فرم درخواست تغییر کرد.")
	}
}

func (d *differ) legal(old, new []string) {
	in := func(list []string, s string) bool {
		return slices.ContainsFunc(list, func(x string) bool { return same(x) == same(s) })
	}
	for _, o := range old {
		if !in(new, o) {
			d.add(AreaLegal, false, "مبنای قانونی "+q(o)+" حذف شد.")
		}
	}
	for _, n := range new {
		if !in(old, n) {
			d.add(AreaLegal, false, "مبنای قانونی "+q(n)+" اضافه شد.")
		}
	}
}

func (d *differ) settings(old, new desk.Service) {
	const a = AreaSettings
	if old.Kind != new.Kind {
		d.add(a, false, "نوع درخواست این خدمت از "+q(kindTitle(old.Kind))+" به "+q(kindTitle(new.Kind))+" تغییر کرد.")
	}
	if old.Type != new.Type {
		d.add(a, false, "نوع خدمت از "+q(old.Type)+" به "+q(new.Type)+" تغییر کرد.")
	}
	if old.Category != new.Category {
		d.add(a, false, "دستهٔ خدمت از "+q(desk.CategoryTitle(desk.Categories, old.Category))+" به "+
			q(desk.CategoryTitle(desk.Categories, new.Category))+" تغییر کرد.")
	}
	if !sameSet(old.Audience, new.Audience) {
		names := make([]string, len(new.Audience))
		for i, s := range new.Audience {
			names[i] = desk.CategoryTitle(desk.Audiences, s)
		}
		if len(names) == 0 {
			d.add(a, false, "خدمت‌گیرندگان این خدمت برداشته شد.")
		} else {
			d.add(a, false, "خدمت‌گیرندگان این خدمت تغییر کرد؛ اکنون: "+quoted(names)+".")
		}
	}
	if old.ParentCode != new.ParentCode {
		if new.ParentCode == "" {
			d.add(a, false, "این خدمت دیگر زیرخدمتِ خدمت دیگری نیست.")
		} else {
			d.add(a, false, "این خدمت اکنون زیرخدمتِ خدمت با شناسهٔ "+fa.PersianDigits(new.ParentCode)+" است.")
		}
	}
	if desk.RetentionTitle(old.Retention) != desk.RetentionTitle(new.Retention) {
		d.add(a, false, "ردهٔ نگهداری پرونده‌های این خدمت از "+q(desk.RetentionTitle(old.Retention))+" به "+
			q(desk.RetentionTitle(new.Retention))+" تغییر کرد.")
	}
	for _, t := range []struct {
		changed bool
		text    string
	}{
		{same(old.Nature) != same(new.Nature), "ماهیت خدمت به‌روز شد."},
		{same(old.Level) != same(new.Level), "سطح خدمت به‌روز شد."},
		{!equalLines(old.LifeEvents, new.LifeEvents), "رویدادهای زندگی مرتبط با خدمت به‌روز شد."},
		{!equalLines(old.Keywords, new.Keywords), "کلیدواژه‌های جستجوی خدمت به‌روز شد."},
		{old.Popularity != new.Popularity, "جایگاه خدمت در صفحهٔ نخست تغییر کرد."},
	} {
		if t.changed {
			d.add(a, false, t.text)
		}
	}
}
