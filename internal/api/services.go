package api

import (
	"net/http"
	"time"

	"mizban/internal/desk"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// ServiceList is the answer of GET /services.
type ServiceList struct {
	Count    int              `json:"count"`
	Services []ServiceSummary `json:"services"`
}

// ServiceSummary is one catalog entry.
type ServiceSummary struct {
	Code         string   `json:"code"`
	Title        string   `json:"title"`
	TitleEn      string   `json:"title_en"`
	Summary      string   `json:"summary"`
	Category     string   `json:"category"`
	Audience     []string `json:"audience"`
	Kind         string   `json:"kind"`
	Online       bool     `json:"online"`
	DurationDays int      `json:"duration_days"`
	CalendarDays bool     `json:"calendar_days"`
	FeeRials     int64    `json:"fee_rials"`
	UpdatedAt    string   `json:"updated_at"`
	URL          string   `json:"url"`
}

// ServiceCard is the whole service identity card (شناسنامه خدمت). Its
// names are the API's own, so renaming a Go field never changes them.
type ServiceCard struct {
	Code                string         `json:"code"`
	ParentCode          string         `json:"parent_code"`
	Title               string         `json:"title"`
	TitleEn             string         `json:"title_en"`
	Summary             string         `json:"summary"`
	Description         string         `json:"description"`
	Kind                string         `json:"kind"`
	Type                string         `json:"type"`
	Audience            []string       `json:"audience"`
	Nature              string         `json:"nature"`
	Level               string         `json:"level"`
	Category            string         `json:"category"`
	CategoryTitle       string         `json:"category_title"`
	LifeEvents          []string       `json:"life_events"`
	Trigger             string         `json:"trigger"`
	Keywords            []string       `json:"keywords"`
	Documents           []CardDocument `json:"documents"`
	Steps               []CardStep     `json:"steps"`
	LegalBasis          []string       `json:"legal_basis"`
	DurationDays        int            `json:"duration_days"`
	CalendarDays        bool           `json:"calendar_days"`
	Visits              int            `json:"visits"`
	FeeRials            int64          `json:"fee_rials"`
	FeeNote             string         `json:"fee_note"`
	HoursPlaces         string         `json:"hours_places"`
	Channels            []CardChannel  `json:"channels"`
	Inquiries           []string       `json:"inquiries"`
	Complaints          string         `json:"complaints"`
	Unit                Unit           `json:"unit"`
	Online              bool           `json:"online"`
	Form                []CardField    `json:"form"`
	Uploads             []CardUpload   `json:"uploads"`
	RepresentationBases []string       `json:"representation_bases"`
	UpdatedAt           string         `json:"updated_at"`
	ReviewedAt          *string        `json:"reviewed_at"`
	Version             int            `json:"version"`
	URL                 string         `json:"url"`
}

// Unit is an organisational unit.
type Unit struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// CardDocument is one entry of the required-documents list.
type CardDocument struct {
	Key      string   `json:"key"`
	Name     string   `json:"name"`
	Notes    string   `json:"notes"`
	Required bool     `json:"required"`
	Upload   bool     `json:"upload"`
	Formats  []string `json:"formats"`
}

// CardStep is one step of the service with the unit responsible for it.
type CardStep struct {
	Title    string `json:"title"`
	Detail   string `json:"detail"`
	UnitCode string `json:"unit_code"`
	UnitName string `json:"unit_name"`
}

// CardChannel says through which means a stage is reached.
type CardChannel struct {
	Stage string   `json:"stage"`
	Means []string `json:"means"`
}

// CardField is one question of the application form.
type CardField struct {
	Key      string   `json:"key"`
	Label    string   `json:"label"`
	LabelEn  string   `json:"label_en"`
	Type     string   `json:"type"`
	Required bool     `json:"required"`
	Help     string   `json:"help"`
	Choices  []string `json:"choices"`
	MaxLen   int      `json:"max_len"`
	Min      *int64   `json:"min"`
	Max      *int64   `json:"max"`
}

// CardUpload is a document key accepted in POST /applications.
type CardUpload struct {
	Key          string   `json:"key"`
	Name         string   `json:"name"`
	Required     bool     `json:"required"`
	Formats      []string `json:"formats"`
	ForOtherOnly bool     `json:"for_other_only"`
	MaxSizeBytes int64    `json:"max_size_bytes"`
}

func (a *API) listServices(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	list, err := a.store.Services(r.Context(), store.ServiceFilter{
		Query: q.Get("q"), Category: q.Get("category"), Audience: q.Get("audience"),
	})
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	out := ServiceList{Count: len(list), Services: make([]ServiceSummary, 0, len(list))}
	for _, s := range list {
		out.Services = append(out.Services, ServiceSummary{
			Code: s.Code, Title: s.Title, TitleEn: s.TitleEn, Summary: s.Summary, Category: s.Category,
			Audience: nonNil(s.Audience), Kind: string(s.Kind), Online: s.Online,
			DurationDays: s.DurationDays, CalendarDays: s.CalendarDays, FeeRials: s.FeeRials,
			UpdatedAt: rfc3339(s.UpdatedAt), URL: a.serviceURL(s.Code),
		})
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) getService(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s, err := a.store.Service(ctx, r.PathValue("code"))
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	units, err := a.unitNames(r)
	if err != nil {
		WriteError(w, r, a.log, err, nil)
		return
	}
	writeJSON(w, http.StatusOK, a.card(s, units))
}

func (a *API) card(s desk.Service, units map[string]string) ServiceCard {
	c := ServiceCard{
		Code: s.Code, ParentCode: s.ParentCode, Title: s.Title, TitleEn: s.TitleEn, Summary: s.Summary,
		Description: s.Description, Kind: string(s.Kind), Type: s.Type, Audience: nonNil(s.Audience),
		Nature: s.Nature, Level: s.Level, Category: s.Category,
		CategoryTitle: desk.CategoryTitle(desk.Categories, s.Category),
		LifeEvents:    nonNil(s.LifeEvents), Trigger: s.Trigger, Keywords: nonNil(s.Keywords),
		Documents: []CardDocument{}, Steps: []CardStep{}, LegalBasis: nonNil(s.LegalBasis),
		DurationDays: s.DurationDays, CalendarDays: s.CalendarDays, Visits: s.Visits, FeeRials: s.FeeRials,
		FeeNote: s.FeeNote, HoursPlaces: s.HoursPlaces, Channels: []CardChannel{},
		Inquiries: nonNil(s.Inquiries), Complaints: s.Complaints,
		Unit:   Unit{Code: s.UnitCode, Name: unitName(units, s.UnitCode)},
		Online: s.Online, Form: []CardField{}, Uploads: []CardUpload{},
		RepresentationBases: workflow.RepBases,
		UpdatedAt:           rfc3339(s.UpdatedAt), Version: s.Version, URL: a.serviceURL(s.Code),
	}
	if !s.ReviewedAt.IsZero() {
		t := rfc3339(s.ReviewedAt)
		c.ReviewedAt = &t
	}
	for _, d := range s.Documents {
		c.Documents = append(c.Documents, CardDocument{Key: d.Key, Name: d.Name, Notes: d.Notes,
			Required: d.Required, Upload: d.Upload, Formats: nonNil(d.Formats)})
	}
	for _, st := range s.Steps {
		c.Steps = append(c.Steps, CardStep{Title: st.Title, Detail: st.Detail, UnitCode: st.UnitCode,
			UnitName: unitName(units, st.UnitCode)})
	}
	for _, ch := range s.Channels {
		c.Channels = append(c.Channels, CardChannel{Stage: ch.Stage, Means: nonNil(ch.Means)})
	}
	for _, f := range s.Form {
		c.Form = append(c.Form, CardField{Key: f.Key, Label: f.Label, LabelEn: f.LabelEn, Type: string(f.Type),
			Required: f.Required, Help: f.Help, Choices: nonNil(f.Choices), MaxLen: f.MaxLen, Min: f.Min, Max: f.Max})
	}
	if s.Online {
		self := map[string]bool{}
		for _, slot := range workflow.UploadSlots(s, workflow.Application{}) {
			self[slot.Key] = true
		}
		for _, slot := range workflow.UploadSlots(s, workflow.Application{ForOther: true}) {
			c.Uploads = append(c.Uploads, CardUpload{Key: slot.Key, Name: slot.Name, Required: slot.Required,
				Formats: acceptedFormats(slot.Formats), ForOtherOnly: !self[slot.Key], MaxSizeBytes: a.flow.Opt.MaxUpload})
		}
	}
	return c
}

// acceptedFormats is what the workflow accepts when a slot names none.
func acceptedFormats(f []string) []string {
	if len(f) == 0 {
		return []string{"pdf", "jpeg", "png"}
	}
	return f
}

func (a *API) unitNames(r *http.Request) (map[string]string, error) {
	units, err := a.store.Units(r.Context())
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(units))
	for _, u := range units {
		m[u.Code] = u.Name
	}
	return m, nil
}

// unitName falls back to the code for a unit missing from the chart.
func unitName(units map[string]string, code string) string {
	if n, ok := units[code]; ok {
		return n
	}
	return code
}

func (a *API) serviceURL(code string) string { return a.baseURL + "/services/" + code }

// nonNil keeps arrays arrays in JSON: clients need not tell null from [].
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }
