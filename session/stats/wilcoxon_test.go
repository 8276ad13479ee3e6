package stats

import (
	"math"
	"testing"
)

// seq is from, from+1, ..., to.
func seq(from, to int) []float64 {
	var out []float64
	for v := from; v <= to; v++ {
		out = append(out, float64(v))
	}
	return out
}

func repeat(v float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// everyThirdDown is R's
//
//	i <- 1:n; d <- ifelse(i %% 3 == 0, -i, i)
//
// as to = 60 + d against from = rep(60, n): n distinct |d|, every third
// one negative.
func everyThirdDown(n int) (to, from []float64) {
	for i := 1; i <= n; i++ {
		d := i
		if i%3 == 0 {
			d = -i
		}
		to, from = append(to, float64(60+d)), append(from, 60)
	}
	return to, from
}

// likert200 is R's
//
//	i <- 1:200; from <- 1 + (i * 7) %% 5
//	to <- pmin(5, pmax(1, from + (i * i) %% 5 - 2))
//
// 200 answers on 1..5 moving by −2..2: many ties and zeros.
func likert200() (to, from []float64) {
	for i := 1; i <= 200; i++ {
		f := 1 + (i*7)%5
		to = append(to, float64(min(5, max(1, f+(i*i)%5-2))))
		from = append(from, float64(f))
	}
	return to, from
}

// TestWilcoxonSignedRankR compares with R 4.2.2 (Debian r-base-core
// 4.2.2.20221110), each case computed as
//
//	r <- wilcox.test(to, from, paired = TRUE)
//	sprintf("%.17g %.17g", r$statistic, r$p.value)
//
// with the to and from of the case; exact is grepl("exact", r$method).
func TestWilcoxonSignedRankR(t *testing.T) {
	n49to, n49from := everyThirdDown(49)
	n50to, n50from := everyThirdDown(50)
	// d[49] <- 48: 48 and 49 tie.
	tieTo := append([]float64(nil), n49to...)
	tieTo[48] = 60 + 48
	lkTo, lkFrom := likert200()
	var upTo []float64 // R: 2 + (1:300) %% 3
	for i := 1; i <= 300; i++ {
		upTo = append(upTo, float64(2+i%3))
	}
	tests := []struct {
		name     string
		to, from []float64
		v, p     float64
		exact    bool
	}{
		{"one pair up", []float64{4}, []float64{3}, 1, 1, true},
		{"one pair down", []float64{2}, []float64{4}, 0, 1, true},
		// d = 1 2 3 −4 5: V = 1+2+3+5 = 11.
		{"exact distinct", []float64{2, 5, 7, 1, 10}, []float64{1, 3, 4, 5, 5}, 11, 0.4375, true},
		{"exact non-integer", []float64{9, 3, 7, 12, 4, 15}, []float64{1, 5, 4, 2, 4.5, 0}, 18, 0.15625000000000006, true},
		// d = 1 2 −3: V = 3 = n(n+1)/4, so p = min(2 P(V <= 3), 1) = 1.
		{"exact at the mean", []float64{2, 3, 1}, []float64{1, 1, 4}, 3, 1, true},
		{"exact all down", []float64{1, 2, 3}, []float64{2, 4, 6}, 0, 0.25000000000000006, true},
		// A zero (5 − 5) and ties: normal approximation.
		{"ties", []float64{3, 4, 4, 5, 2, 5, 4}, []float64{2, 3, 3, 5, 3, 3, 4}, 12.5, 0.20309178757716789, false},
		// d = 0 1 −2 3: no ties but a zero, so not exact.
		{"zeros without ties", []float64{3, 4, 1, 5}, []float64{3, 3, 3, 2}, 4, 0.78926802613428126, false},
		// Everybody changed, all by +1: five tied ranks of 3, V = 15.
		{"everybody moved by one", []float64{4, 4, 3, 2, 5}, []float64{3, 3, 2, 1, 4}, 15, 0.036888425707049893, false},
		// The edge of the exact branch: n = 49 exact, n = 50 normal.
		{"n 49 exact", n49to, n49from, 817, 0.041703854232423516, true},
		{"n 50 normal", n50to, n50from, 867, 0.027063492176047903, false},
		{"n 49 one tie", tieTo, n49from, 816.5, 0.042940632983762016, false},
		// 49 non-zero differences and one zero: n = 49 but not exact.
		{"n 49 plus a zero", append(append([]float64(nil), n49to...), 7), append(append([]float64(nil), n49from...), 7),
			817, 0.042433026241939224, false},
		// All up: p = 2 · 2^−49, the smallest exact p.
		{"n 49 all up", seq(101, 149), repeat(100, 49), 1225, 3.5527136788005049e-15, true},
		{"likert 200", lkTo, lkFrom, 4020, 0.28696734267382656, false},
		// Far in the normal tail.
		{"300 all up", upTo, repeat(1, 300), 45150, 2.4513154927880178e-52, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := WilcoxonSignedRank(tt.to, tt.from)
			if !ok {
				t.Fatal("ok = false")
			}
			if got.V != tt.v || got.Exact != tt.exact {
				t.Errorf("V = %v exact %v, want %v exact %v", got.V, got.Exact, tt.v, tt.exact)
			}
			if !closeRel(got.P, tt.p) {
				t.Errorf("p = %.17g, want %.17g (R), relative error %.2g", got.P, tt.p, math.Abs(got.P-tt.p)/tt.p)
			}
		})
	}
}

// closeRel is agreement with R to 1e-15 and, so that tiny p-values are
// checked too, to 1e-13 relatively. (R's exact p carries the rounding of
// its factor exp(−n log 2) and so differs from the exact value by an ulp
// or two; far in the normal tail erfc and R's pnorm differ by ~1e-14.)
func closeRel(got, want float64) bool {
	d := math.Abs(got - want)
	return d <= 1e-15 && d <= 1e-13*math.Abs(want)
}

// TestWilcoxonSignedRankUndefined: R 4.2.2 gives V = 0 and p = NaN for
// wilcox.test(c(3, 3), c(3, 3), paired = TRUE) and stops ("not enough
// (non-missing) 'x' observations") for no pairs at all.
func TestWilcoxonSignedRankUndefined(t *testing.T) {
	for name, xy := range map[string][2][]float64{
		"all zero": {{3, 3}, {3, 3}},
		"no pairs": {nil, nil},
		"only NaN": {{math.NaN(), 2}, {1, math.NaN()}},
	} {
		got, ok := WilcoxonSignedRank(xy[0], xy[1])
		if ok || got != (SignedRank{}) {
			t.Errorf("%s: %+v, ok %v; want the zero result, false", name, got, ok)
		}
	}
	// Pairs with a NaN are dropped like R's complete.cases: the rest is
	// "exact distinct" above.
	got, ok := WilcoxonSignedRank([]float64{2, 5, math.NaN(), 7, 1, 10}, []float64{1, 3, 0, 4, 5, 5})
	if !ok || got.V != 11 || got.P != 0.4375 || got.N != 5 {
		t.Errorf("NaN pair not dropped: %+v", got)
	}
}

// TestPSignRankR compares the exact null distribution with R 4.2.2:
//
//	sprintf("%.17g", psignrank(q, n, lower.tail))
func TestPSignRankR(t *testing.T) {
	tests := []struct {
		q     float64
		n     int
		lower bool
		want  float64
	}{
		// psignrank(3, 5) = #{subsets of 1..5 with sum <= 3}/32 = 5/32.
		{3, 5, true, 0.15625},
		{3, 5, false, 0.84375},
		{-1, 5, true, 0},
		{15, 5, true, 1},
		{15, 5, false, 0},
		{10, 10, true, 0.0419921875},
		{40, 10, true, 0.9033203125},
		{40, 10, false, 0.0966796875},
		{300, 49, true, 0.00075176423512957069},
		{700, 49, false, 0.19232548801325502},
	}
	var s signedRanker
	for _, tt := range tests {
		if got := s.psignrank(tt.q, tt.n, tt.lower); !closeRel(got, tt.want) {
			t.Errorf("psignrank(%v, %d, %v) = %.17g, want %.17g", tt.q, tt.n, tt.lower, got, tt.want)
		}
	}
}

// TestPSignRankBruteForce checks the exact distribution against all 2^n
// sign patterns of the ranks 1..n.
func TestPSignRankBruteForce(t *testing.T) {
	var s signedRanker
	for n := 1; n <= 12; n++ {
		top := n * (n + 1) / 2
		count := make([]int, top+1)
		for mask := range 1 << n {
			v := 0
			for i := range n {
				if mask&(1<<i) != 0 {
					v += i + 1
				}
			}
			count[v]++
		}
		below := 0
		for q := 0; q <= top; q++ {
			below += count[q]
			want := float64(below) / float64(int(1)<<n)
			if got := s.psignrank(float64(q), n, true); got != want {
				t.Errorf("n %d: P(V <= %d) = %v, want %v", n, q, got, want)
			}
			if got := s.psignrank(float64(q), n, false); math.Abs(got-(1-want)) > 1e-15 {
				t.Errorf("n %d: P(V > %d) = %v, want %v", n, q, got, 1-want)
			}
		}
	}
}
