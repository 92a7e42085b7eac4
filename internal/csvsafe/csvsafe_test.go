package csvsafe

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
)

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                          "",
		"Ada Lovelace":              "Ada Lovelace",
		"E1":                        "E1",
		`=HYPERLINK("http://evil")`: `'=HYPERLINK("http://evil")`,
		"@SUM(A1)":                  "'@SUM(A1)",
		"-2+3":                      "'-2+3",
		"+cmd|' /C calc'!A0":        "'+cmd|' /C calc'!A0",
		"\t=1":                      "'\t=1",
		"\r=1":                      "'\r=1",
		"-":                         "'-",
		"+":                         "'+",
		"-1e5":                      "'-1e5",
		"-.5":                       "'-.5",
		"-3.":                       "'-3.",
		"+1":                        "+1",
		"-2":                        "-2",
		"-0.25":                     "-0.25",
		"12":                        "12",
		"a=1":                       "a=1",
		"'=already":                 "'=already",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWriter checks that every cell is neutralised, the CSV quoting stays
// right (a reader gets the neutralised text back), and the caller's record
// is left alone.
func TestWriter(t *testing.T) {
	rec := []string{`=HYPERLINK("http://evil","x,y")`, "-5", "@a\nb", "plain"}
	orig := slices.Clone(rec)
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.WriteAll([][]string{{"h1", "h2", "h3", "h4"}, rec}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rec, orig) {
		t.Errorf("record changed to %q", rec)
	}
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`'=HYPERLINK("http://evil","x,y")`, "-5", "'@a\nb", "plain"}
	if !slices.Equal(got[1], want) {
		t.Errorf("read back %q, want %q", got[1], want)
	}
}

func TestLookup(t *testing.T) {
	m := map[string]int{"=x": 1, "'@y": 2, "@y": 3, "'z": 4, "-2": 5}
	for _, c := range []struct {
		s, key string
		v      int
		ok     bool
	}{
		{"=x", "=x", 1, true},
		{"'=x", "=x", 1, true},     // written by Cell
		{"'@y", "'@y", 2, true},    // itself first
		{"'z", "'z", 4, true},      // a quote that is part of the id
		{"z", "z", 0, false},       // never the other way
		{"''=x", "''=x", 0, false}, // one quote only
		{"'-2", "'-2", 0, false},   // Cell leaves a number alone
		{"nobody", "nobody", 0, false},
	} {
		v, key, ok := Lookup(m, c.s)
		if v != c.v || key != c.key || ok != c.ok {
			t.Errorf("Lookup(%q) = %d, %q, %v; want %d, %q, %v", c.s, v, key, ok, c.v, c.key, c.ok)
		}
	}
}
