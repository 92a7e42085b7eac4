package web

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/db"
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
	req, _ := http.NewRequest("POST", o.ts.URL+"/api/v1/imports/people", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+o.tokens["admin"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
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
