package letters

import (
	"maps"
	"strings"
	"testing"

	"mizban/internal/desk"
)

func validSecretariat() Secretariat {
	return Secretariat{Code: "1", Name: "دبیرخانه مرکزی", IncomingFormat: "{year}/{seq}/و",
		OutgoingFormat: "{year}/{seq}/ص", InternalFormat: "{year}/{seq}/د", Active: true}
}

func TestSecretariatClean(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Secretariat)
		fields map[string]string // nil: valid
	}{
		{"defaults", func(*Secretariat) {}, nil},
		{"Persian code and digits fold", func(s *Secretariat) { s.Code = " مرکزي۲ " }, nil},
		{"no code", func(s *Secretariat) { s.Code = "" }, map[string]string{"code": msgCode}},
		{"code with a space", func(s *Secretariat) { s.Code = "د ف" }, map[string]string{"code": msgCode}},
		{"code with a slash", func(s *Secretariat) { s.Code = "1/2" }, map[string]string{"code": msgCode}},
		{"code too long", func(s *Secretariat) { s.Code = "abcdefghijk" }, map[string]string{"code": msgCode}},
		{"no name", func(s *Secretariat) { s.Name = "  " }, map[string]string{"name": msgName}},
		{"name too long", func(s *Secretariat) { s.Name = strings.Repeat("د", 101) }, map[string]string{"name": msgNameLong}},
		{"bad incoming format", func(s *Secretariat) { s.IncomingFormat = "{seq}" }, map[string]string{"incoming_format": msgFormatNoYear}},
		{"bad outgoing and internal", func(s *Secretariat) { s.OutgoingFormat = ""; s.InternalFormat = "{year}" },
			map[string]string{"outgoing_format": msgFormatEmpty, "internal_format": msgFormatNoSeq}},
		{"code makes numbers too long", func(s *Secretariat) { s.Code = "abcdefghij"; s.OutgoingFormat = "{code}/{year}/{seq}/ص" },
			map[string]string{"outgoing_format": msgFormatTooLong}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := validSecretariat()
			tc.change(&s)
			err := s.Clean()
			if tc.fields == nil {
				if err != nil {
					t.Fatalf("Clean: %v", err)
				}
				return
			}
			if desk.ErrorCode(err) != desk.EINVALID {
				t.Fatalf("Clean = %v, want EINVALID", err)
			}
			if got := desk.ErrorFields(err); !maps.Equal(got, tc.fields) {
				t.Errorf("fields %v, want %v", got, tc.fields)
			}
		})
	}
}

func TestSecretariatCleanCanonical(t *testing.T) {
	s := validSecretariat()
	s.Code, s.Name, s.IncomingFormat = "۱۲", " دبيرخانه ", " {year}/{seq:۴}/و "
	if err := s.Clean(); err != nil {
		t.Fatal(err)
	}
	if s.Code != "12" || s.Name != "دبیرخانه" || s.IncomingFormat != "{year}/{seq:4}/و" {
		t.Errorf("cleaned to %+v", s)
	}
	f, err := s.Format(Incoming)
	if err != nil || f.Number(1404, 3, s.Code) != "1404/0003/و" {
		t.Errorf("incoming format %v, %v", f, err)
	}
	if _, err := s.Format("sideways"); desk.ErrorMessage(err) != msgDirection {
		t.Errorf("unknown direction: %v", err)
	}
}

func TestLetterClean(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Letter)
		fields map[string]string
	}{
		{"valid", func(*Letter) {}, nil},
		{"GUID SHAMS id", func(l *Letter) { l.ShamsID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301" }, nil},
		{"every direction", func(l *Letter) { l.Direction = Internal }, nil},
		{"no secretariat", func(l *Letter) { l.Secretariat = " " }, map[string]string{"secretariat": msgSecretariat}},
		{"bad direction", func(l *Letter) { l.Direction = "sideways" }, map[string]string{"direction": msgDirection}},
		{"no subject", func(l *Letter) { l.Subject = "\t" }, map[string]string{"subject": msgSubject}},
		{"long subject", func(l *Letter) { l.Subject = strings.Repeat("م", 301) }, map[string]string{"subject": msgSubjectLong}},
		{"bad classification", func(l *Letter) { l.Classification = "secret" }, map[string]string{"classification": msgClass}},
		{"bad priority", func(l *Letter) { l.Priority = "later" }, map[string]string{"priority": msgPriority}},
		{"SHAMS id with Persian", func(l *Letter) { l.ShamsID = "شمس-۱" }, map[string]string{"shams_id": msgShams}},
		{"SHAMS id too long", func(l *Letter) { l.ShamsID = strings.Repeat("a", 65) }, map[string]string{"shams_id": msgShams}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := Letter{Secretariat: "1", Direction: Incoming, Subject: "درخواست پروانه"}
			tc.change(&l)
			err := l.Clean()
			if tc.fields == nil {
				if err != nil {
					t.Fatalf("Clean: %v", err)
				}
				if l.Classification != Unclassified || l.Priority != Routine {
					t.Errorf("defaults not set: %q %q", l.Classification, l.Priority)
				}
				return
			}
			if got := desk.ErrorFields(err); desk.ErrorCode(err) != desk.EINVALID || !maps.Equal(got, tc.fields) {
				t.Errorf("Clean = %v, fields %v; want %v", err, got, tc.fields)
			}
		})
	}
}

func TestTitles(t *testing.T) {
	for _, d := range Directions {
		if !d.Valid() || DirectionTitle[d] == "" {
			t.Errorf("direction %q has no title", d)
		}
	}
	if len(Directions) != len(DirectionTitle) {
		t.Error("Directions and DirectionTitle differ")
	}
}

func TestCleanNumber(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1404/17/و", "1404/17/و"},
		{" ۱۴۰۴/۱۷/و ", "1404/17/و"},
		{"\u200f1404/17/و\u200e", "1404/17/و"},
		{"\u20681404/17/و\u2069", "1404/17/و"},
		{"\u202b1404/17/ك\u202c", "1404/17/ک"},
	}
	for _, tc := range tests {
		if got := CleanNumber(tc.in); got != tc.want {
			t.Errorf("CleanNumber(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
