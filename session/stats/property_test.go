package stats

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// randomSession generates messy input: unlisted and duplicated ids,
// abstentions, superseded duplicate ratings, out-of-scale values, missing
// and degenerate scales, and now and then a huge value range that forces
// the comparison-sort fallbacks.
func randomSession(rng *rand.Rand) (ratings []Rating, elements, criteria []string, scales map[string]Scale) {
	nE, nC, nR := 1+rng.IntN(8), 1+rng.IntN(3), 1+rng.IntN(7)
	pick := func(prefix string, n int) string { return fmt.Sprintf("%s%d", prefix, rng.IntN(n+2)) }
	for range rng.IntN(nE + 1) {
		elements = append(elements, pick("e", nE))
	}
	for range rng.IntN(nC + 1) {
		criteria = append(criteria, pick("c", nC))
	}
	scales = map[string]Scale{}
	for c := range nC + 2 {
		switch rng.IntN(4) {
		case 0: // no scale
		case 1:
			scales[fmt.Sprint("c", c)] = Scale{Min: 3, Max: 3} // degenerate
		default:
			lo := rng.IntN(2)
			scales[fmt.Sprint("c", c)] = Scale{Min: lo, Max: lo + 1 + rng.IntN(10), LowerIsBetter: rng.IntN(2) == 0}
		}
	}
	huge := rng.IntN(5) == 0
	rounds := []int{1, 2, 3, -1, 7}[:1+rng.IntN(3)]
	value := func() int {
		if huge {
			return rng.IntN(3) * 1_000_000
		}
		return rng.IntN(8)
	}
	if rng.IntN(3) == 0 {
		// A dense block where every rater rates every element, so that
		// Kendall's W is mostly defined.
		for e := range nE {
			for r := range nR {
				ratings = append(ratings, Rating{
					Element: fmt.Sprint("e", e), Criterion: "c0", Round: rounds[0],
					Rater: fmt.Sprint("r", r), Value: value(), Abstain: rng.IntN(30) == 0,
				})
			}
		}
	}
	for range rng.IntN(80) {
		v := value()
		ratings = append(ratings, Rating{
			Element:   pick("e", nE),
			Criterion: pick("c", nC),
			Round:     rounds[rng.IntN(len(rounds))],
			Rater:     pick("r", nR),
			Value:     v,
			Abstain:   rng.IntN(6) == 0,
		})
	}
	return
}

// randomRule picks a consensus rule of any kind, now and then an unknown
// one, with thresholds that may sit exactly on the shares that occur.
func randomRule(rng *rand.Rand) ConsensusRule {
	kinds := []string{"", ConsensusIQRAgreement, ConsensusPercentAgreement, Consensus7015, "unknown"}
	return ConsensusRule{
		Kind:         kinds[rng.IntN(len(kinds))],
		MaxIQR:       float64(rng.IntN(3)),
		MinAgreement: []float64{rng.Float64(), 0.5, 0.75, 1}[rng.IntN(4)],
	}
}

type cellID struct {
	round      int
	crit, elem string
}

func TestComputeRandomized(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 2000 {
		ratings, elements, criteria, scales := randomSession(rng)
		th := randomRule(rng)
		res := Compute(ratings, elements, criteria, scales, th)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("trial %d: %s\nratings %+v\nelements %v criteria %v", trial, fmt.Sprintf(format, args...), ratings, elements, criteria)
		}
		noNaN(t, res, fail)

		// Oracle: the last rating of each rater per cell, by plain maps.
		last := map[cellID]map[string]Rating{}
		cellsWant := map[cellID]bool{}
		roundSet := map[int]bool{}
		for _, r := range ratings {
			k := cellID{r.Round, r.Criterion, r.Element}
			if last[k] == nil {
				last[k] = map[string]Rating{}
			}
			last[k][r.Rater] = r
			cellsWant[k] = true
			roundSet[r.Round] = true
		}
		for rd := range roundSet {
			for _, c := range criteria {
				for _, e := range elements {
					cellsWant[cellID{rd, c, e}] = true
				}
			}
		}
		if len(res.Elements) != len(cellsWant) {
			fail("%d cells, want %d", len(res.Elements), len(cellsWant))
		}
		// Expected order: round, then criterion, then element, where listed
		// ids come first and unlisted ones follow by first occurrence.
		orderOf := func(list []string, field func(Rating) string) map[string]int {
			m := map[string]int{}
			for _, s := range list {
				if _, ok := m[s]; !ok {
					m[s] = len(m)
				}
			}
			for _, r := range ratings {
				if _, ok := m[field(r)]; !ok {
					m[field(r)] = len(m)
				}
			}
			return m
		}
		eo := orderOf(elements, func(r Rating) string { return r.Element })
		co := orderOf(criteria, func(r Rating) string { return r.Criterion })
		seen := map[cellID]bool{}
		for i, es := range res.Elements {
			k := cellID{es.Round, es.Criterion, es.ElementID}
			if !cellsWant[k] || seen[k] {
				fail("unexpected or repeated cell %v", k)
			}
			seen[k] = true
			if i > 0 {
				p := res.Elements[i-1]
				if cmp.Or(cmp.Compare(p.Round, es.Round), cmp.Compare(co[p.Criterion], co[es.Criterion]),
					cmp.Compare(eo[p.ElementID], eo[es.ElementID])) >= 0 {
					fail("cells out of order at %d", i)
				}
			}
			var vals []int
			abst := 0
			for _, r := range last[k] {
				if r.Abstain {
					abst++
				} else {
					vals = append(vals, r.Value)
				}
			}
			want := Describe(vals, abst, scales[k.crit], th)
			if msg := diffStats(es, want); msg != "" {
				fail("cell %v: %s", k, msg)
			}
		}

		// Criterion statistics against the exported building blocks.
		for _, cs := range res.Criteria {
			var units []string
			for _, es := range res.Elements {
				if es.Round == cs.Round && es.Criterion == cs.Criterion {
					units = append(units, es.ElementID)
				}
			}
			raterSet := map[string]int{}
			for _, e := range units {
				for _, r := range last[cellID{cs.Round, cs.Criterion, e}] {
					if !r.Abstain {
						raterSet[r.Rater] = 0
					}
				}
			}
			raters := slices.Sorted(maps.Keys(raterSet))
			data := make([][]*float64, len(units))
			for u, e := range units {
				data[u] = make([]*float64, len(raters))
				for j, rt := range raters {
					if r, ok := last[cellID{cs.Round, cs.Criterion, e}][rt]; ok && !r.Abstain {
						data[u][j] = ptr(float64(r.Value))
					}
				}
			}
			for lvl, got := range map[Level]*float64{Nominal: cs.AlphaNominal, Ordinal: cs.AlphaOrdinal, Interval: cs.AlphaInterval} {
				var want *float64
				if a, ok := KrippendorffAlpha(data, lvl); ok && len(raters) >= 2 {
					want = &a
				}
				if !sameOpt(got, want, 1e-9) {
					fail("%d/%s alpha %v: got %v want %v", cs.Round, cs.Criterion, lvl, fmtOpt(got), fmtOpt(want))
				}
			}
			var wantW *float64
			if w, ok := KendallW(data, true); ok {
				wantW = &w
			}
			if !sameOpt(cs.KendallW, wantW, 1e-9) {
				fail("%d/%s W: got %v want %v", cs.Round, cs.Criterion, fmtOpt(cs.KendallW), fmtOpt(wantW))
			}
		}

		// Ranking: a permutation of each group, sorted by the rules.
		if len(res.Ranking) != len(res.Elements) {
			fail("ranking length %d", len(res.Ranking))
		}
		for i, rk := range res.Ranking {
			if rk.Position == 1 {
				continue
			}
			p := res.Ranking[i-1]
			if p.Round != rk.Round || p.Criterion != rk.Criterion || p.Position != rk.Position-1 {
				fail("ranking positions broken at %d", i)
			}
			if p.Median == nil && rk.Median != nil {
				fail("unrated before rated at %d", i)
			}
			if p.Median != nil && rk.Median != nil {
				c := cmp.Or(cmp.Compare(*rk.Median, *p.Median), cmp.Compare(*rk.Mean, *p.Mean))
				if scales[rk.Criterion].LowerIsBetter {
					c = -c
				}
				if c > 0 {
					fail("ranking order broken at %d", i)
				}
			}
		}
	}
}

func noNaN(t *testing.T, res Result, fail func(string, ...any)) {
	t.Helper()
	bad := func(p *float64) bool { return p != nil && (math.IsNaN(*p) || math.IsInf(*p, 0)) }
	for _, es := range res.Elements {
		for _, p := range []*float64{es.Mean, es.SD, es.Median, es.Q1, es.Q3, es.IQR, es.Min, es.Max, es.Top2, es.Agreement} {
			if bad(p) {
				fail("NaN/Inf in %+v", es)
			}
		}
		if es.N == 0 && (es.Mean != nil || es.Consensus != nil) {
			fail("n = 0 with statistics: %+v", es)
		}
		if es.N == 1 && es.SD != nil {
			fail("n = 1 with sd: %+v", es)
		}
	}
	for _, cs := range res.Criteria {
		for _, p := range []*float64{cs.AlphaNominal, cs.AlphaOrdinal, cs.AlphaInterval, cs.KendallW} {
			if bad(p) {
				fail("NaN/Inf in %+v", cs)
			}
		}
	}
	for _, rk := range res.Ranking {
		if bad(rk.Median) || bad(rk.Mean) {
			fail("NaN/Inf in %+v", rk)
		}
	}
}

func sameOpt(a, b *float64, tol float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return near(*a, *b, tol)
}

func fmtOpt(p *float64) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}

func diffStats(got, want ElementStats) string {
	if got.N != want.N || got.Abstain != want.Abstain {
		return fmt.Sprintf("n/abstain %d/%d, want %d/%d", got.N, got.Abstain, want.N, want.Abstain)
	}
	pairs := [][2]*float64{
		{got.Mean, want.Mean}, {got.SD, want.SD}, {got.Median, want.Median}, {got.Q1, want.Q1},
		{got.Q3, want.Q3}, {got.IQR, want.IQR}, {got.Min, want.Min}, {got.Max, want.Max},
		{got.Top2, want.Top2}, {got.Agreement, want.Agreement},
	}
	for i, p := range pairs {
		if !sameOpt(p[0], p[1], 0) {
			return fmt.Sprintf("statistic %d: %s, want %s", i, fmtOpt(p[0]), fmtOpt(p[1]))
		}
	}
	if (got.Consensus == nil) != (want.Consensus == nil) || (got.Consensus != nil && *got.Consensus != *want.Consensus) {
		return "consensus differs"
	}
	if !maps.Equal(got.Counts, want.Counts) {
		return fmt.Sprintf("counts %v, want %v", got.Counts, want.Counts)
	}
	return ""
}

// TestComputeWorkersDeterministic checks that splitting the work across
// goroutines changes nothing, including chunks with no ratings at all.
func TestComputeWorkersDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := range 500 {
		ratings, elements, criteria, scales := randomSession(rng)
		th := Thresholds{MaxIQR: 1, MinAgreement: 0.5}
		want := compute(ratings, elements, criteria, scales, th, 1)
		for _, workers := range []int{2, 3, 7, 100} {
			if got := compute(ratings, elements, criteria, scales, th, workers); !reflect.DeepEqual(got, want) {
				t.Fatalf("trial %d: %d workers differ from 1", trial, workers)
			}
		}
	}
}
