package i18n

import (
	"fmt"
	"regexp"
	"strings"

	"mizban/internal/fa"
)

// enPatterns translate Persian messages built with values in them (a form
// field's label, a count). Each Persian side is matched whole, %s standing
// for one value; the values are carried over with ASCII digits.
var enPatterns = compilePatterns([][2]string{
	{"«%s» را وارد کنید.", "Enter «%s»."},
	{"«%s» را انتخاب کنید.", "Choose «%s»."},
	{"«%s» را بارگذاری کنید.", "Upload «%s»."},
	{"«%s» باید حداکثر %s نویسه باشد.", "«%s» must be %s characters or fewer."},
	{"«%s» باید عدد باشد؛ مثلاً ۱۲۰.", "«%s» must be a number, like 120."},
	{"«%s» نمی‌تواند منفی باشد.", "«%s» cannot be negative."},
	{"تاریخ «%s» درست نیست؛ روز، ماه و سال را به شمسی وارد کنید.", "The date «%s» is not valid; enter the day, month and year of the Solar Hijri calendar."},
	{"برای «%s» یکی از گزینه‌ها را انتخاب کنید.", "Choose one of the options for «%s»."},
	{"برای «%s» «بله» یا «خیر» را انتخاب کنید.", "Choose yes or no for «%s»."},
	{"حجم فایل «%s» بیش از %s مگابایت است؛ فایل کوچک‌تری بارگذاری کنید.", "The file for «%s» is larger than %s MB; upload a smaller file."},
	{"نوع فایل «%s» پذیرفته نیست؛ فایل %s بارگذاری کنید.", "The file type for «%s» is not accepted; upload a %s file."},
	{"کد قبلی همین الان فرستاده شد؛ لطفاً %s ثانیه دیگر دوباره درخواست کنید.", "A code was sent a moment ago; please ask again in %s seconds."},
	{"کد تأیید نادرست است؛ %s بار دیگر می‌توانید تلاش کنید.", "The code is wrong; you can try %s more times."},
	{"این کار در وضعیت «%s» ممکن نیست.", "This cannot be done while the request is «%s»."},
	{"%s نویسه، %s پیامک (هر پیامک %s نویسه)", "%s characters, %s SMS (%s characters each)"},
	{"%s نویسه، %s پیامک", "%s characters, %s SMS"},
	// The notice package's template checks.
	{"متغیر {{%s}} شناخته نیست؛ متغیرهای مجاز: %s.", "The variable {{%s}} is not known; the allowed variables are: %s."},
	{"تابع «%s» در پیامک مجاز نیست؛ تابع‌های مجاز: short، fa و latin.", "The function «%s» is not allowed in an SMS; the allowed functions are short, fa and latin."},
	{"نوع پیامک «%s» شناخته نیست.", "The SMS kind «%s» is not known."},
	{"متغیر {{.%s}} در پیامک «%s» مقدار ندارد؛ متغیرهای این پیامک: %s.", "The variable {{.%s}} has no value in the «%s» SMS; the variables of this SMS are: %s."},
	{"مقدار متغیر {{.%s}} برای پیامک «%s» داده نشده است.", "No value was given for the variable {{.%s}} of the «%s» SMS."},
	{"پیامک «%s» ضروری است و خاموش نمی‌شود.", "The «%s» SMS is essential and cannot be switched off."},
	{"موعد پاسخ تا %s تمدید شد. دلیل: %s", "The answer date was extended to %s. Reason: %s."},
	{"تاریخ پاسخ به %s تغییر کرد؛ تقویم کاری اداره تغییر کرده است.", "The answer date changed to %s; the office's working calendar changed."},
	{"درخواست در میز خدمت حضوری ثبت شد؛ اصل این مدارک در میز خدمت دیده شد: %s.", "The request was registered at the service counter; the originals of these documents were seen at the counter: %s."},
	{"درخواست از روی نامه کتبی متقاضی در میز خدمت حضوری ثبت شد؛ اصل این مدارک در میز خدمت دیده شد: %s.", "The request was registered at the service counter from the applicant's written letter; the originals of these documents were seen at the counter: %s."},
	{"درخواست با تماس تلفنی در میز خدمت حضوری ثبت شد؛ اصل این مدارک در میز خدمت دیده شد: %s.", "The request was registered at the service counter from a phone call; the originals of these documents were seen at the counter: %s."},
	// Service cards (internal/catalog): validation.
	{"این متن باید حداکثر %s نویسه باشد؛ آن را کوتاه‌تر کنید.", "This text must be %s characters or fewer; shorten it."},
	{"نوع درخواست «%s» شناخته نیست؛ یکی از request، permit، certificate، complaint، suggestion، criticism، report یا foi را بنویسید.", "The request kind «%s» is not known; write one of request, permit, certificate, complaint, suggestion, criticism, report or foi."},
	{"نوع خدمت «%s» شناخته نیست؛ یکی از G2C، G2B یا G2G را انتخاب کنید.", "The service type «%s» is not known; choose G2C, G2B or G2G."},
	{"دستهٔ «%s» شناخته نیست؛ یکی از دسته‌های فهرست را انتخاب کنید.", "The category «%s» is not known; choose one of the listed categories."},
	{"خدمت‌گیرندهٔ «%s» شناخته نیست؛ از فهرست خدمت‌گیرندگان انتخاب کنید.", "The audience «%s» is not known; choose from the list of audiences."},
	{"واحد «%s» در فهرست واحدهای اداره نیست؛ یکی از واحدها را انتخاب کنید.", "The unit «%s» is not among the agency's units; choose one of the units."},
	{"ردهٔ نگهداری «%s» شناخته نیست؛ یکی از رده‌های فهرست را انتخاب کنید.", "The retention class «%s» is not known; choose one of the listed classes."},
	{"مرحلهٔ %s عنوان ندارد؛ بنویسید در این مرحله چه کاری انجام می‌شود.", "Step %s has no title; write what is done in this step."},
	{"عنوان مرحلهٔ %s بیش از اندازه بلند است؛ توضیح را در بخش جزئیات بنویسید.", "The title of step %s is too long; put the explanation in the details."},
	{"برای مرحلهٔ %s واحد مسئول را انتخاب کنید.", "Choose the unit responsible for step %s."},
	{"واحد مرحلهٔ %s («%s») در فهرست واحدهای اداره نیست؛ یکی از واحدها را انتخاب کنید.", "The unit of step %s («%s») is not among the agency's units; choose one of the units."},
	{"توضیح مرحلهٔ %s بیش از اندازه بلند است؛ آن را کوتاه‌تر کنید.", "The details of step %s are too long; shorten them."},
	{"مدرک %s نام ندارد؛ نام مدرک را همان‌طور که مردم می‌شناسند بنویسید.", "Document %s has no name; write the name people know it by."},
	{"نام مدرک %s بیش از اندازه بلند است؛ توضیح را در بخش توضیحات بنویسید.", "The name of document %s is too long; put the explanation in the note."},
	{"مدرک %s شناسه فنی ندارد؛ یک شناسه کوتاه با حروف کوچک لاتین مانند id_card بنویسید.", "Document %s has no technical ID; write a short ID in lower-case Latin letters, such as id_card."},
	{"شناسه فنی مدرک %s باید با حرف کوچک لاتین شروع شود و فقط حرف کوچک لاتین، رقم و _ داشته باشد.", "The technical ID of document %s must start with a lower-case Latin letter and have only lower-case Latin letters, digits and _."},
	{"شناسه فنی مدرک %s با شناسه فنی مدرک %s یکی است؛ شناسه دیگری بنویسید.", "The technical ID of document %s is the same as that of document %s; write another ID."},
	{"توضیح مدرک %s بیش از اندازه بلند است؛ آن را کوتاه‌تر کنید.", "The note on document %s is too long; shorten it."},
	{"قالب «%s» برای مدرک %s پذیرفته نیست؛ از pdf، jpeg، png، webp یا tiff انتخاب کنید.", "The format «%s» is not accepted for document %s; choose from pdf, jpeg, png, webp or tiff."},
	{"پرسش %s فرم برچسب ندارد؛ بنویسید از متقاضی چه پرسیده می‌شود.", "Question %s of the form has no label; write what the applicant is asked."},
	{"برچسب پرسش %s بیش از اندازه بلند است؛ توضیح را در راهنمای پرسش بنویسید.", "The label of question %s is too long; put the explanation in the question's help."},
	{"پرسش %s فرم شناسه فنی ندارد؛ یک شناسه کوتاه با حروف کوچک لاتین مانند area بنویسید.", "Question %s of the form has no technical ID; write a short ID in lower-case Latin letters, such as area."},
	{"شناسه فنی پرسش %s باید با حرف کوچک لاتین شروع شود و فقط حرف کوچک لاتین، رقم و _ داشته باشد.", "The technical ID of question %s must start with a lower-case Latin letter and have only lower-case Latin letters, digits and _."},
	{"شناسه فنی پرسش %s با شناسه فنی پرسش %s یکی است؛ شناسه دیگری بنویسید.", "The technical ID of question %s is the same as that of question %s; write another ID."},
	{"نوع پاسخ پرسش %s را انتخاب کنید.", "Choose the answer type of question %s."},
	{"نوع پاسخ «%s» برای پرسش %s شناخته نیست؛ یکی از نوع‌های فهرست را انتخاب کنید.", "The answer type «%s» of question %s is not known; choose one of the listed types."},
	{"بیشترین طول پاسخ پرسش %s نمی‌تواند منفی باشد؛ برای بی‌حد، خالی بگذارید.", "The longest answer to question %s cannot be negative; leave it empty for no limit."},
	{"راهنمای پرسش %s بیش از اندازه بلند است؛ آن را کوتاه‌تر کنید.", "The help of question %s is too long; shorten it."},
	{"گزینهٔ «%s» در پرسش %s تکرار شده است؛ هر گزینه را یک بار بنویسید.", "The choice «%s» is repeated in question %s; write each choice once."},
	{"پرسش %s از نوع چندگزینه‌ای است؛ دست‌کم دو گزینه بنویسید، هر گزینه در یک سطر.", "Question %s is a multiple choice; write at least two choices, one per line."},
	{"مرحلهٔ دسترسی «%s» شناخته نیست؛ یکی از information، request، production یا delivery را بنویسید.", "The access stage «%s» is not known; write one of information, request, production or delivery."},
	{"راه‌های دسترسی مرحلهٔ «%s» دو بار آمده است؛ آن‌ها را یک جا بنویسید.", "The ways to reach «%s» appear twice; write them in one place."},
	{"راه دسترسی «%s» شناخته نیست؛ یکی از web، mobile، sms، counter_office یا in_person را بنویسید.", "The access means «%s» is not known; write one of web, mobile, sms, counter_office or in_person."},
	// Service cards: the change history.
	{"واحد مسئول خدمت از «%s» به «%s» تغییر کرد.", "The unit responsible for the service changed from «%s» to «%s»."},
	{"مدرک «%s» دیگر لازم نیست.", "The document «%s» is no longer needed."},
	{"نام مدرک «%s» به «%s» تغییر کرد.", "The document «%s» is now called «%s»."},
	{"مدرک «%s» الزامی شد.", "The document «%s» is now required."},
	{"مدرک «%s» اختیاری شد.", "The document «%s» is now optional."},
	{"برای مدرک «%s» این توضیح اضافه شد: «%s».", "A note was added to the document «%s»: «%s»."},
	{"توضیح مدرک «%s» برداشته شد.", "The note on the document «%s» was removed."},
	{"توضیح مدرک «%s» تغییر کرد؛ اکنون: «%s».", "The note on the document «%s» changed; it now says: «%s»."},
	{"مدرک «%s» را باید در درخواست اینترنتی بارگذاری کنید.", "The document «%s» must now be uploaded with an online application."},
	{"مدرک «%s» دیگر بارگذاری نمی‌شود؛ اصل آن را همراه داشته باشید.", "The document «%s» is no longer uploaded; bring the original with you."},
	{"قالب‌های پذیرفته برای مدرک «%s» اکنون %s است.", "The document «%s» is now accepted as %s."},
	{"مدرک «%s» به مدارک لازم اضافه شد.", "The document «%s» was added to the documents you need."},
	{"مدرک «%s» به‌عنوان مدرک اختیاری اضافه شد.", "The document «%s» was added as an optional document."},
	{"این خدمت رایگان شد؛ هزینهٔ پیشین %s ریال بود.", "This service is now free; it used to cost %s rials."},
	{"این خدمت از این پس %s ریال هزینه دارد؛ پیش از این رایگان بود.", "This service now costs %s rials; it used to be free."},
	{"هزینه از %s ریال به %s ریال تغییر کرد.", "The fee changed from %s rials to %s rials."},
	{"مدت انجام کار از %s روز کاری به %s روز کاری تغییر کرد.", "The time to complete changed from %s working days to %s working days."},
	{"مدت انجام کار از %s روز کاری به %s روز تقویمی تغییر کرد.", "The time to complete changed from %s working days to %s calendar days."},
	{"مدت انجام کار از %s روز تقویمی به %s روز کاری تغییر کرد.", "The time to complete changed from %s calendar days to %s working days."},
	{"مدت انجام کار از %s روز تقویمی به %s روز تقویمی تغییر کرد.", "The time to complete changed from %s calendar days to %s calendar days."},
	{"دیگر نیازی به مراجعهٔ حضوری نیست؛ پیش از این %s بار لازم بود.", "You no longer need to come in person; before, %s visits were needed."},
	{"این خدمت از این پس %s بار مراجعهٔ حضوری لازم دارد؛ پیش از این لازم نبود.", "This service now needs %s visits in person; before, none was needed."},
	{"تعداد مراجعهٔ حضوری از %s بار به %s بار تغییر کرد.", "The number of visits in person changed from %s to %s."},
	{"عنوان مرحلهٔ %s از «%s» به «%s» تغییر کرد.", "Step %s was renamed from «%s» to «%s»."},
	{"مرحلهٔ «%s» از مراحل انجام کار حذف شد.", "The step «%s» was removed."},
	{"مسئول مرحلهٔ «%s» از «%s» به «%s» تغییر کرد.", "The unit responsible for the step «%s» changed from «%s» to «%s»."},
	{"توضیح مرحلهٔ «%s» به‌روز شد.", "The details of the step «%s» were updated."},
	{"مرحلهٔ «%s» به‌عنوان مرحلهٔ %s به مراحل انجام کار اضافه شد.", "The step «%s» was added as step %s."},
	{"عنوان خدمت از «%s» به «%s» تغییر کرد.", "The service's title changed from «%s» to «%s»."},
	{"برای «%s» دیگر راه دسترسی‌ای ثبت نشده است.", "No way to reach «%s» is listed any more."},
	{"راه‌های دسترسی برای «%s» تغییر کرد؛ اکنون: %s.", "The ways to reach «%s» changed; now: %s."},
	{"پرسش «%s» از فرم درخواست حذف شد.", "The question «%s» was removed from the application form."},
	{"پرسش «%s» در فرم درخواست «%s» نام گرفت.", "The question «%s» on the application form is now «%s»."},
	{"پاسخ به پرسش «%s» الزامی شد.", "An answer to the question «%s» is now required."},
	{"پاسخ به پرسش «%s» اختیاری شد.", "An answer to the question «%s» is now optional."},
	{"نوع پاسخ پرسش «%s» تغییر کرد.", "The answer type of the question «%s» changed."},
	{"گزینه‌های پرسش «%s» تغییر کرد.", "The choices of the question «%s» changed."},
	{"راهنمای پرسش «%s» به‌روز شد.", "The help of the question «%s» was updated."},
	{"تنظیمات پرسش «%s» به‌روز شد.", "The settings of the question «%s» were updated."},
	{"پرسش «%s» به فرم درخواست اضافه شد.", "The question «%s» was added to the application form."},
	{"مبنای قانونی «%s» حذف شد.", "The legal basis «%s» was removed."},
	{"مبنای قانونی «%s» اضافه شد.", "The legal basis «%s» was added."},
	{"نوع درخواست این خدمت از «%s» به «%s» تغییر کرد.", "The kind of request of this service changed from «%s» to «%s»."},
	{"نوع خدمت از «%s» به «%s» تغییر کرد.", "The service type changed from «%s» to «%s»."},
	{"دستهٔ خدمت از «%s» به «%s» تغییر کرد.", "The service's category changed from «%s» to «%s»."},
	{"خدمت‌گیرندگان این خدمت تغییر کرد؛ اکنون: %s.", "The service's audience changed; now: %s."},
	{"این خدمت اکنون زیرخدمتِ خدمت با شناسهٔ %s است.", "This service is now a sub-service of the service with the code %s."},
	{"ردهٔ نگهداری پرونده‌های این خدمت از «%s» به «%s» تغییر کرد.", "The retention class of this service's files changed from «%s» to «%s»."},
	// Service cards: import and export.
	{"شناسهٔ خدمت %s در این فایل تکرار شده است (بار نخست در ردیف %s)؛ هر خدمت را یک بار بیاورید.", "The service code %s is repeated in this file (first on row %s); list each service once."},
	{"فایل JSON از نویسهٔ %s به بعد خراب است؛ ویرگول‌ها، گیومه‌ها و کروشه‌ها را بررسی کنید.", "The JSON file is broken from character %s on; check the commas, quotes and brackets."},
	{"فیلد «%s» شناخته نیست؛ نام درست آن را در راهنمای قالب ورود ببینید یا آن را حذف کنید.", "The field «%s» is not known; look up its right name in the import format guide or delete it."},
	{"مقدار «%s» باید متن باشد؛ آن را میان دو گیومهٔ انگلیسی (\") بنویسید.", "The value of «%s» must be text; put it between double quotes (\")."},
	{"مقدار «%s» باید عدد صحیح و بدون گیومه باشد، مانند 4500000.", "The value of «%s» must be a whole number without quotes, like 4500000."},
	{"مقدار «%s» باید true یا false باشد.", "The value of «%s» must be true or false."},
	{"مقدار «%s» باید فهرست باشد، میان [ و ].", "The value of «%s» must be a list, between [ and ]."},
	{"مقدار «%s» باید زمان به قالب RFC 3339 باشد، مانند 2025-03-21T08:00:00Z.", "The value of «%s» must be a time in RFC 3339 form, like 2025-03-21T08:00:00Z."},
	{"مقدار «%s» باید شیء باشد، میان { و }.", "The value of «%s» must be an object, between { and }."},
	{"ستون «%s» شناخته نیست؛ نام ستون‌ها را از راهنمای قالب ورود بردارید یا این ستون را حذف کنید.", "The column «%s» is not known; take the column names from the import format guide or delete this column."},
	{"ستون «%s» دو بار آمده است؛ یکی را حذف کنید.", "The column «%s» appears twice; delete one."},
	{"این سطر %s ستون دارد ولی سطر سرستون‌ها %s ستون؛ ویرگول‌های اضافه یا جاافتاده را درست کنید.", "This line has %s columns but the header row has %s; correct the extra or missing commas."},
	{"سطر %s این ستون باید به شکل «request: web, in_person» باشد: نام مرحله، دونقطه، سپس راه‌ها با ویرگول.", "Line %s of this column must look like «request: web, in_person»: the stage, a colon, then the means separated by commas."},
	// Catalog workflow (issue 5).
	{"%s این پیش‌نویس را در این فاصله تغییر داده است (%s). متن شما از دست نرفته است: نسخهٔ تازه را در برگهٔ دیگری باز کنید، تغییرات خود را به آن بیفزایید و دوباره ذخیره کنید.", "%s changed this draft meanwhile (%s). Your text is not lost: open the new version in another tab, add your changes to it and save again."},
	{"شناسهٔ %s پیش‌تر به خدمت «%s» داده شده است؛ شناسهٔ دیگری بنویسید.", "The code %s is already used by the service «%s»; write another code."},
	{"پیش‌نویس خدمت دیگری با شناسهٔ %s در دست ویرایش است؛ شناسهٔ دیگری بنویسید.", "Another service's draft with the code %s is being edited; write another code."},
	{"شناسهٔ %s در این فاصله به خدمت «%s» داده شده است؛ شناسهٔ دیگری بنویسید.", "The code %s was given to the service «%s» meanwhile; write another code."},
	{"خدمت مادری با شناسهٔ %s منتشر نشده است؛ شناسهٔ خدمت مادر را درست کنید یا خالی بگذارید.", "No parent service with the code %s is published; correct the parent's code or leave it empty."},
	{"خدمت مادر با شناسهٔ %s نه در این فایل هست و نه در فهرست خدمات؛ شناسهٔ خدمت مادر را درست کنید یا خالی بگذارید.", "The parent service %s is neither in this file nor in the catalog; correct the parent's code or leave it empty."},
	{"شناسهٔ %s در ردیف %s هم آمده است؛ هر خدمت را یک بار بیاورید.", "The code %s also appears on row %s; list each service once."},
	{"عنوان اطلاعیه بیش از %s نویسه است؛ آن را کوتاه‌تر کنید.", "The announcement's title is longer than %s characters; shorten it."},
	{"متن اطلاعیه بیش از %s نویسه است؛ آن را کوتاه‌تر کنید.", "The announcement's text is longer than %s characters; shorten it."},
	{"تغییر در خدمت «%s»", "Change to the service «%s»"},
	{"خدمت تازه: «%s»", "New service: «%s»"},
})

type pattern struct {
	re *regexp.Regexp
	en string
}

func compilePatterns(pairs [][2]string) []pattern {
	out := make([]pattern, len(pairs))
	for i, p := range pairs {
		parts := strings.Split(p[0], "%s")
		for j := range parts {
			parts[j] = regexp.QuoteMeta(parts[j])
		}
		out[i] = pattern{regexp.MustCompile("^" + strings.Join(parts, "(.+?)") + "$"), p[1]}
	}
	return out
}

// enValue writes a carried-over value's Persian list comma and thousands
// separator the English way (۱٬۵۰۰ → 1,500).
var enValue = strings.NewReplacer("، ", ", ", "٬", ",")

// matchPattern translates msg by the first pattern it matches whole.
func matchPattern(msg string) (string, bool) {
	for _, p := range enPatterns {
		m := p.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, v := range m[1:] {
			args[i] = enValue.Replace(fa.ASCIIDigits(v))
		}
		return fmt.Sprintf(p.en, args...), true
	}
	return "", false
}
