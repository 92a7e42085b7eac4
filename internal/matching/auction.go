package matching

import "math"

// This file is the cost-scaling solver of Solve, in the bipartite form of
// Goldberg and Kennedy's CSA ("double push"), which is Bertsekas's
// forward-reverse auction with eps-scaling.
//
// Weights are multiplied by scale, more than the number of nodes of the
// flow network, so that eps = 1 would mean optimal (see dual.go); the
// phases stop at half a score unit, where the rest is cheaper done by the
// exact repair of ssp.go. A
// mentor's capacity is its number of seats, kept in a min-heap by the
// price last paid for each seat; the mentor's price P_j is the lowest seat
// price. Whenever a mentor has room, its empty seats are priced P_j and
// one of them is on top. The invariant after each phase is
// eps-complementary slackness:
//
//   - a matched mentee's value, its weight minus the price of its seat
//     (at most its offer w_ij - P_j), is within eps of its best offer
//     max(0, max_k w_ik - P_k); an unmatched mentee has no offer above eps;
//   - a mentor with room has P_j <= eps.
//
// Forward bid: an unmatched mentee takes the top seat of its best mentor,
// raising the seat's price by the gap to its second-best option (another
// seat of the same mentor counts) plus eps, and pushes out the seat's
// holder. Reverse bid: a mentor with room and P_j > eps lowers its price
// just enough to draw the mentee that gains most, or until nobody would
// come. Each phase divides eps by alpha and lets only the mentees that
// break the tighter bound bid again.

// auctionAlpha is the factor by which eps shrinks per phase; the first eps
// is about the largest weight over auctionAlpha (Goldberg and Kennedy's
// choice).
const auctionAlpha = 8

// priceNoSeat is P_j for a mentor without capacity: no offer is positive.
const priceNoSeat = math.MaxInt64 / 4

type auction struct {
	in     *instance
	scale  int64
	seatAt []int32 // per mentor: seats seatAt[j]..seatAt[j+1]-1, a heap
	price  []int64 // per seat
	holder []int32 // per seat: mentee, or -1 when empty
	top    []int64 // per mentor: P_j, the price of its top seat
	st     []menteeState
	into   mentorIndex

	queue []int32 // unmatched mentees to bid (FIFO ring)
	head  int
	size  int
	eps   int64
	bids  int
	work  []int32 // mentors waiting for a reverse bid
}

// menteeState is what the auction knows of a mentee, kept together so that
// a reverse bid, which looks at many mentees, reads one place for each.
type menteeState struct {
	arc    int32 // arc held, or -1
	seat   int32 // seat held, or -1
	val    int64 // weight minus the price of the seat, or 0 if unmatched
	active bool  // queued to bid
}

// auctionScale returns the factor for the weights of in, or 0 if the
// scaled prices could overflow.
func auctionScale(in *instance) int64 {
	s := int64(in.numMentees) + int64(len(in.capLeft)) + 2
	if MaxScore+in.bonus > math.MaxInt64/16/s {
		return 0
	}
	return s
}

func newAuction(in *instance, scale int64) *auction {
	n, m := in.numMentees, len(in.capLeft)
	a := &auction{
		in:     in,
		scale:  scale,
		seatAt: make([]int32, m+1),
		top:    make([]int64, m),
		st:     make([]menteeState, n),
		queue:  make([]int32, n),
		into:   arcsByMentor(in),
	}
	for j, c := range in.capLeft {
		a.seatAt[j+1] = a.seatAt[j] + c
		if c == 0 {
			a.top[j] = priceNoSeat
		}
	}
	a.price = make([]int64, a.seatAt[m])
	a.holder = make([]int32, a.seatAt[m])
	for s := range a.holder {
		a.holder[s] = -1
	}
	for i := range int32(n) {
		a.st[i] = menteeState{arc: -1, seat: -1}
		a.push(i)
	}
	return a
}

// w is the scaled weight of a pair with score s.
func (a *auction) w(s int32) int64 { return (int64(s) + a.in.bonus) * a.scale }

// run performs the phases down to eps = scale/2 (half a score unit) and
// then reads off integral prices (see exactPrices): optimal prices if the
// matching is optimal, else prices that the caller's exact shortest-path
// repair finishes from, which by then is cheaper than more phases.
func (a *auction) run() []int64 {
	// Phases from about the largest weight / alpha down to half a score
	// unit, by factors of alpha. With plenty of seats prices stay low, and
	// starting lower saves a phase.
	final := max(1, a.scale/2)
	start := a.w(MaxScore) / auctionAlpha
	if a.plentyOfSeats() {
		start /= auctionAlpha
	}
	a.eps = final
	for a.eps < start {
		a.eps *= auctionAlpha
	}
	for {
		a.forward()
		a.reverse()
		if a.eps <= final {
			price, _ := exactPrices(a, 4)
			return price
		}
		a.eps = max(final, a.eps/auctionAlpha)
		a.releaseSlack()
	}
}

// plentyOfSeats reports whether there are at least 9 seats for every 8
// mentees who have an arc.
func (a *auction) plentyOfSeats() bool {
	in := a.in
	seats := int64(len(a.holder))
	mentees := int64(0)
	for i := range in.numMentees {
		if in.first[i] < in.first[i+1] {
			mentees++
		}
	}
	return 8*seats >= 9*mentees
}

func (a *auction) push(i int32) {
	if a.st[i].active {
		return
	}
	a.st[i].active = true
	t := a.head + a.size
	if t >= len(a.queue) {
		t -= len(a.queue)
	}
	a.queue[t] = i
	a.size++
}

// forward lets unmatched mentees bid until all are settled.
func (a *auction) forward() {
	for a.size > 0 {
		i := a.queue[a.head]
		if a.head++; a.head == len(a.queue) {
			a.head = 0
		}
		a.size--
		a.st[i].active = false
		a.bid(i)
	}
}

// bid lets mentee i take the top seat of its best mentor, or stay
// unmatched if no offer is positive. A mentee released by releaseSlack
// still holds its seat: if that mentor is still its best it stays there
// at the mentor's price, otherwise it leaves the seat.
func (a *auction) bid(i int32) {
	in := a.in
	a.bids++
	best1, best2 := int64(math.MinInt64), int64(0) // 0: staying unmatched
	at := int32(-1)
	lo, hi := in.first[i], in.first[i+1]
	mentor, score, top := in.mentor[lo:hi], in.score[lo:hi], a.top
	bonus, scale := in.bonus, a.scale
	for k, j := range mentor {
		v := (int64(score[k])+bonus)*scale - top[j]
		if v > best1 {
			best2 = max(best2, best1)
			best1, at = v, int32(k)
		} else if v > best2 {
			best2 = v
		}
	}
	own := a.st[i].arc
	if at >= 0 && lo+at == own && best1 > 0 {
		// Still best where it sits (it was released only because eps
		// shrank): pay the mentor's current price, P_j is unchanged.
		s := a.st[i].seat
		j := in.mentor[own]
		a.price[s] = a.top[j]
		a.st[i].val = best1
		a.siftUp(j, s)
		return
	}
	if own >= 0 {
		a.vacate(i)
	}
	if at < 0 || best1 <= 0 {
		return
	}
	at += lo
	j := in.mentor[at]
	s := a.seatAt[j]
	// Another seat of the same mentor is an option too (seats are alike):
	// the bid never goes more than eps above the second-lowest seat price,
	// so the bidder stays within eps of its offer at the new P_j.
	if c := s + 1; c < a.seatAt[j+1] {
		p2 := a.price[c]
		if c+1 < a.seatAt[j+1] {
			p2 = min(p2, a.price[c+1])
		}
		best2 = max(best2, a.w(in.score[at])-p2)
	}
	if out := a.holder[s]; out >= 0 {
		a.st[out].arc, a.st[out].seat, a.st[out].val = -1, -1, 0
		a.push(out)
	}
	a.price[s] += best1 - best2 + a.eps
	a.holder[s] = i
	a.st[i].arc, a.st[i].seat, a.st[i].val = at, s, a.w(in.score[at])-a.price[s]
	a.siftDown(j, s)
}

// mentorPrice is P_j, or 0 for a mentor without seats.
func (a *auction) mentorPrice(j int32) int64 {
	if a.top[j] == priceNoSeat {
		return 0
	}
	return a.top[j]
}

// before orders seats in a mentor's heap: by price, empty seats first.
func (a *auction) before(s, t int32) bool {
	ps, pt := a.price[s], a.price[t]
	return ps < pt || ps == pt && a.holder[s] < 0 && a.holder[t] >= 0
}

func (a *auction) siftDown(j, s int32) {
	lo, hi := a.seatAt[j], a.seatAt[j+1]
	for {
		c := lo + 2*(s-lo) + 1
		if c >= hi {
			break
		}
		if c+1 < hi && a.before(c+1, c) {
			c++
		}
		if !a.before(c, s) {
			break
		}
		a.swap(s, c)
		s = c
	}
	a.top[j] = a.price[lo]
}

func (a *auction) siftUp(j, s int32) {
	lo := a.seatAt[j]
	for s > lo {
		p := lo + (s-lo-1)/2
		if !a.before(s, p) {
			break
		}
		a.swap(s, p)
		s = p
	}
	a.top[j] = a.price[lo]
}

func (a *auction) swap(s, t int32) {
	a.price[s], a.price[t] = a.price[t], a.price[s]
	a.holder[s], a.holder[t] = a.holder[t], a.holder[s]
	if h := a.holder[s]; h >= 0 {
		a.st[h].seat = s
	}
	if h := a.holder[t]; h >= 0 {
		a.st[h].seat = t
	}
}

// vacate empties mentee i's seat. The seat takes price P_j and moves to
// the top, so P_j does not change. It returns the mentor.
func (a *auction) vacate(i int32) int32 {
	s := a.st[i].seat
	j := a.in.mentor[a.st[i].arc]
	a.holder[s] = -1
	a.price[s] = a.top[j]
	a.siftUp(j, s)
	a.st[i].arc, a.st[i].seat, a.st[i].val = -1, -1, 0
	return j
}

// releaseSlack queues every mentee that is no longer within eps of its
// best offer.
func (a *auction) releaseSlack() {
	in := a.in
	for i := range int32(in.numMentees) {
		best := int64(0)
		for k := in.first[i]; k < in.first[i+1]; k++ {
			best = max(best, a.w(in.score[k])-a.top[in.mentor[k]])
		}
		if a.st[i].val < best-a.eps {
			a.push(i) // it keeps its seat until it bids
		}
	}
}

// reverse makes every mentor with room have a price of at most eps. A
// mentor with room and a higher price finds, among the settled mentees
// with an arc to it, the two largest beta_i = w_ij - value_i (the price
// at which i would be indifferent). If the best would gain more than eps
// it takes that mentee at price max(0, beta2 - eps), and the mentee's old
// mentor may need a reverse bid in turn; otherwise it lowers its price to
// max(0, beta1 - eps), at most eps. Every move raises the moving mentee's
// value by at least eps, so this ends.
func (a *auction) reverse() {
	in := a.in
	a.work = a.work[:0]
	for j := range int32(len(in.capLeft)) {
		if a.needsReverse(j) {
			a.work = append(a.work, j)
		}
	}
	for len(a.work) > 0 {
		j := a.work[len(a.work)-1]
		a.work = a.work[:len(a.work)-1]
		if !a.needsReverse(j) {
			continue
		}
		a.bids++
		// beta below 0 counts as 0: the price never goes below 0.
		beta1, beta2 := int64(0), int64(0)
		k1, i := int32(-1), int32(-1)
		for x := a.into.first[j]; x < a.into.first[j+1]; x++ {
			h := &a.st[a.into.mentee[x]]
			k := a.into.arc[x]
			if h.arc == k || h.active {
				continue // a holder, or about to bid anyway
			}
			b := a.w(a.into.score[x]) - h.val
			if b > beta1 {
				beta2 = beta1
				beta1, k1, i = b, k, a.into.mentee[x]
			} else if b > beta2 {
				beta2 = b
			}
		}
		if k1 < 0 || beta1 <= 2*a.eps {
			// Nobody gains more than eps at this price, at most eps.
			a.setRoomPrice(j, max(0, beta1-a.eps))
			continue
		}
		if a.st[i].arc >= 0 {
			if old := a.vacate(i); a.needsReverse(old) {
				a.work = append(a.work, old)
			}
		}
		top := a.seatAt[j]
		a.holder[top] = i
		a.st[i].arc, a.st[i].seat = k1, top
		a.setRoomPrice(j, max(0, beta2-a.eps)) // sets i's value
		if a.needsReverse(j) {
			a.work = append(a.work, j)
		}
	}
}

// setRoomPrice lowers mentor j's price to p, at most its current price:
// the top seat and every empty seat get price p, and the mentor's other
// mentees pay at most p + eps, so that they stay within eps of the
// cheaper mentor. An empty seat ends on top, if there is one.
func (a *auction) setRoomPrice(j int32, p int64) {
	lo, hi := a.seatAt[j], a.seatAt[j+1]
	for s := lo; s < hi; s++ {
		switch h := a.holder[s]; {
		case h < 0:
			a.price[s] = p
		case s == lo:
			a.price[s] = p
			a.st[h].val = a.w(a.in.score[a.st[h].arc]) - p
		case a.price[s] > p+a.eps:
			a.price[s] = p + a.eps
			a.st[h].val = a.w(a.in.score[a.st[h].arc]) - p - a.eps
		}
	}
	for s := lo + (hi-lo)/2; s >= lo; s-- {
		a.siftDown(j, s)
	}
}

// needsReverse reports whether mentor j has room and a price above eps.
func (a *auction) needsReverse(j int32) bool {
	s := a.seatAt[j]
	return s < a.seatAt[j+1] && a.holder[s] < 0 && a.price[s] > a.eps
}
