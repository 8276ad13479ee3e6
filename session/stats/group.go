package stats

import (
	"slices"
)

// Value ranges up to these spans are handled with counting sorts and
// offset-indexed categories; wider ranges fall back to comparison sorts.
const (
	maxCountSpan    = 1 << 10
	maxCategorySpan = 1 << 12
)

// groupScratch holds the buffers reused for every criterion x round group.
// The per-rater arrays are indexed by dense rater id and use stamps, so they
// never need clearing.
type groupScratch struct {
	cellStamp  []int32 // per rater: 1 + cell position it was last seen in
	slot       []int32 // per rater: its entry within that cell
	groupStamp []int32 // per rater: value of groupID when last registered
	local      []int32 // per rater: column within the current group

	d        describer
	hist     []int32
	x        []float64
	distinct []float64
	ain      alphaInput
	alpha    alphaScratch
	kendall  kendallScratch
	complete []int32
	mat      []int
	colF     []float64
	order    []int32
	groupID  int32 // counts the groups this scratch has processed
}

func newGroupScratch(numRaters int) *groupScratch {
	return &groupScratch{
		cellStamp:  make([]int32, numRaters),
		slot:       make([]int32, numRaters),
		groupStamp: make([]int32, numRaters),
		local:      make([]int32, numRaters),
	}
}

func unabstain(r int32) (id int32, abstain bool) {
	if r < 0 {
		return ^r, true
	}
	return r, false
}

// group computes the cells lo..hi-1 (one criterion x round) into out and the
// criterion statistics into cs.
func (c *computer) group(g *groupScratch, lo, hi int, scale Scale, rule ConsensusRule, out []ElementStats, cs *CriterionStats) {
	g.groupID++
	// Pass 1: drop superseded duplicates (the last rating of a rater in a
	// cell wins), find the value range and the raters of the group.
	nRaters := int32(0)
	vmin, vmax, nvals := 0, 0, 0
	for p := lo; p < hi; p++ {
		k := c.start[p]
		for q := c.start[p]; q < c.cend[p]; q++ {
			id, _ := unabstain(c.entR[q])
			if g.cellStamp[id] == int32(p)+1 {
				w := g.slot[id]
				c.entR[w], c.entV[w] = c.entR[q], c.entV[q]
				continue
			}
			g.cellStamp[id], g.slot[id] = int32(p)+1, k
			c.entR[k], c.entV[k] = c.entR[q], c.entV[q]
			k++
		}
		c.cend[p] = k
		for q := c.start[p]; q < k; q++ {
			id, abst := unabstain(c.entR[q])
			if abst {
				continue
			}
			v := c.entV[q]
			if nvals == 0 || v < vmin {
				vmin = v
			}
			if nvals == 0 || v > vmax {
				vmax = v
			}
			nvals++
			if g.groupStamp[id] != g.groupID {
				g.groupStamp[id], g.local[id] = g.groupID, nRaters
				nRaters++
			}
		}
	}
	span := vmax - vmin + 1 // <= 0 when the range overflows int
	counting := nvals > 0 && span > 0 && span <= maxCountSpan

	// Pass 2: descriptive statistics per cell; collect alpha's input.
	in := &g.ain
	if need := int(c.start[hi] - c.start[lo]); cap(in.cats) < need {
		in.cats = make([]int32, 0, need)
	}
	in.cats, in.ends = in.cats[:0], in.ends[:0]
	categories := nvals > 0 && span > 0 && span <= maxCategorySpan
	if categories {
		in.vals = grow(in.vals, span)
		for i := range in.vals {
			in.vals[i] = float64(vmin + i)
		}
	} else {
		g.distinct = g.distinct[:0]
		for p := lo; p < hi; p++ {
			for q := c.start[p]; q < c.cend[p]; q++ {
				if c.entR[q] >= 0 {
					g.distinct = append(g.distinct, float64(c.entV[q]))
				}
			}
		}
		slices.Sort(g.distinct)
		in.vals = append(in.vals[:0], slices.Compact(g.distinct)...)
	}
	for p := lo; p < hi; p++ {
		es := &out[p-lo]
		key := c.cells[p]
		es.ElementID, es.Criterion, es.Round = c.elemNames[key.elem], c.critNames[key.crit], c.rounds[key.round]
		x := g.x[:0]
		if counting {
			g.hist = grow(g.hist, span)
		}
		for q := c.start[p]; q < c.cend[p]; q++ {
			if c.entR[q] < 0 {
				es.Abstain++
				continue
			}
			v := c.entV[q]
			if counting {
				g.hist[v-vmin]++
			} else {
				x = append(x, float64(v))
			}
			if categories {
				in.cats = append(in.cats, int32(v-vmin))
			} else {
				ci, _ := slices.BinarySearch(in.vals, float64(v))
				in.cats = append(in.cats, int32(ci))
			}
		}
		in.ends = append(in.ends, int32(len(in.cats)))
		if counting {
			for i, n := range g.hist {
				for range n {
					x = append(x, float64(vmin+i))
				}
			}
		} else {
			slices.Sort(x)
		}
		g.x = x
		g.d.fill(es, x, scale, rule)
		es.Counts = countsOf(x, scale)
	}

	// Agreement across experts.
	if nRaters < 2 {
		return
	}
	for _, lvl := range []Level{Nominal, Ordinal, Interval} {
		if a, ok := g.alpha.alpha(in, lvl); ok {
			p := g.d.f(a)
			switch lvl {
			case Nominal:
				cs.AlphaNominal = p
			case Ordinal:
				cs.AlphaOrdinal = p
			case Interval:
				cs.AlphaInterval = p
			}
		}
	}
	if w, ok := c.kendallW(g, lo, hi, out, int(nRaters), vmin, span, counting); ok {
		cs.KendallW = g.d.f(w)
	}
}

// kendallW computes the tie-corrected W of a group over the elements rated
// by all nRaters raters of the group.
func (c *computer) kendallW(g *groupScratch, lo, hi int, out []ElementStats, nRaters, vmin, span int, counting bool) (float64, bool) {
	g.complete = g.complete[:0]
	for p := lo; p < hi; p++ {
		if out[p-lo].N == nRaters {
			g.complete = append(g.complete, int32(p))
		}
	}
	n := len(g.complete)
	if n < 2 {
		return 0, false
	}
	// Column-major nRaters x n matrix: mat[j*n+i] is rater j's value of
	// complete element i. Every cell of it is written: a complete element
	// has exactly one value per rater of the group.
	g.mat = grow(g.mat, nRaters*n)
	for i, p := range g.complete {
		for q := c.start[p]; q < c.cend[p]; q++ {
			if r := c.entR[q]; r >= 0 {
				g.mat[int(g.local[r])*n+i] = c.entV[q]
			}
		}
	}
	g.kendall.reset(n)
	for j := range nRaters {
		col := g.mat[j*n : (j+1)*n]
		if counting {
			g.kendall.addInts(col, vmin, span)
			continue
		}
		g.colF = grow(g.colF, n)
		for i, v := range col {
			g.colF[i] = float64(v)
		}
		g.kendall.addFloats(g.colF)
	}
	return g.kendall.result(nRaters, true)
}
