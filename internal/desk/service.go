package desk

import "time"

// Service is the official service identity card (شناسنامه خدمت), DOMAIN §2.
// It is stored whole as JSON; the store indexes a few fields beside it.
type Service struct {
	Code        string   `json:"code"`                  // شناسه خدمت, usually 11 digits
	ParentCode  string   `json:"parent_code,omitempty"` // set on a sub-service
	Title       string   `json:"title"`                 // عنوان خدمت
	TitleEn     string   `json:"title_en,omitempty"`
	Summary     string   `json:"summary"`     // one sentence: what the service is for
	Description string   `json:"description"` // شرح خدمت
	Kind        Kind     `json:"kind"`        // what sort of request it creates
	Type        string   `json:"type"`        // G2C, G2B, G2G
	Audience    []string `json:"audience"`    // خدمت‌گیرندگان (audience slugs, see Audiences)
	Nature      string   `json:"nature"`      // حاکمیتی / تصدی‌گری
	Level       string   `json:"level"`       // ملی، استانی، شهری …
	Category    string   `json:"category"`    // category slug, see Categories
	LifeEvents  []string `json:"life_events,omitempty"`
	Trigger     string   `json:"trigger"` // نحوه آغاز خدمت
	Keywords    []string `json:"keywords,omitempty"`

	Documents  []RequiredDoc `json:"documents"`   // مدارک لازم
	Steps      []Step        `json:"steps"`       // مراحل انجام کار
	LegalBasis []string      `json:"legal_basis"` // قوانین و مقررات

	DurationDays int    `json:"duration_days"`           // متوسط مدت زمان ارائه
	CalendarDays bool   `json:"calendar_days,omitempty"` // count calendar, not working, days
	PauseOnDocs  bool   `json:"pause_on_docs,omitempty"` // the clock stops while the citizen's documents are awaited
	Visits       int    `json:"visits"`                  // تعداد بار مراجعه حضوری
	FeeRials     int64  `json:"fee_rials"`
	FeeNote      string `json:"fee_note,omitempty"`  // شیوه پرداخت
	HoursPlaces  string `json:"hours_places"`        // ساعات و محل ارائه
	Retention    string `json:"retention,omitempty"` // retention class slug (RetentionClasses); "" = "standard"

	Channels   []ChannelAccess `json:"channels"`  // نحوه دسترسی per stage
	Inquiries  []string        `json:"inquiries"` // استعلامات
	Complaints string          `json:"complaints"`

	UnitCode   string      `json:"unit_code"` // responsible unit
	Online     bool        `json:"online"`    // can be applied for on the web
	Form       []FormField `json:"form,omitempty"`
	Popularity int         `json:"popularity,omitempty"` // higher shows first on the home page

	UpdatedBy  string    `json:"updated_by"`
	UpdatedAt  time.Time `json:"updated_at"`
	ReviewedAt time.Time `json:"reviewed_at"`
	Version    int       `json:"version"`
}

// RetentionClass says how long a service's closed requests are kept.
type RetentionClass struct {
	Slug  string
	Title string
	Years int // 0: kept for ever
}

// RetentionDefault is the class of a card whose Retention is empty.
const RetentionDefault = "standard"

// RetentionClasses are the retention classes a card may name.
var RetentionClasses = []RetentionClass{
	{"temporary", "موقت (۲ سال)", 2},
	{"standard", "عادی (۱۰ سال)", 10},
	{"permanent", "دائمی", 0},
}

// RetentionTitle returns the Persian title of a retention class slug ("" is the default class).
func RetentionTitle(slug string) string {
	if slug == "" {
		slug = RetentionDefault
	}
	for _, c := range RetentionClasses {
		if c.Slug == slug {
			return c.Title
		}
	}
	return slug
}

// RequiredDoc is one entry of the required-documents list.
type RequiredDoc struct {
	Key      string   `json:"key"` // stable id, used as the upload field name
	Name     string   `json:"name"`
	Notes    string   `json:"notes,omitempty"`   // original/copy, pages …
	Required bool     `json:"required"`          // must be uploaded to apply online
	Formats  []string `json:"formats,omitempty"` // accepted: pdf, jpeg, png
	Upload   bool     `json:"upload"`            // collected as an upload when applying online
}

// Step is one ordered step with the unit responsible for it.
type Step struct {
	Title    string `json:"title"`
	Detail   string `json:"detail,omitempty"`
	UnitCode string `json:"unit_code"`
}

// ChannelAccess says through which channels a stage of the service is reached.
type ChannelAccess struct {
	Stage string   `json:"stage"` // information, request, production, delivery
	Means []string `json:"means"` // web, mobile, sms, counter_office, in_person
}

// Kind is the type of request a service creates (DOMAIN §3).
type Kind string

const (
	KindRequest     Kind = "request"     // درخواست خدمت
	KindPermit      Kind = "permit"      // مجوز
	KindCertificate Kind = "certificate" // گواهی
	KindComplaint   Kind = "complaint"   // شکایت
	KindSuggestion  Kind = "suggestion"  // پیشنهاد
	KindCriticism   Kind = "criticism"   // انتقاد
	KindReport      Kind = "report"      // گزارش
	KindFOI         Kind = "foi"         // درخواست دسترسی به اطلاعات
)

// FieldType is the type of a form field defined by service data.
type FieldType string

const (
	FieldText       FieldType = "text"
	FieldTextarea   FieldType = "textarea"
	FieldNumber     FieldType = "number"
	FieldDate       FieldType = "date" // Jalali, typed as day / month / year
	FieldNationalID FieldType = "national_id"
	FieldMobile     FieldType = "mobile"
	FieldPostalCode FieldType = "postal_code"
	FieldChoice     FieldType = "choice"
	FieldYesNo      FieldType = "yesno"
	FieldFile       FieldType = "file"
)

// FormField is one question of a service's application form.
type FormField struct {
	Key      string    `json:"key"`
	Label    string    `json:"label"`
	LabelEn  string    `json:"label_en,omitempty"`
	Type     FieldType `json:"type"`
	Required bool      `json:"required"`
	Help     string    `json:"help,omitempty"`
	Choices  []string  `json:"choices,omitempty"`
	MaxLen   int       `json:"max_len,omitempty"`
	Min, Max *int64    `json:"-"`
}

// Unit is an organisational unit; Parent is "" for the root.
type Unit struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Parent string `json:"parent,omitempty"`
}

// Staff is a person behind the desk, as the citizen sees them.
type Staff struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Title    string `json:"title"` // سمت
	UnitCode string `json:"unit_code"`
}

// Category groups services on the home page and in the catalog filter.
type Category struct {
	Slug  string
	Title string
	En    string
}

// Categories are the catalog's categories (life events and service areas).
var Categories = []Category{
	{"building", "ساختمان و شهرسازی", "Building and planning"},
	{"business", "کسب و کار", "Business"},
	{"property", "املاک و عوارض", "Property and local taxes"},
	{"transport", "حمل و نقل و ترافیک", "Transport and traffic"},
	{"environment", "محیط زیست و خدمات شهری", "Environment and city services"},
	{"social", "فرهنگی و اجتماعی", "Culture and society"},
	{"voice", "شکایت، پیشنهاد و دسترسی به اطلاعات", "Complaints, suggestions and information"},
}

// Audiences are the audience slugs a service may name.
var Audiences = []Category{
	{"citizens", "شهروندان", "Citizens"},
	{"owners", "مالکان", "Property owners"},
	{"businesses", "کسب و کارها", "Businesses"},
	{"engineers", "مهندسان و پیمانکاران", "Engineers and contractors"},
	{"agencies", "دستگاه‌های اجرایی", "Government agencies"},
}

// CategoryTitle returns the Persian title of a category or audience slug.
func CategoryTitle(list []Category, slug string) string {
	for _, c := range list {
		if c.Slug == slug {
			return c.Title
		}
	}
	return slug
}
