package stats

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// benchSession is 2 criteria x 2 rounds x 500 elements x 500 raters =
// 1,000,000 ratings on a 1..5 scale: each element has a true score, each
// rating adds noise, about 3% are abstentions. Ratings come ordered by
// round, criterion, element, rater, as a database query would return them.
func benchSession() (ratings []Rating, elements, criteria []string) {
	const nCrit, nRounds, nElems, nRaters = 2, 2, 500, 500
	rng := rand.New(rand.NewPCG(42, 1))
	elements, criteria = ids("element-", nElems), []string{"impact", "effort"}
	raters := ids("participant-", nRaters)
	ratings = make([]Rating, 0, nCrit*nRounds*nElems*nRaters)
	for round := 1; round <= nRounds; round++ {
		for _, c := range criteria {
			for _, e := range elements {
				truth := 1 + rng.Float64()*4
				for _, r := range raters {
					v := int(truth + rng.NormFloat64()*0.8 + 0.5)
					ratings = append(ratings, Rating{
						Element: e, Criterion: c, Round: round, Rater: r,
						Value: min(max(v, 1), 5), Abstain: rng.IntN(33) == 0,
					})
				}
			}
		}
	}
	return ratings, elements, criteria
}

func BenchmarkCompute(b *testing.B) {
	ratings, elements, criteria := benchSession()
	scales := map[string]Scale{"impact": {Min: 1, Max: 5}, "effort": {Min: 1, Max: 5}}
	th := Thresholds{MaxIQR: 1, MinAgreement: 0.75}
	shuffled := make([]Rating, len(ratings))
	copy(shuffled, ratings)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) {
		shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
	})
	// Grouped by participant, the order session.Store streams them in.
	byRater := slices.Clone(ratings)
	slices.SortStableFunc(byRater, func(a, b Rating) int { return strings.Compare(a.Rater, b.Rater) })
	for _, bc := range []struct {
		name    string
		ratings []Rating
	}{{"ordered", ratings}, {"by-rater", byRater}, {"shuffled", shuffled}} {
		b.Run(fmt.Sprintf("%s/ratings=%d", bc.name, len(bc.ratings)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Compute(bc.ratings, elements, criteria, scales, th)
			}
		})
		// The same on one goroutine, to show what the parallel phases buy.
		b.Run(fmt.Sprintf("%s/ratings=%d/workers=1", bc.name, len(bc.ratings)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				compute(bc.ratings, elements, criteria, scales, th, 1)
			}
		})
	}
}

// benchMatrix is 500 units x 500 raters of 1..5 values, 10% missing.
func benchMatrix() [][]*float64 {
	rng := rand.New(rand.NewPCG(7, 7))
	data := make([][]*float64, 500)
	for u := range data {
		truth := 1 + rng.Float64()*4
		data[u] = make([]*float64, 500)
		for r := range data[u] {
			if rng.IntN(10) > 0 {
				v := float64(min(max(int(truth+rng.NormFloat64()*0.8+0.5), 1), 5))
				data[u][r] = &v
			}
		}
	}
	return data
}

func BenchmarkKrippendorffAlpha(b *testing.B) {
	data := benchMatrix()
	for _, lvl := range []Level{Nominal, Ordinal, Interval} {
		b.Run(lvl.String()+"/500x500", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				KrippendorffAlpha(data, lvl)
			}
		})
	}
}

func BenchmarkKendallW(b *testing.B) {
	data := benchMatrix()
	// Complete rows only, so that W is not empty after listwise deletion.
	for _, row := range data {
		for r := range row {
			if row[r] == nil {
				row[r] = ptr(3.0)
			}
		}
	}
	b.Run("500x500", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			KendallW(data, true)
		}
	})
}

// studySession is the study of issue 12: 200 workshops x 40 participants
// x 7 elements x 2 criteria x 2 rounds = 224,000 ratings on 1..5, pooled
// (the rater ids are unique per workshop, the element and criterion ids are
// the pack's). In round 2 about a third of the answers move by one point
// towards the element's true score; about 3% are abstentions. Ratings come
// by workshop, round, criterion, element, rater.
func studySession() (ratings []Rating, elements, criteria []string) {
	const nWorkshops, nRaters, nRounds = 200, 40, 2
	rng := rand.New(rand.NewPCG(12, 1))
	elements, criteria = ids("element-", 7), []string{"impact", "effort"}
	ratings = make([]Rating, 0, nWorkshops*nRaters*len(elements)*len(criteria)*nRounds)
	for w := range nWorkshops {
		raters := ids(fmt.Sprintf("w%03d-participant-", w), nRaters)
		truth := make([]float64, len(elements)*len(criteria))
		for i := range truth {
			truth[i] = 1 + rng.Float64()*4
		}
		first := make([]int, len(truth)*nRaters)
		for round := 1; round <= nRounds; round++ {
			for c, crit := range criteria {
				for e, el := range elements {
					k := c*len(elements) + e
					for r, rater := range raters {
						v := &first[k*nRaters+r]
						if round == 1 {
							*v = min(max(int(truth[k]+rng.NormFloat64()*0.9+0.5), 1), 5)
						} else if rng.IntN(3) == 0 {
							if float64(*v) < truth[k] {
								*v++
							} else {
								*v--
							}
						}
						ratings = append(ratings, Rating{
							Element: el, Criterion: crit, Round: round, Rater: rater,
							Value: *v, Abstain: rng.IntN(33) == 0,
						})
					}
				}
			}
		}
	}
	return ratings, elements, criteria
}

func BenchmarkStability(b *testing.B) {
	ratings, elements, criteria := studySession()
	byRater := slices.Clone(ratings)
	slices.SortStableFunc(byRater, func(a, b Rating) int { return strings.Compare(a.Rater, b.Rater) })
	for _, bc := range []struct {
		name    string
		ratings []Rating
	}{{"by-workshop", ratings}, {"by-rater", byRater}} {
		b.Run(fmt.Sprintf("%s/ratings=%d", bc.name, len(bc.ratings)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Stability(bc.ratings, elements, criteria)
			}
		})
	}
}
