package webhook

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// stubResolver answers from a map and counts look-ups; no test resolves a
// real name.
type stubResolver struct {
	mu      sync.Mutex
	answers map[string][][]string // host → answer of the 1st, 2nd … look-up (the last repeats)
	calls   map[string]int
}

func (r *stubResolver) LookupNetIP(_ context.Context, network, host string) ([]netip.Addr, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.calls == nil {
		r.calls = map[string]int{}
	}
	answers, ok := r.answers[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	n := min(r.calls[host], len(answers)-1)
	r.calls[host]++
	var out []netip.Addr
	for _, s := range answers[n] {
		out = append(out, netip.MustParseAddr(s))
	}
	return out, nil
}

func resolver(m map[string][]string) *stubResolver {
	r := &stubResolver{answers: map[string][][]string{}}
	for h, a := range m {
		r.answers[h] = [][]string{a}
	}
	return r
}

func TestClassify(t *testing.T) {
	tests := []struct {
		addr   string
		reason string
		always bool
	}{
		{"203.0.113.7", "", false},
		{"8.8.8.8", "", false},
		{"2001:db8::1", "", false},
		{"172.32.0.1", "", false}, // just outside 172.16/12
		{"100.128.0.1", "", false},
		{"127.0.0.1", "loopback", false},
		{"127.255.255.254", "loopback", false},
		{"::1", "loopback", false},
		{"::ffff:127.0.0.1", "loopback", false},
		{"10.0.0.1", "private", false},
		{"172.16.0.1", "private", false},
		{"172.31.255.255", "private", false},
		{"192.168.1.1", "private", false},
		{"fd00::1", "private", false},
		{"fc00::1", "private", false},
		{"fec0::1", "private", false},
		{"::ffff:192.168.0.1", "private", false},
		{"64:ff9b::a00:1", "private", false}, // NAT64 of 10.0.0.1
		{"64:ff9b::808:808", "", false},      // NAT64 of 8.8.8.8
		{"169.254.169.254", "link-local", false},
		{"fe80::1", "link-local", false},
		{"fe80::1%eth0", "link-local", false},
		{"100.64.0.1", "shared", false},
		{"100.127.255.255", "shared", false},
		{"0.0.0.0", "unspecified", true},
		{"::", "unspecified", true},
		{"0.1.2.3", "this-network", true},
		{"224.0.0.1", "multicast", true},
		{"239.255.255.250", "multicast", true},
		{"ff02::1", "multicast", true},
		{"255.255.255.255", "broadcast", true},
	}
	for _, tt := range tests {
		reason, always := classify(netip.MustParseAddr(tt.addr))
		if reason != tt.reason || always != tt.always {
			t.Errorf("classify(%s) = %q, %v; want %q, %v", tt.addr, reason, always, tt.reason, tt.always)
		}
	}
	if reason, always := classify(netip.Addr{}); reason != "invalid" || !always {
		t.Errorf("classify(zero) = %q, %v", reason, always)
	}
}

func TestCheck(t *testing.T) {
	r := resolver(map[string][]string{
		"hooks.example.ir": {"203.0.113.7", "2001:db8::7"},
		"intranet.agency":  {"10.1.2.3"},
		"mixed.example.ir": {"203.0.113.7", "127.0.0.1"},
		"localhost":        {"127.0.0.1", "::1"},
		"zero.example.ir":  {"0.0.0.0"},
		"empty.example.ir": {},
	})
	tests := []struct {
		host   string
		allow  []string
		reason string // "" allowed; "error" a failure other than a refusal
	}{
		{"hooks.example.ir", nil, ""},
		{"HOOKS.example.ir.", nil, ""},
		{"intranet.agency", nil, "private"},
		{"intranet.agency", []string{"intranet.agency"}, ""},
		{"intranet.agency", []string{" Intranet.Agency. "}, ""},
		{"intranet.agency", []string{"10.1.2.3"}, ""}, // allowed by address
		{"intranet.agency", []string{"other.agency", "10.1.2.4"}, "private"},
		{"intranet.agency", []string{"agency"}, "private"}, // no suffix matching
		{"mixed.example.ir", nil, "loopback"},
		{"localhost", nil, "loopback"},
		{"localhost", []string{"localhost"}, ""},
		{"zero.example.ir", []string{"zero.example.ir"}, "unspecified"},
		{"127.0.0.1", nil, "loopback"},
		{"127.0.0.1", []string{"127.0.0.1"}, ""},
		{"[::1]", nil, "loopback"},
		{"::1", []string{"[0:0::1]"}, ""},
		{"::ffff:127.0.0.1", nil, "loopback"},
		{"::ffff:127.0.0.1", []string{"127.0.0.1"}, ""},
		{"169.254.169.254", nil, "link-local"},
		{"100.64.10.1", nil, "shared"},
		{"0.0.0.0", []string{"0.0.0.0"}, "unspecified"},
		{"224.0.0.251", []string{"224.0.0.251"}, "multicast"},
		{"203.0.113.9", nil, ""},
		{"unknown.example.ir", nil, "error"},
		{"empty.example.ir", nil, "error"},
		{"", nil, "error"},
	}
	for _, tt := range tests {
		g := Guard{Allow: tt.allow, Resolver: r}
		addrs, err := g.Check(t.Context(), tt.host)
		var be *BlockedError
		switch {
		case tt.reason == "":
			if err != nil || len(addrs) == 0 {
				t.Errorf("Check(%q, allow %q) = %v, %v; want addresses", tt.host, tt.allow, addrs, err)
			}
		case tt.reason == "error":
			if err == nil || errors.Is(err, ErrBlocked) {
				t.Errorf("Check(%q) = %v, %v; want a look-up error", tt.host, addrs, err)
			}
		case !errors.As(err, &be) || be.Reason != tt.reason || !errors.Is(err, ErrBlocked):
			t.Errorf("Check(%q, allow %q) = %v, %v; want refused as %s", tt.host, tt.allow, addrs, err, tt.reason)
		}
	}
	if r.calls["127.0.0.1"]+r.calls["::1"] != 0 {
		t.Error("an IP literal was sent to the resolver")
	}
}

// recordDial stands in for the network: it records each address the guard
// dials and never connects.
type recordDial struct {
	mu    sync.Mutex
	addrs []string
}

var errNoNetwork = errors.New("test: no network")

func (d *recordDial) dial(_ context.Context, _, addr string) (net.Conn, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.addrs = append(d.addrs, addr)
	return nil, errNoNetwork
}

func TestClientDialsCheckedAddresses(t *testing.T) {
	tests := []struct {
		name    string
		url     string
		allow   []string
		answers map[string][][]string
		dialled []string // nil: refused before any dial
	}{
		{"public name", "https://hooks.example.ir/in", nil,
			map[string][][]string{"hooks.example.ir": {{"203.0.113.7", "2001:db8::7"}}},
			[]string{"203.0.113.7:443", "[2001:db8::7]:443"}},
		{"internal refused", "http://intranet.agency:8080/hook", nil,
			map[string][][]string{"intranet.agency": {{"10.1.2.3"}}}, nil},
		{"internal allowed", "http://intranet.agency:8080/hook", []string{"intranet.agency"},
			map[string][][]string{"intranet.agency": {{"10.1.2.3"}}}, []string{"10.1.2.3:8080"}},
		{"literal refused", "http://192.168.1.10/hook", nil, nil, nil},
		{"metadata refused", "http://169.254.169.254/latest/meta-data/", nil, nil, nil},
		{"mapped literal refused", "http://[::ffff:10.0.0.1]/", nil, nil, nil},
		{"one internal among public", "https://mixed.example.ir/", nil,
			map[string][][]string{"mixed.example.ir": {{"203.0.113.7", "10.0.0.1"}}}, nil},
		// DNS rebinding: the first answer is public, every later one
		// internal. The guard dials the address it checked, never the name.
		{"rebinding", "http://rebind.example.ir/", nil,
			map[string][][]string{"rebind.example.ir": {{"203.0.113.7"}, {"127.0.0.1"}}},
			[]string{"203.0.113.7:80"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordDial{}
			g := Guard{Allow: tt.allow, Resolver: &stubResolver{answers: tt.answers}, dial: rec.dial}
			c := g.Client()
			resp, err := c.Post(tt.url, "application/json", strings.NewReader("{}"))
			if err == nil {
				resp.Body.Close()
				t.Fatal("request succeeded without a network")
			}
			if tt.dialled == nil {
				if !errors.Is(err, ErrBlocked) {
					t.Errorf("error = %v, want ErrBlocked", err)
				}
			} else if !errors.Is(err, errNoNetwork) {
				t.Errorf("error = %v, want the stub dialler's", err)
			}
			if strings.Join(rec.addrs, " ") != strings.Join(tt.dialled, " ") {
				t.Errorf("dialled %q, want %q", rec.addrs, tt.dialled)
			}
		})
	}
}

func TestControl(t *testing.T) {
	g := Guard{Allow: []string{"intranet.agency"}}
	tests := []struct {
		host, address string
		ok            bool
	}{
		{"hooks.example.ir", "203.0.113.7:443", true},
		{"hooks.example.ir", "10.0.0.1:443", false},
		{"hooks.example.ir", "[::1]:80", false},
		{"intranet.agency", "10.0.0.1:443", true},
		{"intranet.agency", "0.0.0.0:443", false},
		{"hooks.example.ir", "not an address", false},
	}
	for _, tt := range tests {
		if err := g.control(tt.host)("tcp", tt.address, nil); (err == nil) != tt.ok {
			t.Errorf("control(%s)(%s) = %v, want ok=%v", tt.host, tt.address, err, tt.ok)
		}
	}
}

// localServer is an httptest server on 127.0.0.1, which tests allow.
func localServer(t *testing.T, h http.HandlerFunc) (*httptest.Server, string) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return srv, u.Port()
}

func TestClientAllowedLocalServer(t *testing.T) {
	var got struct {
		sync.Mutex
		host, sig, body string
	}
	srv, port := localServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got.Lock()
		got.host, got.sig, got.body = r.Host, r.Header.Get(HeaderSignature), string(b)
		got.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	r := resolver(map[string][]string{"automation.agency.test": {"127.0.0.1"}})
	s, _ := ParseSecret(example.secret, time.Time{})
	body := []byte(`{"type":"request.created"}`)
	for _, tt := range []struct{ url, allow string }{
		{srv.URL + "/hook", "127.0.0.1"},
		{"http://automation.agency.test:" + port + "/hook", "automation.agency.test"},
		{"http://automation.agency.test:" + port + "/hook", "127.0.0.1"},
	} {
		c := Guard{Allow: []string{tt.allow}, Resolver: r}.Client()
		req, _ := http.NewRequest(http.MethodPost, tt.url, strings.NewReader(string(body)))
		for k, v := range Sign([]Secret{s}, "msg_a", time.Now(), body) {
			req.Header[k] = v
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("%s allowing %s: %v", tt.url, tt.allow, err)
		}
		resp.Body.Close()
		u, _ := url.Parse(tt.url)
		got.Lock()
		if resp.StatusCode != http.StatusNoContent || got.host != u.Host || got.body != string(body) || !strings.HasPrefix(got.sig, "v1,") {
			t.Errorf("%s: status %d, server saw host %q body %q signature %q", tt.url, resp.StatusCode, got.host, got.body, got.sig)
		}
		got.Unlock()
	}
	// The same server is refused when nothing allows it.
	c := Guard{Resolver: r}.Client()
	if resp, err := c.Get(srv.URL); !errors.Is(err, ErrBlocked) {
		if err == nil {
			resp.Body.Close()
		}
		t.Errorf("unallowed 127.0.0.1: %v", err)
	}
}

func TestClientNoRedirects(t *testing.T) {
	hits := make(chan string, 4)
	srv, _ := localServer(t, func(w http.ResponseWriter, r *http.Request) {
		hits <- r.URL.Path
		if r.URL.Path == "/hook" {
			http.Redirect(w, r, "/elsewhere", http.StatusTemporaryRedirect)
		}
	})
	c := Guard{Allow: []string{"127.0.0.1"}}.Client()
	resp, err := c.Post(srv.URL+"/hook", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTemporaryRedirect {
		t.Errorf("status %d, want the 307 itself", resp.StatusCode)
	}
	close(hits)
	var paths []string
	for p := range hits {
		paths = append(paths, p)
	}
	if strings.Join(paths, " ") != "/hook" {
		t.Errorf("server saw %q, want only /hook", paths)
	}
}

func TestClientBodyCap(t *testing.T) {
	srv, _ := localServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", 200<<10)))
	})
	for _, tt := range []struct{ max, want int64 }{{0, DefaultMaxBody}, {100, 100}} {
		c := Guard{Allow: []string{"127.0.0.1"}, MaxBody: tt.max}.Client()
		resp, err := c.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || int64(len(b)) != tt.want {
			t.Errorf("MaxBody %d: read %d bytes (err %v), want %d", tt.max, len(b), err, tt.want)
		}
	}
}

func TestClientTimeout(t *testing.T) {
	release := make(chan struct{})
	srv, _ := localServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release) // before srv.Close, which waits for the handler
	c := Guard{Allow: []string{"127.0.0.1"}, Timeout: 100 * time.Millisecond}.Client()
	start := time.Now()
	resp, err := c.Get(srv.URL)
	if err == nil {
		resp.Body.Close()
		t.Fatal("no timeout")
	}
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("error = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestClientDefaults(t *testing.T) {
	c := Guard{}.Client()
	if c.Timeout != DefaultTimeout || DefaultTimeout != 10*time.Second {
		t.Errorf("timeout %v", c.Timeout)
	}
	tr, ok := c.Transport.(capBody)
	if !ok || tr.max != DefaultMaxBody {
		t.Fatalf("transport %T %+v", c.Transport, c.Transport)
	}
	// A proxy from the environment would be dialled instead of the checked
	// destination.
	if tr.rt.(*http.Transport).Proxy != nil {
		t.Error("transport uses a proxy")
	}
	// The allow-list is copied: editing the caller's slice later changes nothing.
	allow := []string{"intranet.agency"}
	rec := &recordDial{}
	c = Guard{Allow: allow, Resolver: resolver(map[string][]string{"intranet.agency": {"10.1.2.3"}}), dial: rec.dial}.Client()
	allow[0] = "other"
	if _, err := c.Get("http://intranet.agency/"); !errors.Is(err, errNoNetwork) {
		t.Errorf("after the caller's edit: %v, want the host still allowed", err)
	}
}
