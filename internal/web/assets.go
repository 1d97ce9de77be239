package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// assets serves the embedded static files under content-hashed URLs
// (/static/<hash>/css/site.css) so they can be cached for a year and still
// change the moment a file does.
type assets struct {
	root fs.FS
	hash map[string]string // file path → short content hash
}

func loadAssets() (*assets, error) {
	root, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	a := &assets{root: root, hash: map[string]string{}}
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a.hash[p] = hex.EncodeToString(sum[:5])
		return nil
	})
	return a, err
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
	http.ServeFileFS(w, r, a.root, p)
}
