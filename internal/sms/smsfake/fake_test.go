package smsfake

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

func post(t *testing.T, u string, form url.Values) int {
	t.Helper()
	resp, err := http.PostForm(u, form)
	if err != nil {
		t.Error(err)
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestKavenegarConcurrentLocalID(t *testing.T) {
	s := NewKavenegarServer()
	defer s.Close()
	u := s.URL + "/v1/" + KavenegarKey + "/sms/send.json"
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if c := post(t, u, url.Values{"receptor": {"09121234567"}, "message": {"hi"}, "localid": {"7"}}); c != 200 {
				t.Errorf("status %d", c)
			}
		})
	}
	wg.Wait()
	if n := len(s.Deliveries()); n != 1 || s.Sends() != 20 {
		t.Errorf("deliveries %d sends %d, want 1 and 20", n, s.Sends())
	}
}

func TestKavenegarOrderPerReceptor(t *testing.T) {
	s := NewKavenegarServer()
	defer s.Close()
	u := s.URL + "/v1/" + KavenegarKey + "/sms/send.json"
	for _, m := range []string{"one", "two", "three"} {
		post(t, u, url.Values{"receptor": {"09121234567"}, "message": {m}})
		post(t, u, url.Values{"receptor": {"09350000000"}, "message": {strings.ToUpper(m)}})
	}
	var got []string
	for _, d := range s.DeliveriesTo("09121234567") {
		got = append(got, d.Text)
	}
	if strings.Join(got, ",") != "one,two,three" {
		t.Errorf("order %v", got)
	}
	if c := post(t, u, url.Values{"receptor": {"0912"}, "message": {"x"}}); c != 411 {
		t.Errorf("bad receptor: %d", c)
	}
	if c := post(t, s.URL+"/v1/nope/sms/send.json", url.Values{"receptor": {"09121234567"}, "message": {"x"}}); c != 403 {
		t.Errorf("bad key: %d", c)
	}
}

func TestDownAndUp(t *testing.T) {
	s := NewSMSIRServer()
	defer s.Close()
	s.Down(502)
	req, _ := http.NewRequest(http.MethodGet, s.BaseURL()+"/send/1", nil)
	req.Header.Set("X-API-KEY", SMSIRKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 502 {
		t.Errorf("down: %d", resp.StatusCode)
	}
	s.Up()
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 { // unknown id: status 111
		t.Errorf("up: %d", resp.StatusCode)
	}
}
