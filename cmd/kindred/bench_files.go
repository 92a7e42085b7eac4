package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/kindredhq/kindred/internal/matching"
)

// writeScoresFiles writes a generated instance in the files of kindred
// match --mentors --scores: mentor j is "M<j>", mentee i is "E<i>".
func writeScoresFiles(dir string, p matching.Problem) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	write := func(name, header string, n int, row func(b []byte, k int) []byte) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(f, 1<<20)
		w.WriteString(header + "\n")
		var b []byte
		for k := range n {
			b = row(b[:0], k)
			w.Write(append(b, '\n'))
		}
		err = w.Flush()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		return nil
	}
	if err := write("mentors.csv", "id,capacity", len(p.MentorCapacity), func(b []byte, j int) []byte {
		b = strconv.AppendInt(append(b, 'M'), int64(j), 10)
		return strconv.AppendInt(append(b, ','), int64(p.MentorCapacity[j]), 10)
	}); err != nil {
		return err
	}
	return write("scores.csv", "mentor_id,mentee_id,score", len(p.Arcs), func(b []byte, k int) []byte {
		a := p.Arcs[k]
		b = strconv.AppendInt(append(b, 'M'), int64(a.Mentor), 10)
		b = strconv.AppendInt(append(b, ',', 'E'), int64(a.Mentee), 10)
		return strconv.AppendInt(append(b, ','), int64(a.Score), 10)
	})
}
