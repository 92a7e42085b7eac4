// Package matching assigns mentees to mentors optimally, with a proof.
//
// It is pure: plain values in, plain values out, no database or HTTP.
//
// # Problem
//
// Mentors have capacities, mentees take at most one mentor, and only the
// listed (mentor, mentee) arcs may be matched, each with an integer score
// 0..MaxScore. Constraints: no mentor over capacity; no arc below
// Problem.MinScore; no excluded pair; every locked pair kept (a locked
// pair must itself be allowed, a mentee is locked at most once and a mentor
// at most up to its capacity, or Solve returns an *InputError naming it).
// Locks are applied by fixing the pairs, removing their mentees and
// reducing their mentors' capacities, and solving the rest.
//
// Objectives: Participation (the default) matches as many mentees as
// possible and, among those matchings, maximizes the total score; Score
// maximizes the total score. This is a b-matching (transportation)
// problem, a min-cost flow
//
//	mentee (supply 1) --(-score)--> mentor --(capacity)--> sink
//
// whose linear program has integral optima, so the result is exactly
// optimal, not approximately. Participation is the same problem with a
// bonus added to every pair's score: a bonus above MaxScore times the
// number of mentees makes one more pair worth more than any score, and a
// smaller one suffices when a König cover shows that no matching has more
// pairs (see Certificate).
//
// # Certificate
//
// Every Result of Solve and Resolve carries an optimal dual solution: a
// price v_j >= 0 per mentor and a utility u_i >= 0 per mentee with
// u_i + v_j >= score_ij + bonus on every allowed arc and with the dual
// objective equal to the matching's weight. Result.Verify checks it from
// the Problem alone; a mentee's u_i is its best score minus price on offer,
// and it holds such a best offer, which explains a pair in one line: its
// mentor is the best deal for it at the prices that make the cohort fit.
//
// # Algorithm
//
// Solve uses cost scaling (Goldberg and Kennedy's CSA in its bipartite
// "double push" form, which is Bertsekas's forward-reverse auction with
// eps-scaling). Unmatched mentees bid for their best mentor, raising its
// price; a mentor with room and a price above eps lowers it to draw a
// mentee (reverse bid); each phase divides eps by 8. A mentor's capacity
// stays on the mentor: it is a set of seats in one price heap, never a copy
// of the mentor per seat. Weights are scaled by the number of nodes + 1,
// so that at eps = 1 the matching would be optimal; the phases stop at
// half a score unit, integral prices are read off by label-correcting
// shortest paths on the residual network, and whatever is not yet optimal
// is repaired by Dijkstra searches with potentials (successive shortest
// paths, Edmonds-Karp/Tomizawa), which leave an optimal matching and its
// integral optimal prices. Everything is integer arithmetic (int64) on
// flat int32-indexed slices, and deterministic: the same Problem gives the
// same Result.
//
// Resolve re-solves after a change from the previous result's pairs and
// prices with the same shortest-path repair, so a late mentee or a mentor
// who leaves costs a few searches. SolveStable is mentee-proposing
// deferred acceptance; BlockingPairs counts the pairs that would rather be
// together.
//
// # Complexity
//
// With n mentees, m mentors, A arcs and scores up to C: O(log(nC)) phases
// (about 8 for n = 10^5), each close to linear in A in practice (the worst
// case of the auction is O(nA) per phase); each repair search is
// O(A + n log n) in the worst case and usually touches a small region.
// Memory is O(n + m + A): under 200 MB resident for n = 100,000,
// m = 50,000, A = 2,000,000, which Solve matches in about 1 s on one core
// of a 2.6 GHz EPYC (see BenchmarkSolve100kx50k). Instances with about as
// many seats as mentees are the hardest (about 4 s), and so are scores
// that are all equal (about 3.5 s). A primal network simplex with block
// search pivoting (as in LEMON) took about 8 s on the benchmark instance,
// and successive shortest paths alone about 5 s.
//
// # References
//
//   - A. V. Goldberg and R. Kennedy, An efficient cost scaling algorithm
//     for the assignment problem, Math. Programming 71 (1995) 153-177.
//   - D. P. Bertsekas and D. A. Castañon, A forward/reverse auction
//     algorithm for asymmetric assignment problems, Comput. Optim. Appl. 1
//     (1992) 277-297.
//   - R. K. Ahuja, T. L. Magnanti and J. B. Orlin, Network Flows,
//     Prentice Hall 1993 (potentials, successive shortest paths, cost
//     scaling).
//   - P. Kovács, Minimum-cost flow algorithms: an experimental evaluation,
//     Optim. Methods Softw. 30 (2015) 94-127.
//   - D. Gale and L. S. Shapley, College admissions and the stability of
//     marriage, Amer. Math. Monthly 69 (1962) 9-15.
package matching
