package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"mizban/internal/files/filetest"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mizban/internal/desk"
	"mizban/internal/fa"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// limits bound every scenario by time and by count.
type limits struct {
	Clients  int
	Duration time.Duration
	MaxOps   int // per client
}

// result is one scenario's measured steps and its wall time.
type result struct {
	Scenario string
	Elapsed  time.Duration
	Steps    []*recorder
}

// runClients runs op on n clients until the duration or the count ends.
// op gets the client number and the operation number and records its own
// steps.
func runClients(ctx context.Context, lim limits, op func(ctx context.Context, client, i int)) time.Duration {
	ctx, cancel := context.WithTimeout(ctx, lim.Duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for c := range lim.Clients {
		wg.Go(func() {
			for i := 0; i < lim.MaxOps && ctx.Err() == nil; i++ {
				op(ctx, c, i)
			}
		})
	}
	wg.Wait()
	return time.Since(start)
}

// driver holds the HTTP client aimed at the desk.
type driver struct {
	srv    *server
	client *http.Client
}

func newDriver(srv *server, clients int) *driver {
	tr := &http.Transport{MaxIdleConns: clients * 2, MaxIdleConnsPerHost: clients * 2, IdleConnTimeout: time.Minute}
	return &driver{srv: srv, client: &http.Client{
		Transport: tr,
		Timeout:   30 * time.Second,
		// Each redirect is measured as its own step, as a browser makes it.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// errShortRun marks a request cut off by the end of the run; it is not
// counted as an error.
var errShortRun = errors.New("run ended")

// do sends req, checks the status and returns the body and Location.
func (d *driver) do(req *http.Request, want int) ([]byte, string, error) {
	resp, err := d.client.Do(req)
	if err != nil {
		if req.Context().Err() != nil {
			return nil, "", errShortRun
		}
		return nil, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		if req.Context().Err() != nil { // cut off while reading the body
			return nil, "", errShortRun
		}
		return nil, "", err
	}
	if resp.StatusCode != want {
		return body, "", fmt.Errorf("%s %s: status %d, want %d", req.Method, req.URL.Path, resp.StatusCode, want)
	}
	return body, resp.Header.Get("Location"), nil
}

// timed runs one request and records it in rec unless the run ended.
func timed(rec *recorder, fn func() error) error {
	start := time.Now()
	err := fn()
	if !errors.Is(err, errShortRun) {
		rec.add(time.Since(start), err)
	}
	return err
}

// catalog: reading service cards and searching the catalog.
func (d *driver) catalog(ctx context.Context, lim limits) result {
	card, search := newRecorder("GET /services/{code}"), newRecorder("GET /services?q=")
	svcs, err := d.srv.App.Store.Services(ctx, store.ServiceFilter{})
	if err != nil || len(svcs) == 0 {
		card.add(0, fmt.Errorf("no services: %v", err))
		return result{Scenario: "catalog", Steps: []*recorder{card, search}}
	}
	queries := []string{"پروانه ساختمانی", "پروانه ساختماني", "عوارض", "پارک", "درخت", "شکایت", "۱۷۰۵۱۳۱۰۰۰۱", "تابلو سردر", "نخاله", "اطلاعات"}
	elapsed := runClients(ctx, lim, func(ctx context.Context, c, i int) {
		if i%2 == 0 {
			svc := svcs[(c+i)%len(svcs)]
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, d.srv.Base+"/services/"+svc.Code, nil)
			timed(card, func() error {
				body, _, err := d.do(req, http.StatusOK)
				if err == nil && !bytes.Contains(body, []byte(svc.Title)) {
					err = fmt.Errorf("card %s lacks its title", svc.Code)
				}
				return err
			})
			return
		}
		q := queries[(c+i)%len(queries)]
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, d.srv.Base+"/services?q="+url.QueryEscape(q), nil)
		timed(search, func() error {
			body, _, err := d.do(req, http.StatusOK)
			if err == nil && !bytes.Contains(body, []byte(`class="service-list"`)) {
				err = fmt.Errorf("search %q: no result list", q)
			}
			return err
		})
	})
	return result{Scenario: "catalog", Elapsed: elapsed, Steps: []*recorder{card, search}}
}

// tracked is a request made before the run, to look up.
type tracked struct{ Code, Mobile string }

// track: POST /track look-ups of existing requests.
func (d *driver) track(ctx context.Context, lim limits, reqs []tracked) result {
	rec := newRecorder("POST /track")
	elapsed := runClients(ctx, lim, func(ctx context.Context, c, i int) {
		t := reqs[(c*7919+i)%len(reqs)]
		form := url.Values{"code": {fa.PersianDigits(t.Code)}, "mobile": {t.Mobile}}
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, d.srv.Base+"/track", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		timed(rec, func() error {
			body, _, err := d.do(req, http.StatusOK)
			if err == nil && !bytes.Contains(body, []byte(`class="timeline"`)) {
				err = errors.New("tracking page has no timeline")
			}
			return err
		})
	})
	return result{Scenario: "track", Elapsed: elapsed, Steps: []*recorder{rec}}
}

// permitService is the demo building permit: three required uploads.
const permitService = "17051310001"

var (
	draftRe   = regexp.MustCompile(`^/apply/([0-9a-f]+)$`)
	receiptRe = regexp.MustCompile(`^/receipt/([0-9]{12})\?k=`)
	otpRe     = regexp.MustCompile(`کد تأیید[^0-9]*([0-9]{6})`)
)

// submit: the whole online application, as a browser makes it.
func (d *driver) submit(ctx context.Context, lim limits) result {
	apply := newRecorder("POST /services/{code}/apply")
	page := newRecorder("GET /apply/{draft}")
	wait := newRecorder("SMS code arrives")
	confirm := newRecorder("POST /apply/{draft}")
	receipt := newRecorder("GET /receipt/{code}")
	whole := newRecorder("whole submission")
	pdf := onePagePDF()
	var seq atomic.Int64
	elapsed := runClients(ctx, lim, func(ctx context.Context, c, i int) {
		n := seq.Add(1)
		mobile := fmt.Sprintf("0912%07d", n)
		inbox := d.srv.Inbox.listen(mobile)
		defer d.srv.Inbox.forget(mobile)
		start := time.Now()
		err := d.submitOnce(ctx, mobile, pdf, inbox, apply, page, wait, confirm, receipt)
		if !errors.Is(err, errShortRun) {
			whole.add(time.Since(start), err)
		}
	})
	return result{Scenario: "submit", Elapsed: elapsed, Steps: []*recorder{apply, page, wait, confirm, receipt, whole}}
}

func (d *driver) submitOnce(ctx context.Context, mobile string, pdf []byte, inbox <-chan string, apply, page, wait, confirm, receipt *recorder) error {
	body, ctype, err := permitForm(mobile, pdf)
	if err != nil {
		return err
	}
	var draft string
	if err := timed(apply, func() error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, d.srv.Base+"/services/"+permitService+"/apply", bytes.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		_, loc, err := d.do(req, http.StatusSeeOther)
		if m := draftRe.FindStringSubmatch(loc); err == nil && m != nil {
			draft = m[1]
		} else if err == nil {
			err = fmt.Errorf("apply redirected to %q, want /apply/{draft}", loc)
		}
		return err
	}); err != nil {
		return err
	}
	if err := timed(page, func() error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, d.srv.Base+"/apply/"+draft, nil)
		_, _, err := d.do(req, http.StatusOK)
		return err
	}); err != nil {
		return err
	}
	var code string
	if err := timed(wait, func() error {
		deadline := time.NewTimer(15 * time.Second)
		defer deadline.Stop()
		for {
			select {
			case text := <-inbox:
				if m := otpRe.FindStringSubmatch(fa.ASCIIDigits(text)); m != nil {
					code = m[1]
					return nil
				}
			case <-deadline.C:
				return errors.New("no SMS code within 15 s")
			case <-ctx.Done():
				return errShortRun
			}
		}
	}); err != nil {
		return err
	}
	var loc string
	if err := timed(confirm, func() error {
		form := url.Values{"code": {code}}
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, d.srv.Base+"/apply/"+draft, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		var err error
		_, loc, err = d.do(req, http.StatusSeeOther)
		if err == nil && receiptRe.FindStringSubmatch(loc) == nil {
			err = fmt.Errorf("confirm redirected to %q, want the receipt", loc)
		}
		return err
	}); err != nil {
		return err
	}
	return timed(receipt, func() error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, d.srv.Base+loc, nil)
		body, _, err := d.do(req, http.StatusOK)
		if err == nil && !bytes.Contains(body, []byte(`class="tracking-code"`)) {
			err = errors.New("receipt shows no tracking code")
		}
		return err
	})
}

// permitForm is the multipart body of a valid building permit application
// with the same small PDF for each of its three required documents.
func permitForm(mobile string, pdf []byte) ([]byte, string, error) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fields := [][2]string{
		{"for_other", "self"},
		{"applicant_name", "زهرا کریمی"},
		{"applicant_nid", "0076229645"},
		{"applicant_mobile", mobile},
		{"a_permit_type", "احداث بنای جدید در زمین خالی"},
		{"a_registry_plate", "۱۲۳ فرعی از ۴۵ اصلی"},
		{"a_land_area", "250"},
		{"a_floors", "3"},
		{"a_land_use", "مسکونی"},
		{"a_property_address", "خیابان بهار، کوچه سوم، پلاک ۱۲"},
	}
	for _, f := range fields {
		if err := w.WriteField(f[0], f[1]); err != nil {
			return nil, "", err
		}
	}
	for _, doc := range []string{"ownership_deed", "owner_id_card", "survey_map"} {
		fw, err := w.CreateFormFile("doc_"+doc, doc+".pdf")
		if err != nil {
			return nil, "", err
		}
		fw.Write(pdf)
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return b.Bytes(), w.FormDataContentType(), nil
}

// precreate registers n requests through the workflow (the same use cases
// the pages call) for the tracking scenario, reading each one-time code
// from the outbox.
func precreate(ctx context.Context, srv *server, n int) ([]tracked, error) {
	flow, st := srv.App.Flow, srv.App.Store
	out := make([]tracked, 0, n)
	for i := range n {
		mobile := fmt.Sprintf("0935%07d", i)
		draft, err := flow.SaveDraft(ctx, workflow.ApplyInput{
			ServiceCode: reportService,
			Client:      flow.ClientKey("192.0.2.1"),
			App: workflow.Application{
				Applicant: desk.Person{Name: "مریم احمدی", NationalID: "0076229645", Mobile: mobile},
				Answers: map[string]string{
					"issue_type": "چاله یا خرابی آسفالت", "location": "خیابان امام، روبه‌روی پارک", "immediate_danger": "no",
				},
			},
		})
		if err != nil {
			return nil, fmt.Errorf("draft %d: %w", i, err)
		}
		msgs, err := st.RecentSMS(ctx, 10)
		if err != nil {
			return nil, err
		}
		code := ""
		for _, m := range msgs {
			if mm := otpRe.FindStringSubmatch(fa.ASCIIDigits(m.Text)); m.To == mobile && mm != nil {
				code = mm[1]
				break
			}
		}
		if code == "" {
			return nil, fmt.Errorf("request %d: no code in the outbox", i)
		}
		r, err := flow.Confirm(ctx, draft, code)
		if err != nil {
			return nil, fmt.Errorf("confirm %d: %w", i, err)
		}
		out = append(out, tracked{Code: r.TrackingCode, Mobile: mobile})
	}
	return out, nil
}

// reportService is a demo service with no required document.
const reportService = "17051350003"

func onePagePDF() []byte { return filetest.PDF() }
