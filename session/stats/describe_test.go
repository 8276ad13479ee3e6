package stats

import (
	"maps"
	"math"
	"testing"
)

func TestQuantile7(t *testing.T) {
	one10 := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	tests := []struct {
		name string
		x    []float64
		p    float64
		want float64
	}{
		// R: quantile(1:10) -> 0%: 1, 25%: 3.25, 50%: 5.5, 75%: 7.75, 100%: 10.
		{"1:10 p0", one10, 0, 1},
		{"1:10 p25", one10, 0.25, 3.25},
		{"1:10 p50", one10, 0.5, 5.5},
		{"1:10 p75", one10, 0.75, 7.75},
		{"1:10 p100", one10, 1, 10},
		// R: quantile(1:10, 0.1) -> 1.9 (h = 9·0.1 = 0.9).
		{"1:10 p10", one10, 0.1, 1.9},
		// R: quantile(c(1,2,2,3,5)) -> 25%: 2, 50%: 2, 75%: 3.
		{"12235 p25", []float64{1, 2, 2, 3, 5}, 0.25, 2},
		{"12235 p50", []float64{1, 2, 2, 3, 5}, 0.5, 2},
		{"12235 p75", []float64{1, 2, 2, 3, 5}, 0.75, 3},
		// R: quantile(1:4) -> 25%: 1.75, 50%: 2.5, 75%: 3.25.
		{"1:4 p25", []float64{1, 2, 3, 4}, 0.25, 1.75},
		{"1:4 p50", []float64{1, 2, 3, 4}, 0.5, 2.5},
		{"1:4 p75", []float64{1, 2, 3, 4}, 0.75, 3.25},
		{"single", []float64{4}, 0.75, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Quantile7(tt.x, tt.p); !near(got, tt.want, 1e-12) {
				t.Errorf("Quantile7(%v, %v) = %v, want %v", tt.x, tt.p, got, tt.want)
			}
		})
	}
	t.Run("empty is NaN", func(t *testing.T) {
		if got := Quantile7(nil, 0.5); !math.IsNaN(got) {
			t.Errorf("got %v", got)
		}
	})
	t.Run("p out of range panics", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
		}()
		Quantile7([]float64{1}, 1.5)
	})
}

// want is an expected ElementStats in plain values; NaN means nil.
type want struct {
	n, abstain                                               int
	mean, sd, median, q1, q3, iqr, min, max, top2, agreement float64
	consensus                                                *bool
	counts                                                   map[int]int
}

func checkStats(t *testing.T, got ElementStats, w want) {
	t.Helper()
	if got.N != w.n || got.Abstain != w.abstain {
		t.Errorf("n, abstain = %d, %d, want %d, %d", got.N, got.Abstain, w.n, w.abstain)
	}
	opt := func(v float64) *float64 {
		if math.IsNaN(v) {
			return nil
		}
		return &v
	}
	checkOpt(t, "mean", got.Mean, opt(w.mean), 1e-6)
	checkOpt(t, "sd", got.SD, opt(w.sd), 1e-6)
	checkOpt(t, "median", got.Median, opt(w.median), 1e-9)
	checkOpt(t, "q1", got.Q1, opt(w.q1), 1e-9)
	checkOpt(t, "q3", got.Q3, opt(w.q3), 1e-9)
	checkOpt(t, "iqr", got.IQR, opt(w.iqr), 1e-9)
	checkOpt(t, "min", got.Min, opt(w.min), 0)
	checkOpt(t, "max", got.Max, opt(w.max), 0)
	checkOpt(t, "top2", got.Top2, opt(w.top2), 1e-12)
	checkOpt(t, "agreement", got.Agreement, opt(w.agreement), 1e-12)
	switch {
	case (got.Consensus == nil) != (w.consensus == nil):
		t.Errorf("consensus = %v, want %v", got.Consensus, w.consensus)
	case got.Consensus != nil && *got.Consensus != *w.consensus:
		t.Errorf("consensus = %v, want %v", *got.Consensus, *w.consensus)
	}
	if w.counts != nil && !maps.Equal(got.Counts, w.counts) {
		t.Errorf("counts = %v, want %v", got.Counts, w.counts)
	}
	if got.Counts == nil {
		t.Error("counts is nil")
	}
}

func TestDescribe(t *testing.T) {
	five := Scale{Min: 1, Max: 5}
	th := Thresholds{MaxIQR: 1, MinAgreement: 0.6}
	tests := []struct {
		name    string
		values  []int
		abstain int
		scale   Scale
		want    want
	}{
		// 1 2 2 3 5: mean 13/5, deviations −1.6 −.6 −.6 .4 2.4, squares sum
		// 9.2, var 9.2/4 = 2.3, sd √2.3; quartiles as R type 7 (see
		// TestQuantile7); top2 = #{>= 4}/5 = 1/5; agreement = #{|v−2| <= 1}/5
		// = 4/5; consensus: 1 <= 1 && .8 >= .6.
		{"five point", []int{5, 2, 1, 3, 2}, 1, five, want{
			n: 5, abstain: 1, mean: 2.6, sd: math.Sqrt(2.3), median: 2, q1: 2, q3: 3, iqr: 1,
			min: 1, max: 5, top2: 0.2, agreement: 0.8, consensus: ptr(true),
			counts: map[int]int{1: 1, 2: 2, 3: 1, 4: 0, 5: 1},
		}},
		// 0..10 scale: the top two points are 9 and 10 -> 3 of 5.
		// sorted 0 8 9 10 10: median 9, q1 8, q3 10, agreement #{8,9,10,10}=.8.
		{"eleven point", []int{10, 9, 8, 10, 0}, 0, Scale{Min: 0, Max: 10}, want{
			n: 5, mean: 7.4, sd: math.Sqrt((54.76 + 0.36 + 2.56 + 6.76 + 6.76) / 4), median: 9, q1: 8, q3: 10, iqr: 2,
			min: 0, max: 10, top2: 0.6, agreement: 0.8, consensus: ptr(false),
		}},
		// 1..7 scale: top two are 6 and 7. sorted 1 5 6 7: median h=1.5 ->
		// 5.5, q1 h=.75 -> 1+.75·4 = 4, q3 h=2.25 -> 6.25, agreement
		// #{5, 6}/4 = .5; sd: mean 4.75, squares 14.0625+.0625+1.5625+5.0625
		// = 20.75, var 20.75/3.
		{"seven point", []int{7, 6, 5, 1}, 0, Scale{Min: 1, Max: 7}, want{
			n: 4, mean: 4.75, sd: math.Sqrt(20.75 / 3), median: 5.5, q1: 4, q3: 6.25, iqr: 2.25,
			min: 1, max: 7, top2: 0.5, agreement: 0.5, consensus: ptr(false),
			counts: map[int]int{1: 1, 2: 0, 3: 0, 4: 0, 5: 1, 6: 1, 7: 1},
		}},
		// n = 1: everything but sd is defined.
		{"single", []int{4}, 2, five, want{
			n: 1, abstain: 2, mean: 4, sd: na, median: 4, q1: 4, q3: 4, iqr: 0,
			min: 4, max: 4, top2: 1, agreement: 1, consensus: ptr(true),
		}},
		// n = 0 (only abstentions): everything nil, counts lists the scale.
		{"only abstentions", nil, 3, Scale{Min: 1, Max: 3}, want{
			abstain: 3, mean: na, sd: na, median: na, q1: na, q3: na, iqr: na,
			min: na, max: na, top2: na, agreement: na,
			counts: map[int]int{1: 0, 2: 0, 3: 0},
		}},
		// All equal: sd 0, iqr 0, full agreement.
		{"all equal", []int{3, 3, 3}, 0, five, want{
			n: 3, mean: 3, sd: 0, median: 3, q1: 3, q3: 3, iqr: 0,
			min: 3, max: 3, top2: 0, agreement: 1, consensus: ptr(true),
		}},
		// Unknown scale: top2 nil, counts only what occurs.
		{"no scale", []int{2, 4}, 0, Scale{}, want{
			n: 2, mean: 3, sd: math.Sqrt2, median: 3, q1: 2.5, q3: 3.5, iqr: 1,
			min: 2, max: 4, top2: na, agreement: 1, consensus: ptr(true),
			counts: map[int]int{2: 1, 4: 1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkStats(t, Describe(tt.values, tt.abstain, tt.scale, th), tt.want)
		})
	}
}
