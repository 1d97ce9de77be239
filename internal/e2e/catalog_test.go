package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mizban/internal/fa"
)

// TestCatalogChangeReachesSubscriber follows Article 8 end to end: a
// citizen subscribes to a service's changes (confirmed by one-time code);
// the catalog editor adds a required document and sends the card for
// review; the system administrator approves it; the service page and its
// change history show the new document, and the demo inbox holds exactly
// one change notice for the subscriber.
func TestCatalogChangeReachesSubscriber(t *testing.T) {
	_, base := startApp(t)
	const (
		code    = "17051310002" // تمدید اعتبار پروانه ساختمانی: two documents
		mobile  = "09127778899"
		docName = "گواهی پرداخت عوارض نوسازی"
	)
	editor := &staffLogin{Username: "n.amiri", Password: "Nasim-Parvaz-6417", Name: "نرگس امیری"}
	admin := &staffLogin{Username: "p.rezaei", Password: "Alborz-Mehtab-9036", Name: "پریسا رضایی"}

	// The citizen subscribes from the service page, typing Persian digits.
	c := newBrowser(t, base)
	c.open("/services/" + code)
	rendered(t, c, "#i-sub-mobile", "service page")
	c.type_("#i-sub-mobile", fa.PersianDigits(mobile))
	if st := c.load("ask for a subscription code", chromedp.Click(chromedp.CSS(`form[action$="/subscribe"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("subscribe: status %d: %s", st, c.text("main"))
	}
	rendered(t, c, `form[action^="/subscribe/"] #i-code`, "subscription code page")
	c.type_("#i-code", fa.PersianDigits(newestOTP(c)))
	if st := c.load("confirm the subscription", chromedp.Click(chromedp.CSS(`form[action^="/subscribe/"] button[type=submit]`))); st != http.StatusOK {
		t.Fatalf("confirm subscription: status %d: %s", st, c.text("main"))
	}
	c.shot("catalog-subscribed")
	if got := c.text("main"); !strings.Contains(got, "اشتراک") {
		t.Fatalf("after the code the page says %q, want the subscription confirmed", got)
	}

	// The editor adds a required document without JavaScript's help: the
	// "add" button reloads the form with an empty row.
	ed := newDesk(t, base)
	edit := "/staff/catalog/" + code + "/edit"
	enroll(t, ed, editor, edit, "")
	rendered(t, ed, `button[value="add:documents"]`, "catalog editor")
	if st := ed.load("add a document row", chromedp.Click(chromedp.CSS(`button[value="add:documents"]`))); st != http.StatusOK {
		t.Fatalf("add a document: status %d: %s", st, ed.text("main"))
	}
	rendered(t, ed, `[name="documents.2.name"]`, "editor after adding a row")
	ed.type_(`[name="documents.2.name"]`, docName)
	ed.type_(`[name="documents.2.key"]`, "renewal_fee_receipt")
	// Ticked by script: the sticky action bar can sit over a box the mouse
	// would scroll to, and a stray click there would press "save".
	ed.step("required", chromedp.Evaluate[chromedp.Void](
		`document.querySelector('[name="documents.2.required"]').checked = true`))
	// A script click: the action bar is sticky, and a mouse click at the
	// button's centre can land on its neighbour "save" while the page scrolls.
	if st := ed.load("send for review", chromedp.Evaluate[chromedp.Void](
		`document.querySelector('button[value="submit"]').click()`)); st != http.StatusOK {
		t.Fatalf("send for review: status %d: %s", st, ed.text("main"))
	}
	if loc := ed.location(); !strings.HasPrefix(loc, "/staff/catalog?") {
		t.Fatalf("after sending for review the editor is at %s: %s", loc, ed.text("main"))
	}

	// A second person approves: the review page lists the change first.
	ad := newDesk(t, base)
	review := "/staff/catalog/" + code + "/review"
	enroll(t, ad, admin, review, "")
	rendered(t, ad, `form[action$="/approve"] button`, "review page")
	if got := ad.text("main"); !strings.Contains(got, docName) {
		t.Errorf("review page does not name the added document: %q", got)
	}
	ad.shot("catalog-review")
	if st := ad.load("approve", chromedp.Click(chromedp.CSS(`form[action$="/approve"] button`))); st != http.StatusOK {
		t.Fatalf("approve: status %d: %s", st, ad.text("main"))
	}

	// The public card and its history show it, as a material change.
	c.open("/services/" + code)
	if got := c.text("main"); !strings.Contains(got, docName) {
		t.Errorf("service page lacks the new document %q", docName)
	}
	c.open("/services/" + code + "/changes")
	rendered(t, c, "ol.versions li", "change history")
	newest := c.text("ol.versions > li")
	if !strings.Contains(newest, docName) || !strings.Contains(newest, "مهم") {
		t.Errorf("newest version in the history = %q, want the added document marked important", newest)
	}
	c.shot("catalog-changes")

	// Exactly one change notice reached the subscriber.
	c.open("/demo/sms")
	items := get(c, "inbox", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('.sms-inbox li')].map(e => e.textContent)`))
	notices := 0
	for _, it := range items {
		if strings.Contains(it, fa.PersianDigits(mobile)) && strings.Contains(it, "تغییر در خدمت") {
			notices++
			if !strings.Contains(it, "/u/") {
				t.Errorf("subscriber's notice carries no unsubscribe link: %q", it)
			}
		}
	}
	if notices != 1 {
		t.Errorf("the subscriber got %d change notices, want 1 (inbox: %q)", notices, items)
	}
}
