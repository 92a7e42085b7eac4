package main

import (
	"bytes"
	"runtime"
	"strings"
	"sync"

	"github.com/kindredhq/kindred/internal/matching"
	"github.com/kindredhq/kindred/internal/safetext"
)

// readScoresCareful reads scores.csv row by row through readTable,
// collecting every problem with its line and column: the reader of record,
// used whenever readScoresFast finds the file anything but plain.
func readScoresCareful(path, mentorsFile string, mentorIx map[string]int32) ([]string, map[string]int32, []matching.Arc, error) {
	st, err := readTable(path, "mentor_id", "mentee_id", "score")
	if err != nil {
		return nil, nil, nil, err
	}
	var menteeIDs []string
	menteeIx := map[string]int32{}
	var arcs []matching.Arc
	seen := map[matching.Pair]int{} // pair -> line
	for _, r := range st.rows {
		mid, eid := st.cell(r, "mentor_id"), st.cell(r, "mentee_id")
		j, ok := mentorIx[mid]
		if !ok {
			st.bad(r, "mentor_id", "unknown mentor id %q (not in %s)", mid, mentorsFile)
		}
		if eid == "" {
			st.bad(r, "mentee_id", "the mentee id is empty")
			ok = false
		} else if eid == mid {
			st.bad(r, "mentee_id", "%q cannot mentor themselves", eid)
			ok = false
		}
		s, okScore := st.integer(r, "score", 0, matching.MaxScore)
		if !ok || !okScore {
			continue
		}
		var i int32
		i, menteeIDs = number(menteeIx, menteeIDs, eid)
		q := matching.Pair{Mentor: j, Mentee: i}
		if prev := seen[q]; prev > 0 {
			st.bad(r, "mentee_id", "the pair (%s, %s) is also on line %d", mid, eid, prev)
			continue
		}
		seen[q] = r.line
		arcs = append(arcs, matching.Arc{Mentor: j, Mentee: i, Score: int32(s)})
	}
	if err := st.err(); err != nil {
		return nil, nil, nil, err
	}
	return menteeIDs, menteeIx, arcs, nil
}

// readScoresFast reads a plain scores.csv (no quotes, every row whole and
// valid, no pair twice) in one pass over its bytes, without a string per
// cell: what readScoresCareful would read, about ten times faster. It
// gives up (ok false) at the first thing that is not plain (a quote, a NUL
// byte, bytes that are not UTF-8), so that
// readScoresCareful reports the problems.
func readScoresFast(data []byte, mentors *idIndex) (menteeIDs []string, menteeIx map[string]int32, arcs []matching.Arc, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '"') >= 0 || !safetext.FineBytes(data) {
		return nil, nil, nil, false
	}
	line, data := nextLine(data)
	header := strings.Split(string(line), ",")
	col := map[string]int{}
	for k, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := col[h]; dup {
			return nil, nil, nil, false
		}
		col[h] = k
	}
	cm, okm := col["mentor_id"]
	ce, oke := col["mentee_id"]
	cs, oks := col["score"]
	if !okm || !oke || !oks {
		return nil, nil, nil, false
	}
	// The rows in up to four chunks at line ends, read side by side, each
	// numbering its mentees in order of appearance; then the chunks'
	// mentees are numbered in file order.
	parts := splitLines(data, min(4, runtime.GOMAXPROCS(0)))
	chunks := make([]scoresChunk, len(parts))
	var wg sync.WaitGroup
	for k, part := range parts {
		wg.Go(func() { chunks[k] = readScoresChunk(part, len(header), cm, ce, cs, mentors) })
	}
	wg.Wait()
	menteeIx = map[string]int32{}
	total := 0
	for _, c := range chunks {
		if !c.ok {
			return nil, nil, nil, false
		}
		total += len(c.arcs)
	}
	arcs = make([]matching.Arc, 0, total)
	for _, c := range chunks {
		global := make([]int32, len(c.mentees))
		for k, id := range c.mentees {
			global[k], menteeIDs = number(menteeIx, menteeIDs, id)
		}
		for _, a := range c.arcs {
			arcs = append(arcs, matching.Arc{Mentor: a.Mentor, Mentee: global[a.Mentee], Score: a.Score})
		}
	}
	if hasDuplicatePair(arcs, len(menteeIDs), len(mentors.ids)) {
		return nil, nil, nil, false
	}
	return menteeIDs, menteeIx, arcs, true
}

// nextLine splits off the first line, without its "\n" or "\r\n".
func nextLine(data []byte) (line, rest []byte) {
	k := bytes.IndexByte(data, '\n')
	if k < 0 {
		line, rest = data, nil
	} else {
		line, rest = data[:k], data[k+1:]
	}
	return bytes.TrimSuffix(line, []byte("\r")), rest
}

// trimASCII trims what strings.TrimSpace trims from ASCII text.
func trimASCII(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\v' || b[0] == '\f' || b[0] == '\r') {
		b = b[1:]
	}
	for n := len(b); n > 0 && (b[n-1] == ' ' || b[n-1] == '\t' || b[n-1] == '\v' || b[n-1] == '\f' || b[n-1] == '\r'); n = len(b) {
		b = b[:n-1]
	}
	return b
}

// smallUint parses 1 to 9 decimal digits.
func smallUint(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// hasDuplicatePair reports whether a (mentor, mentee) pair is listed
// twice, in O(arcs): arcs grouped by mentee, each mentor stamped.
func hasDuplicatePair(arcs []matching.Arc, mentees, mentors int) bool {
	first := make([]int32, mentees+1)
	for _, a := range arcs {
		first[a.Mentee+1]++
	}
	for i := range mentees {
		first[i+1] += first[i]
	}
	byMentee := make([]int32, len(arcs))
	fill := append([]int32(nil), first[:mentees]...)
	for _, a := range arcs {
		byMentee[fill[a.Mentee]] = a.Mentor
		fill[a.Mentee]++
	}
	stamp := make([]int32, mentors)
	for i := range mentees {
		for _, j := range byMentee[first[i]:first[i+1]] {
			if stamp[j] == int32(i)+1 {
				return true
			}
			stamp[j] = int32(i) + 1
		}
	}
	return false
}

// splitLines cuts data into up to n parts of about equal size, each ending
// at a line end.
func splitLines(data []byte, n int) [][]byte {
	var parts [][]byte
	for n > 1 && len(data) > 0 {
		cut := len(data) / n
		if k := bytes.IndexByte(data[cut:], '\n'); k >= 0 {
			cut += k + 1
		} else {
			cut = len(data)
		}
		parts = append(parts, data[:cut])
		data = data[cut:]
		n--
	}
	return append(parts, data)
}

// scoresChunk is a part of scores.csv read on its own: its arcs number
// the mentees of the part, in order of appearance.
type scoresChunk struct {
	mentees []string
	arcs    []matching.Arc
	ok      bool
}

// readScoresChunk reads the rows of a part of a plain scores.csv; ok is
// false at the first row that is not plain.
func readScoresChunk(data []byte, columns, cm, ce, cs int, mentors *idIndex) scoresChunk {
	c := scoresChunk{arcs: make([]matching.Arc, 0, bytes.Count(data, []byte{'\n'})+1)}
	local := map[string]int32{}
	var cells [][]byte
	var prevMentee []byte
	prev := int32(-1)
	for len(data) > 0 {
		var line []byte
		line, data = nextLine(data)
		if len(line) == 0 {
			continue
		}
		cells = cells[:0]
		for {
			k := bytes.IndexByte(line, ',')
			if k < 0 {
				cells = append(cells, trimASCII(line))
				break
			}
			cells = append(cells, trimASCII(line[:k]))
			line = line[k+1:]
		}
		if len(cells) != columns {
			return c
		}
		mid, eid := cells[cm], cells[ce]
		j, known := mentors.find(mid)
		s, okScore := smallUint(cells[cs])
		if !known || len(eid) == 0 || bytes.Equal(eid, mid) || !okScore || s > matching.MaxScore {
			return c
		}
		i := prev
		if prev < 0 || !bytes.Equal(eid, prevMentee) {
			i, c.mentees = number(local, c.mentees, string(eid))
			prev, prevMentee = i, eid
		}
		c.arcs = append(c.arcs, matching.Arc{Mentor: j, Mentee: i, Score: int32(s)})
	}
	c.ok = true
	return c
}

// number returns id's number in ix; an id without one gets the next and is
// appended to ids.
func number(ix map[string]int32, ids []string, id string) (int32, []string) {
	i, ok := ix[id]
	if !ok {
		i = int32(len(ids))
		ix[id] = i
		ids = append(ids, id)
	}
	return i, ids
}
