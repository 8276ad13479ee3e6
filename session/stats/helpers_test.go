package stats

import (
	"math"
	"testing"
)

// na marks a missing value in test matrices.
var na = math.NaN()

// byUnit turns a matrix given as [rater][unit] (the layout of the published
// examples) into [unit][rater] with NaN as nil.
func byUnit(byRater [][]float64) [][]*float64 {
	units := 0
	for _, r := range byRater {
		units = max(units, len(r))
	}
	out := make([][]*float64, units)
	for u := range out {
		out[u] = make([]*float64, len(byRater))
		for r, row := range byRater {
			if u < len(row) && !math.IsNaN(row[u]) {
				v := row[u]
				out[u][r] = &v
			}
		}
	}
	return out
}

// rows turns a [unit][rater] matrix with NaN for missing into pointers.
func rows(m [][]float64) [][]*float64 {
	out := make([][]*float64, len(m))
	for i, row := range m {
		out[i] = make([]*float64, len(row))
		for j, v := range row {
			if !math.IsNaN(v) {
				out[i][j] = &v
			}
		}
	}
	return out
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// checkOpt compares an optional result with an expectation; want nil means
// undefined.
func checkOpt(t *testing.T, name string, got *float64, want *float64, tol float64) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil:
		t.Errorf("%s = nil, want %v", name, *want)
	case want == nil:
		t.Errorf("%s = %v, want nil", name, *got)
	case !near(*got, *want, tol):
		t.Errorf("%s = %.6f, want %.6f", name, *got, *want)
	}
}
