package stats

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// matrixRatings turns a [rater][element] matrix (NaN = no rating) into
// ratings of raters r0, r1, ... on elements e0, e1, ...
func matrixRatings(crit string, round int, byRater [][]float64) []Rating {
	var out []Rating
	for r, row := range byRater {
		for e, v := range row {
			if v == v { // not NaN
				out = append(out, Rating{
					Element: fmt.Sprintf("e%d", e), Criterion: crit, Round: round,
					Rater: fmt.Sprintf("r%d", r), Value: int(v),
				})
			}
		}
	}
	return out
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}

var th = Thresholds{MaxIQR: 1, MinAgreement: 0.75}

// TestComputePublished runs the published examples through Compute: the
// per-criterion coefficients must equal the published values, whatever the
// order of the ratings.
func TestComputePublished(t *testing.T) {
	ratings := append(matrixRatings("k", 1, krippendorff2011C), matrixRatings("anx", 1, anxiety)...)
	scales := map[string]Scale{"k": {Min: 1, Max: 5}, "anx": {Min: 1, Max: 6}}
	shuffled := slices.Clone(ratings)
	rand.New(rand.NewPCG(5, 6)).Shuffle(len(shuffled), func(i, j int) {
		shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
	})
	for name, rs := range map[string][]Rating{"ordered": ratings, "shuffled": shuffled} {
		t.Run(name, func(t *testing.T) {
			res := Compute(rs, ids("e", 20), []string{"k", "anx"}, scales, th)
			if len(res.Criteria) != 2 {
				t.Fatalf("criteria = %+v", res.Criteria)
			}
			k, anx := res.Criteria[0], res.Criteria[1]
			if k.Criterion != "k" || anx.Criterion != "anx" {
				t.Fatalf("criteria order: %q, %q", k.Criterion, anx.Criterion)
			}
			// Krippendorff (2011), see krippendorff2011C.
			checkOpt(t, "alpha nominal", k.AlphaNominal, ptr(0.743), 1e-3)
			checkOpt(t, "alpha ordinal", k.AlphaOrdinal, ptr(0.815), 1e-3)
			checkOpt(t, "alpha interval", k.AlphaInterval, ptr(0.849), 1e-3)
			// Kendall's W of the same data over the elements rated by all
			// four observers (units 2..9) equals the exported KendallW.
			w, ok := KendallW(byUnit(krippendorff2011C), true)
			if !ok {
				t.Fatal("KendallW undefined")
			}
			checkOpt(t, "kendall w (k)", k.KendallW, &w, 1e-12)
			// irr anxiety, see anxiety.
			checkOpt(t, "kendall w (anx)", anx.KendallW, ptr(0.5396569), 1e-6)
		})
	}
}

func TestComputeLayout(t *testing.T) {
	ratings := []Rating{
		{Element: "b", Criterion: "effort", Round: 2, Rater: "x", Value: 2},
		{Element: "a", Criterion: "impact", Round: 1, Rater: "x", Value: 4},
		{Element: "extra", Criterion: "impact", Round: 2, Rater: "y", Value: 5},
		{Element: "a", Criterion: "risk", Round: 1, Rater: "y", Value: 1},
	}
	res := Compute(ratings, []string{"a", "b", "c", "a"}, []string{"impact", "effort"}, nil, th)
	var got []string
	for _, es := range res.Elements {
		got = append(got, fmt.Sprintf("%d/%s/%s:%d", es.Round, es.Criterion, es.ElementID, es.N))
	}
	want := []string{
		"1/impact/a:1", "1/impact/b:0", "1/impact/c:0",
		"1/effort/a:0", "1/effort/b:0", "1/effort/c:0",
		"1/risk/a:1", // unlisted criterion: only the cell that occurs
		"2/impact/a:0", "2/impact/b:0", "2/impact/c:0", "2/impact/extra:1",
		"2/effort/a:0", "2/effort/b:1", "2/effort/c:0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("cells\n got %v\nwant %v", got, want)
	}
	var crits []string
	for _, cs := range res.Criteria {
		crits = append(crits, fmt.Sprintf("%d/%s", cs.Round, cs.Criterion))
	}
	if want := []string{"1/impact", "1/effort", "1/risk", "2/impact", "2/effort"}; !slices.Equal(crits, want) {
		t.Errorf("criteria %v, want %v", crits, want)
	}
	if len(res.Ranking) != len(res.Elements) {
		t.Errorf("ranking has %d entries, want %d", len(res.Ranking), len(res.Elements))
	}
	for _, es := range res.Elements {
		if es.N == 0 && (es.Mean != nil || es.Median != nil || es.Consensus != nil || es.Agreement != nil) {
			t.Errorf("%s/%s: n = 0 but statistics set", es.Criterion, es.ElementID)
		}
		if es.Top2 != nil {
			t.Errorf("%s: top2 without a scale", es.Criterion)
		}
	}
}

func TestComputeEmpty(t *testing.T) {
	res := Compute(nil, []string{"a"}, []string{"impact"}, nil, th)
	if len(res.Elements) != 0 || len(res.Criteria) != 0 || len(res.Ranking) != 0 {
		t.Errorf("no ratings: %+v", res)
	}
	if res.Elements == nil || res.Criteria == nil || res.Ranking == nil {
		t.Error("slices should be empty, not nil")
	}
}

func TestComputeAbstainAndDuplicates(t *testing.T) {
	r := func(e, rater string, v int, abstain bool) Rating {
		return Rating{Element: e, Criterion: "c", Round: 1, Rater: rater, Value: v, Abstain: abstain}
	}
	ratings := []Rating{
		r("a", "x", 1, false), r("a", "y", 2, false), r("a", "z", 5, true),
		r("b", "x", 2, false), r("b", "y", 3, false), r("b", "z", 0, true),
		r("c", "x", 5, false), r("c", "y", 1, false),
		r("c", "y", 4, false),                       // replaces y's 1 on c
		r("d", "x", 3, false), r("d", "x", 0, true), // x abstains on d in the end
		r("d", "y", 3, false),
	}
	res := Compute(ratings, []string{"a", "b", "c", "d"}, []string{"c"}, map[string]Scale{"c": {Min: 1, Max: 5}}, th)
	byID := map[string]ElementStats{}
	for _, es := range res.Elements {
		byID[es.ElementID] = es
	}
	if es := byID["a"]; es.N != 2 || es.Abstain != 1 || *es.Mean != 1.5 {
		t.Errorf("a: n %d abstain %d mean %v", es.N, es.Abstain, *es.Mean)
	}
	if es := byID["c"]; es.N != 2 || *es.Mean != 4.5 || es.Counts[1] != 0 || es.Counts[4] != 1 {
		t.Errorf("c: duplicate not replaced: n %d mean %v counts %v", es.N, *es.Mean, es.Counts)
	}
	if es := byID["d"]; es.N != 1 || es.Abstain != 1 || es.SD != nil {
		t.Errorf("d: n %d abstain %d sd %v", es.N, es.Abstain, es.SD)
	}
	// z only abstains, so the raters are x and y; d lacks x's value, so W
	// runs over a, b, c: x = 1 2 5, y = 2 3 4 -> identical ranks, W = 1.
	cs := res.Criteria[0]
	checkOpt(t, "kendall w", cs.KendallW, ptr(1.0), 1e-12)
	want, _ := KrippendorffAlpha(rows([][]float64{{1, 2}, {2, 3}, {5, 4}, {na, 3}}), Interval)
	checkOpt(t, "alpha interval", cs.AlphaInterval, &want, 1e-12)
}

func TestComputeRanking(t *testing.T) {
	// Medians: a 3, b 4, c 4, d none, e 4, f 3. Means: b 4, c 13/3, e 4.
	var ratings []Rating
	add := func(e string, vs ...int) {
		for i, v := range vs {
			ratings = append(ratings, Rating{Element: e, Criterion: "c", Round: 1, Rater: fmt.Sprint(i), Value: v})
		}
	}
	add("a", 3, 3, 3)
	add("b", 4, 4, 4)
	add("c", 4, 4, 5)
	add("e", 3, 4, 5)
	add("f", 3)
	res := Compute(ratings, []string{"a", "b", "c", "d", "e", "f"}, []string{"c"}, nil, th)
	var got []string
	for i, rk := range res.Ranking {
		if rk.Position != i+1 || rk.Criterion != "c" || rk.Round != 1 {
			t.Errorf("rank %d: %+v", i, rk)
		}
		got = append(got, rk.ElementID)
	}
	// c (median 4, mean 4.33), then b and e (median 4, mean 4) in element
	// order, then a and f (median 3, mean 3), then d without ratings.
	if want := []string{"c", "b", "e", "a", "f", "d"}; !slices.Equal(got, want) {
		t.Errorf("ranking %v, want %v", got, want)
	}
	if last := res.Ranking[5]; last.Median != nil || last.Mean != nil {
		t.Errorf("unrated element has median %v mean %v", last.Median, last.Mean)
	}
	if idx := RankElements(res.Elements); !slices.Equal(idx, []int{2, 1, 4, 0, 5, 3}) {
		t.Errorf("RankElements = %v", idx)
	}
}

func TestComputeEdgeCases(t *testing.T) {
	tests := []struct {
		name    string
		byRater [][]float64
		alpha   bool // alphas defined
		w       bool // W defined
	}{
		{"one rater", [][]float64{{1, 2, 3, 4}}, false, false},
		{"all equal", [][]float64{{3, 3, 3}, {3, 3, 3}, {3, 3, 3}}, false, false},
		{"one element", [][]float64{{2}, {4}, {5}}, true, false},
		{"no complete element", [][]float64{{1, 2, na}, {na, 2, 3}}, false, false},
		{"two raters two elements", [][]float64{{1, 2}, {1, 3}}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Compute(matrixRatings("c", 1, tt.byRater), nil, nil, map[string]Scale{"c": {Min: 1, Max: 5}}, th)
			cs := res.Criteria[0]
			for name, p := range map[string]*float64{"nominal": cs.AlphaNominal, "ordinal": cs.AlphaOrdinal, "interval": cs.AlphaInterval} {
				if (p != nil) != tt.alpha {
					t.Errorf("alpha %s = %v, want defined %v", name, p, tt.alpha)
				}
			}
			if (cs.KendallW != nil) != tt.w {
				t.Errorf("W = %v, want defined %v", cs.KendallW, tt.w)
			}
		})
	}
}

func TestJSONShape(t *testing.T) {
	res := Compute([]Rating{{Element: "a", Criterion: "c", Round: 1, Rater: "x", Value: 4}},
		[]string{"a", "b"}, []string{"c"}, map[string]Scale{"c": {Min: 1, Max: 5}}, th)
	got, err := json.Marshal(res.Elements[1]) // b: no ratings
	if err != nil {
		t.Fatal(err)
	}
	want := `{"element_id":"b","criterion":"c","round":1,"n":0,"abstain":0,"mean":null,"sd":null,` +
		`"median":null,"q1":null,"q3":null,"iqr":null,"min":null,"max":null,"top2":null,` +
		`"agreement":null,"consensus":null}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	got, _ = json.Marshal(res.Elements[0]) // a: n = 1, sd undefined
	want = `{"element_id":"a","criterion":"c","round":1,"n":1,"abstain":0,"mean":4,"sd":null,` +
		`"median":4,"q1":4,"q3":4,"iqr":0,"min":4,"max":4,"top2":1,"agreement":1,"consensus":true}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	got, _ = json.Marshal(res.Criteria[0])
	want = `{"criterion":"c","round":1,"alpha_nominal":null,"alpha_ordinal":null,"alpha_interval":null,"kendall_w":null}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	got, _ = json.Marshal(res.Ranking[1])
	want = `{"criterion":"c","round":1,"position":2,"element_id":"b","median":null,"mean":null}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestComputeRankingLowerIsBetter: a lower-is-better criterion (effort)
// ranks the cheapest element first, the regression of issue 8 where the most
// expensive one came first; a higher-is-better criterion in the same call
// keeps its order.
func TestComputeRankingLowerIsBetter(t *testing.T) {
	var ratings []Rating
	add := func(crit, e string, vs ...int) {
		for i, v := range vs {
			ratings = append(ratings, Rating{Element: e, Criterion: crit, Round: 1, Rater: fmt.Sprint(i), Value: v})
		}
	}
	// The data of TestComputeRanking on both criteria. Medians: a 3, b 4,
	// c 4, d none, e 4, f 3; means: a 3, b 4, c 13/3, e 4, f 3.
	for _, crit := range []string{"impact", "effort"} {
		add(crit, "a", 3, 3, 3)
		add(crit, "b", 4, 4, 4)
		add(crit, "c", 4, 4, 5)
		add(crit, "e", 3, 4, 5)
		add(crit, "f", 3)
	}
	scales := map[string]Scale{"impact": {Min: 1, Max: 5}, "effort": {Min: 1, Max: 5, LowerIsBetter: true}}
	elements := []string{"a", "b", "c", "d", "e", "f"}
	res := Compute(ratings, elements, []string{"impact", "effort"}, scales, th)
	got := map[string][]string{}
	for _, rk := range res.Ranking {
		got[rk.Criterion] = append(got[rk.Criterion], rk.ElementID)
	}
	if want := []string{"c", "b", "e", "a", "f", "d"}; !slices.Equal(got["impact"], want) {
		t.Errorf("impact ranking %v, want %v", got["impact"], want)
	}
	// a and f (median 3, mean 3) in element order, then b and e (median
	// 4, mean 4), then c (median 4, mean 4.33); d without ratings last.
	if want := []string{"a", "f", "b", "e", "c", "d"}; !slices.Equal(got["effort"], want) {
		t.Errorf("effort ranking %v, want %v", got["effort"], want)
	}
	effort := res.Elements[len(elements):]
	if effort[0].Criterion != "effort" {
		t.Fatalf("cells out of order: %+v", effort[0])
	}
	if idx := RankElementsOn(effort, scales["effort"]); !slices.Equal(idx, []int{0, 5, 1, 4, 2, 3}) {
		t.Errorf("RankElementsOn = %v", idx)
	}
	// Top2 keeps its meaning on a lower-is-better scale: the share of 4
	// and 5, here 2 of 3 for e (3, 4, 5).
	checkOpt(t, "effort top2 of e", effort[4].Top2, ptr(2.0/3), 1e-15)
}
