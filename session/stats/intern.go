package stats

// cellKey identifies an element x criterion x round cell by dense ids.
type cellKey struct{ round, crit, elem int32 }

// interner maps strings to dense ids in order of first occurrence.
type interner struct {
	ids   map[string]int32
	names []string
}

func newInterner(seed []string, size int) interner {
	in := interner{ids: make(map[string]int32, max(len(seed), size))}
	for _, s := range seed {
		in.id(s)
	}
	return in
}

func (in *interner) id(s string) int32 {
	if id, ok := in.ids[s]; ok {
		return id
	}
	id := int32(len(in.names))
	in.ids[s] = id
	in.names = append(in.names, s)
	return id
}

// chunk is a contiguous part of the ratings that one goroutine interns with
// ids local to the chunk; merge then translates them to global ids.
type chunk struct {
	lo, hi               int
	elems, crits, raters interner
	rounds               []int     // round value by local round id
	cells                []cellKey // local cell id -> key in local ids
	cellT                []int32   // local cell id -> global id, later output position
	raterT               []int32   // local rater id -> global id
	count                []int32   // per output position: ratings, later next slot
}

// stream interns a sequence of strings. Ratings come in runs (of one
// element, one rater, ...) and the runs tend to repeat in the same order
// (raters within each element, or elements within each rater), so it tries
// the previous string and then the string that followed the previous one
// last time: a string comparison instead of a hash lookup.
type stream struct {
	in   interner
	succ []int32 // per id: the id that followed it last time, or -1
	last string
	id   int32 // id of last; -1 before the first string
}

func newStream(size int) stream { return stream{in: newInterner(nil, size), id: -1} }

func (s *stream) next(v string) int32 {
	switch {
	case s.id < 0:
		s.id = s.in.id(v)
	case v == s.last:
		return s.id
	case s.succ[s.id] >= 0 && s.in.names[s.succ[s.id]] == v:
		s.id = s.succ[s.id]
	default:
		n := s.in.id(v)
		s.succ[s.id], s.id = n, n
	}
	for len(s.succ) < len(s.in.names) {
		s.succ = append(s.succ, -1)
	}
	s.last = v
	return s.id
}

// scan interns ratings[ch.lo:ch.hi], writing each rating's local cell id to
// cellOf and its local rater id (^id for an abstention) to raterOf.
func (ch *chunk) scan(ratings []Rating, cellOf, raterOf []int32) {
	elems, crits, raters := newStream(0), newStream(0), newStream(64)
	roundIDs := map[int]int32{}
	cellIDs := newCellTable(64)
	var (
		rd        int32 = -1
		lastRound int
		key       = cellKey{-1, -1, -1}
		cell      int32
	)
	for i := ch.lo; i < ch.hi; i++ {
		r := &ratings[i]
		e, cr, rt := elems.next(r.Element), crits.next(r.Criterion), raters.next(r.Rater)
		if rd < 0 || r.Round != lastRound {
			id, ok := roundIDs[r.Round]
			if !ok {
				id = int32(len(ch.rounds))
				roundIDs[r.Round] = id
				ch.rounds = append(ch.rounds, r.Round)
			}
			rd, lastRound = id, r.Round
		}
		if k := (cellKey{rd, cr, e}); k != key {
			key, cell = k, cellIDs.id(k, int32(len(ch.cells)))
			if int(cell) == len(ch.cells) {
				ch.cells = append(ch.cells, k)
			}
		}
		cellOf[i] = cell
		if r.Abstain {
			raterOf[i] = ^rt
		} else {
			raterOf[i] = rt
		}
	}
	ch.elems, ch.crits, ch.raters = elems.in, crits.in, raters.in
}

// merge builds the global ids from the chunks' local ones, in chunk order,
// so that unlisted ids keep their order of first occurrence in ratings, and
// adds the listed element x criterion cells of every round.
func (c *computer) merge(chunks []*chunk, elements, criteria []string) {
	elems, crits := newInterner(elements, 0), newInterner(criteria, 0)
	c.nListElems, c.nListCrits = len(elems.names), len(crits.names)
	raters := newInterner(nil, 64)
	roundIDs := map[int]int32{}
	cellIDs := newCellTable(64)
	cellID := func(k cellKey) int32 {
		id := cellIDs.id(k, int32(len(c.cells)))
		if int(id) == len(c.cells) {
			c.cells = append(c.cells, k)
		}
		return id
	}
	for _, ch := range chunks {
		translate := func(in *interner, local interner) []int32 {
			t := make([]int32, len(local.names))
			for i, s := range local.names {
				t[i] = in.id(s)
			}
			return t
		}
		eT, cT := translate(&elems, ch.elems), translate(&crits, ch.crits)
		ch.raterT = translate(&raters, ch.raters)
		rT := make([]int32, len(ch.rounds))
		for i, v := range ch.rounds {
			id, ok := roundIDs[v]
			if !ok {
				id = int32(len(c.rounds))
				roundIDs[v] = id
				c.rounds = append(c.rounds, v)
			}
			rT[i] = id
		}
		ch.cellT = make([]int32, len(ch.cells))
		for i, k := range ch.cells {
			ch.cellT[i] = cellID(cellKey{rT[k.round], cT[k.crit], eT[k.elem]})
		}
	}
	for rd := range c.rounds {
		for cr := range c.nListCrits {
			for e := range c.nListElems {
				cellID(cellKey{int32(rd), int32(cr), int32(e)})
			}
		}
	}
	c.elemNames, c.critNames = elems.names, crits.names
	c.numRaters = len(raters.names)
}

// cellTable is an open-addressing hash table from cellKey to cell id, a few
// times faster than a Go map with a struct key for this one job.
type cellTable struct {
	keys  []cellKey
	vals  []int32 // cell id + 1; 0 marks an empty slot
	n     int
	shift uint
}

func newCellTable(size int) *cellTable {
	bits := uint(4)
	for 1<<bits < 2*size {
		bits++
	}
	return &cellTable{keys: make([]cellKey, 1<<bits), vals: make([]int32, 1<<bits), shift: 64 - bits}
}

func (t *cellTable) slot(k cellKey) uint64 {
	h := uint64(uint32(k.elem)) | uint64(uint32(k.crit))<<32
	h = (h ^ uint64(uint32(k.round))*0x9E3779B97F4A7C15) * 0xBF58476D1CE4E5B9
	return h >> t.shift
}

// id returns the id of k, inserting k with id next if it is new.
func (t *cellTable) id(k cellKey, next int32) int32 {
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch {
		case t.vals[i] == 0:
			if 2*(t.n+1) > len(t.keys) {
				t.grow()
				return t.id(k, next)
			}
			t.keys[i], t.vals[i] = k, next+1
			t.n++
			return next
		case t.keys[i] == k:
			return t.vals[i] - 1
		}
	}
}

func (t *cellTable) grow() {
	old := *t
	*t = *newCellTable(len(old.keys))
	for i, v := range old.vals {
		if v != 0 {
			t.id(old.keys[i], v-1)
		}
	}
}
