package demo

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/kindredhq/kindred/internal/people"
)

// formulaNames are names a spreadsheet would take for a formula, what
// WriteCSV writes for them (the OWASP single-quote prefix, except for a
// plain number, which no spreadsheet runs), and what people.ParseCSV reads
// back (which also turns a tab or a carriage return inside a name into a
// space).
var formulaNames = map[string][2]string{
	`=HYPERLINK("http://evil.example","Click")`: {`'=HYPERLINK("http://evil.example","Click")`, `'=HYPERLINK("http://evil.example","Click")`},
	"+1":                {"+1", "+1"},
	"-2+3":              {"'-2+3", "'-2+3"},
	"@SUM(A1)":          {"'@SUM(A1)", "'@SUM(A1)"},
	"\t=cmd|' /C x'!A0": {"'\t=cmd|' /C x'!A0", "' =cmd|' /C x'!A0"},
	"\r=1+1":            {"'\r=1+1", "' =1+1"},
}

// TestWriteCSVSpreadsheetSafe writes people whose names and function start
// like a formula: no cell of the file may start a formula, and
// people.ParseCSV, which kindred import, match and circles read with, reads
// the neutralised text back (the quote is kept: a reader cannot tell it
// from a quote that was part of the value).
func TestWriteCSVSpreadsheetSafe(t *testing.T) {
	o := org(t, 300, 1)
	o.People = slices.Clone(o.People) // org is shared by the tests
	want := map[string][2]string{}    // id -> name as written and as read
	k := 1
	for name, w := range formulaNames {
		o.People[k].Name = name
		want[o.People[k].ID] = w
		k++
	}
	o.People[1].Function = "=1+1"
	var b bytes.Buffer
	if err := WriteCSV(&b, o); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs {
		for j, cell := range rec {
			if cell != "" && strings.ContainsRune("=@\t\r", rune(cell[0])) {
				t.Errorf("line %d, column %d starts a formula: %q", i+1, j+1, cell)
			}
		}
	}
	for i, rec := range recs[1:] {
		if w, ok := want[rec[0]]; ok && rec[1] != w[0] {
			t.Errorf("line %d: name written as %q, want %q", i+2, rec[1], w[0])
		}
	}
	if got := recs[2][4]; got != "'=1+1" {
		t.Errorf("function written as %q, want '=1+1", got)
	}

	f, err := people.ParseCSV("demo.csv", bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range f.Rows {
		if w, ok := want[row.Person.ID]; ok && row.Person.Name != w[1] {
			t.Errorf("line %d: name reads back as %q, want %q", row.Line, row.Person.Name, w[1])
		}
	}
	if got := f.Rows[1].Person.Function; got != "'=1+1" {
		t.Errorf("function reads back as %q, want '=1+1", got)
	}
}
