package stats

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// KendallW computes Kendall's coefficient of concordance W of data, indexed
// [unit][rater] (the n x m matrix of R's irr::kendall(ratings, correct)).
// Each rater's values are converted to ranks across the units, ties getting
// their mean rank, and
//
//	W = 12 S / (m²(n³ − n) − m Σ_j T_j),  S = Σ_i (R_i − mean R)²,
//
// where R_i is the rank sum of unit i and T_j = Σ (t³ − t) over the groups of
// t tied values of rater j; the T term is only subtracted when correct is
// true (the tie correction of irr::kendall(x, correct = TRUE)).
//
// The number of raters m is the length of the longest row. Units with a
// missing value (nil, NaN or a short row) are left out listwise, as irr does.
// ok is false (and W 0) when fewer than 2 units or 2 raters remain or W is
// undefined because the denominator is zero (e.g. every rater gives all
// units the same value).
func KendallW(data [][]*float64, correct bool) (w float64, ok bool) {
	m := 0
	for _, row := range data {
		m = max(m, len(row))
	}
	var rows [][]*float64
rowLoop:
	for _, row := range data {
		if len(row) < m {
			continue
		}
		for _, p := range row {
			if p == nil || math.IsNaN(*p) {
				continue rowLoop
			}
		}
		rows = append(rows, row)
	}
	n := len(rows)
	if n < 2 || m < 2 {
		return 0, false
	}
	var k kendallScratch
	k.reset(n)
	col := make([]float64, n)
	for j := 0; j < m; j++ {
		for i, row := range rows {
			col[i] = *row[j]
		}
		k.addFloats(col)
	}
	return k.result(m, correct)
}

// kendallScratch accumulates the rank sums R_i and the tie term Σ_j T_j one
// rater (column) at a time.
type kendallScratch struct {
	sums []float64 // R_i
	ties float64   // Σ_j T_j
	idx  []int32
	hist []int32
}

func (k *kendallScratch) reset(n int) {
	k.sums = grow(k.sums, n)
	k.ties = 0
}

// addFloats ranks one rater's values (mean ranks for ties) and adds them to
// the rank sums.
func (k *kendallScratch) addFloats(col []float64) {
	n := len(col)
	k.idx = grow(k.idx, n)
	for i := range k.idx {
		k.idx[i] = int32(i)
	}
	slices.SortFunc(k.idx, func(a, b int32) int { return cmp.Compare(col[a], col[b]) })
	for i := 0; i < n; {
		j := i + 1
		for j < n && col[k.idx[j]] == col[k.idx[i]] {
			j++
		}
		// Positions i..j-1 (0-based) share the mean rank (i+1 + j)/2.
		r := float64(i+1+j) / 2
		for _, u := range k.idx[i:j] {
			k.sums[u] += r
		}
		t := float64(j - i)
		k.ties += t*t*t - t
		i = j
	}
}

// addInts is addFloats for integer values in [lo, lo+span): a counting sort
// in O(n + span) instead of a comparison sort.
func (k *kendallScratch) addInts(col []int, lo, span int) {
	k.hist = grow(k.hist, span)
	for _, v := range col {
		k.hist[v-lo]++
	}
	// Turn counts into mean ranks in place (stored as 2*rank to stay
	// integral), accumulating the tie term on the way.
	below := int32(0)
	for i, t := range k.hist {
		if t == 0 {
			continue
		}
		k.hist[i] = 2*below + t + 1
		ft := float64(t)
		k.ties += ft*ft*ft - ft
		below += t
	}
	for i, v := range col {
		k.sums[i] += float64(k.hist[v-lo]) / 2
	}
}

// result finishes W for m raters over len(k.sums) units.
func (k *kendallScratch) result(m int, correct bool) (float64, bool) {
	n := float64(len(k.sums))
	fm := float64(m)
	if n < 2 || m < 2 {
		return 0, false
	}
	// As in irr: S = var(R) * (n − 1).
	s := stat.Variance(k.sums, nil) * (n - 1)
	den := fm * fm * (n*n*n - n)
	if correct {
		den -= fm * k.ties
	}
	if !(den > 0) {
		return 0, false
	}
	return 12 * s / den, true
}
