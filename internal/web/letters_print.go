package web

import (
	"net/http"
	"strconv"

	"mizban/internal/desk"
	"mizban/internal/workflow"
)

// letterPrintView is the printable outgoing letter.
type letterPrintView struct {
	workflow.LetterSheet
	VerifyURL string // the QR code's address
}

// letterPrint shows an outgoing letter ready to print (A4), with the QR
// code of its verification page.
func (s *Server) letterPrint(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	sheet, err := s.flow.PrintLetter(r.Context(), a, id, s.flow.ClientKey(clientAddr(r)))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := letterPrintView{LetterSheet: sheet}
	if sheet.Token != "" {
		v.VerifyURL = s.siteBase(r) + "/v/" + sheet.Token
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "letter_print", "چاپ نامه", v, nil)
}

// letterVerify is the public page a letter's QR code opens: whoever holds
// the paper can check that the agency issued it. It shows no personal data.
func (s *Server) letterVerify(w http.ResponseWriter, r *http.Request) {
	c, err := s.flow.VerifyLetter(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	s.render(w, r, http.StatusOK, "letter_verify", "استعلام نامه", c, nil)
}
