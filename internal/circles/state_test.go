package circles

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// check recomputes every cached fact of the search from scratch and
// reports the first mismatch.
func (s *search) check() error {
	reps := 0
	for r := range s.built {
		rs := &s.rs[r]
		div, mgrSum, noFac, noSlot := 0, 0, 0, 0
		for c := range int32(len(rs.size)) {
			mem := rs.members(c, s.maxS)
			if int(rs.size[c]) != len(mem) {
				return fmt.Errorf("round %d circle %d: size", r, c)
			}
			fac, mgr, cdiv := 0, 0, 0
			w := fullWeek()
			for i := range mem {
				x := &mem[i]
				if s.circ[int(x.id)*s.R+r] != c || s.pos[int(x.id)*s.R+r] != int32(i) {
					return fmt.Errorf("round %d: person %d circ/pos", r, x.id)
				}
				if x.key != s.key[x.id] || x.mgr != s.mgr[x.id] || x.pat != s.pat[x.id] || x.fac != s.fac[x.id] {
					return fmt.Errorf("round %d: person %d static record", r, x.id)
				}
				w = w.And(s.starts[x.pat])
				if x.fac {
					fac++
				}
				tot, cm, rp := 0, 0, 0
				for j := range mem {
					if j == i {
						continue
					}
					y := &mem[j]
					tot += s.dist(x.id, y.id)
					if s.mgr[x.id] == y.id || s.mgr[y.id] == x.id {
						cm++
					}
					met := s.hist != nil && s.metInHistory(x.id, y.id)
					for rr := range s.built {
						if rr != r && s.circ[int(x.id)*s.R+rr] == s.circ[int(y.id)*s.R+rr] {
							met = true
						}
					}
					if met {
						rp++
					}
					if j > i {
						earlier := s.hist != nil && s.metInHistory(x.id, y.id)
						for rr := range r {
							if s.circ[int(x.id)*s.R+rr] == s.circ[int(y.id)*s.R+rr] {
								earlier = true
							}
						}
						if earlier {
							reps++
						}
					}
				}
				if int(x.tot) != tot || int(x.cm) != cm || int(x.rp) != rp {
					return fmt.Errorf("round %d person %d: tot/cm/rp %d/%d/%d want %d/%d/%d", r, x.id, x.tot, x.cm, x.rp, tot, cm, rp)
				}
				cdiv += tot
				mgr += cm
			}
			cdiv /= 2
			mgr /= 2
			slot := !w.IsEmpty()
			if int(rs.facN[c]) != fac || int(rs.mgrN[c]) != mgr || int(rs.cdiv[c]) != cdiv || rs.slot[c] != slot {
				return fmt.Errorf("round %d circle %d: facts", r, c)
			}
			if !s.slotFree {
				for i := range mem {
					lw := fullWeek()
					for j := range mem {
						if j != i {
							lw = lw.And(s.starts[mem[j].pat])
						}
					}
					if rs.loo[int(c)*s.maxS+i] != lw {
						return fmt.Errorf("round %d circle %d: loo %d", r, c, i)
					}
				}
			}
			div += cdiv
			mgrSum += mgr
			noFac += b2i(fac == 0)
			noSlot += b2i(!slot)
		}
		if rs.div != div || rs.mgrSum != mgrSum || rs.noFac != noFac || rs.noSlot != noSlot {
			return fmt.Errorf("round %d: totals %d/%d/%d/%d want %d/%d/%d/%d", r, rs.div, rs.mgrSum, rs.noFac, rs.noSlot, div, mgrSum, noFac, noSlot)
		}
	}
	if s.trackRep && s.repeats != reps {
		return fmt.Errorf("repeats %d want %d", s.repeats, reps)
	}
	return nil
}

// TestSwapBookkeeping makes random swaps and checks, after each, that the
// predicted change of cost (both evaluators) is the real one and that
// every cache matches a recomputation.
func TestSwapBookkeeping(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		opts Options
	}{
		{"one round", 60, Options{Size: 6}},
		{"rounds and history", 48, Options{MinSize: 5, MaxSize: 7, Rounds: 3, History: [][]int{{0, 1, 2, 3}, {4, 5, 6}, {0, 7, 8}}}},
		{"weights", 40, Options{Size: 4, Rounds: 2, Weights: Weights{3, 0, 2, 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			people := Generate(tc.n, rand.NewPCG(3, 4))
			tc.opts.Rand = rand.NewPCG(5, 6)
			pr, err := newProblem(people, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			s := newSearch(pr)
			order := s.stratifiedOrder()
			for r := range s.R {
				s.deal(r, order)
			}
			s.repeats = s.countRepeats()
			if err := s.check(); err != nil {
				t.Fatal(err)
			}
			m := int32(len(s.sizes))
			out := make([]int64, s.maxS)
			for i := range 400 {
				r := s.rng.IntN(s.R)
				p := int32(s.rng.IntN(s.n))
				a := s.circ[int(p)*s.R+r]
				b := (a + 1 + int32(s.rng.IntN(int(m-1)))) % m
				j := s.rng.IntN(int(s.rs[r].size[b]))
				q := s.rs[r].slab[int(b)*s.maxS+j].id
				d1, ok1 := s.swapCost(r, p, q, 1<<62, true)
				d2 := s.partnerDeltas(r, p, b, 1<<62, out)[j]
				before := s.cost()
				s.swap(r, p, q)
				after := s.cost()
				if !ok1 || d1 != after-before || d2 != d1 {
					t.Fatalf("swap %d: predicted %d and %d, got %d", i, d1, d2, after-before)
				}
				if err := s.check(); err != nil {
					t.Fatalf("after swap %d: %v", i, err)
				}
				// Exchange two people in every round.
				q = int32(s.rng.IntN(s.n))
				if q == p {
					continue
				}
				d := s.relabelCost(p, q)
				before = s.cost()
				for r := range s.R {
					if s.circ[int(p)*s.R+r] != s.circ[int(q)*s.R+r] {
						s.swap(r, p, q)
					}
				}
				if after := s.cost(); d != after-before {
					t.Fatalf("relabel %d: predicted %d, got %d", i, d, after-before)
				}
			}
		})
	}
}

func TestField(t *testing.T) {
	for _, q := range []int{2, 3, 4, 5, 7, 8, 9, 16, 25, 27, 32, 49, 64, 81, 121, 125, 128, 243, 256, 1024} {
		f := newField(q)
		if f == nil {
			t.Fatalf("GF(%d) not built", q)
		}
		for a := range q {
			if f.add(a, 0) != a || f.mul(a, 1) != a {
				t.Fatalf("GF(%d): identities fail at %d", q, a)
			}
			if q > 64 {
				continue
			}
			for b := range q {
				if f.add(a, b) != f.add(b, a) || f.mul(a, b) != f.mul(b, a) {
					t.Fatalf("GF(%d): not commutative", q)
				}
				for c := range q {
					if f.mul(a, f.add(b, c)) != f.add(f.mul(a, b), f.mul(a, c)) {
						t.Fatalf("GF(%d): not distributive", q)
					}
				}
			}
		}
	}
	for _, q := range []int{0, 1, 6, 10, 12, 15, 18, 20, 5000} {
		if newField(q) != nil {
			t.Errorf("GF(%d) built", q)
		}
	}
}
