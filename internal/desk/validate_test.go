package desk

import "testing"

func TestCleanAnswers(t *testing.T) {
	form := []FormField{
		{Key: "t", Label: "عنوان", Type: FieldText, Required: true, MaxLen: 5},
		{Key: "n", Label: "مساحت", Type: FieldNumber},
		{Key: "d", Label: "تاریخ", Type: FieldDate},
		{Key: "id", Label: "کد ملی مالک", Type: FieldNationalID},
		{Key: "m", Label: "همراه", Type: FieldMobile},
		{Key: "p", Label: "کد پستی", Type: FieldPostalCode},
		{Key: "c", Label: "کاربری", Type: FieldChoice, Choices: []string{"مسکونی", "تجاری"}},
		{Key: "y", Label: "تأیید", Type: FieldYesNo, Required: true},
		{Key: "f", Label: "فایل", Type: FieldFile, Required: true},
	}
	tests := []struct {
		name    string
		raw     map[string]string
		want    map[string]string
		errKeys []string
	}{
		{
			name: "all good, any digits and Arabic letters",
			raw: map[string]string{"t": "كوي", "n": "۱٬۲۰۰", "d": "۱۴۰۵/۹/۴", "id": "٠٠٧٦٢٢٩٦٤٥", "m": "+989121234567",
				"p": "1315783311", "c": "مسكوني", "y": "yes"},
			want: map[string]string{"t": "کوی", "n": "1200", "d": "1405/09/04", "id": "0076229645", "m": "09121234567",
				"p": "1315783311", "c": "مسکونی", "y": "yes"},
		},
		{name: "required missing", raw: map[string]string{}, errKeys: []string{"t", "y"}, want: map[string]string{}},
		{
			name:    "each type wrong",
			raw:     map[string]string{"t": "خیلی بلند است", "n": "abc", "d": "1405/13/01", "id": "1111111111", "m": "0812", "p": "123", "c": "اداری", "y": "maybe"},
			errKeys: []string{"t", "n", "d", "id", "m", "p", "c", "y"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := CleanAnswers(form, tc.raw)
			if len(errs.Keys) != len(tc.errKeys) {
				t.Fatalf("errors = %v; want keys %v", errs.Msgs, tc.errKeys)
			}
			for i, k := range tc.errKeys {
				if errs.Keys[i] != k || errs.Msgs[k] == "" {
					t.Errorf("error %d = %q; want %q with a message", i, errs.Keys[i], k)
				}
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %q; want %q", k, got[k], v)
				}
			}
			if tc.errKeys != nil && tc.want == nil {
				for k, v := range tc.raw { // typed values are kept for the form
					if got[k] == "" {
						t.Errorf("%s = %q lost", k, v)
					}
				}
			}
		})
	}
}

func TestCleanName(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		bad      bool
	}{
		{"  علي   رضايي ", "علی رضایی", false},
		{"", "", true},
		{"ab", "ab", true},
	} {
		got, msg := CleanName(tc.in)
		if got != tc.want || (msg != "") != tc.bad {
			t.Errorf("CleanName(%q) = %q, %q", tc.in, got, msg)
		}
	}
}

func FuzzCleanAnswers(f *testing.F) {
	form := []FormField{
		{Key: "n", Label: "n", Type: FieldNumber}, {Key: "d", Label: "d", Type: FieldDate},
		{Key: "id", Label: "id", Type: FieldNationalID}, {Key: "c", Label: "c", Type: FieldChoice, Choices: []string{"الف"}},
	}
	f.Add("۱۲", "1405/1/1", "0076229645", "الف")
	f.Fuzz(func(t *testing.T, n, d, id, c string) {
		got, errs := CleanAnswers(form, map[string]string{"n": n, "d": d, "id": id, "c": c})
		for _, k := range []string{"n", "d", "id", "c"} {
			if errs.Msgs[k] == "" && got[k] != "" {
				// a clean value is stable: cleaning it again changes nothing
				again, e2 := CleanAnswers(form, map[string]string{k: got[k]})
				if e2.Msgs[k] != "" || again[k] != got[k] {
					t.Fatalf("%s: %q cleaned to %q, then to %q (%q)", k, got[k], got[k], again[k], e2.Msgs[k])
				}
			}
		}
	})
}
