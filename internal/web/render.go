package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/access"
	"github.com/kindredhq/kindred/internal/person"
)

//go:embed all:templates static
var assets embed.FS

// parseTemplates parses each page with the shared layout and partials.
func parseTemplates() (map[string]*template.Template, error) {
	shared, err := fs.Glob(assets, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(assets, "templates/[a-z]*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		t, err := template.New(name).Funcs(funcs).ParseFS(assets, append([]string{p}, shared...)...)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

var funcs = template.FuncMap{
	"join":  strings.Join,
	"date":  func(t time.Time) string { return t.Format("2 Jan 2006") },
	"query": urlQueryEscape,
	"add":   func(a, b int) int { return a + b },
	"sub":   func(a, b int) int { return a - b },
	"pct": func(n, d int) int {
		if d == 0 {
			return 0
		}
		return n * 100 / d
	},
	"initials": func(name string) string {
		var b strings.Builder
		for _, f := range strings.Fields(name) {
			for _, r := range f {
				b.WriteRune(r)
				break
			}
			if b.Len() >= 2 {
				break
			}
		}
		return strings.ToUpper(b.String())
	},
	"contains": func(list []string, v string) bool {
		for _, x := range list {
			if x == v {
				return true
			}
		}
		return false
	},

	// Pickers of a person in a form (picker.go).
	"personPicker": personPicker,
	"menteePicker": menteePicker,
	// A count with its noun: "1 circle", "2 circles" (plural in matching_pages.go).
	"count": plural,
	// An access role in words ("program manager", not "admin").
	"accessRole": person.AccessRoleLabel,
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// view is what every page template receives.
type view struct {
	Viewer  access.Viewer
	Flash   string
	Path    string
	Data    map[string]any
	Errors  map[string]string
	Title   string
	Section string
}

// render executes a page into a buffer and only then writes it with the
// status, so a template error is returned before anything is written and
// becomes a clean 500 through s.fail, never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, page string, data map[string]any) error {
	t, ok := s.pages[page]
	if !ok {
		return fmt.Errorf("render: no page template %q", page)
	}
	v := view{Viewer: viewer(r), Path: r.URL.Path, Data: data, Flash: s.takeFlash(w, r)}
	if t, ok := data["Title"].(string); ok {
		v.Title = t
	}
	if sec, ok := data["Section"].(string); ok {
		v.Section = sec
	}
	if e, ok := data["Errors"].(map[string]string); ok {
		v.Errors = e
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("render page %s: %w", page, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = buf.WriteTo(w)
	return nil
}

const flashCookie = "kindred_flash"

// flash stores a one-time message shown on the next page.
func (s *Server) flash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(msg), Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	s.clearCookie(w, flashCookie)
	msg, _ := url.QueryUnescape(c.Value)
	return msg
}

// redirect sends the browser to a page after a successful form post. It
// cannot fail; it returns nil so a handler can end with it.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, flash string) error {
	if flash != "" {
		s.flash(w, flash)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// staticHandler serves the embedded stylesheet and images.
func staticHandler() http.Handler {
	sub, _ := fs.Sub(assets, "static")
	fsrv := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}
