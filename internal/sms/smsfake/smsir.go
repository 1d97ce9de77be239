package smsfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
)

// SMSIRKey is the X-API-KEY the sms.ir fake accepts.
const SMSIRKey = "736d7369722d66616b652d6b6579"

// SMSIRServer imitates sms.ir's REST API under /v1: POST /v1/send/bulk and
// GET /v1/send/{messageId}, replying {"status":…,"message":…,"data":…}
// where status 1 is success. Like the real bulk send it has no client id,
// so a repeated send is delivered again.
type SMSIRServer struct {
	*httptest.Server
	Faults
	deliveries

	smu       sync.Mutex
	state     map[int64]int // deliveryState; 0 means null (no report yet)
	defState  int
	blacklist map[string]bool
}

// NewSMSIRServer starts a fake; Close it when done. Messages report
// deliveryState 1 (delivered) unless told otherwise.
func NewSMSIRServer() *SMSIRServer {
	s := &SMSIRServer{state: make(map[int64]int), defState: 1, blacklist: make(map[string]bool)}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// BaseURL returns the API base to configure, including /v1.
func (s *SMSIRServer) BaseURL() string { return s.Server.URL + "/v1" }

// Close stops hanging requests, then the server.
func (s *SMSIRServer) Close() {
	s.stop()
	s.Server.Close()
}

// SetState sets the deliveryState reported for a message id; 0 reports null.
func (s *SMSIRServer) SetState(messageID int64, state int) {
	s.smu.Lock()
	s.state[messageID] = state
	s.smu.Unlock()
}

// SetDefaultState sets the deliveryState of messages without SetState.
func (s *SMSIRServer) SetDefaultState(state int) {
	s.smu.Lock()
	s.defState = state
	s.smu.Unlock()
}

// Blacklist makes sends to mobile return messageId 0, as sms.ir does for a
// number on the operators' blacklist.
func (s *SMSIRServer) Blacklist(mobile string) {
	s.smu.Lock()
	s.blacklist[mobile] = true
	s.smu.Unlock()
}

var smsirTexts = map[int]string{
	0:   "مشکلی در سامانه رخ داده است",
	1:   "موفق",
	10:  "کلید وب سرویس نامعتبر است",
	20:  "تعداد درخواست بیشتر از حد مجاز است",
	101: "شماره خط نامعتبر میباشد",
	102: "اعتبار کافی نمیباشد",
	103: "درخواست شما دارای متن (ها) خالی است",
	104: "درخواست شما دارای موبایل (ها) نادرست است",
	105: "تعداد موبایل ها بیشتر از حد مجاز (100 عدد) میباشد",
	107: "لیست موبایل ها خالی میباشد",
	111: "ارسالی با این شناسه پیدا نشد",
}

func smsirReply(w http.ResponseWriter, code int, data any) {
	httpStatus := http.StatusOK
	switch {
	case code == 1:
	case code >= 10 && code <= 14:
		httpStatus = http.StatusUnauthorized
	case code == 20:
		httpStatus = http.StatusTooManyRequests
	case code == 0:
		httpStatus = http.StatusInternalServerError
	default:
		httpStatus = http.StatusBadRequest
	}
	msg := smsirTexts[code]
	if msg == "" {
		msg = "خطا"
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(httpStatus)
	json.NewEncoder(w).Encode(map[string]any{"status": code, "message": msg, "data": data})
}

func (s *SMSIRServer) fail(w http.ResponseWriter, status int) {
	if status >= 500 {
		outage(w, status)
		return
	}
	smsirReply(w, status, nil)
}

func (s *SMSIRServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/v1/send/bulk" {
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
	if r.Header.Get("X-API-KEY") != SMSIRKey {
		smsirReply(w, 10, nil)
		return
	}
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/v1/send/bulk":
		s.bulk(w, r)
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v1/send/"):
		s.report(w, strings.TrimPrefix(r.URL.Path, "/v1/send/"))
	default:
		http.NotFound(w, r)
	}
}

type smsirBulk struct {
	LineNumber   json.Number `json:"lineNumber"`
	MessageText  string      `json:"messageText"`
	Mobiles      []string    `json:"mobiles"`
	SendDateTime *int64      `json:"sendDateTime"`
}

func (s *SMSIRServer) bulk(w http.ResponseWriter, r *http.Request) {
	fail, lose := s.sendFault()
	if fail != 0 {
		s.fail(w, fail)
		return
	}
	var req smsirBulk
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil {
		smsirReply(w, 0, nil)
		return
	}
	line, err := req.LineNumber.Int64()
	switch {
	case err != nil || line <= 0:
		smsirReply(w, 101, nil)
		return
	case strings.TrimSpace(req.MessageText) == "":
		smsirReply(w, 103, nil)
		return
	case len(req.Mobiles) == 0:
		smsirReply(w, 107, nil)
		return
	case len(req.Mobiles) > 100:
		smsirReply(w, 105, nil)
		return
	}
	for _, m := range req.Mobiles {
		if !validMobile(m) {
			smsirReply(w, 104, nil)
			return
		}
	}
	ids := make([]int64, len(req.Mobiles))
	s.deliveries.mu.Lock()
	s.smu.Lock()
	for i, m := range req.Mobiles {
		if s.blacklist[m] {
			continue // id 0
		}
		ids[i] = s.deliveries.add(Delivery{To: m, From: req.LineNumber.String(), Text: req.MessageText}).MessageID
	}
	pack := s.deliveries.nextID
	s.smu.Unlock()
	s.deliveries.mu.Unlock()
	if lose {
		outage(w, http.StatusBadGateway)
		return
	}
	smsirReply(w, 1, map[string]any{
		"packId":     fmt.Sprintf("00000000-0000-4000-8000-%012d", pack),
		"messageIds": ids,
		"cost":       float64(len(req.Mobiles)),
	})
}

func (s *SMSIRServer) report(w http.ResponseWriter, ref string) {
	id, err := strconv.ParseInt(ref, 10, 64)
	if err != nil {
		smsirReply(w, 111, nil)
		return
	}
	s.deliveries.mu.Lock()
	d, ok := s.deliveries.find(id)
	s.deliveries.mu.Unlock()
	if !ok {
		smsirReply(w, 111, nil)
		return
	}
	s.smu.Lock()
	st, set := s.state[id]
	if !set {
		st = s.defState
	}
	s.smu.Unlock()
	var state, at any // null until there is a report
	if st != 0 {
		state, at = st, d.At.Unix()
	}
	line, _ := strconv.ParseInt(d.From, 10, 64)
	smsirReply(w, 1, map[string]any{
		"messageId":        d.MessageID,
		"mobile":           d.To,
		"messageText":      d.Text,
		"sendDateTime":     d.At.Unix(),
		"lineNumber":       line,
		"cost":             1.0,
		"deliveryState":    state,
		"deliveryDateTime": at,
	})
}
