package circles

import "testing"

// latinMates reports whether the Latin square l (order n) has an
// orthogonal mate, that is, whether its cells split into n disjoint
// transversals (one cell per row, column and symbol each).
func latinMates(l [][]int) bool {
	n := len(l)
	// Every transversal as a mask of cells, indexed by its row-0 column.
	trans := make([][]uint64, n)
	col := make([]int, n)
	var walk func(row int, cols, syms int, mask uint64)
	walk = func(row int, cols, syms int, mask uint64) {
		if row == n {
			trans[col[0]] = append(trans[col[0]], mask)
			return
		}
		for c := range n {
			s := l[row][c]
			if cols&(1<<c) != 0 || syms&(1<<s) != 0 {
				continue
			}
			col[row] = c
			walk(row+1, cols|1<<c, syms|1<<s, mask|1<<(row*n+c))
		}
	}
	walk(0, 0, 0, 0)
	// Pick one transversal through each cell of row 0, disjoint.
	var cover func(c int, used uint64) bool
	cover = func(c int, used uint64) bool {
		if c == n {
			return true
		}
		for _, t := range trans[c] {
			if t&used == 0 && cover(c+1, used|t) {
				return true
			}
		}
		return false
	}
	return cover(0, 0)
}

// reducedLatinSquares calls f with every Latin square of order n whose
// first row and column are 0, 1, ..., n-1.
func reducedLatinSquares(n int, f func([][]int)) {
	l := make([][]int, n)
	rows := make([]int, n) // symbols used per row
	cols := make([]int, n) // symbols used per column
	for i := range l {
		l[i] = make([]int, n)
		l[0][i], l[i][0] = i, i
		rows[0] |= 1 << i
		cols[i] |= 1 << i
		if i > 0 {
			rows[i] |= 1 << i
			cols[0] |= 1 << i
		}
	}
	var fill func(cell int)
	fill = func(cell int) {
		if cell == n*n {
			f(l)
			return
		}
		i, j := cell/n, cell%n
		if i == 0 || j == 0 {
			fill(cell + 1)
			return
		}
		for s := range n {
			if rows[i]&(1<<s) != 0 || cols[j]&(1<<s) != 0 {
				continue
			}
			l[i][j] = s
			rows[i] |= 1 << s
			cols[j] |= 1 << s
			fill(cell + 1)
			rows[i] &^= 1 << s
			cols[j] &^= 1 << s
		}
	}
	fill(0)
}

// TestNoOrthogonalLatinSquaresOfOrder6 checks Tarry's theorem, on which
// RepeatLowerBound relies for 36 people in circles of 6, by exhaustion:
// every Latin square is isotopic to a reduced one (permute columns, rows
// and symbols), isotopy preserves having an orthogonal mate, and none of
// the 9408 reduced Latin squares of order 6 has one.
func TestNoOrthogonalLatinSquaresOfOrder6(t *testing.T) {
	// The method finds mates where they exist.
	for _, n := range []int{3, 4, 5} {
		found := 0
		reducedLatinSquares(n, func(l [][]int) {
			if latinMates(l) {
				found++
			}
		})
		if found == 0 {
			t.Errorf("order %d: no Latin square with a mate found", n)
		}
	}
	count, mates := 0, 0
	reducedLatinSquares(6, func(l [][]int) {
		count++
		if latinMates(l) {
			mates++
		}
	})
	if count != 9408 {
		t.Errorf("%d reduced Latin squares of order 6, want 9408", count)
	}
	if mates != 0 {
		t.Errorf("%d reduced Latin squares of order 6 have an orthogonal mate", mates)
	}
}
