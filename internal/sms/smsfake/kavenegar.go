package smsfake

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// KavenegarKey is the API key the Kavenegar fake accepts.
const KavenegarKey = "4B6F66616B652D6B6579" // arbitrary; tests look for it in errors

// KavenegarServer imitates Kavenegar's REST API: POST or GET
// /v1/{API-KEY}/sms/send.json and /v1/{API-KEY}/sms/status.json, replying
// {"return":{"status":…,"message":…},"entries":[…]} with the return status
// also as the HTTP status. A send repeating a localid returns the first
// message and delivers nothing.
type KavenegarServer struct {
	*httptest.Server
	Faults
	deliveries

	smu       sync.Mutex
	byLocal   map[string]int64
	status    map[int64]int
	defStatus int
	maxRunes  int
}

// NewKavenegarServer starts a fake; Close it when done. Messages report
// status 10 (delivered) unless told otherwise.
func NewKavenegarServer() *KavenegarServer {
	s := &KavenegarServer{
		byLocal:   make(map[string]int64),
		status:    make(map[int64]int),
		defStatus: 10,
		maxRunes:  1000,
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close stops hanging requests, then the server.
func (s *KavenegarServer) Close() {
	s.stop()
	s.Server.Close()
}

// SetStatus sets the Kavenegar status code status.json reports for a
// message id.
func (s *KavenegarServer) SetStatus(messageID int64, code int) {
	s.smu.Lock()
	s.status[messageID] = code
	s.smu.Unlock()
}

// SetDefaultStatus sets the status reported for messages without SetStatus.
func (s *KavenegarServer) SetDefaultStatus(code int) {
	s.smu.Lock()
	s.defStatus = code
	s.smu.Unlock()
}

type kavEntry struct {
	MessageID  int64  `json:"messageid"`
	Message    string `json:"message,omitempty"`
	Status     int    `json:"status"`
	StatusText string `json:"statustext"`
	Sender     string `json:"sender,omitempty"`
	Receptor   string `json:"receptor,omitempty"`
	Date       int64  `json:"date,omitempty"`
	Cost       int    `json:"cost,omitempty"`
}

// kavenegarTexts are the fake's wordings of the codes it produces.
var kavenegarTexts = map[int]string{
	200: "تایید شد",
	400: "پارامترها ناقص هستند",
	402: "عملیات ناموفق بود",
	403: "کد شناسائی API-Key معتبر نمی‌باشد",
	404: "متد نامشخص است",
	405: "متد Get/Post اشتباه است",
	409: "سرور قادر به پاسخگوئی نیست بعدا تلاش کنید",
	411: "دریافت کننده نامعتبر است",
	412: "ارسال کننده نامعتبر است",
	413: "پیام خالی است و یا طول پیام بیش از حد مجاز می‌باشد",
	418: "اعتبار حساب شما کافی نیست",
	422: "داده ها به دلیل وجود کاراکتر نامناسب قابل پردازش نیست",
}

func kavReply(w http.ResponseWriter, status int, entries []kavEntry) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	msg := kavenegarTexts[status]
	if msg == "" {
		msg = "خطا"
	}
	var body struct {
		Return struct {
			Status  int    `json:"status"`
			Message string `json:"message"`
		} `json:"return"`
		Entries []kavEntry `json:"entries"`
	}
	body.Return.Status, body.Return.Message, body.Entries = status, msg, entries
	json.NewEncoder(w).Encode(body)
}

func (s *KavenegarServer) fail(w http.ResponseWriter, status int) {
	if status >= 500 {
		outage(w, status)
		return
	}
	kavReply(w, status, nil)
}

func (s *KavenegarServer) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, "/send.json") {
		s.deliveries.mu.Lock()
		s.deliveries.sends++
		s.deliveries.mu.Unlock()
	}
	answered, down := s.intercept(w, r)
	if answered {
		return
	}
	if down != 0 {
		s.fail(w, down)
		return
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) != 4 || parts[0] != "v1" || parts[2] != "sms" {
		kavReply(w, 404, nil)
		return
	}
	if parts[1] != KavenegarKey {
		kavReply(w, 403, nil)
		return
	}
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		kavReply(w, 405, nil)
		return
	}
	if err := r.ParseForm(); err != nil {
		kavReply(w, 400, nil)
		return
	}
	switch parts[3] {
	case "send.json":
		s.send(w, r)
	case "status.json":
		s.statusOf(w, r)
	default:
		kavReply(w, 404, nil)
	}
}

func (s *KavenegarServer) send(w http.ResponseWriter, r *http.Request) {
	fail, lose := s.sendFault()
	if fail != 0 {
		s.fail(w, fail)
		return
	}
	to, text, from, local := r.Form.Get("receptor"), r.Form.Get("message"), r.Form.Get("sender"), r.Form.Get("localid")
	switch {
	case to == "" || text == "":
		if text == "" && to != "" {
			kavReply(w, 413, nil)
			return
		}
		kavReply(w, 400, nil)
		return
	case !validMobile(to):
		kavReply(w, 411, nil)
		return
	case from != "" && strings.Trim(from, "0123456789") != "":
		kavReply(w, 412, nil)
		return
	case utf8.RuneCountInString(text) > s.maxRunes:
		kavReply(w, 413, nil)
		return
	case !utf8.ValidString(text):
		kavReply(w, 422, nil)
		return
	}
	if from == "" {
		from = "10004346" // the account's default line
	}

	// One lock over look-up and delivery, so concurrent repeats of one
	// localid still deliver once.
	s.deliveries.mu.Lock()
	s.smu.Lock()
	var d Delivery
	first := true
	if local != "" {
		if id, ok := s.byLocal[local]; ok {
			d, _ = s.deliveries.find(id)
			first = false
		}
	}
	if first {
		d = s.deliveries.add(Delivery{LocalID: local, To: to, From: from, Text: text})
		if local != "" {
			s.byLocal[local] = d.MessageID
		}
	}
	s.smu.Unlock()
	s.deliveries.mu.Unlock()

	if lose {
		outage(w, http.StatusBadGateway)
		return
	}
	kavReply(w, 200, []kavEntry{{
		MessageID: d.MessageID, Message: d.Text, Status: 1, StatusText: "در صف ارسال قرار گرفت",
		Sender: d.From, Receptor: d.To, Date: d.At.Unix(), Cost: 120,
	}})
}

func (s *KavenegarServer) statusOf(w http.ResponseWriter, r *http.Request) {
	ids := r.Form.Get("messageid")
	if ids == "" {
		kavReply(w, 400, nil)
		return
	}
	var entries []kavEntry
	for _, f := range strings.Split(ids, ",") {
		id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		if err != nil {
			kavReply(w, 400, nil)
			return
		}
		s.deliveries.mu.Lock()
		_, known := s.deliveries.find(id)
		s.deliveries.mu.Unlock()
		code := 100
		if known {
			s.smu.Lock()
			c, ok := s.status[id]
			if !ok {
				c = s.defStatus
			}
			s.smu.Unlock()
			code = c
		}
		entries = append(entries, kavEntry{MessageID: id, Status: code, StatusText: strconv.Itoa(code)})
	}
	kavReply(w, 200, entries)
}
