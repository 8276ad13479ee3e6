package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// krippendorff2011C is the reliability data of Krippendorff (2011),
// "Computing Krippendorff's Alpha-Reliability", Annenberg School for
// Communication Departmental Papers 43, section C "Nominal data, any number
// of observers, missing values": 4 observers (rows) x 12 units (columns).
// The same matrix is the "C" data example of R's irr::kripp.alpha /
// DescTools::KrippAlpha.
var krippendorff2011C = [][]float64{
	{1, 2, 3, 3, 2, 1, 4, 1, 2, na, na, na}, // observer A
	{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, na, 3},   // observer B
	{na, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, na},  // observer C
	{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, na},   // observer D
}

// wikipediaExample is the "computational example" of the English Wikipedia
// article "Krippendorff's alpha": 3 coders x 15 units. Published results:
// nominal alpha = 0.691, interval alpha = 0.811 (also the test values
// 0.691358 and 0.810845 of the Python package "krippendorff",
// pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py).
var wikipediaExample = [][]float64{
	{na, na, na, na, na, 3, 4, 1, 2, 1, 1, 3, 3, na, 3},   // coder A
	{1, na, 2, 1, 3, 3, 4, 3, na, na, na, na, na, na, na}, // coder B
	{na, na, 2, 1, 3, 4, 4, na, 2, 1, 1, 3, 3, na, 4},     // coder C
}

func TestKrippendorffAlphaPublished(t *testing.T) {
	tests := []struct {
		name  string
		data  [][]float64 // [rater][unit]
		level Level
		want  float64
	}{
		// Krippendorff (2011) section A "Binary data, two observers, no
		// missing data": o_01 = 4, n_0 = 14, n_1 = 6, n = 20,
		// alpha = 1 − (n−1) o_01/(n_0 n_1) = 1 − 19·4/84 = 0.095.
		{"2011 A binary", [][]float64{
			{0, 1, 0, 0, 0, 0, 0, 0, 1, 0},
			{1, 1, 1, 0, 0, 1, 0, 0, 0, 0},
		}, Nominal, 0.095},
		// Krippendorff (2011) section B "Nominal data, two observers, no
		// missing data", values a..e coded 1..5: alpha = 0.692.
		{"2011 B nominal", [][]float64{
			{1, 1, 2, 2, 4, 3, 3, 3, 5, 4, 4, 1},
			{2, 1, 2, 2, 2, 3, 3, 3, 5, 4, 4, 4},
		}, Nominal, 0.692},
		// Krippendorff (2011) sections C and D, 4 observers x 12 units with
		// missing values: nominal 0.743, ordinal 0.815, interval 0.849.
		{"2011 C nominal", krippendorff2011C, Nominal, 0.743},
		{"2011 D ordinal", krippendorff2011C, Ordinal, 0.815},
		{"2011 D interval", krippendorff2011C, Interval, 0.849},
		{"wikipedia nominal", wikipediaExample, Nominal, 0.691358},
		{"wikipedia interval", wikipediaExample, Interval, 0.810845},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := KrippendorffAlpha(byUnit(tt.data), tt.level)
			if !ok || !near(got, tt.want, 1e-3) {
				t.Errorf("alpha = %.6f (ok %v), want %.3f", got, ok, tt.want)
			}
		})
	}
}

func TestKrippendorffAlphaUndefined(t *testing.T) {
	tests := []struct {
		name string
		data [][]float64 // [unit][rater]
	}{
		{"empty", nil},
		{"all missing", [][]float64{{na, na}, {na, na}}},
		{"one rater", [][]float64{{1}, {2}, {3}}},
		{"no unit with two values", [][]float64{{1, na}, {na, 2}}},
		{"all equal", [][]float64{{3, 3, 3}, {3, 3, na}}},
	}
	for _, tt := range tests {
		for _, lvl := range []Level{Nominal, Ordinal, Interval} {
			t.Run(tt.name+"/"+lvl.String(), func(t *testing.T) {
				if got, ok := KrippendorffAlpha(rows(tt.data), lvl); ok {
					t.Errorf("alpha = %v, want undefined", got)
				}
			})
		}
	}
}

func TestKrippendorffAlphaPerfect(t *testing.T) {
	data := rows([][]float64{{1, 1, 1}, {2, 2, na}, {5, 5, 5}, {4, na, na}})
	for _, lvl := range []Level{Nominal, Ordinal, Interval} {
		if got, ok := KrippendorffAlpha(data, lvl); !ok || got != 1 {
			t.Errorf("%v: alpha = %v (ok %v), want 1", lvl, got, ok)
		}
	}
}

// naiveAlpha is a literal transcription of Krippendorff (2011): build the
// full coincidence matrix, its marginals and the δ² matrix, then
// alpha = 1 − (n−1) Σ o δ² / Σ n_c n_k δ². It checks the optimised
// implementation on random data.
func naiveAlpha(data [][]*float64, level Level) (float64, bool) {
	idx := map[float64]int{}
	var vals []float64
	for _, row := range data {
		for _, p := range row {
			if p != nil {
				if _, ok := idx[*p]; !ok {
					idx[*p] = 0
					vals = append(vals, *p)
				}
			}
		}
	}
	sortFloats(vals)
	for i, v := range vals {
		idx[v] = i
	}
	V := len(vals)
	o := make([][]float64, V)
	for i := range o {
		o[i] = make([]float64, V)
	}
	for _, row := range data {
		var u []int
		for _, p := range row {
			if p != nil {
				u = append(u, idx[*p])
			}
		}
		m := float64(len(u))
		if m < 2 {
			continue
		}
		for i := range u {
			for j := range u {
				if i != j {
					o[u[i]][u[j]] += 1 / (m - 1)
				}
			}
		}
	}
	nc := make([]float64, V)
	var n float64
	for c := range o {
		for k := range o {
			nc[c] += o[c][k]
		}
		n += nc[c]
	}
	delta := func(c, k int) float64 {
		switch level {
		case Nominal:
			if c == k {
				return 0
			}
			return 1
		case Interval:
			return (vals[c] - vals[k]) * (vals[c] - vals[k])
		}
		if c > k {
			c, k = k, c
		}
		var s float64
		for g := c; g <= k; g++ {
			s += nc[g]
		}
		s -= (nc[c] + nc[k]) / 2
		return s * s
	}
	var do, de float64
	for c := range o {
		for k := range o {
			do += o[c][k] * delta(c, k)
			de += nc[c] * nc[k] * delta(c, k)
		}
	}
	if n < 2 || de <= 1e-12 {
		return 0, false
	}
	return 1 - (n-1)*do/de, true
}

func sortFloats(x []float64) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] < x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

func TestKrippendorffAlphaMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		units, raters := 1+rng.IntN(12), 1+rng.IntN(6)
		spread := 1 + rng.IntN(7)
		data := make([][]*float64, units)
		for u := range data {
			data[u] = make([]*float64, raters)
			for r := range data[u] {
				if rng.IntN(4) > 0 {
					v := float64(rng.IntN(spread))
					if trial%3 == 0 {
						v = v*1.5 - 2 // non-integer, negative values
					}
					data[u][r] = &v
				}
			}
		}
		for _, lvl := range []Level{Nominal, Ordinal, Interval} {
			got, ok := KrippendorffAlpha(data, lvl)
			want, wok := naiveAlpha(data, lvl)
			if ok != wok || (ok && !near(got, want, 1e-9)) {
				t.Fatalf("trial %d %v: got %v,%v want %v,%v", trial, lvl, got, ok, want, wok)
			}
			if ok && (math.IsNaN(got) || math.IsInf(got, 0)) {
				t.Fatalf("trial %d %v: alpha %v", trial, lvl, got)
			}
		}
	}
}
