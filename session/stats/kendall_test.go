package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

// anxiety is the anxiety data set of R's irr package (20 subjects rated by 3
// raters on 1..6), as printed in the example of DescTools::KendallW (a port
// of irr::kendall "without logical changes"), whose documented output is
// KendallW(anxiety, TRUE) = 0.5396569. Its per-rater value tables match the
// irr documentation of anxiety (rater1: 2 6 5 2 4 1 for 1..6, ...).
var anxiety = [][]float64{
	{3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3}, // rater1
	{3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4}, // rater2
	{2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2}, // rater3
}

func TestKendallW(t *testing.T) {
	tests := []struct {
		name    string
		data    [][]float64 // [rater][unit]
		correct bool
		want    float64
	}{
		{"irr anxiety corrected", anxiety, true, 0.5396569},
		// Rank data of "Example R programs and commands 17. Kendall's Rank
		// Concordance" (M. V. Wickerhauser, Washington University, Math 322,
		// r-eg-17.txt): 6 judges rank 4 papers, W = 0.6. By hand: rank sums
		// 22, 18, 10, 10, mean 15, S = 49+9+25+25 = 108,
		// W = 12·108 / (6²·(4³−4)) = 1296/2160 = 0.6. No ties, so the
		// correction changes nothing.
		{"wickerhauser papers", [][]float64{
			{4, 3, 2, 1}, {3, 4, 2, 1}, {4, 3, 1, 2},
			{3, 4, 1, 2}, {4, 2, 1, 3}, {4, 2, 3, 1},
		}, true, 0.6},
		// Worked by hand, 3 raters x 4 elements with ties:
		//   rater 1: 1 2 3 4 -> ranks 1   2   3 4, T = 0
		//   rater 2: 2 2 3 4 -> ranks 1.5 1.5 3 4, T = 2³−2 = 6
		//   rater 3: 1 3 3 3 -> ranks 1   3   3 3, T = 3³−3 = 24
		// rank sums 3.5 6.5 9 11, mean 7.5, deviations −4 −1 1.5 3.5,
		// S = 16 + 1 + 2.25 + 12.25 = 31.5.
		// corrected:   W = 12·31.5 / (3²·(4³−4) − 3·30) = 378/450 = 0.84
		// uncorrected: W = 378 / 540 = 0.7
		{"hand ties corrected", [][]float64{{1, 2, 3, 4}, {2, 2, 3, 4}, {1, 3, 3, 3}}, true, 0.84},
		{"hand ties uncorrected", [][]float64{{1, 2, 3, 4}, {2, 2, 3, 4}, {1, 3, 3, 3}}, false, 0.7},
		// Listwise deletion: the same data plus a 5th element that rater 3
		// did not rate gives the same W.
		{"hand ties listwise", [][]float64{{1, 2, 3, 4, 5}, {2, 2, 3, 4, 1}, {1, 3, 3, 3, na}}, true, 0.84},
		// Two raters in perfect agreement (with ties): W = 1.
		{"perfect", [][]float64{{1, 1, 2, 5}, {2, 2, 3, 4}}, true, 1},
		// Two raters in perfect disagreement: rank sums all equal, W = 0.
		{"reversed", [][]float64{{1, 2, 3}, {3, 2, 1}}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := KendallW(byUnit(tt.data), tt.correct)
			if !ok || !near(got, tt.want, 1e-6) {
				t.Errorf("W = %.7f (ok %v), want %.7f", got, ok, tt.want)
			}
		})
	}
}

func TestKendallWUndefined(t *testing.T) {
	tests := []struct {
		name string
		data [][]float64 // [rater][unit]
	}{
		{"empty", nil},
		{"one rater", [][]float64{{1, 2, 3}}},
		{"one element", [][]float64{{1}, {2}, {3}}},
		{"one complete element", [][]float64{{1, 2, na}, {2, na, 3}}},
		{"all equal", [][]float64{{3, 3, 3}, {2, 2, 2}}},
		{"all missing", [][]float64{{na, na}, {na, na}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, ok := KendallW(byUnit(tt.data), true); ok {
				t.Errorf("W = %v, want undefined", got)
			}
		})
	}
}

// TestKendallWIntsMatchFloats checks the counting-sort ranking used by
// Compute against the comparison-sort one.
func TestKendallWIntsMatchFloats(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		n, m := 2+rng.IntN(15), 2+rng.IntN(6)
		span := 1 + rng.IntN(8)
		var a, b kendallScratch
		a.reset(n)
		b.reset(n)
		col := make([]int, n)
		colF := make([]float64, n)
		for range m {
			for i := range col {
				col[i] = 3 + rng.IntN(span)
				colF[i] = float64(col[i])
			}
			a.addInts(col, 3, span)
			b.addFloats(colF)
		}
		wa, oka := a.result(m, true)
		wb, okb := b.result(m, true)
		if oka != okb || math.Abs(wa-wb) > 1e-12 || a.ties != b.ties {
			t.Fatalf("trial %d: ints %v,%v floats %v,%v", trial, wa, oka, wb, okb)
		}
		if oka && (wa < -1e-12 || wa > 1+1e-12) {
			t.Fatalf("trial %d: W = %v outside [0, 1]", trial, wa)
		}
	}
}
