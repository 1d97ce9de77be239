package crashtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"

	"mizban/internal/fa"
	"mizban/internal/sms/smsfake"
)

// inbox is what a client reads its SMS from: the fake gateway's record.
type inbox interface {
	DeliveriesTo(to string) []smsfake.Delivery
	Deliveries() []smsfake.Delivery
}

// citizen is one applicant: its own mobile, so the gateway's record per
// receptor is the record per request.
type citizen struct {
	n      int
	key    string // Idempotency-Key
	mobile string
	body   []byte
}

func newCitizen(run string, n int) citizen {
	mobile := fmt.Sprintf("0912%07d", n)
	body, _ := json.Marshal(map[string]any{
		"service_code": "17051370001",
		"applicant":    map[string]string{"name": "مریم آزمون", "national_id": nationalID(n), "mobile": mobile},
		"answers": map[string]string{
			"complaint_about": "تأخیر در رسیدگی به درخواست",
			"details":         "آزمون پایداری در برابر خاموشی ناگهانی کارساز.",
		},
	})
	return citizen{n: n, key: fmt.Sprintf("crash-%s-%07d", run, n), mobile: mobile, body: body}
}

// nationalID makes a valid national ID from n: nine digits, then the
// check digit; a rare never-issued pattern moves on to the next number.
func nationalID(n int) string {
	for k := n; ; k += 100000 {
		d := fmt.Sprintf("1%08d", k%100000000)
		sum := 0
		for i := 0; i < 9; i++ {
			sum += int(d[i]-'0') * (10 - i)
		}
		check := sum % 11
		if check >= 2 {
			check = 11 - check
		}
		if id, err := fa.NationalID(d + string(rune('0'+check))); err == nil {
			return id
		}
	}
}

// outcome is what one citizen's client ended with.
type outcome struct {
	tracking string // acknowledged tracking code; "" when never acknowledged
	err      error
	retries  int // requests repeated after a network error or 5xx
	// otherCodes holds tracking codes a repeat answered that differ from the
	// first: a duplicate request for one Idempotency-Key.
	otherCodes []string
}

var (
	sixDigits    = regexp.MustCompile(`(?:^|\D)(\d{6})(?:\D|$)`)
	errTransient = errors.New("transient")
)

// client drives the JSON API the way an app does that retries.
type client struct {
	base  string
	http  *http.Client
	inbox inbox
}

// post sends body and decodes a 2xx answer into out. A network error or
// a 5xx is errTransient (retry); any other status is returned with the
// answer's text.
func (c *client) post(ctx context.Context, path string, hdr map[string]string, body []byte, out any) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, errTransient
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return 0, errTransient // the server died mid-answer
	}
	switch {
	case resp.StatusCode >= 500:
		return resp.StatusCode, errTransient
	case resp.StatusCode >= 300:
		return resp.StatusCode, fmt.Errorf("%s: %d %s", path, resp.StatusCode, strings.TrimSpace(string(b)))
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s: %v in %q", path, err, b)
		}
	}
	return resp.StatusCode, nil
}

// retry repeats fn while it fails transiently, with a short pause: the
// server is being restarted. It counts the repeats.
func retry(ctx context.Context, retries *int, fn func() error) error {
	for {
		err := fn()
		if !errors.Is(err, errTransient) {
			return err
		}
		*retries++
		select {
		case <-ctx.Done():
			return fmt.Errorf("gave up retrying: %w", ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// latestCode is the newest one-time code the gateway delivered to mobile.
func (c *client) latestCode(mobile string) string {
	ds := c.inbox.DeliveriesTo(mobile)
	for i := len(ds) - 1; i >= 0; i-- {
		if m := sixDigits.FindStringSubmatch(fa.ASCIIDigits(ds[i].Text)); m != nil {
			return m[1]
		}
	}
	return ""
}

// waitCode polls the gateway for a code other than skip, until wait ends.
func (c *client) waitCode(ctx context.Context, mobile, skip string, wait time.Duration) string {
	end := time.Now().Add(wait)
	for time.Now().Before(end) && ctx.Err() == nil {
		if code := c.latestCode(mobile); code != "" && code != skip {
			return code
		}
		time.Sleep(25 * time.Millisecond)
	}
	return ""
}

// submit applies, reads the code, confirms; every step retried on
// transient errors until acknowledged or ctx ends.
func (c *client) submit(ctx context.Context, z citizen) (o outcome) {
	var app struct {
		ApplicationID string `json:"application_id"`
	}
	hdr := map[string]string{"Idempotency-Key": z.key}
	if o.err = retry(ctx, &o.retries, func() error {
		_, err := c.post(ctx, "/api/v1/applications", hdr, z.body, &app)
		return err
	}); o.err != nil {
		return o
	}
	if app.ApplicationID == "" {
		o.err = errors.New("no application_id")
		return o
	}
	// A code lost to a crash is still in the outbox; a message leased by a
	// killed instance waits for its lease to run out. Ask for a new code
	// only after a long wait.
	code := c.waitCode(ctx, z.mobile, "", 150*time.Second)
	var sub struct {
		TrackingCode string `json:"tracking_code"`
	}
	path := "/api/v1/applications/" + app.ApplicationID + "/confirm"
	for attempt := 0; ; attempt++ {
		if code == "" || attempt == 3 {
			var status int
			err := retry(ctx, &o.retries, func() (err error) {
				status, err = c.post(ctx, "/api/v1/applications/"+app.ApplicationID+"/otp", nil, nil, nil)
				return err
			})
			if err != nil && status != http.StatusTooManyRequests {
				o.err = fmt.Errorf("new code: %w", err)
				return o
			}
			code = c.waitCode(ctx, z.mobile, code, 150*time.Second)
			if code == "" {
				o.err = fmt.Errorf("no one-time code reached %s", z.mobile)
				return o
			}
		}
		if attempt > 6 {
			o.err = fmt.Errorf("confirm kept failing for %s", z.key)
			return o
		}
		body, _ := json.Marshal(map[string]string{"code": code})
		var status int
		err := retry(ctx, &o.retries, func() (err error) {
			status, err = c.post(ctx, path, nil, body, &sub)
			return err
		})
		if err == nil {
			break
		}
		if status != http.StatusUnprocessableEntity {
			o.err = err
			return o
		}
		code = c.latestCode(z.mobile) // a newer code may have arrived
	}
	o.tracking = sub.TrackingCode

	// The confirm is idempotent: once more must give the same request. A
	// different tracking code would be a second request for one key.
	var again struct {
		TrackingCode string `json:"tracking_code"`
	}
	body, _ := json.Marshal(map[string]string{"code": code})
	if err := retry(ctx, &o.retries, func() error {
		_, err := c.post(ctx, path, nil, body, &again)
		return err
	}); err == nil && again.TrackingCode != o.tracking {
		o.otherCodes = append(o.otherCodes, again.TrackingCode)
	}
	return o
}

// track looks a request up as the citizen would.
func (c *client) track(ctx context.Context, tracking, mobile string) error {
	body, _ := json.Marshal(map[string]string{"tracking_code": tracking, "mobile": mobile})
	var out struct {
		TrackingCode string `json:"tracking_code"`
	}
	var retries int
	return retry(ctx, &retries, func() error {
		_, err := c.post(ctx, "/api/v1/track", nil, body, &out)
		if err == nil && fa.ASCIIDigits(out.TrackingCode) != tracking {
			return fmt.Errorf("track %s answered %q", tracking, out.TrackingCode)
		}
		return err
	})
}
