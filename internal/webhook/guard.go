package webhook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Client limits.
const (
	DefaultTimeout = 10 * time.Second // the whole request: connect, send, headers, body
	DefaultMaxBody = 64 << 10         // bytes of a reply that are read; the log keeps an excerpt
)

// Resolver looks up a host's addresses; *net.Resolver is one, tests pass a
// stub so no test depends on, or sends traffic to, a real network.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// ErrBlocked matches every *BlockedError.
var ErrBlocked = errors.New("webhook: destination address refused")

// BlockedError says which address of which host was refused and why.
// Reason is one of: loopback, private, link-local, shared (carrier-grade
// NAT), and — refused even for allowed hosts, since none of them is a real
// destination — unspecified, this-network (0.0.0.0/8), multicast, broadcast,
// invalid. Admin pages turn Reason into Persian.
type BlockedError struct {
	Host   string
	Addr   netip.Addr
	Reason string
	Always bool // an allow-list entry cannot lift it
}

func (e *BlockedError) Error() string {
	if e.Always {
		return fmt.Sprintf("webhook: %s resolves to %s (%s), which is never a destination", e.Host, e.Addr, e.Reason)
	}
	return fmt.Sprintf("webhook: %s resolves to %s (%s); an administrator must allow the host", e.Host, e.Addr, e.Reason)
}

// Is lets errors.Is(err, ErrBlocked) match.
func (e *BlockedError) Is(target error) bool { return target == ErrBlocked }

// Guard is the outbound policy. Endpoints are typed in by administrators,
// and a webhook client inside the agency's network must not become a way to
// reach its internal services (server-side request forgery); but automation
// servers are often on that network, so an administrator may allow hosts by
// name or address. The checks run on the addresses actually dialled, after
// resolution, so a name that resolves differently the second time (DNS
// rebinding) gains nothing.
type Guard struct {
	Allow    []string      // host names or IP addresses allowed to be internal
	Resolver Resolver      // nil: net.DefaultResolver
	Timeout  time.Duration // ≤ 0: DefaultTimeout
	MaxBody  int64         // ≤ 0: DefaultMaxBody

	// dial connects to one checked address; tests replace it to make sure a
	// refused address is never dialled.
	dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Client returns an HTTP client that dials only addresses the guard passes,
// ignores proxy settings (a proxy would hide the destination from the check),
// follows no redirects (a 3xx is the answer; the specification counts it as a
// failure), gives up after Timeout and reads at most MaxBody bytes of a reply.
// Build a new client when the allow-list changes.
func (g Guard) Client() *http.Client {
	g.Allow = append([]string(nil), g.Allow...) // later edits to the caller's slice do not leak in
	timeout := g.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	maxBody := g.MaxBody
	if maxBody <= 0 {
		maxBody = DefaultMaxBody
	}
	t := &http.Transport{
		Proxy:                  nil,
		DialContext:            g.dialContext,
		ForceAttemptHTTP2:      true,
		MaxResponseHeaderBytes: DefaultMaxBody,
		IdleConnTimeout:        90 * time.Second,
	}
	return &http.Client{
		Timeout:   timeout,
		Transport: capBody{t, maxBody},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// Check resolves host and returns its addresses when every one of them is
// allowed; a host with one internal address among public ones is refused
// whole. Admin pages can call it to warn when an endpoint is saved.
func (g Guard) Check(ctx context.Context, host string) ([]netip.Addr, error) {
	host = normHost(host)
	if host == "" {
		return nil, errors.New("webhook: endpoint has no host")
	}
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		r := g.Resolver
		if r == nil {
			r = net.DefaultResolver
		}
		if addrs, err = r.LookupNetIP(ctx, "ip", host); err != nil {
			return nil, fmt.Errorf("webhook: look up %s: %w", host, err)
		}
		if len(addrs) == 0 {
			return nil, fmt.Errorf("webhook: %s has no address", host)
		}
	}
	for _, a := range addrs {
		if err := g.check(host, a); err != nil {
			return nil, err
		}
	}
	return addrs, nil
}

// dialContext is the transport's only way out: it dials the checked
// addresses themselves, never the name, so nothing is resolved twice.
func (g Guard) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, portText, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	port, err := strconv.ParseUint(portText, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("webhook: bad port %q", portText)
	}
	addrs, err := g.Check(ctx, host)
	if err != nil {
		return nil, err
	}
	dial := g.dial
	if dial == nil {
		dial = (&net.Dialer{Control: g.control(host)}).DialContext
	}
	var errs []error
	for _, a := range addrs {
		c, err := dial(ctx, network, netip.AddrPortFrom(a, uint16(port)).String())
		if err == nil {
			return c, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	return nil, errors.Join(errs...)
}

// allowed reports whether an administrator allowed host (by name) or a
// (by address). An allowed address also lifts names that resolve to it: the
// address itself could be typed as the endpoint, so nothing more is opened.
// Addresses compare as addresses, so "::1" and "0:0::1" are one entry.
func (g Guard) allowed(host string, a netip.Addr) bool {
	host = normHost(host)
	a = a.Unmap().WithZone("")
	for _, e := range g.Allow {
		e = normHost(e)
		if e == "" {
			continue
		}
		if ea, err := netip.ParseAddr(e); err == nil {
			if ea.Unmap().WithZone("") == a {
				return true
			}
		} else if e == host {
			return true
		}
	}
	return false
}

func normHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.TrimSuffix(h, ".")
}

// control checks the address a socket is about to connect to: a second
// check that holds even if a later change makes the transport dial a name.
func (g Guard) control(host string) func(network, address string, c syscall.RawConn) error {
	return func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("webhook: dialling %q: %w", address, err)
		}
		return g.check(host, ap.Addr())
	}
}

// check refuses internal addresses unless allowed, and never-destinations always.
func (g Guard) check(host string, a netip.Addr) error {
	reason, always := classify(a)
	if reason == "" || (!always && g.allowed(host, a)) {
		return nil
	}
	return &BlockedError{Host: host, Addr: a, Reason: reason, Always: always}
}

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")  // well-known NAT64: an IPv4 address inside
	shared    = netip.MustParsePrefix("100.64.0.0/10") // carrier-grade NAT (RFC 6598)
	siteLocal = netip.MustParsePrefix("fec0::/10")     // deprecated, still routed internally by some
	broadcast = netip.AddrFrom4([4]byte{255, 255, 255, 255})
)

// classify names what is wrong with a as a destination, or returns "".
// always marks addresses an allow-list cannot make valid.
func classify(a netip.Addr) (reason string, always bool) {
	if !a.IsValid() {
		return "invalid", true
	}
	a = a.Unmap().WithZone("")
	if nat64.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte(b[12:]))
	}
	switch {
	case a.IsUnspecified():
		return "unspecified", true
	case a.Is4() && a.As4()[0] == 0:
		return "this-network", true
	case a.IsMulticast():
		return "multicast", true
	case a == broadcast:
		return "broadcast", true
	case a.IsLoopback():
		return "loopback", false
	case a.IsPrivate(), siteLocal.Contains(a):
		return "private", false
	case a.IsLinkLocalUnicast():
		return "link-local", false
	case shared.Contains(a):
		return "shared", false
	}
	return "", false
}

// capBody limits every reply body to max bytes: a receiver's answer is only
// logged, and a huge one must not cost memory.
type capBody struct {
	rt  http.RoundTripper
	max int64
}

func (c capBody) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.rt.RoundTrip(req)
	if err == nil {
		resp.Body = limitedBody{io.LimitReader(resp.Body, c.max), resp.Body}
	}
	return resp, err
}

// CloseIdleConnections lets http.Client.CloseIdleConnections reach the transport.
func (c capBody) CloseIdleConnections() {
	if t, ok := c.rt.(interface{ CloseIdleConnections() }); ok {
		t.CloseIdleConnections()
	}
}

type limitedBody struct {
	io.Reader
	io.Closer
}
