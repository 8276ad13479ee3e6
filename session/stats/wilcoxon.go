package stats

import (
	"cmp"
	"math"
	"slices"
)

// SignedRank is the result of WilcoxonSignedRank.
type SignedRank struct {
	// V is the sum of the ranks of |d| (mean ranks for ties) over the
	// positive differences d = x − y, zero differences dropped: R's
	// statistic V.
	V float64
	// P is the two-sided p-value; see WilcoxonSignedRank for when it is
	// defined.
	P float64
	// N is the number of non-zero differences, the n of the test.
	N int
	// Exact is true when P comes from the exact null distribution of V,
	// false for the normal approximation.
	Exact bool
}

// maxExactSignedRank is R's default: an exact p only when n < 50.
const maxExactSignedRank = 50

// WilcoxonSignedRank is the Wilcoxon signed-rank test of the paired samples
// x and y exactly as R computes it with wilcox.test(x, y, paired = TRUE)
// and the defaults (two-sided, mu = 0, exact = NULL, correct = TRUE):
//
//   - pairs where x or y is NaN are dropped (R's complete.cases), then
//     d = x − y, and zero differences are dropped; N counts the rest;
//   - V is the sum of the ranks of |d| of the positive d, ties getting
//     their mean rank;
//   - when N < 50 and there were neither zero differences nor ties in |d|,
//     P is exact: 2·min(P(V' <= V), P(V' >= V)), capped at 1, from the
//     null distribution of the signed-rank statistic V' (R's psignrank);
//   - otherwise P comes from the normal approximation with continuity
//     correction and the tie correction of the variance:
//     z = (V − N(N+1)/4 − sign·0.5) / sqrt(N(N+1)(2N+1)/24 − Σ(t³ − t)/48),
//     P = 2·min(Φ(z), Φ(−z)), t running over the sizes of the groups of
//     tied |d|.
//
// ok is false when no non-zero difference is left (every pair equal, or no
// pair at all): P is then undefined (R reports V = 0 and p = NaN, or stops
// when there are no pairs) and the result has V = 0 and N = 0. It panics
// when x and y differ in length, as R stops.
func WilcoxonSignedRank(x, y []float64) (res SignedRank, ok bool) {
	if len(x) != len(y) {
		panic("stats: WilcoxonSignedRank of samples of different lengths")
	}
	d := make([]float64, 0, len(x))
	zeros := false
	for i := range x {
		switch v := x[i] - y[i]; {
		case math.IsNaN(v):
		case v == 0:
			zeros = true
		default:
			d = append(d, v)
		}
	}
	var s signedRanker
	return s.test(d, zeros)
}

// signedRanker holds buffers and the exact null distributions already
// computed, so that many tests in a row allocate little.
type signedRanker struct {
	counts map[int][]float64 // n -> number of subsets of 1..n per sum
}

// test runs the signed-rank test on the non-zero differences d; zeros says
// whether zero differences were dropped. d is reordered.
func (s *signedRanker) test(d []float64, zeros bool) (SignedRank, bool) {
	n := len(d)
	if n == 0 {
		return SignedRank{}, false
	}
	// Sorting by |d| gives the ranks: positions i..j−1 (0-based) of a
	// group of equal |d| share the mean rank (i+1+j)/2.
	slices.SortFunc(d, func(a, b float64) int { return cmp.Compare(math.Abs(a), math.Abs(b)) })
	var v, tieTerm float64
	ties := false
	for i := 0; i < n; {
		j := i + 1
		for j < n && math.Abs(d[j]) == math.Abs(d[i]) {
			j++
		}
		r := float64(i+1+j) / 2
		for _, x := range d[i:j] {
			if x > 0 {
				v += r
			}
		}
		if t := float64(j - i); j-i > 1 {
			ties = true
			tieTerm += t*t*t - t
		}
		i = j
	}
	fn := float64(n)
	res := SignedRank{V: v, N: n}
	if n < maxExactSignedRank && !ties && !zeros {
		res.Exact = true
		var p float64
		if v > fn*(fn+1)/4 {
			p = s.psignrank(v-1, n, false)
		} else {
			p = s.psignrank(v, n, true)
		}
		res.P = min(2*p, 1)
		return res, true
	}
	// R's arithmetic, in R's order.
	z := v - fn*(fn+1)/4
	sigma := math.Sqrt(fn*(fn+1)*(2*fn+1)/24 - tieTerm/48)
	correction := 0.0
	switch {
	case z > 0:
		correction = 0.5
	case z < 0:
		correction = -0.5
	}
	z = (z - correction) / sigma
	res.P = 2 * min(pnorm(z), pnorm(-z))
	return res, true
}

// pnorm is the standard normal distribution function Φ.
func pnorm(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// psignrank is R's psignrank(q, n, lower.tail): P(V' <= q), or P(V' > q)
// when lower is false, for the signed-rank statistic V' of n differences.
// It follows R's nmath/signrank.c, summing the shorter tail, but with the
// exact factor 2^−n, so that every partial sum is exact (counts stay below
// 2^53 for n < 50) and the result is the exact probability rounded once.
func (s *signedRanker) psignrank(q float64, n int, lower bool) float64 {
	fn := float64(n)
	x := math.Round(q + 1e-7)
	top := fn * (fn + 1) / 2
	switch {
	case x < 0:
		return tail(0, lower)
	case x >= top:
		return tail(1, lower)
	}
	w := s.nullCounts(n)
	f := math.Ldexp(1, -n)
	p := 0.0
	if x <= fn*(fn+1)/4 {
		for i := 0; i <= int(x); i++ {
			p += w[i] * f
		}
	} else {
		// The upper tail by symmetry: P(V' > x) = P(V' < top − x).
		for i := 0; i < int(top-x); i++ {
			p += w[i] * f
		}
		lower = !lower
	}
	return tail(p, lower)
}

// tail is R's R_DT_val: p for the lower tail, else its complement.
func tail(p float64, lower bool) float64 {
	if lower {
		return p
	}
	return 0.5 - p + 0.5
}

// nullCounts returns, for sums k = 0..n(n+1)/2, how many subsets of
// {1, ..., n} sum to k: 2^n times the null distribution of V'.
func (s *signedRanker) nullCounts(n int) []float64 {
	if w, ok := s.counts[n]; ok {
		return w
	}
	top := n * (n + 1) / 2
	w := make([]float64, top+1)
	w[0] = 1
	for i := 1; i <= n; i++ {
		for k := i * (i + 1) / 2; k >= i; k-- {
			w[k] += w[k-i]
		}
	}
	if s.counts == nil {
		s.counts = map[int][]float64{}
	}
	s.counts[n] = w
	return w
}
