package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
	"github.com/kindredhq/kindred/internal/db/dbtest"
)

// multipartFile is a form with the file field "file".
func multipartFile(t *testing.T, name string, content []byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// TestImportShowsEveryProblemAtOnce uploads the 4-row file of issue 9
// (people's testdata/waves.csv, 16 problems) once, on the page and through
// the API, and finds every problem, grouped by line on the page.
func TestImportShowsEveryProblemAtOnce(t *testing.T) {
	content, err := os.ReadFile("../people/testdata/waves.csv")
	if err != nil {
		t.Fatal(err)
	}
	o := newOrg(t, db.SQLite)
	body, ct := multipartFile(t, "waves.csv", content)
	code, page := o.do("admin", "POST", "/import", body, ct)
	if code != 422 {
		t.Fatalf("page: %d, want 422", code)
	}
	for _, want := range []string{"waves.csv was not imported: 16 problems",
		"<strong>Line 2</strong>", "<strong>Line 3</strong>", "<strong>Line 4</strong>", "<strong>Line 5</strong>",
		"column 9 (hire_date): 2020-02-30: February 2020 has 29 days",
		"already belongs to person &#34;admin&#34;", "manager cycle: E3 reports to E4 reports to E3",
		`href="/import" aria-current="page"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	if strings.Count(page, "<strong>Line ") != 4 {
		t.Errorf("want the problems grouped under 4 lines")
	}

	body, ct = multipartFile(t, "waves.csv", content)
	resp := o.apiUpload(t, "admin", body, ct)
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out importErrorJSON
	if err := json.Unmarshal(raw, &out); err != nil || resp.StatusCode != 422 {
		t.Fatalf("api: %d %s", resp.StatusCode, raw)
	}
	if len(out.Error.Problems) != 16 || out.Error.More != 0 {
		t.Fatalf("api listed %d problems (+%d): %s", len(out.Error.Problems), out.Error.More, raw)
	}
	for i := 1; i < len(out.Error.Problems); i++ {
		if out.Error.Problems[i].Line < out.Error.Problems[i-1].Line {
			t.Fatalf("api problems are not in line order: %s", raw)
		}
	}
	if c, _ := o.apiDo("admin", "GET", "/api/v1/people/E4", ""); c != 404 {
		t.Fatal("a rejected file stored a row")
	}
}

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
		resp := o.apiUpload(t, "admin", body, ct)
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

// apiUpload posts a multipart import to the API with who's token and
// returns the response, whose body the caller closes.
func (o *org) apiUpload(t testing.TB, who string, body io.Reader, contentType string) *http.Response {
	t.Helper()
	req, err := http.NewRequest("POST", o.ts.URL+"/api/v1/imports/people", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+o.tokens[who])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}
