package desk

import "time"

// Status is a request's stage as the citizen and staff see it.
type Status string

const (
	StatusSubmitted  Status = "submitted"   // ثبت شد، در انتظار بررسی
	StatusInProgress Status = "in_progress" // در حال رسیدگی
	StatusNeedsDocs  Status = "needs_docs"  // نیاز به تکمیل مدارک
	StatusAnswered   Status = "answered"    // پاسخ داده شد
	StatusRejected   Status = "rejected"    // رد شد (با ذکر دلیل)
	StatusClosed     Status = "closed"      // مختومه
)

// StatusTitle is the Persian label of each status.
var StatusTitle = map[Status]string{
	StatusSubmitted:  "ثبت شده، در انتظار بررسی",
	StatusInProgress: "در حال رسیدگی",
	StatusNeedsDocs:  "نیاز به تکمیل مدارک",
	StatusAnswered:   "پاسخ داده شد",
	StatusRejected:   "رد شد",
	StatusClosed:     "مختومه",
}

// Channel is how a request reached the agency.
type Channel string

const (
	ChannelWeb      Channel = "web"
	ChannelAPI      Channel = "api"
	ChannelInPerson Channel = "in_person"
	ChannelLetter   Channel = "letter"
	ChannelPhone    Channel = "phone"
)

// Person is an applicant or a legal representative. NationalID and Mobile are
// canonical (ASCII digits, mobile as 09XXXXXXXXX); the store encrypts them.
type Person struct {
	Name       string `json:"name"`
	NationalID string `json:"national_id"`
	Mobile     string `json:"mobile"`
}

// Request is one registered request (درخواست) with its tracking code.
type Request struct {
	ID             int64
	TrackingCode   string
	ServiceCode    string
	ServiceVersion int
	ServiceTitle   string
	Kind           Kind
	Channel        Channel
	Status         Status
	Applicant      Person
	Representative *Person // nil unless filed by a legal representative
	Answers        map[string]string
	Documents      []Document
	SubmittedAt    time.Time
	DueAt          time.Time // promised answer date (end of that day, Tehran)
	UnitCode       string    // unit holding the file now
	AssigneeID     int64     // person holding the file now, 0 when with the unit queue
	IdempotencyKey string
	Version        int // optimistic lock
}

// Document is an uploaded file attached to a request or a draft.
type Document struct {
	ID       int64  `json:"id"`
	DocKey   string `json:"doc_key"` // RequiredDoc.Key or FormField.Key
	Name     string `json:"name"`    // original file name, for display only
	MIME     string `json:"mime"`    // sniffed from content
	Size     int64  `json:"size"`
	SHA256   string `json:"sha256"` // hex, of the plaintext
	StoreKey string `json:"store_key"`
}

// Event is one entry of a request's timeline, appended in the same
// transaction as the change it records.
type Event struct {
	ID         int64
	RequestID  int64
	At         time.Time
	Type       string // submitted, referred, status, note …
	Status     Status // status after the event
	UnitCode   string
	StaffID    int64
	Actor      string // "citizen", "staff:12", "system", "api:3"
	Note       string // citizen-visible text
	Internal   bool   // staff-only when true
	UnitName   string // filled on read
	StaffName  string // filled on read
	StaffTitle string // filled on read
}
