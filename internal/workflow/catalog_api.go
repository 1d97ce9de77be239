package workflow

import (
	"time"

	"mizban/internal/catalog"
	"mizban/internal/desk"
)

// Draft states of a catalog card.
const (
	DraftEditing   = "editing"   // being edited
	DraftReview    = "review"    // sent for review
	DraftScheduled = "scheduled" // approved, waits for its effective date
)

// CatalogDraft is the one open draft of a service (a new service's draft has New set).
type CatalogDraft struct {
	Code        string
	New         bool // no published version yet
	BaseVersion int  // published version the draft started from; 0 for a new service
	Revision    int  // 0: not stored yet (fresh copy of the published card); bumps on every save
	State       string
	Card        desk.Service
	EffectiveAt time.Time // zero: on approval
	UpdatedBy   string    // staff label
	UpdatedAt   time.Time
	SubmittedBy string // who sent it for review
	ReviewNote  string // the reviewer's note when sent back
	Changes     []catalog.Change
	Stale       bool // the published version moved on since BaseVersion
}

// DraftInput is one save of the editor's page.
type DraftInput struct {
	Code        string // the service's code; for a new service the code being created
	New         bool
	Revision    int          // the Revision the editor's page was built from (0 for a fresh copy)
	Card        desk.Service // the whole edited card (Code must equal Code)
	EffectiveAt time.Time    // zero: on approval
	Client      string       // Flow.ClientKey of the address
}

// Published is what an approval did.
type Published struct {
	Version     int // 0 while scheduled
	Scheduled   bool
	EffectiveAt time.Time
	Notified    int // SMS enqueued for a material change
}

// StaleService is a card not reviewed for Options.ReviewAfter.
type StaleService struct {
	Code, Title, UnitCode string
	ReviewedAt            time.Time // last publish or review
	Days                  int       // since ReviewedAt
}

// VersionSummary is one published version in a service's public history.
type VersionSummary struct {
	Version     int
	PublishedAt time.Time
	PublishedBy string
	Changes     []catalog.Change
	Material    bool
}

// Announcement is one entry of the announcements page (اطلاعیه‌ها).
type Announcement struct {
	ID           int64
	ServiceCode  string // "" agency-wide
	ServiceTitle string
	Version      int    // the version it announces; 0 for a hand-written one
	Title, Body  string // Body plain text, paragraphs by blank lines
	At           time.Time
}

// AnnouncementInput is a hand-written announcement.
type AnnouncementInput struct{ ServiceCode, Title, Body, Client string }

// SubscribeStart is a pending subscription waiting for its one-time code.
type SubscribeStart struct {
	ID           string // opaque id of the pending subscription (for the code page URL)
	MaskedMobile string // 0912***4567 style
}

// CatalogImport counts what an import did.
type CatalogImport struct{ Created, Updated, Unchanged int }
