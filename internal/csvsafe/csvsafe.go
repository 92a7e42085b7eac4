// Package csvsafe writes CSV that is safe to open in a spreadsheet.
//
// A spreadsheet treats a cell that starts with =, +, -, @, a tab or a
// carriage return as a formula (OWASP "CSV injection"), so a name such as
// =HYPERLINK("http://evil.example") in a people file would become a live
// link, or worse, in a file Kindred wrote. Every CSV file Kindred writes goes
// through Cell, usually by way of Writer: such a cell is written with a
// single quote in front ('=HYPERLINK(...)), which spreadsheets show as text.
// A cell that is a plain decimal number (-3, +2, 0.5) is left as it is, so
// scores and levels stay numbers. Readers of people files keep the quote:
// it cannot be told from a quote that was part of the value. Readers of ids
// that Kindred itself wrote (a history, locks, exclusions) find "'=x" as the
// person "=x" through Lookup (docs/formats.md, "Spreadsheet safety").
package csvsafe

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// Cell returns s as it should be written in a CSV cell: with a leading
// single quote when s starts with =, +, -, @, a tab or a carriage return
// and is not a plain decimal number; otherwise s unchanged.
func Cell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || isNumber(s) {
		return s
	}
	return "'" + s
}

// isNumber reports whether s is a plain decimal number: a sign, digits,
// and optionally a point and more digits (no exponent, no spaces).
func isNumber(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	whole, frac, point := strings.Cut(s, ".")
	return allDigits(whole) && (!point || allDigits(frac))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Writer is an encoding/csv Writer that passes every cell through Cell.
type Writer struct {
	w   *csv.Writer
	rec []string
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one record, each cell made safe; rec is not changed.
func (w *Writer) Write(rec []string) error {
	w.rec = w.rec[:0]
	for _, s := range rec {
		w.rec = append(w.rec, Cell(s))
	}
	if err := w.w.Write(w.rec); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}

// WriteAll writes the records, each cell made safe, and flushes.
func (w *Writer) WriteAll(recs [][]string) error {
	for _, rec := range recs {
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// Flush writes any buffered data to the underlying io.Writer.
func (w *Writer) Flush() { w.w.Flush() }

// Error reports any error from an earlier Write or Flush.
func (w *Writer) Error() error {
	if err := w.w.Error(); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}

// Lookup finds the id s, read from a file that Kindred may have written, in
// m: m[s] when s is there, otherwise m[t] for the t that Cell turned into s
// ("'=x" finds "=x"), so that circles.csv or matches.csv read back as a
// history file names the same people. It returns the value, the key found
// and whether one was.
func Lookup[V any](m map[string]V, s string) (V, string, bool) {
	if v, ok := m[s]; ok {
		return v, s, true
	}
	if t, ok := strings.CutPrefix(s, "'"); ok && Cell(t) == s {
		if v, ok := m[t]; ok {
			return v, t, true
		}
	}
	var zero V
	return zero, s, false
}
