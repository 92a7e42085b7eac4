package circles

// field is the finite field GF(q), q = p^k, used to seed rounds with the
// affine-plane construction: with m = q circles, person (row i, column j)
// joins circle j + s_r*i in round r, for a distinct slope s_r per round, so
// two people meet at most once over q rounds (two lines of different
// slopes share at most one point). Elements are the integers 0..q-1, read
// as k base-p digits, the coefficients of a polynomial over GF(p).
type field struct {
	q, p, k int
	exp     []int // exp[i] = g^i for a generator g, i in 0..2q-3
	log     []int // log[exp[i]] = i
}

// maxField bounds the fields built, to keep the tables small.
const maxField = 1 << 12

// newField returns GF(q), or nil if q is not a prime power up to maxField.
func newField(q int) *field {
	if q < 2 || q > maxField {
		return nil
	}
	p := 2
	for q%p != 0 {
		p++
	}
	k := 0
	for x := q; x > 1; x /= p {
		if x%p != 0 {
			return nil
		}
		k++
	}
	f := &field{q: q, p: p, k: k}
	// Try the monic polynomials of degree k (coefficients below x^k given
	// by c) until x generates the multiplicative group modulo one.
	for c := 0; c < q; c++ {
		if f.tryModulus(c) {
			return f
		}
	}
	return nil // unreachable: a primitive polynomial always exists
}

// tryModulus builds the tables for x^k + c(x) and reports whether x has
// order q-1 modulo it.
func (f *field) tryModulus(c int) bool {
	n := f.q - 1
	f.exp = make([]int, 2*n)
	f.log = make([]int, f.q)
	seen := make([]bool, f.q)
	e := 1
	for i := range n {
		if e == 0 || seen[e] {
			return false
		}
		seen[e] = true
		f.exp[i], f.exp[i+n] = e, e
		f.log[e] = i
		e = f.timesX(e, c)
	}
	return e == 1
}

// timesX multiplies a by x modulo x^k + c(x).
func (f *field) timesX(a, c int) int {
	d := make([]int, f.k+1)
	for i := range f.k {
		d[i+1] = a % f.p
		a /= f.p
	}
	// x^k = -c(x).
	top := d[f.k]
	for i, cc := 0, c; i < f.k; i, cc = i+1, cc/f.p {
		d[i] = ((d[i]-top*(cc%f.p))%f.p + f.p) % f.p
	}
	r := 0
	for i := f.k - 1; i >= 0; i-- {
		r = r*f.p + d[i]
	}
	return r
}

func (f *field) add(a, b int) int {
	if f.p == 2 {
		return a ^ b
	}
	r, w := 0, 1
	for range f.k {
		r += ((a%f.p + b%f.p) % f.p) * w
		a, b, w = a/f.p, b/f.p, w*f.p
	}
	return r
}

func (f *field) mul(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	return f.exp[f.log[a]+f.log[b]]
}
