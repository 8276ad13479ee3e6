package stats

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Quantile7 returns the p-quantile (0 <= p <= 1) of the ascending sorted
// sample, computed like R's default quantile(x, type = 7): with
// h = (n-1)p, the result interpolates linearly between the order statistics
// x[floor(h)] and x[floor(h)+1] (0-based).
//
// gonum's stat.Quantile is deliberately not used: it offers only
// stat.Empirical (R type 1, no interpolation) and stat.LinInterp (R type 4,
// interpolation of the empirical CDF at k/n), and both differ from R's
// default type 7, which is what R, spreadsheets (QUARTILE.INC) and the
// Delphi literature report. For 1..10, gonum gives Q1 = 2.5 (LinInterp) or
// 3 (Empirical) and a median of 5; type 7 gives Q1 = 3.25 and median 5.5.
//
// Quantile7 returns NaN for an empty sample and panics if p is outside
// [0, 1]. sorted is not modified.
func Quantile7(sorted []float64, p float64) float64 {
	if !(p >= 0 && p <= 1) {
		panic("stats: quantile probability out of [0, 1]")
	}
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	frac := h - float64(lo)
	if frac == 0 {
		return sorted[lo]
	}
	return sorted[lo] + frac*(sorted[lo+1]-sorted[lo])
}

// Valid reports whether the scale has at least two points (Max > Min).
// Statistics that depend on the scale (Top2) are nil for an invalid scale.
func (s Scale) Valid() bool { return s.Max > s.Min }

// Describe computes the descriptive statistics of one element x criterion x
// round cell from its non-abstaining values and the number of abstentions.
// ElementID, Criterion and Round of the result are left empty for the
// caller. Undefined statistics are nil (see ElementStats). scale is used
// for Top2, for the scale points listed in Counts and by the 70-15 rule;
// pass the zero Scale when it is unknown (Top2 is then nil). rule decides
// Consensus.
func Describe(values []int, abstain int, scale Scale, rule ConsensusRule) ElementStats {
	var d describer
	x := make([]float64, len(values))
	for i, v := range values {
		x[i] = float64(v)
	}
	slices.Sort(x)
	es := ElementStats{Abstain: abstain}
	d.fill(&es, x, scale, rule)
	es.Counts = countsOf(x, scale)
	return es
}

// countsOf builds the Counts map of a cell from its sorted values: every
// point of a valid scale (zero when unused) plus every observed value.
func countsOf(sorted []float64, scale Scale) map[int]int {
	size := 0
	if scale.Valid() && scale.Max-scale.Min < 1<<12 {
		size = scale.Max - scale.Min + 1
	}
	m := make(map[int]int, size)
	for v := 0; v < size; v++ {
		m[scale.Min+v] = 0
	}
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j] == sorted[i] {
			j++
		}
		m[int(sorted[i])] += j - i
		i = j
	}
	return m
}

// describer fills ElementStats. It carves the result pointers out of
// shared backing slices so that Compute allocates once per hundreds of
// cells instead of ten times per cell.
type describer struct {
	floats []float64
	bools  []bool
}

func (d *describer) f(v float64) *float64 {
	if len(d.floats) == 0 {
		d.floats = make([]float64, 1024)
	}
	p := &d.floats[0]
	d.floats = d.floats[1:]
	*p = v
	return p
}

func (d *describer) b(v bool) *bool {
	if len(d.bools) == 0 {
		d.bools = make([]bool, 128)
	}
	p := &d.bools[0]
	d.bools = d.bools[1:]
	*p = v
	return p
}

// fill sets N and every statistic of es from the ascending sorted values x.
// All statistics stay nil when x is empty; SD stays nil when len(x) < 2.
func (d *describer) fill(es *ElementStats, x []float64, scale Scale, rule ConsensusRule) {
	n := len(x)
	es.N = n
	if n == 0 {
		return
	}
	es.Mean = d.f(stat.Mean(x, nil))
	if n > 1 {
		// stat.StdDev is the sample (n-1) standard deviation.
		es.SD = d.f(stat.StdDev(x, nil))
	}
	median := Quantile7(x, 0.5)
	q1, q3 := Quantile7(x, 0.25), Quantile7(x, 0.75)
	iqr := q3 - q1
	es.Median = d.f(median)
	es.Q1 = d.f(q1)
	es.Q3 = d.f(q3)
	es.IQR = d.f(iqr)
	es.Min = d.f(x[0])
	es.Max = d.f(x[n-1])

	near := 0
	for _, v := range x {
		if math.Abs(v-median) <= 1 {
			near++
		}
	}
	agreement := float64(near) / float64(n)
	es.Agreement = d.f(agreement)
	if scale.Valid() {
		// x is sorted, so the top-two count is the tail from the first
		// value >= Max-1.
		top, _ := slices.BinarySearch(x, float64(scale.Max-1))
		es.Top2 = d.f(float64(n-top) / float64(n))
	}
	in := consensusInput{n: n, iqr: iqr, agreement: agreement, scale: scale}
	if rule.EffectiveKind() == Consensus7015 && scale.Valid() {
		in.best, in.worst = thirds(x, scale)
	}
	if c, ok := rule.decide(in); ok {
		es.Consensus = d.b(c)
	}
}
