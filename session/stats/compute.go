package stats

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// minChunk is the least number of ratings worth a goroutine of its own.
const minChunk = 1 << 15

// workersFor is how many goroutines Compute uses for n ratings. The result
// does not depend on it.
func workersFor(n int) int {
	return max(1, min(runtime.GOMAXPROCS(0), n/minChunk))
}

// parallel runs f(0), ..., f(n-1) concurrently and waits for them.
func parallel(n int, f func(i int)) {
	if n == 1 {
		f(0)
		return
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { f(i) })
	}
	wg.Wait()
}

// computer holds the state of one Compute call. Strings are interned to
// dense int32 ids first, so that everything afterwards works on slices
// indexed by id instead of maps.
type computer struct {
	elemNames, critNames   []string // by id: listed ids first, then extras
	nListElems, nListCrits int
	rounds                 []int // round value by round id
	numRaters              int

	cells []cellKey // by cell id, then (after layout) in output order
	start []int32   // entries of cell p are start[p]:start[p+1] ...
	cend  []int32   // ... and, once duplicates are removed, start[p]:cend[p]
	entR  []int32   // entry rater (^id for an abstention)
	entV  []int     // entry value
}

// compute is Compute with an explicit number of goroutines.
func compute(ratings []Rating, elements, criteria []string, scales map[string]Scale, rule ConsensusRule, workers int) Result {
	var c computer
	chunks := make([]*chunk, workers)
	cellOf := make([]int32, len(ratings))
	raterOf := make([]int32, len(ratings))
	for i := range chunks {
		chunks[i] = &chunk{lo: len(ratings) * i / workers, hi: len(ratings) * (i + 1) / workers}
	}
	parallel(workers, func(i int) { chunks[i].scan(ratings, cellOf, raterOf) })
	c.merge(chunks, elements, criteria)
	c.layout(ratings, chunks, cellOf, raterOf)
	return c.run(scales, rule, workers)
}

// layout sorts the cells into output order and groups the ratings by cell
// with a counting sort that keeps their order within a cell: each chunk
// counts its ratings per cell, the counts are turned into per-chunk write
// offsets in chunk order, and each chunk scatters its own ratings.
func (c *computer) layout(ratings []Rating, chunks []*chunk, cellOf, raterOf []int32) {
	order := make([]int32, len(c.cells))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		ka, kb := c.cells[a], c.cells[b]
		return cmp.Or(
			cmp.Compare(c.rounds[ka.round], c.rounds[kb.round]),
			cmp.Compare(ka.crit, kb.crit),
			cmp.Compare(ka.elem, kb.elem))
	})
	pos := make([]int32, len(c.cells))
	sorted := make([]cellKey, len(c.cells))
	for p, id := range order {
		pos[id] = int32(p)
		sorted[p] = c.cells[id]
	}
	c.cells = sorted

	parallel(len(chunks), func(k int) {
		ch := chunks[k]
		for l, id := range ch.cellT {
			ch.cellT[l] = pos[id]
		}
		ch.count = make([]int32, len(c.cells))
		for i := ch.lo; i < ch.hi; i++ {
			p := ch.cellT[cellOf[i]]
			cellOf[i] = p
			ch.count[p]++
		}
	})
	c.start = make([]int32, len(c.cells)+1)
	off := int32(0)
	for p := range c.cells {
		c.start[p] = off
		for _, ch := range chunks {
			n := ch.count[p]
			ch.count[p] = off
			off += n
		}
	}
	c.start[len(c.cells)] = off
	c.entR = make([]int32, len(ratings))
	c.entV = make([]int, len(ratings))
	parallel(len(chunks), func(k int) {
		ch := chunks[k]
		for i := ch.lo; i < ch.hi; i++ {
			p := cellOf[i]
			q := ch.count[p]
			ch.count[p]++
			if r := raterOf[i]; r < 0 {
				c.entR[q] = ^ch.raterT[^r]
			} else {
				c.entR[q] = ch.raterT[r]
			}
			c.entV[q] = ratings[i].Value
		}
	})
	c.cend = slices.Clone(c.start[1:])
}

// run computes the statistics group by group (criterion x round), the
// groups shared out to workers goroutines.
func (c *computer) run(scales map[string]Scale, rule ConsensusRule, workers int) Result {
	var bounds []int // group g is cells bounds[g]:bounds[g+1]
	for p := range c.cells {
		if p == 0 || c.cells[p].round != c.cells[p-1].round || c.cells[p].crit != c.cells[p-1].crit {
			bounds = append(bounds, p)
		}
	}
	groups := len(bounds)
	bounds = append(bounds, len(c.cells))
	res := Result{
		Elements: make([]ElementStats, len(c.cells)),
		Criteria: make([]CriterionStats, groups),
		Ranking:  make([]Rank, len(c.cells)),
	}
	var next atomic.Int64
	parallel(max(1, min(workers, groups)), func(int) {
		g := newGroupScratch(c.numRaters)
		for {
			gi := int(next.Add(1) - 1)
			if gi >= groups {
				return
			}
			lo, hi := bounds[gi], bounds[gi+1]
			cs := &res.Criteria[gi]
			cs.Criterion = c.critNames[c.cells[lo].crit]
			cs.Round = c.rounds[c.cells[lo].round]
			scale := scales[cs.Criterion]
			c.group(g, lo, hi, scale, rule, res.Elements[lo:hi], cs)
			rankGroup(res.Elements[lo:hi], res.Ranking[lo:hi], scale.LowerIsBetter, g)
		}
	})
	return res
}
