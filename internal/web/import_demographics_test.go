package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
)

// An import through the page or the API tells nothing about a person's
// demographics and leaves them as stored, unless the admin says the file
// is the source of truth for them.
func TestImportKeepsDemographicsUnlessAuthoritative(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		o := newOrg(t, d.Dialect)
		guess := "id,name,email,level,function,location,timezone,demo_gender\n" +
			"admin,Ada Admin,ada@example.com,8,People,Berlin,Europe/Berlin,man\n" // Ada is stored as a woman
		gender := func() string {
			t.Helper()
			var v string
			if err := o.d.Read().QueryRowContext(context.Background(), "SELECT value FROM demographics WHERE person_id = 'admin' AND attribute = 'gender'").Scan(&v); err != nil {
				t.Fatal(err)
			}
			return v
		}
		body, ct := importForm(t, guess, "")
		code, page := o.do("admin", "POST", "/import", body, ct)
		if code != http.StatusOK || !strings.Contains(page, "<strong>0</strong> updated · <strong>1</strong> unchanged") {
			t.Fatalf("page import of a wrong guess: %d, want 0 updated and 1 unchanged", code)
		}
		if g := gender(); g != "woman" {
			t.Fatalf("a wrong guess overwrote the stored value with %q", g)
		}
		body, ct = importForm(t, guess, "maybe")
		if code, page := o.do("admin", "POST", "/import", body, ct); code != http.StatusUnprocessableEntity || !strings.Contains(page, "&#34;maybe&#34; must be true or false") {
			t.Fatalf("a bad option: %d, want 422 naming it", code)
		}
		body, ct = importForm(t, guess, "true")
		req, _ := http.NewRequest("POST", o.ts.URL+"/api/v1/imports/people", body)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer "+o.tokens["admin"])
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("authoritative API import: %d", resp.StatusCode)
		}
		if g := gender(); g != "man" {
			t.Fatalf("an authoritative import left %q", g)
		}
	})
}

// importForm is a multipart import form with the file csv and, unless
// empty, the demographics_authoritative field.
func importForm(t *testing.T, csv, authoritative string) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if authoritative != "" {
		if err := mw.WriteField("demographics_authoritative", authoritative); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := mw.CreateFormFile("file", "people.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write([]byte(csv)); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, mw.FormDataContentType()
}
