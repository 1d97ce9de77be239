package notice

// Kind is the event an SMS tells the citizen about. Its value is stored
// with overrides and queued messages, so it never changes.
type Kind string

// Event kinds.
const (
	KindOTP            Kind = "otp"             // one-time code for the web
	KindOTPCounter     Kind = "otp_counter"     // one-time code read out at the counter
	KindRegistered     Kind = "registered"      // request registered
	KindLetterIssued   Kind = "letter_issued"   // a letter was issued for the request
	KindReferred       Kind = "referred"        // referred to another unit
	KindDocsNeeded     Kind = "docs_needed"     // more documents needed
	KindDueChanged     Kind = "due_changed"     // promised date moved by the work calendar
	KindExtended       Kind = "extended"        // promised date extended by staff
	KindAnswered       Kind = "answered"        // answer given
	KindRejected       Kind = "rejected"        // request rejected
	KindClosed         Kind = "closed"          // file closed
	KindSurvey         Kind = "survey"          // satisfaction survey
	KindServiceChanged Kind = "service_changed" // request moved to another service
	KindReopened       Kind = "reopened"        // closed file reopened
	KindCardChanged    Kind = "card_changed"    // a service's card changed materially
)

// Variable names, as written in a template: {{.Tracking}}.
const (
	VarCode     = "Code"
	VarTracking = "Tracking"
	VarService  = "Service"
	VarUnit     = "Unit"
	VarDate     = "Date"
	VarLink     = "Link"
	VarMinutes  = "Minutes"
)

// allVars is every variable of Vars, in the order the editor lists them.
var allVars = []string{VarCode, VarTracking, VarService, VarUnit, VarDate, VarLink, VarMinutes}

type kindInfo struct {
	title     string
	essential bool
	vars      []string
}

// requestVars are offered by every notice about a registered request.
var requestVars = []string{VarTracking, VarService, VarLink}

var kinds = map[Kind]kindInfo{
	KindOTP:            {"کد تأیید", true, []string{VarCode, VarMinutes}},
	KindOTPCounter:     {"کد تأیید در میز خدمت حضوری", true, []string{VarCode, VarMinutes}},
	KindRegistered:     {"ثبت درخواست", true, requestVars},
	KindLetterIssued:   {"صدور نامه", false, requestVars},
	KindReferred:       {"ارجاع به واحد دیگر", false, append([]string{VarUnit}, requestVars...)},
	KindDocsNeeded:     {"نیاز به مدرک", false, requestVars},
	KindDueChanged:     {"تغییر تاریخ پاسخ", false, append([]string{VarDate}, requestVars...)},
	KindExtended:       {"تمدید موعد پاسخ", false, append([]string{VarDate}, requestVars...)},
	KindAnswered:       {"پاسخ به درخواست", true, requestVars},
	KindRejected:       {"رد درخواست", true, requestVars},
	KindClosed:         {"بسته شدن پرونده", false, requestVars},
	KindSurvey:         {"نظرسنجی", false, requestVars},
	KindServiceChanged: {"تغییر خدمت درخواست", false, requestVars},
	KindReopened:       {"بازگشایی پرونده", false, requestVars},
	// To subscribers and citizens with open requests on the service; Link
	// is the changes page (or a subscriber's own unsubscribe link).
	KindCardChanged: {"تغییر شناسنامه خدمت", false, []string{VarService, VarLink}},
}

// order is the order the editor lists kinds in: a request's life.
var order = []Kind{
	KindOTP, KindOTPCounter, KindRegistered, KindReferred, KindDocsNeeded,
	KindExtended, KindDueChanged, KindServiceChanged, KindLetterIssued,
	KindAnswered, KindRejected, KindClosed, KindReopened, KindSurvey, KindCardChanged,
}

// Kinds returns every kind in editor order.
func Kinds() []Kind { return append([]Kind(nil), order...) }

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := kinds[k]; return ok }

// Title is the kind's Persian name for the editor.
func (k Kind) Title() string { return kinds[k].title }

// Essential kinds are always sent: without them a citizen cannot sign in,
// keep the tracking code, or learn the outcome.
func (k Kind) Essential() bool { return kinds[k].essential }

// Vars lists the variables a template of kind k may use.
func (k Kind) Vars() []string { return append([]string(nil), kinds[k].vars...) }

func (k Kind) offers(name string) bool {
	for _, v := range kinds[k].vars {
		if v == name {
			return true
		}
	}
	return false
}
