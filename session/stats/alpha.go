package stats

import (
	"maps"
	"math"
	"slices"
)

// Level is the level of measurement (metric) of Krippendorff's alpha.
type Level int

// Levels of measurement supported by KrippendorffAlpha.
const (
	// Nominal: any two different values disagree equally (δ² = 1).
	Nominal Level = iota
	// Ordinal: δ² of values c < k is (Σ_{g=c..k} n_g − (n_c + n_k)/2)²,
	// with n_g the marginal frequencies of the coincidence matrix
	// (Krippendorff 2011, section E).
	Ordinal
	// Interval: δ² = (c − k)².
	Interval
)

// String returns "nominal", "ordinal" or "interval".
func (l Level) String() string {
	switch l {
	case Nominal:
		return "nominal"
	case Ordinal:
		return "ordinal"
	case Interval:
		return "interval"
	}
	return "Level(?)"
}

// KrippendorffAlpha computes Krippendorff's alpha reliability coefficient of
// data, indexed [unit][rater]; a nil entry (or NaN) is a missing value and
// rows may have different lengths. It follows Krippendorff (2011),
// "Computing Krippendorff's Alpha-Reliability", coincidence-matrix method:
//
//	α = 1 − D_o/D_e = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
//
// where units with fewer than two values are not pairable and dropped, o_ck
// is the coincidence matrix, n_c its marginals and n the number of pairable
// values. ok is false (and alpha 0) when alpha is undefined: no unit has two
// values (e.g. fewer than two raters) or there is no variation (D_e = 0,
// every pairable value equal).
func KrippendorffAlpha(data [][]*float64, level Level) (alpha float64, ok bool) {
	// Categories are the distinct values, numbered in ascending order.
	cat := map[float64]int32{}
	count := 0
	for _, row := range data {
		for _, p := range row {
			if p != nil && !math.IsNaN(*p) {
				cat[*p] = 0
				count++
			}
		}
	}
	in := alphaInput{
		cats: make([]int32, 0, count),
		ends: make([]int32, 0, len(data)),
		vals: slices.Sorted(maps.Keys(cat)),
	}
	for i, v := range in.vals {
		cat[v] = int32(i)
	}
	for _, row := range data {
		for _, p := range row {
			if p != nil && !math.IsNaN(*p) {
				in.cats = append(in.cats, cat[*p])
			}
		}
		in.ends = append(in.ends, int32(len(in.cats)))
	}
	var s alphaScratch
	return s.alpha(&in, level)
}

// alphaInput is reliability data in compact form: the values of unit u are
// the categories cats[ends[u-1]:ends[u]] (ends[-1] = 0), and category c
// stands for the value vals[c]; vals is strictly ascending.
type alphaInput struct {
	cats []int32
	ends []int32
	vals []float64
}

// alphaScratch holds buffers reused across alpha computations.
type alphaScratch struct {
	nc      []float64 // marginals n_c
	cum     []float64 // cum[c] = Σ_{g<c} n_g
	unitCnt []float64 // per-unit counts n_uc, kept all zero between units
	touched []int32   // categories present in the current unit
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// alpha computes Krippendorff's alpha of in at the given level without
// materialising the V x V coincidence matrix: o_ck = Σ_u n_uc n_uk /(m_u−1)
// for c ≠ k (the diagonal has δ² = 0), so Σ o_ck δ²_ck is accumulated unit by
// unit from the per-unit counts, and the marginals n_c are the counts of
// pairable values.
func (s *alphaScratch) alpha(in *alphaInput, level Level) (float64, bool) {
	v := len(in.vals)
	s.nc = grow(s.nc, v)
	nc := s.nc
	var n float64
	start := int32(0)
	for _, end := range in.ends {
		if end-start >= 2 {
			for _, c := range in.cats[start:end] {
				nc[c]++
			}
			n += float64(end - start)
		}
		start = end
	}
	if n < 2 {
		return 0, false
	}

	// Expected disagreement, without the 1/(n(n−1)) factor.
	var de float64
	switch level {
	case Nominal:
		var sq float64
		for _, x := range nc {
			sq += x * x
		}
		de = n*n - sq
	case Interval:
		// Σ_ck n_c n_k (v_c − v_k)² = 2n Σ_c n_c (v_c − mean)².
		var sum float64
		for c, x := range nc {
			sum += x * in.vals[c]
		}
		mean := sum / n
		var ss float64
		for c, x := range nc {
			d := in.vals[c] - mean
			ss += x * d * d
		}
		de = 2 * n * ss
	case Ordinal:
		s.cum = grow(s.cum, v+1)
		for c, x := range nc {
			s.cum[c+1] = s.cum[c] + x
		}
		for c := 0; c < v; c++ {
			if nc[c] == 0 {
				continue
			}
			for k := c + 1; k < v; k++ {
				if nc[k] != 0 {
					de += 2 * nc[c] * nc[k] * s.ordinalDelta(c, k)
				}
			}
		}
	default:
		panic("stats: unknown Level")
	}
	if !(de > 0) {
		return 0, false
	}

	// Observed disagreement, without the 1/n factor.
	var do float64
	s.unitCnt = grow(s.unitCnt, v)
	cnt := s.unitCnt
	start = 0
	for _, end := range in.ends {
		unit := in.cats[start:end]
		start = end
		m := float64(len(unit))
		if len(unit) < 2 {
			continue
		}
		switch level {
		case Interval:
			// Σ_{i≠j} (x_i − x_j)² = 2m Σ_i (x_i − mean)².
			var sum float64
			for _, c := range unit {
				sum += in.vals[c]
			}
			mean := sum / m
			var ss float64
			for _, c := range unit {
				d := in.vals[c] - mean
				ss += d * d
			}
			do += 2 * m * ss / (m - 1)
		default:
			s.touched = s.touched[:0]
			for _, c := range unit {
				if cnt[c] == 0 {
					s.touched = append(s.touched, c)
				}
				cnt[c]++
			}
			var pairs float64 // Σ_{c≠k} n_uc n_uk δ²_ck
			if level == Nominal {
				pairs = m * m
				for _, c := range s.touched {
					pairs -= cnt[c] * cnt[c]
				}
			} else {
				for i, c := range s.touched {
					for _, k := range s.touched[i+1:] {
						pairs += 2 * cnt[c] * cnt[k] * s.ordinalDelta(int(c), int(k))
					}
				}
			}
			do += pairs / (m - 1)
			for _, c := range s.touched {
				cnt[c] = 0
			}
		}
	}
	return 1 - (n-1)*do/de, true
}

// ordinalDelta is the ordinal δ²_ck of Krippendorff (2011) from the
// cumulative marginals in s.cum: (Σ_{g=c..k} n_g − (n_c + n_k)/2)².
func (s *alphaScratch) ordinalDelta(c, k int) float64 {
	if c > k {
		c, k = k, c
	}
	nc := s.cum[c+1] - s.cum[c]
	nk := s.cum[k+1] - s.cum[k]
	d := s.cum[k+1] - s.cum[c] - (nc+nk)/2
	return d * d
}
