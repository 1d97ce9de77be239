package web

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"mizban/internal/catalog"
	"mizban/internal/desk"
	"mizban/internal/jalali"
	"mizban/internal/workflow"
)

// maxCatalogFile bounds an uploaded catalog: a few hundred full cards as
// JSON are well under a megabyte.
const maxCatalogFile = 10 << 20

// catalogImportView is the import page: the upload form, and either every
// problem of a refused file or the counts of an import just done.
type catalogImportView struct {
	FileName string
	Problems []catalog.Problem
	Done     *workflow.CatalogImport
}

func (s *Server) catalogExportJSON(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	s.catalogExport(w, r, "json", "application/json; charset=utf-8", catalog.WriteJSON)
}

func (s *Server) catalogExportCSV(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	s.catalogExport(w, r, "csv", "text/csv; charset=utf-8", catalog.WriteCSV)
}

// catalogExport writes every current card as a download named for today's
// (Solar Hijri) date, so exports taken on different days sort and differ.
func (s *Server) catalogExport(w http.ResponseWriter, r *http.Request, ext, ctype string, write func(io.Writer, []desk.Service) error) {
	cards, err := s.flow.ExportCatalog(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := write(&buf, cards); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+catalogFileName(s.flow.Now(), ext)+`"`)
	w.Write(buf.Bytes())
}

// catalogFileName is the export's name on a given day: mizban-catalog-1405-01-31.json.
func catalogFileName(now time.Time, ext string) string {
	d := jalali.FromTime(now)
	return fmt.Sprintf("mizban-catalog-%04d-%02d-%02d.%s", d.Year, d.Month, d.Day, ext)
}

func (s *Server) catalogImportForm(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	v := catalogImportView{}
	if q := r.URL.Query(); q.Get("done") == "1" {
		n := func(k string) int { i, _ := strconv.Atoi(q.Get(k)); return i }
		v.Done = &workflow.CatalogImport{Created: n("created"), Updated: n("updated"), Unchanged: n("unchanged")}
	}
	s.render(w, r, http.StatusOK, "catalog_import", "ورود و خروج شناسنامه‌ها", v, nil)
}

func (s *Server) catalogImportPost(w http.ResponseWriter, r *http.Request, a desk.Actor) {
	ctx := r.Context()
	r.Body = http.MaxBytesReader(w, r.Body, maxCatalogFile+64<<10)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		msg := "فایل شناسنامه‌ها (JSON یا CSV) را انتخاب کنید."
		status := http.StatusUnprocessableEntity
		if errors.As(err, &tooBig) {
			msg = "فایل بیش از ۱۰ مگابایت است. شناسنامه‌ها را در چند فایل کوچک‌تر بارگذاری کنید."
			status = http.StatusRequestEntityTooLarge
		}
		fe := desk.FieldErrors{}
		fe.Add("file", msg)
		s.render(w, r, status, "catalog_import", "ورود و خروج شناسنامه‌ها", catalogImportView{}, fe.Err())
		return
	}
	defer file.Close()
	v := catalogImportView{FileName: hdr.Filename}
	data, err := io.ReadAll(file)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var cards []desk.Service
	var problems []catalog.Problem
	// The workflow numbers cards 1, 2, …; a CSV's problems name lines.
	rowOf := func(card int) int { return card }
	if isJSONUpload(hdr.Filename, data) {
		cards, problems = catalog.ReadJSON(bytes.NewReader(data))
	} else {
		current, err := s.flow.ExportCatalog(ctx)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		byCode := make(map[string]desk.Service, len(current))
		for _, c := range current {
			byCode[c.Code] = c
		}
		cards, problems = catalog.ReadCSV(bytes.NewReader(data), byCode)
		if lines := csvCardLines(data); len(lines) == len(cards) {
			rowOf = func(card int) int {
				if card >= 1 && card <= len(lines) {
					return lines[card-1]
				}
				return card
			}
		}
	}
	if len(problems) == 0 && len(cards) == 0 {
		fe := desk.FieldErrors{}
		fe.Add("file", "در این فایل هیچ خدمتی نیست.")
		s.render(w, r, http.StatusUnprocessableEntity, "catalog_import", "ورود و خروج شناسنامه‌ها", v, fe.Err())
		return
	}
	if len(problems) == 0 {
		var res workflow.CatalogImport
		res, problems, err = s.flow.ImportCatalog(ctx, a, cards, s.client(r))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for i := range problems {
			problems[i].Row = rowOf(problems[i].Row)
		}
		if len(problems) == 0 {
			q := url.Values{"done": {"1"}, "created": {strconv.Itoa(res.Created)},
				"updated": {strconv.Itoa(res.Updated)}, "unchanged": {strconv.Itoa(res.Unchanged)}}
			http.Redirect(w, r, "/staff/catalog/import?"+q.Encode(), http.StatusSeeOther)
			return
		}
	}
	v.Problems = problems
	s.render(w, r, http.StatusUnprocessableEntity, "catalog_import", "ورود و خروج شناسنامه‌ها", v, nil)
}

// isJSONUpload tells JSON from CSV by the file's extension, else by its
// first character: a JSON catalog opens with [ (after any BOM or space).
func isJSONUpload(name string, data []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		return true
	case ".csv", ".txt":
		return false
	}
	head := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	return len(head) > 0 && (head[0] == '[' || head[0] == '{')
}

// csvCardLines is the line each card of a CSV list starts on, read the way
// catalog.ReadCSV reads it (separator of the header line, blank rows
// skipped), so problems found after reading can name lines too. Nil when
// the file does not read.
func csvCardLines(data []byte) []int {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first := data
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.Comma = ','
	n := bytes.Count(first, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if k := bytes.Count(first, []byte(string(c))); k > n {
			cr.Comma, n = c, k
		}
	}
	if _, err := cr.Read(); err != nil {
		return nil
	}
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return lines
		}
		if err != nil {
			return nil
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		line, _ := cr.FieldPos(0)
		lines = append(lines, line)
	}
}
