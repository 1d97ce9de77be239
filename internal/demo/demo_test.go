package demo

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"mizban/internal/desk"
	"mizban/internal/fa"
)

var (
	serviceCodeRE = regexp.MustCompile(`^[0-9]{11}$`)
	keyRE         = regexp.MustCompile(`^[a-z][a-z_]*$`)
	unitCodeRE    = regexp.MustCompile(`^[a-z][a-z_]{1,15}$`)
	usernameRE    = regexp.MustCompile(`^[a-z][a-z0-9._]{2,31}$`)
)

func load(t *testing.T) (Agency, []desk.Service) {
	t.Helper()
	a, svcs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return a, svcs
}

func TestDecodeStrict(t *testing.T) {
	type small struct {
		Name string `json:"name"`
	}
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{`{"name":"شهرداری"}`, "شهرداری", false},
		{`{"name":"x","nmae":"typo"}`, "", true},
		{`{"name":"x"} {"name":"y"}`, "", true},
		{`{"name":`, "", true},
	}
	for _, tt := range tests {
		var v small
		err := decodeStrict([]byte(tt.in), &v)
		if (err != nil) != tt.wantErr {
			t.Errorf("decodeStrict(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if !tt.wantErr && v.Name != tt.want {
			t.Errorf("decodeStrict(%q) name = %q, want %q", tt.in, v.Name, tt.want)
		}
	}
}

func TestAgency(t *testing.T) {
	a, _ := load(t)
	for name, v := range map[string]string{
		"name": a.Name, "short_name": a.ShortName, "name_en": a.NameEn, "address": a.Address,
		"phone": a.Phone, "website": a.Website, "hours": a.Hours,
	} {
		if strings.TrimSpace(v) == "" {
			t.Errorf("agency %s is empty", name)
		}
	}
	if !strings.HasPrefix(a.Website, "https://") {
		t.Errorf("website %q should be an https URL", a.Website)
	}
}

func TestUnitTree(t *testing.T) {
	a, _ := load(t)
	if len(a.Units) < 8 {
		t.Fatalf("%d units, want at least 8", len(a.Units))
	}
	parent := map[string]string{}
	var roots []string
	for _, u := range a.Units {
		if !unitCodeRE.MatchString(u.Code) {
			t.Errorf("unit code %q is not a short ASCII code", u.Code)
		}
		if _, dup := parent[u.Code]; dup {
			t.Errorf("unit code %q repeated", u.Code)
		}
		if u.Name == "" {
			t.Errorf("unit %q has no name", u.Code)
		}
		parent[u.Code] = u.Parent
		if u.Parent == "" {
			roots = append(roots, u.Code)
		}
	}
	if len(roots) != 1 {
		t.Fatalf("roots %v, want exactly one", roots)
	}
	for _, u := range a.Units {
		// Walk up; a path longer than the unit count means a cycle.
		c, steps := u.Code, 0
		for parent[c] != "" {
			p := parent[c]
			if _, ok := parent[p]; !ok {
				t.Errorf("unit %q: parent %q does not exist", c, p)
				break
			}
			c = p
			if steps++; steps > len(a.Units) {
				t.Errorf("unit %q is in a cycle", u.Code)
				break
			}
		}
	}
}

func TestStaff(t *testing.T) {
	a, _ := load(t)
	if len(a.Staff) < 14 {
		t.Fatalf("%d staff, want at least 14", len(a.Staff))
	}
	units := unitSet(a)
	children := map[string]int{}
	for _, u := range a.Units {
		children[u.Parent]++
	}
	ids := map[int64]bool{}
	users := map[string]bool{}
	names := map[string]bool{}
	roles := map[string]int{}
	managers := map[string]int{}
	others := map[string]int{}
	for _, s := range a.Staff {
		if s.ID <= 0 || ids[s.ID] {
			t.Errorf("staff %q: id %d is not positive and unique", s.Name, s.ID)
		}
		ids[s.ID] = true
		if !usernameRE.MatchString(s.Username) || users[s.Username] {
			t.Errorf("staff %q: username %q is not unique lower-case ASCII", s.Name, s.Username)
		}
		users[s.Username] = true
		if len(strings.Fields(s.Name)) < 2 || names[s.Name] {
			t.Errorf("staff name %q should be a unique full name", s.Name)
		}
		names[s.Name] = true
		if s.Title == "" {
			t.Errorf("staff %q has no title", s.Name)
		}
		if !units[s.UnitCode] {
			t.Errorf("staff %q: unit %q does not exist", s.Name, s.UnitCode)
		}
		if !slices.Contains(Roles, s.Role) {
			t.Errorf("staff %q: unknown role %q", s.Name, s.Role)
		}
		if s.Role == RoleOfficer && !strings.Contains(s.Title, "کارشناس") {
			t.Errorf("officer %q has title %q, want a کارشناس title", s.Name, s.Title)
		}
		if s.Role == RoleDeskOperator && s.UnitCode != "desk" {
			t.Errorf("desk operator %q sits in %q, want desk", s.Name, s.UnitCode)
		}
		roles[s.Role]++
		if s.Role == RoleManager {
			managers[s.UnitCode]++
		} else {
			others[s.UnitCode]++
		}
	}
	if roles[RoleDeskOperator] < 2 {
		t.Errorf("%d desk operators, want at least 2", roles[RoleDeskOperator])
	}
	for _, r := range Roles {
		if roles[r] == 0 {
			t.Errorf("no staff with role %q", r)
		}
	}
	for _, u := range a.Units {
		if managers[u.Code] != 1 {
			t.Errorf("unit %q has %d managers, want 1", u.Code, managers[u.Code])
		}
		if children[u.Code] == 0 && others[u.Code] == 0 {
			t.Errorf("working unit %q has no officer", u.Code)
		}
	}
}

func TestServiceCards(t *testing.T) {
	a, svcs := load(t)
	if len(svcs) < 12 {
		t.Fatalf("%d services, want at least 12", len(svcs))
	}
	units := unitSet(a)
	staff := map[string]bool{}
	for _, s := range a.Staff {
		staff[s.Name] = true
	}
	codes := map[string]bool{}
	for _, s := range svcs {
		if !serviceCodeRE.MatchString(s.Code) || codes[s.Code] {
			t.Errorf("service code %q is not 11 digits or is repeated", s.Code)
		}
		codes[s.Code] = true
	}

	for _, s := range svcs {
		errf := func(format string, args ...any) {
			t.Helper()
			t.Errorf("%s %s: "+format, append([]any{s.Code, s.Title}, args...)...)
		}
		for name, v := range map[string]string{
			"title": s.Title, "title_en": s.TitleEn, "summary": s.Summary, "description": s.Description,
			"trigger": s.Trigger, "hours_places": s.HoursPlaces, "complaints": s.Complaints,
			"fee_note": s.FeeNote, "updated_by": s.UpdatedBy,
		} {
			if strings.TrimSpace(v) == "" {
				errf("%s is empty", name)
			}
		}
		if n := sentences(s.Summary); n != 1 {
			errf("summary has %d sentences, want 1", n)
		}
		if n := sentences(s.Description); n < 2 || n > 4 {
			errf("description has %d sentences, want 2 to 4", n)
		}
		if !slices.Contains(allKinds, s.Kind) {
			errf("unknown kind %q", s.Kind)
		}
		if s.Type != "G2C" && s.Type != "G2B" && s.Type != "G2G" {
			errf("type %q", s.Type)
		}
		if len(s.Audience) == 0 {
			errf("no audience")
		}
		for _, au := range s.Audience {
			if !hasSlug(desk.Audiences, au) {
				errf("unknown audience %q", au)
			}
		}
		if s.Nature != "حاکمیتی" && s.Nature != "تصدی‌گری" {
			errf("nature %q", s.Nature)
		}
		if s.Level != "شهری" {
			errf("level %q, want شهری", s.Level)
		}
		if !hasSlug(desk.Categories, s.Category) {
			errf("unknown category %q", s.Category)
		}
		checkKeywords(t, s)
		docKeys := checkDocuments(t, s)
		if len(s.Steps) < 2 {
			errf("%d steps, want at least 2", len(s.Steps))
		}
		for i, st := range s.Steps {
			if st.Title == "" {
				errf("step %d has no title", i+1)
			}
			if !units[st.UnitCode] {
				errf("step %d: unit %q does not exist", i+1, st.UnitCode)
			}
		}
		if len(s.LegalBasis) == 0 || slices.Contains(s.LegalBasis, "") {
			errf("legal basis is empty")
		}
		if s.DurationDays <= 0 {
			errf("duration %d", s.DurationDays)
		}
		if s.Visits < 0 || s.FeeRials < 0 {
			errf("visits %d, fee %d", s.Visits, s.FeeRials)
		}
		checkChannels(t, s)
		// Permits and certificates always depend on other agencies' data;
		// complaints, suggestions and reports need none.
		if (s.Kind == desk.KindPermit || s.Kind == desk.KindCertificate) && len(s.Inquiries) == 0 {
			errf("a %s without inquiries", s.Kind)
		}
		if slices.Contains(s.Inquiries, "") {
			errf("empty inquiry")
		}
		if !units[s.UnitCode] {
			errf("unit %q does not exist", s.UnitCode)
		}
		if s.Online != (len(s.Form) > 0) {
			errf("online %v but %d form fields", s.Online, len(s.Form))
		}
		checkForm(t, s, docKeys)
		if s.Popularity <= 0 {
			errf("popularity %d", s.Popularity)
		}
		if !staff[s.UpdatedBy] {
			errf("updated_by %q is not a staff member", s.UpdatedBy)
		}
		if y := s.UpdatedAt.Year(); y < 2025 || y > 2026 {
			errf("updated_at %v, want 2025–2026", s.UpdatedAt)
		}
		if s.ReviewedAt.IsZero() {
			errf("reviewed_at is missing")
		}
		if s.Version != 1 {
			errf("version %d, want 1", s.Version)
		}
		if s.ParentCode != "" && !codes[s.ParentCode] {
			errf("parent %q does not exist", s.ParentCode)
		}
	}
}

var allKinds = []desk.Kind{
	desk.KindRequest, desk.KindPermit, desk.KindCertificate, desk.KindComplaint,
	desk.KindSuggestion, desk.KindCriticism, desk.KindReport, desk.KindFOI,
}

func checkKeywords(t *testing.T, s desk.Service) {
	t.Helper()
	if len(s.Keywords) < 3 {
		t.Errorf("%s: %d keywords, want at least 3", s.Code, len(s.Keywords))
	}
	// Keywords that fold to the same search key add nothing to search.
	seen := map[string]string{fa.SearchKey(s.Title): s.Title}
	for _, k := range s.Keywords {
		key := fa.SearchKey(k)
		if key == "" {
			t.Errorf("%s: keyword %q folds to nothing", s.Code, k)
		}
		if prev, dup := seen[key]; dup {
			t.Errorf("%s: keyword %q searches the same as %q", s.Code, k, prev)
		}
		seen[key] = k
	}
}

func checkDocuments(t *testing.T, s desk.Service) map[string]bool {
	t.Helper()
	if len(s.Documents) == 0 {
		t.Errorf("%s: no documents", s.Code)
	}
	keys := map[string]bool{}
	for _, d := range s.Documents {
		if !keyRE.MatchString(d.Key) || keys[d.Key] {
			t.Errorf("%s: document key %q is not unique [a-z_]", s.Code, d.Key)
		}
		keys[d.Key] = true
		if d.Name == "" || d.Notes == "" {
			t.Errorf("%s: document %q needs a name and notes", s.Code, d.Key)
		}
		if d.Upload != (len(d.Formats) > 0) {
			t.Errorf("%s: document %q: upload %v with formats %v", s.Code, d.Key, d.Upload, d.Formats)
		}
		for _, f := range d.Formats {
			if f != "pdf" && f != "jpeg" && f != "png" {
				t.Errorf("%s: document %q: format %q", s.Code, d.Key, f)
			}
		}
		if d.Upload && !s.Online {
			t.Errorf("%s: document %q is an upload on an info-only service", s.Code, d.Key)
		}
	}
	return keys
}

func checkChannels(t *testing.T, s desk.Service) {
	t.Helper()
	stages := map[string]bool{}
	for _, c := range s.Channels {
		if !slices.Contains([]string{"information", "request", "production", "delivery"}, c.Stage) || stages[c.Stage] {
			t.Errorf("%s: channel stage %q unknown or repeated", s.Code, c.Stage)
		}
		stages[c.Stage] = true
		if len(c.Means) == 0 {
			t.Errorf("%s: stage %q has no means", s.Code, c.Stage)
		}
		for _, m := range c.Means {
			if !slices.Contains([]string{"web", "mobile", "sms", "counter_office", "in_person"}, m) {
				t.Errorf("%s: stage %q: unknown means %q", s.Code, c.Stage, m)
			}
		}
		if c.Stage == "request" && s.Online && !slices.Contains(c.Means, "web") {
			t.Errorf("%s: online service not requestable on the web", s.Code)
		}
	}
	if !stages["information"] || !stages["request"] {
		t.Errorf("%s: channels need information and request stages, got %v", s.Code, s.Channels)
	}
}

var fieldTypes = []desk.FieldType{
	desk.FieldText, desk.FieldTextarea, desk.FieldNumber, desk.FieldDate, desk.FieldNationalID,
	desk.FieldMobile, desk.FieldPostalCode, desk.FieldChoice, desk.FieldYesNo, desk.FieldFile,
}

// The application page asks for these itself; a form must not repeat them.
var applicantKeys = []string{"name", "full_name", "national_id", "mobile", "applicant_name", "applicant_mobile"}
var applicantLabels = []string{"نام و نام خانوادگی", "نام", "کد ملی", "تلفن همراه", "شماره همراه", "شماره تلفن همراه"}

func checkForm(t *testing.T, s desk.Service, docKeys map[string]bool) {
	t.Helper()
	keys := map[string]bool{}
	for _, f := range s.Form {
		// Form answers and uploads share the request's key space.
		if !keyRE.MatchString(f.Key) || keys[f.Key] || docKeys[f.Key] {
			t.Errorf("%s: form key %q is not unique [a-z_]", s.Code, f.Key)
		}
		keys[f.Key] = true
		if slices.Contains(applicantKeys, f.Key) || slices.Contains(applicantLabels, f.Label) {
			t.Errorf("%s: form field %q repeats what the application page already asks", s.Code, f.Key)
		}
		if f.Label == "" {
			t.Errorf("%s: form field %q has no label", s.Code, f.Key)
		}
		if !slices.Contains(fieldTypes, f.Type) {
			t.Errorf("%s: form field %q has type %q", s.Code, f.Key, f.Type)
		}
		if f.Type == desk.FieldChoice {
			if len(f.Choices) < 2 {
				t.Errorf("%s: choice %q has %d choices", s.Code, f.Key, len(f.Choices))
			}
			seen := map[string]bool{}
			for _, c := range f.Choices {
				if c == "" || seen[c] {
					t.Errorf("%s: choice %q: empty or repeated option %q", s.Code, f.Key, c)
				}
				seen[c] = true
			}
		} else if len(f.Choices) > 0 {
			t.Errorf("%s: %s field %q has choices", s.Code, f.Type, f.Key)
		}
		if f.MaxLen < 0 {
			t.Errorf("%s: field %q max_len %d", s.Code, f.Key, f.MaxLen)
		}
	}
}

func TestCatalogMix(t *testing.T) {
	_, svcs := load(t)
	kinds := map[desk.Kind]int{}
	cats := map[string]int{}
	types := map[desk.FieldType]int{}
	var infoOnly, calendar, children, stale int
	var foi *desk.Service
	newest := time.Time{}
	for _, s := range svcs {
		if s.UpdatedAt.After(newest) {
			newest = s.UpdatedAt
		}
	}
	for i, s := range svcs {
		kinds[s.Kind]++
		cats[s.Category]++
		for _, f := range s.Form {
			types[f.Type]++
		}
		if !s.Online {
			infoOnly++
		}
		if s.CalendarDays {
			calendar++
		}
		if s.ParentCode != "" {
			children++
		}
		// Cards must be reviewed at least every three years (DOMAIN §2).
		if s.ReviewedAt.Before(newest.AddDate(-3, 0, 0)) {
			stale++
		} else if y := s.ReviewedAt.Year(); y < 2025 || y > 2026 {
			t.Errorf("%s: reviewed_at %v, want 2025–2026", s.Code, s.ReviewedAt)
		}
		if s.Kind == desk.KindFOI {
			foi = &svcs[i]
		}
	}
	for _, k := range allKinds {
		if kinds[k] == 0 {
			t.Errorf("no service of kind %q", k)
		}
	}
	for _, c := range desk.Categories {
		if cats[c.Slug] == 0 {
			t.Errorf("no service in category %q", c.Slug)
		}
	}
	for _, ft := range fieldTypes {
		if types[ft] == 0 {
			t.Errorf("no form field of type %q", ft)
		}
	}
	if infoOnly < 2 {
		t.Errorf("%d info-only services, want at least 2", infoOnly)
	}
	if calendar == 0 {
		t.Errorf("no service counts calendar days")
	}
	if children == 0 {
		t.Errorf("no sub-service")
	}
	if stale != 1 {
		t.Errorf("%d stale cards, want exactly 1", stale)
	}
	if foi == nil || foi.DurationDays != 10 || foi.CalendarDays {
		t.Errorf("the FOI service must answer within 10 working days: %+v", foi)
	}
}

func TestSubServicesAreOneLevel(t *testing.T) {
	_, svcs := load(t)
	parents := map[string]string{}
	for _, s := range svcs {
		parents[s.Code] = s.ParentCode
	}
	for _, s := range svcs {
		if s.ParentCode == "" {
			continue
		}
		if s.ParentCode == s.Code || parents[s.ParentCode] != "" {
			t.Errorf("%s: parent %q must be a top-level service", s.Code, s.ParentCode)
		}
	}
}

func unitSet(a Agency) map[string]bool {
	m := map[string]bool{}
	for _, u := range a.Units {
		m[u.Code] = true
	}
	return m
}

func hasSlug(list []desk.Category, slug string) bool {
	for _, c := range list {
		if c.Slug == slug {
			return true
		}
	}
	return false
}

// sentences counts sentence ends in Persian prose.
func sentences(s string) int {
	return strings.Count(s, ".") + strings.Count(s, "؟") + strings.Count(s, "!")
}
