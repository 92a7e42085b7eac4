package circles

// pairs returns k*(k-1)/2.
func pairs(k int) int { return k * (k - 1) / 2 }

// evenSame returns the fewest same-category pairs when n people of one
// category are spread over m circles of unlimited size: n = q*m + r gives r
// circles with q+1 of them and m-r with q.
func evenSame(n, m int) int {
	q, r := n/m, n%m
	return r*pairs(q+1) + (m-r)*pairs(q)
}

// roundBound returns the upper bound on one round's diversity for circles of
// the given sizes, where counts[a][c] is the number of people in category c
// of attribute a. See the package documentation for why it is a bound and
// when it is exact.
func roundBound(counts [nAttr][]int, sizes []int, w [nAttr]int) int {
	total := 0
	for _, s := range sizes {
		total += pairs(s)
	}
	m := len(sizes)
	b := 0
	for a := range nAttr {
		same := 0
		for _, n := range counts[a] {
			same += evenSame(n, m)
		}
		b += w[a] * (total - same)
	}
	return b
}

// categoryCounts counts the people per category of each attribute.
func (pr *problem) categoryCounts() [nAttr][]int {
	var counts [nAttr][]int
	for a := range nAttr {
		counts[a] = make([]int, pr.ncat[a])
	}
	for _, at := range pr.attr {
		for a := range nAttr {
			counts[a][at[a]]++
		}
	}
	return counts
}

// dist returns the weighted number of attributes on which x and y differ.
func (pr *problem) dist(x, y int32) int {
	return pr.keyDist(pr.key[x] ^ pr.key[y])
}

// keyDist returns the weighted number of non-zero 16-bit lanes of x, the
// XOR of two keys, without branches: the high bit of each lane is set iff
// the lane is non-zero, and one multiplication by the weights, packed in
// reverse lane order, sums weight*bit into the top lane (each partial sum
// stays below 2^16, so no carry crosses a lane).
func (pr *problem) keyDist(x uint64) int {
	const low15 = 0x7FFF_7FFF_7FFF_7FFF
	nz := ((x & low15) + low15 | x) & 0x8000_8000_8000_8000
	return int((nz >> 15) * pr.wpack >> 48)
}

// packKey packs the four dense category codes of one person into 16-bit
// lanes.
func packKey(at [nAttr]int32) uint64 {
	var k uint64
	for a := range nAttr {
		k |= uint64(at[a]) << (16 * a)
	}
	return k
}
