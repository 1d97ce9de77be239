package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// assets serves the embedded static files under content-hashed URLs
// (/static/<hash>/css/site.css) so they can be cached for a year and still
// change the moment a file does.
type assets struct {
	root fs.FS
	hash map[string]string // file path → short content hash
	css  map[string][]byte // stylesheets with their url(../x) rewritten to hashed URLs
}

func loadAssets() (*assets, error) {
	root, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	a := &assets{root: root, hash: map[string]string{}, css: map[string][]byte{}}
	var sheets []string
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".css") {
			sheets = append(sheets, p)
			return nil
		}
		b, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		a.hash[p] = shortHash(b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Stylesheets last: their font URLs must point at the fonts' own hashed
	// URLs, or the browser would fetch each font twice (preload + CSS).
	ref := regexp.MustCompile(`url\("\.\./([^"]+)"\)`)
	for _, p := range sheets {
		b, err := fs.ReadFile(root, p)
		if err != nil {
			return nil, err
		}
		var missing error
		b = ref.ReplaceAllFunc(b, func(m []byte) []byte {
			target := string(ref.FindSubmatch(m)[1])
			if _, ok := a.hash[target]; !ok {
				missing = fmt.Errorf("web: %s refers to missing %s", p, target)
				return m
			}
			return []byte(`url("` + a.URL(target) + `")`)
		})
		if missing != nil {
			return nil, missing
		}
		a.css[p] = b
		a.hash[p] = shortHash(b)
	}
	return a, nil
}

func shortHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:5])
}

// URL returns the hashed URL of a static file; it panics at template parse
// time use on a missing file so a typo fails the start-up, not a page.
func (a *assets) URL(p string) string {
	h, ok := a.hash[p]
	if !ok {
		panic("web: missing static file " + p)
	}
	return "/static/" + h + "/" + p
}

func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/static/")
	hash, p, ok := strings.Cut(rest, "/")
	p = path.Clean(p)
	if !ok || a.hash[p] == "" {
		http.NotFound(w, r)
		return
	}
	if hash == a.hash[p] {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	if b, ok := a.css[p]; ok {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(b))
		return
	}
	http.ServeFileFS(w, r, a.root, p)
}
