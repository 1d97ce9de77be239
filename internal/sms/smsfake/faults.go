package smsfake

import (
	"net/http"
	"sync"
	"time"
)

// Delivery is one message a fake gateway accepted and would hand to the
// operator.
type Delivery struct {
	MessageID int64
	LocalID   string // Kavenegar's localid; empty elsewhere
	To        string
	From      string
	Text      string
	At        time.Time
}

// Faults is embedded in every fake server. FailNext and LoseNext concern
// sends only; Down, Hang and RedirectTo concern every request.
type Faults struct {
	mu         sync.Mutex
	failNext   int
	failStatus int
	down       int
	loseNext   int
	hang       bool
	redirect   string
	quit       chan struct{}
	once       sync.Once
}

// FailNext makes the next n sends fail with status: an HTTP status of 500
// or more gives a bare outage page, as a proxy in front of a gateway would;
// anything else is the gateway's own error code in its own envelope.
func (f *Faults) FailNext(n, status int) {
	f.mu.Lock()
	f.failNext, f.failStatus = n, status
	f.mu.Unlock()
}

// Down makes every request fail with status (as for FailNext) until Up.
func (f *Faults) Down(status int) {
	f.mu.Lock()
	f.down = status
	f.mu.Unlock()
}

// Up ends Down.
func (f *Faults) Up() { f.Down(0) }

// LoseNext makes the next n sends deliver and then answer 502, as when the
// reply is lost on the way back: the case a client id exists for.
func (f *Faults) LoseNext(n int) {
	f.mu.Lock()
	f.loseNext = n
	f.mu.Unlock()
}

// Hang makes requests wait, unanswered, until the client gives up.
func (f *Faults) Hang(on bool) {
	f.mu.Lock()
	f.hang = on
	f.mu.Unlock()
}

// RedirectTo makes every request answer 302 to url; "" stops it.
func (f *Faults) RedirectTo(url string) {
	f.mu.Lock()
	f.redirect = url
	f.mu.Unlock()
}

func (f *Faults) quitChan() chan struct{} {
	f.once.Do(func() { f.quit = make(chan struct{}) })
	return f.quit
}

func (f *Faults) stop() {
	q := f.quitChan()
	f.mu.Lock()
	defer f.mu.Unlock()
	select {
	case <-q:
	default:
		close(q)
	}
}

// intercept applies the faults that concern every request. It reports
// whether it answered, or the status to fail with (0: none).
func (f *Faults) intercept(w http.ResponseWriter, r *http.Request) (answered bool, fail int) {
	f.mu.Lock()
	hang, redirect, down := f.hang, f.redirect, f.down
	f.mu.Unlock()
	switch {
	case hang:
		select {
		case <-r.Context().Done():
		case <-f.quitChan():
		}
		return true, 0
	case redirect != "":
		http.Redirect(w, r, redirect, http.StatusFound)
		return true, 0
	}
	return false, down
}

// sendFault is consulted once per send: the status to fail with, or
// whether to deliver and then lose the reply.
func (f *Faults) sendFault() (fail int, lose bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failNext > 0 {
		f.failNext--
		return f.failStatus, false
	}
	if f.loseNext > 0 {
		f.loseNext--
		return 0, true
	}
	return 0, false
}

func outage(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	w.Write([]byte("<html><body><h1>" + http.StatusText(status) + "</h1></body></html>"))
}

// deliveries records what a fake delivered.
type deliveries struct {
	mu     sync.Mutex
	list   []Delivery
	byID   map[int64]int // index into list
	nextID int64
	sends  int
}

func (d *deliveries) add(del Delivery) Delivery {
	d.nextID++
	del.MessageID = d.nextID + 100000 // real ids are large; never 0
	del.At = time.Now()
	if d.byID == nil {
		d.byID = make(map[int64]int)
	}
	d.byID[del.MessageID] = len(d.list)
	d.list = append(d.list, del)
	return del
}

// Deliveries returns every delivery, oldest first.
func (d *deliveries) Deliveries() []Delivery {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Delivery(nil), d.list...)
}

// DeliveriesTo returns the deliveries to one receptor, oldest first.
func (d *deliveries) DeliveriesTo(to string) []Delivery {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []Delivery
	for _, x := range d.list {
		if x.To == to {
			out = append(out, x)
		}
	}
	return out
}

// Sends counts send requests that reached the server, faulty ones and
// repeats included.
func (d *deliveries) Sends() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.sends
}

func (d *deliveries) find(id int64) (Delivery, bool) {
	i, ok := d.byID[id]
	if !ok {
		return Delivery{}, false
	}
	return d.list[i], true
}

func validMobile(s string) bool {
	if len(s) != 11 || s[:2] != "09" {
		return false
	}
	for i := 2; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
