package main

// idIndex finds the position of an id given as bytes, without making a
// string per lookup: open addressing over FNV-1a hashes, each hit checked
// against the id itself, the ids laid end to end so that they stay in the
// cache. Reading 2 million score rows looks mentors up 2 million times;
// this halves what a map[string]int32 costs there.
type idIndex struct {
	ids   []string
	bytes []byte   // the ids end to end
	end   []uint32 // where id k ends in bytes
	slots []uint64 // hash tag << 32 | position+1; 0 is empty
	mask  uint64
}

func newIDIndex(ids []string) *idIndex {
	size := uint64(1)
	for size < uint64(2*len(ids)+2) {
		size <<= 1
	}
	x := &idIndex{ids: ids, end: make([]uint32, len(ids)), slots: make([]uint64, size), mask: size - 1}
	for k, id := range ids {
		x.bytes = append(x.bytes, id...)
		x.end[k] = uint32(len(x.bytes))
		h := fnv1a([]byte(id))
		for s := h & x.mask; ; s = (s + 1) & x.mask {
			if x.slots[s] == 0 {
				x.slots[s] = h>>32<<32 | uint64(k+1)
				break
			}
		}
	}
	return x
}

// find returns the position of id, or false.
func (x *idIndex) find(id []byte) (int32, bool) {
	h := fnv1a(id)
	for s := h & x.mask; ; s = (s + 1) & x.mask {
		v := x.slots[s]
		if v == 0 {
			return -1, false
		}
		if v>>32 == h>>32 {
			k := int32(v&0xffffffff) - 1
			start := uint32(0)
			if k > 0 {
				start = x.end[k-1]
			}
			if string(x.bytes[start:x.end[k]]) == string(id) {
				return k, true
			}
		}
	}
}

func fnv1a(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}
