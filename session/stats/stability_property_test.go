package stats

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestStabilityRandomized checks Stability on messy random sessions (see
// randomSession: several rounds, abstentions, superseded duplicates,
// unlisted ids, huge values) against plain maps and the exported building
// blocks, and that no NaN or Inf comes out.
func TestStabilityRandomized(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := range 3000 {
		ratings, elements, criteria, _ := randomSession(rng)
		if trial%2 == 1 {
			ratings, elements, criteria = randomDelphi(rng)
		}
		res := Stability(ratings, elements, criteria)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("trial %d: %s\nratings %+v\nelements %v criteria %v", trial, fmt.Sprintf(format, args...), ratings, elements, criteria)
		}
		stabilityNoNaN(res, fail)

		// Oracle: the last rating of each rater per element x criterion x
		// round, and the rounds of each element x criterion.
		type ec struct{ elem, crit string }
		last := map[cellID]map[string]Rating{}
		roundsOf := map[ec]map[int]bool{}
		critRounds := map[string]map[int]bool{}
		for _, r := range ratings {
			k := cellID{r.Round, r.Criterion, r.Element}
			if last[k] == nil {
				last[k] = map[string]Rating{}
			}
			last[k][r.Rater] = r
			if roundsOf[ec{r.Element, r.Criterion}] == nil {
				roundsOf[ec{r.Element, r.Criterion}] = map[int]bool{}
			}
			roundsOf[ec{r.Element, r.Criterion}][r.Round] = true
			if critRounds[r.Criterion] == nil {
				critRounds[r.Criterion] = map[int]bool{}
			}
			critRounds[r.Criterion][r.Round] = true
		}
		eo, co := firstOrder(elements, ratings, func(r Rating) string { return r.Element }),
			firstOrder(criteria, ratings, func(r Rating) string { return r.Criterion })

		// Element rows: exactly the consecutive rounds of each cell, in order.
		var want []string
		for _, e := range eo {
			for _, c := range co {
				rs := slices.Sorted(maps.Keys(roundsOf[ec{e, c}]))
				for i := 1; i < len(rs); i++ {
					want = append(want, fmt.Sprintf("%s/%s %d-%d", e, c, rs[i-1], rs[i]))
				}
			}
		}
		var got []string
		for _, row := range res.Elements {
			got = append(got, fmt.Sprintf("%s/%s %d-%d", row.ElementID, row.Criterion, row.FromRound, row.ToRound))
		}
		if !slices.Equal(got, want) {
			fail("element rows\n got %v\nwant %v", got, want)
		}
		for _, row := range res.Elements {
			a := last[cellID{row.FromRound, row.Criterion, row.ElementID}]
			b := last[cellID{row.ToRound, row.Criterion, row.ElementID}]
			var from, to []float64
			unchanged, sumAbs := 0, 0.0
			for rater, rb := range b {
				ra, ok := a[rater]
				if !ok || ra.Abstain || rb.Abstain {
					continue
				}
				from, to = append(from, float64(ra.Value)), append(to, float64(rb.Value))
				if ra.Value == rb.Value {
					unchanged++
				}
				sumAbs += math.Abs(float64(rb.Value - ra.Value))
			}
			n := len(to)
			if row.NPaired != n {
				fail("%s/%s: n_paired %d, want %d", row.ElementID, row.Criterion, row.NPaired, n)
			}
			var wantU, wantM, wantV, wantP *float64
			if n > 0 {
				wantU, wantM = ptr(float64(unchanged)/float64(n)), ptr(sumAbs/float64(n))
				w, ok := WilcoxonSignedRank(to, from)
				wantV = ptr(w.V)
				if ok {
					wantP = ptr(w.P)
				}
			}
			for _, c := range []struct {
				name      string
				got, want *float64
			}{
				{"unchanged", row.Unchanged, wantU}, {"mean_abs_change", row.MeanAbsChange, wantM},
				{"wilcoxon_v", row.WilcoxonV, wantV}, {"wilcoxon_p", row.WilcoxonP, wantP},
				{"cv_from", row.CVFrom, naiveCV(from)}, {"cv_to", row.CVTo, naiveCV(to)},
			} {
				if !sameOpt(c.got, c.want, 1e-9*max(1, math.Abs(fmtVal(c.want)))) {
					fail("%s/%s %d-%d %s: got %s want %s", row.ElementID, row.Criterion, row.FromRound, row.ToRound,
						c.name, fmtOpt(c.got), fmtOpt(c.want))
				}
			}
		}

		// Criterion rows: consecutive rounds of each criterion; W over the
		// elements in both rounds, as KendallW computes it.
		want = want[:0]
		for _, c := range co {
			rs := slices.Sorted(maps.Keys(critRounds[c]))
			for i := 1; i < len(rs); i++ {
				want = append(want, fmt.Sprintf("%s %d-%d", c, rs[i-1], rs[i]))
			}
		}
		got = got[:0]
		for _, row := range res.Criteria {
			got = append(got, fmt.Sprintf("%s %d-%d", row.Criterion, row.FromRound, row.ToRound))
		}
		if !slices.Equal(got, want) {
			fail("criterion rows\n got %v\nwant %v", got, want)
		}
		comp := Compute(ratings, elements, criteria, nil, th)
		for _, row := range res.Criteria {
			var common, onlyOne []string
			for _, e := range eo {
				in := roundsOf[ec{e, row.Criterion}]
				switch {
				case in[row.FromRound] && in[row.ToRound]:
					common = append(common, e)
				case in[row.FromRound] || in[row.ToRound]:
					onlyOne = append(onlyOne, e)
				}
			}
			if row.NElements != len(common) {
				fail("%s %d-%d: n_elements %d, want %d", row.Criterion, row.FromRound, row.ToRound, row.NElements, len(common))
			}
			for _, side := range []struct {
				round int
				got   *float64
			}{{row.FromRound, row.WFrom}, {row.ToRound, row.WTo}} {
				want := naiveW(last, row.Criterion, side.round, common)
				if !sameOpt(side.got, want, 1e-12) {
					fail("%s %d-%d W of round %d: got %s want %s", row.Criterion, row.FromRound, row.ToRound, side.round,
						fmtOpt(side.got), fmtOpt(want))
				}
				// With the same elements in both rounds, the W of each
				// round is the one Compute reports.
				if len(onlyOne) == 0 {
					for _, cs := range comp.Criteria {
						if cs.Criterion == row.Criterion && cs.Round == side.round && !sameOpt(side.got, cs.KendallW, 1e-12) {
							fail("%s round %d: W %s, Compute %s", cs.Criterion, cs.Round, fmtOpt(side.got), fmtOpt(cs.KendallW))
						}
					}
				}
			}
			if (row.Change != nil) != (row.WFrom != nil && row.WTo != nil) ||
				(row.Change != nil && *row.Change != *row.WTo-*row.WFrom) {
				fail("%s: change %s from %s to %s", row.Criterion, fmtOpt(row.Change), fmtOpt(row.WFrom), fmtOpt(row.WTo))
			}
		}
	}
}

// randomDelphi generates a study run in rounds: dense first rounds, later
// rounds on some elements only, answers mostly kept, now and then an
// abstention, a corrected rating or a rater who comes late or leaves.
func randomDelphi(rng *rand.Rand) (ratings []Rating, elements, criteria []string) {
	nE, nC, nR, nRounds := 1+rng.IntN(6), 1+rng.IntN(2), 1+rng.IntN(8), 2+rng.IntN(2)
	if rng.IntN(5) == 0 {
		nR = 45 + rng.IntN(10) // around the exact test's limit of 50
	}
	elements, criteria = ids("e", nE), ids("c", nC)
	prev := map[string]int{}
	for round := 1; round <= nRounds; round++ {
		for _, e := range elements {
			if round > 1 && rng.IntN(4) == 0 {
				continue // not in this round
			}
			for _, c := range criteria {
				for r := range nR {
					if rng.IntN(25) == 0 {
						continue
					}
					key := fmt.Sprint(e, c, r)
					v, ok := prev[key]
					if !ok || rng.IntN(2) == 0 {
						v = 1 + rng.IntN(5)
					}
					prev[key] = v
					rt := Rating{Element: e, Criterion: c, Round: round, Rater: fmt.Sprint("r", r), Value: v, Abstain: rng.IntN(40) == 0}
					if rng.IntN(30) == 0 {
						ratings = append(ratings, Rating{Element: e, Criterion: c, Round: round, Rater: rt.Rater, Value: 1})
					}
					ratings = append(ratings, rt)
				}
			}
		}
	}
	return ratings, elements, criteria
}

func stabilityNoNaN(res StabilityResult, fail func(string, ...any)) {
	bad := func(p *float64) bool { return p != nil && (math.IsNaN(*p) || math.IsInf(*p, 0)) }
	for _, row := range res.Elements {
		for _, p := range []*float64{row.Unchanged, row.MeanAbsChange, row.WilcoxonV, row.WilcoxonP, row.CVFrom, row.CVTo} {
			if bad(p) {
				fail("NaN/Inf in %+v", row)
			}
		}
		if row.NPaired == 0 && (row.Unchanged != nil || row.WilcoxonV != nil || row.CVFrom != nil) {
			fail("n_paired 0 with statistics: %+v", row)
		}
		if row.WilcoxonP != nil && (*row.WilcoxonP < 0 || *row.WilcoxonP > 1) {
			fail("p outside [0, 1]: %+v", row)
		}
	}
	for _, row := range res.Criteria {
		for _, p := range []*float64{row.WFrom, row.WTo, row.Change} {
			if bad(p) {
				fail("NaN/Inf in %+v", row)
			}
		}
	}
}

// firstOrder is the listed ids, then the others by first occurrence.
func firstOrder(list []string, ratings []Rating, field func(Rating) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, r := range ratings {
		if s := field(r); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// naiveCV is sd/mean by the textbook formulas.
func naiveCV(x []float64) *float64 {
	n := float64(len(x))
	if len(x) < 2 {
		return nil
	}
	var sum float64
	for _, v := range x {
		sum += v
	}
	mean := sum / n
	if mean == 0 {
		return nil
	}
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return ptr(math.Sqrt(ss/(n-1)) / mean)
}

// naiveW is KendallW over the given elements of one criterion x round,
// the raters being those with a value on any of them.
func naiveW(last map[cellID]map[string]Rating, crit string, round int, elems []string) *float64 {
	raterSet := map[string]bool{}
	for _, e := range elems {
		for rt, r := range last[cellID{round, crit, e}] {
			if !r.Abstain {
				raterSet[rt] = true
			}
		}
	}
	raters := slices.Sorted(maps.Keys(raterSet))
	data := make([][]*float64, len(elems))
	for u, e := range elems {
		data[u] = make([]*float64, len(raters))
		for j, rt := range raters {
			if r, ok := last[cellID{round, crit, e}][rt]; ok && !r.Abstain {
				data[u][j] = ptr(float64(r.Value))
			}
		}
	}
	if w, ok := KendallW(data, true); ok {
		return &w
	}
	return nil
}

func fmtVal(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}
