package web

import "mizban/internal/desk"

// option is one choice of a select or a group of boxes: the stored value
// and the Persian title pages show through t.
type option struct{ Value, Title string }

// The fixed choices of the card editor (DOMAIN §2). Nature and level are
// free text on the card; an imported value outside these lists is kept and
// offered as it is (withValue).
var (
	kindOptions = []option{
		{string(desk.KindRequest), "درخواست خدمت"}, {string(desk.KindPermit), "مجوز"},
		{string(desk.KindCertificate), "گواهی"}, {string(desk.KindComplaint), "شکایت"},
		{string(desk.KindSuggestion), "پیشنهاد"}, {string(desk.KindCriticism), "انتقاد"},
		{string(desk.KindReport), "گزارش"}, {string(desk.KindFOI), "درخواست دسترسی به اطلاعات"},
	}
	typeOptions = []option{
		{"G2C", "خدمت به شهروندان"}, {"G2B", "خدمت به کسب‌وکارها"}, {"G2G", "خدمت به دستگاه‌ها"},
	}
	natureOptions = []option{{"حاکمیتی", "حاکمیتی"}, {"تصدی‌گری", "تصدی‌گری"}}
	levelOptions  = []option{
		{"ملی", "ملی"}, {"استانی", "استانی"}, {"شهرستانی", "شهرستانی"}, {"شهری", "شهری"}, {"روستایی", "روستایی"},
	}
	fieldTypeOptions = []option{
		{string(desk.FieldText), "متن کوتاه"}, {string(desk.FieldTextarea), "متن بلند"},
		{string(desk.FieldNumber), "عدد"}, {string(desk.FieldDate), "تاریخ (روز / ماه / سال)"},
		{string(desk.FieldNationalID), "کد ملی"}, {string(desk.FieldMobile), "شماره تلفن همراه"},
		{string(desk.FieldPostalCode), "کد پستی"}, {string(desk.FieldChoice), "یک گزینه از چند گزینه"},
		{string(desk.FieldYesNo), "بله یا خیر"}, {string(desk.FieldFile), "بارگذاری پرونده"},
	}
)

// withValue returns opts with v added at the end when v is set and not
// among them, so a value from an import is shown, not silently replaced.
func withValue(opts []option, v string) []option {
	if v == "" {
		return opts
	}
	for _, o := range opts {
		if o.Value == v {
			return opts
		}
	}
	return append(append([]option(nil), opts...), option{v, v})
}
