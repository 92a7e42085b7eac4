// Package circles forms cross-level mentoring circles: it partitions the
// participants of a cycle into circles, for one or several rounds, so that
// each circle mixes levels, functions, locations and tenure, can meet, and
// brings together people who have not met before. It is pure: plain values
// in, plain values out, no database, no clock, randomness only from
// Options.Rand.
//
// # Objective
//
// The diversity of a round is the number of (pair of members of one circle,
// attribute) where the two members differ, over the attributes level,
// function, location and tenure band, each weighted by Options.Weights
// (default 1). The diversity of a plan is the sum over its rounds. Form
// maximizes it and reports it beside an upper bound that no partition can
// beat (see Bound below) and the relative gap between the two.
//
// # Constraints
//
// In order of priority; the search compares costs lexicographically in
// this order (each penalty weight exceeds anything the terms below it can
// change in one swap):
//
//  1. Hard rules: every circle has at least one facilitator-eligible member
//     (Participant.Facilitator; if nobody is marked, everyone is eligible),
//     and nobody shares a circle with their manager or a direct report.
//     Form returns an error when the search cannot satisfy them.
//  2. Meeting slot: the members' weekly availabilities (UTC, 15-minute steps)
//     share a run of Options.SessionSteps consecutive steps, wrapping from
//     Sunday to Monday. When no plan slots every circle, the number of
//     circles without a slot is minimized and reported.
//  3. New faces: across rounds, and against Options.History, two people
//     share a circle again as rarely as possible (Plan.RepeatPairs, defined
//     there), with a proven lower bound (Plan.RepeatLowerBound) that says
//     when a repeat-free plan cannot exist.
//  4. Diversity, as above.
//
// Circle sizes are exactly Options.Size, or between MinSize and MaxSize.
// The number of circles is fixed up front and sizes start as even as
// possible; with a range, a circle that cannot otherwise meet may become
// smaller or larger within it (see Method, step 7). Requests that cannot be met
// (sizes that cannot partition N, fewer facilitators than circles) are
// errors of kind errs.Invalid.
//
// # Bound
//
// For one attribute, with category counts n_c and m circles, the number of
// same-category pairs is at least the sum over c of the pairs left when n_c
// is spread as evenly as possible over the m circles (r circles get q+1 and
// m-r get q, for n_c = qm+r). That relaxes the circle sizes, so it is a true
// lower bound for any sizes; for sizes that differ by at most one (the only
// ones Form uses) it is exact, since dealing people sorted by that attribute
// round-robin into the circles attains it. The diversity bound is the sum
// over attributes of weight*(pairs - minimum same-category pairs); it can
// still be out of reach when the attributes, slots and rules interact (with
// the time zones of Generate, and more so GenerateWorld, most of the gap is
// same-location pairs that keeping every circle slotted forces). Uneven
// sizes (see transfers) allow more pairs, so each round's bound is taken
// for the sizes it ends with. The tests check it against brute force.
//
// # Method
//
//  1. Seed. People are sorted by facilitator flag and the four attributes
//     (ties at random) and dealt into rows of m, one per circle. In round r
//     the person in row i, column j joins circle j + r*i, computed in GF(m)
//     when m is a prime power: two lines of different slopes of an affine
//     plane meet once, so the first m rounds are repeat-free (and with m*m
//     people, the rows themselves are round m+1). Otherwise it is computed
//     modulo m, which is repeat-free while rounds*size <= m. Every round
//     starts stratified: each row of similar people is spread over all
//     circles, and the first row, the facilitators, gives each circle one.
//  2. Relabel (several rounds). Exchanging two people in every round at
//     once renames two points of the design without changing its shape, so
//     the plan's repeats stay put; sampled exchanges fit the people to the
//     places, to keep managers apart, facilitators spread and circles
//     slotted.
//  3. Slot repair, per round, when circles lack a slot (people spread
//     over many time zones, dealt for diversity, often cannot meet). For
//     such a circle, a weekly time is picked (one a facilitator of the
//     circle can make, then one most members can make) and every member who
//     cannot make it is swapped with someone who can, from a circle that
//     keeps its own slot with them; when no direct swap exists, a
//     three-way rotation through a third person who bridges the two
//     circles. Partners are sampled from an index of the people by
//     availability pattern. No swap may break a rule or take another
//     circle's slot, and the chain is undone unless the circle ends with a
//     slot. Each swap alone gains nothing, so the exchange search cannot
//     find these moves. Circles that no repair fixes (often the last of a
//     round: who is left over cannot meet) are handled by a random walk of
//     plateau repairs, which may move the lack of a slot to another
//     circle but never add one, until a plain repair succeeds.
//  4. Exchange search, per round. For each person who shares a category, a
//     manager link or a repeat with a circle-mate, or whose circle lacks a
//     facilitator or a slot, six random other circles are sampled (the
//     restricted partners) and every member tried; the best swap is made
//     if it does not worsen the cost, so the search drifts across plateaus.
//     A swap's effect comes from the two circles' member records alone:
//     each record carries the person's packed categories (16 bits per
//     attribute, compared branch-free), manager, availability pattern and
//     cached sums of distances, manager links and repeats to circle-mates,
//     so p's side is O(size) once per partner circle and each partner costs
//     O(size); the slot needs one AND of 11 words against the circle's
//     leave-one-out availability, and only when the rest of the swap could
//     pay. Nothing is ever O(N^2): there is no N x N matrix anywhere.
//     Passes stop when one gains less than 5e-5 of the bound.
//  5. Annealing, per round, for up to 2,000 people: 1000*N random swaps at
//     a temperature falling from 0.5 to 0.05 times the mean attribute
//     weight (so scaling every weight alike changes nothing), never
//     accepting a loss in a higher-priority term; then step 4 again. (For
//     more people that few swaps per person only churn.)
//  6. Tabu search, when repeats remain above the lower bound or a rule is
//     broken, over all rounds at once, after Dotú and Van Hentenryck: the
//     best swap of a person in conflict with anyone of another circle of the
//     same round, the reverse swap tabu for 2-11 iterations unless it beats
//     the best, and after 500 iterations without progress a return to the
//     best schedule and four random swaps; it stops at the lower bound,
//     after 10 such restarts in a row, or after 5e7 swap evaluations.
//     Steps 3 and 4 then run once more on every round.
//  7. Transfers, where sizes may vary and a circle still has no slot: the
//     members who cannot make a target time move to circles that can take
//     them (below MaxSize, keeping their slot), and people who can are
//     pulled in to keep the circle at MinSize or more. When a region's
//     people do not fill whole circles of the even sizes, this is the only
//     way the last of them can meet. If no circle can take a member
//     without losing its slot, one may, and the repair of step 3 mends it;
//     the round is restored unless fewer circles lack a slot in the end.
//
// Repeats are checked by comparing the two people's circles round by round,
// eight rounds per 64-bit word when there are at most 255 circles, and the
// sorted lists of history circles, never a table of pairs. All budgets are
// counts, scaled by Options.Effort, so a seed always gives the same plan.
//
// # Complexity
//
// Memory is O(N*R) for N people and R rounds, plus O(N) per round for the
// member records and leave-one-out availabilities (11 words each) and one
// availability pattern per distinct availability. One pass of the exchange
// search costs O(N * 6 * size * (size + R/8)); annealing O(size + R/8) per
// swap; relabelling R times a swap per exchange; a slot repair
// O(blockers * tries * size) per circle, never O(N); a transfer O(N), and
// only for the few circles repairs leave. On the 2-core development
// machine, with Generate's organizations and circles of 6 (5 to 7 where N
// is not a multiple of 6): 1,000 people in 0.18 s at a gap of 0.28%,
// 10,000 in 0.5 s at 0.49%, 100,000 in 7 s at 0.51%; with GenerateWorld's
// (San Francisco to Sydney), where circles must be formed largely by time
// zone, every circle has a slot and 1,000 people take 0.2 s at a gap of
// 1.5%, 10,000 0.7 s at 1.7% and 100,000 11 s at 1.7% (that bound ignores
// slots, so part of this gap is out of reach); 32 people in circles of 4
// for nine rounds without a repeat in under 1 ms (see the benchmarks). Ten
// rounds, the known optimum, are not reached: the search ends with about
// 16 repeats.
//
// # References
//
//   - I. Dotú and P. Van Hentenryck, "Scheduling social golfers locally",
//     CPAIOR 2005, LNCS 3524.
//   - R. Weitz and S. Lakshminarayanan, "An empirical comparison of
//     heuristic methods for creating maximally diverse groups", Journal of
//     the Operational Research Society 49 (1998).
//   - C. J. Colbourn and J. H. Dinitz (eds.), Handbook of Combinatorial
//     Designs, 2nd ed., 2007: affine planes, resolvable designs, mutually
//     orthogonal Latin squares.
//   - G. Tarry, "Le problème des 36 officiers", 1900: no two orthogonal
//     Latin squares of order 6, which gives RepeatLowerBound 2 for 36 people
//     in circles of 6 over four rounds (and the search finds 2).
package circles
