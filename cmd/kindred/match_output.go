package main

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/kindredhq/kindred/internal/csvsafe"
)

// writeOutputs writes each file to a temporary file beside it, then
// renames them all into place, so that no output is ever half written.
func writeOutputs(outs []output) error {
	var tmps []string
	defer func() {
		for _, t := range tmps {
			os.Remove(t)
		}
	}()
	for _, o := range outs {
		f, err := os.CreateTemp(filepath.Dir(o.path), "."+filepath.Base(o.path)+".*")
		if err != nil {
			return fmt.Errorf("match: %w", err)
		}
		tmps = append(tmps, f.Name())
		_, err = f.Write(o.data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(f.Name(), 0o644)
		}
		if err != nil {
			return fmt.Errorf("match: write %s: %w", o.path, err)
		}
	}
	for k, o := range outs {
		if err := os.Rename(tmps[k], o.path); err != nil {
			return fmt.Errorf("match: write %s: %w", o.path, err)
		}
	}
	tmps = nil
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func since(t time.Time) float64 { return math.Round(time.Since(t).Seconds()*1000) / 1000 }

// listSome lists up to n items, then how many more.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

// progress shows what a long run is doing on stderr, only when stderr is a
// terminal; otherwise it is silent.
type progress struct {
	w     io.Writer
	shown bool
	last  time.Time
}

func newProgress(stderr io.Writer) *progress {
	f, ok := stderr.(*os.File)
	if !ok {
		return &progress{}
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return &progress{}
	}
	return &progress{w: f}
}

// say replaces the progress line.
func (p *progress) say(format string, args ...any) {
	if p.w == nil {
		return
	}
	fmt.Fprintf(p.w, "\r\033[Kkindred match: "+format, args...)
	p.shown = true
}

// percent returns a callback showing a percentage at most ten times a
// second, or nil when silent.
func (p *progress) percent(what string) func(done, total int) {
	if p.w == nil {
		return nil
	}
	return func(done, total int) {
		if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond || done == total {
			p.last = now
			p.say("%s %d%%", what, done*100/max(total, 1))
		}
	}
}

// clear erases the progress line.
func (p *progress) clear() {
	if p.w != nil && p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

// renderCSV renders a header and rows sorted by their first two columns
// (mentor_id, mentee_id), each cell spreadsheet-safe (package csvsafe).
func renderCSV(header []string, rows [][]string) []byte {
	slices.SortFunc(rows, func(a, b []string) int { return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1])) })
	var buf bytes.Buffer
	w := csvsafe.NewWriter(&buf)
	w.Write(header)
	w.WriteAll(rows) // writes to memory cannot fail
	return buf.Bytes()
}

func sortUnmatched(u []unmatchedMentee) {
	slices.SortFunc(u, func(a, b unmatchedMentee) int { return strings.Compare(a.ID, b.ID) })
}

// output is a file to write and its contents.
type output struct {
	path string
	data []byte
}
