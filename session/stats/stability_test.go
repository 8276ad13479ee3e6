package stats

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// delphiData is a three-round study of six experts on three elements and
// three criteria, written as "element criterion round rater value" with A
// for an abstention. It has the edge cases of issue 12: e1/impact ties and
// zeros (and p3's round-2 rating corrected from 5 to 3), e1/effort nobody
// changed, e2/impact everybody changed, e2/effort one expert in both
// rounds, e3/effort a round of abstentions only (nobody paired), e3/impact
// left out of round 2 (so rounds 1 and 3 pair) with abstentions in round 3
// and few enough pairs for the exact test, e1/shift a zero mean (scale
// −2..2). testdata/stability.R holds the same block and computes the
// expected values in R.
const delphiData = `
e1 impact 1 p1 3
e1 impact 1 p2 4
e1 impact 1 p3 2
e1 impact 1 p4 5
e1 impact 1 p5 3
e1 impact 1 p6 4
e2 impact 1 p1 2
e2 impact 1 p2 1
e2 impact 1 p3 3
e2 impact 1 p4 4
e2 impact 1 p5 5
e2 impact 1 p6 3
e3 impact 1 p1 1
e3 impact 1 p2 4
e3 impact 1 p3 3
e3 impact 1 p4 1
e3 impact 1 p5 4
e3 impact 1 p6 2
e1 effort 1 p1 2
e1 effort 1 p2 3
e1 effort 1 p3 2
e1 effort 1 p4 4
e1 effort 1 p5 1
e1 effort 1 p6 3
e2 effort 1 p1 3
e2 effort 1 p2 A
e2 effort 1 p3 2
e3 effort 1 p1 2
e3 effort 1 p2 3
e1 shift 1 p1 -1
e1 shift 1 p2 1
e1 shift 1 p3 0
e1 shift 1 p4 0
e1 impact 2 p1 4
e1 impact 2 p2 4
e1 impact 2 p3 5
e1 impact 2 p3 3
e1 impact 2 p4 4
e1 impact 2 p5 3
e1 impact 2 p6 4
e2 impact 2 p1 3
e2 impact 2 p2 3
e2 impact 2 p3 4
e2 impact 2 p4 2
e2 impact 2 p5 4
e2 impact 2 p6 4
e1 effort 2 p1 2
e1 effort 2 p2 3
e1 effort 2 p3 2
e1 effort 2 p4 4
e1 effort 2 p5 1
e1 effort 2 p6 3
e2 effort 2 p1 4
e2 effort 2 p2 3
e2 effort 2 p3 A
e3 effort 2 p1 A
e3 effort 2 p2 A
e1 shift 2 p1 -1
e1 shift 2 p2 2
e1 shift 2 p3 0
e1 shift 2 p4 1
e3 impact 3 p1 2
e3 impact 3 p2 2
e3 impact 3 p3 A
e3 impact 3 p4 4
e3 impact 3 p5 A
e3 impact 3 p6 A
`

// parseRatings reads delphiData.
func parseRatings(t *testing.T, text string) []Rating {
	t.Helper()
	var out []Rating
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		f := strings.Fields(line)
		round, err := strconv.Atoi(f[2])
		if err != nil || len(f) != 5 {
			t.Fatalf("bad line %q", line)
		}
		r := Rating{Element: f[0], Criterion: f[1], Round: round, Rater: f[3], Abstain: f[4] == "A"}
		if !r.Abstain {
			if r.Value, err = strconv.Atoi(f[4]); err != nil {
				t.Fatalf("bad line %q", line)
			}
		}
		out = append(out, r)
	}
	return out
}

// TestStabilityR compares Stability on delphiData with R 4.2.2 (Debian
// r-base-core 4.2.2.20221110): `Rscript testdata/stability.R` printed the
// rows below (pairs by merge(); unchanged mean(to == from); mean
// abs(to − from); wilcox.test(to, from, paired = TRUE); sd(x)/mean(x);
// W by irr 0.84.1's kendall(x, correct = TRUE)).
func TestStabilityR(t *testing.T) {
	script, err := os.ReadFile("testdata/stability.R")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(script), "data <- \""+delphiData+"\"\n") {
		t.Fatal("testdata/stability.R and delphiData hold different data")
	}
	type elemRow struct {
		elem, crit           string
		from, to, n          int
		unchanged, mac, v, p *float64
		cvFrom, cvTo         *float64
	}
	wantElems := []elemRow{
		{"e1", "impact", 1, 2, 6, fp(0.5), fp(0.5), fp(4), fp(0.77282999268444752), fp(0.29965967090575762), fp(0.14083575804390605)},
		// Nobody changed: V = 0 (R: V = 0, p = NA).
		{"e1", "effort", 1, 2, 6, fp(1), fp(0), fp(0), nil, fp(0.41952353926806063), fp(0.41952353926806063)},
		// Round 1 has mean 0: no CV.
		{"e1", "shift", 1, 2, 4, fp(0.5), fp(0.5), fp(3), fp(0.34577858615116025), nil, fp(2.5819888974716112)},
		{"e2", "impact", 1, 2, 6, fp(0), fp(1.3333333333333333), fp(13), fp(0.66531232399212392), fp(0.47140452079103173), fp(0.2449489742783178)},
		// One expert in both rounds: exact p = 1, no CV of one value.
		{"e2", "effort", 1, 2, 1, fp(0), fp(1), fp(1), fp(1), nil, nil},
		// d = 1, −2, 3: the exact test.
		{"e3", "impact", 1, 3, 3, fp(0), fp(2), fp(4), fp(0.74999999999999956), fp(0.8660254037844386), fp(0.4330127018922193)},
		// Round 2 only abstentions: nothing is defined.
		{"e3", "effort", 1, 2, 0, nil, nil, nil, nil, nil, nil},
	}
	type critRow struct {
		crit          string
		from, to, n   int
		wFrom, wTo, c *float64
	}
	wantCrits := []critRow{
		// e3 is not in round 2, so both Ws are over e1 and e2.
		{"impact", 1, 2, 2, fp(0.1111111111111111), fp(0.033333333333333333), fp(-0.077777777777777779)},
		{"impact", 2, 3, 0, nil, nil, nil},
		// Only e1 is rated by everybody in round 1.
		{"effort", 1, 2, 3, nil, nil, nil},
		{"shift", 1, 2, 1, nil, nil, nil},
	}
	ratings := parseRatings(t, delphiData)
	res := Stability(ratings, []string{"e1", "e2", "e3"}, []string{"impact", "effort", "shift"})
	if len(res.Elements) != len(wantElems) {
		t.Fatalf("%d element rows, want %d: %+v", len(res.Elements), len(wantElems), res.Elements)
	}
	for i, w := range wantElems {
		g := res.Elements[i]
		name := fmt.Sprintf("%s/%s %d-%d", w.elem, w.crit, w.from, w.to)
		if g.ElementID != w.elem || g.Criterion != w.crit || g.FromRound != w.from || g.ToRound != w.to || g.NPaired != w.n {
			t.Errorf("row %d = %s/%s %d-%d n %d, want %s n %d", i, g.ElementID, g.Criterion, g.FromRound, g.ToRound, g.NPaired, name, w.n)
			continue
		}
		checkR(t, name+" unchanged", g.Unchanged, w.unchanged)
		checkR(t, name+" mean_abs_change", g.MeanAbsChange, w.mac)
		checkR(t, name+" wilcoxon_v", g.WilcoxonV, w.v)
		checkR(t, name+" wilcoxon_p", g.WilcoxonP, w.p)
		checkR(t, name+" cv_from", g.CVFrom, w.cvFrom)
		checkR(t, name+" cv_to", g.CVTo, w.cvTo)
	}
	if len(res.Criteria) != len(wantCrits) {
		t.Fatalf("%d criterion rows, want %d: %+v", len(res.Criteria), len(wantCrits), res.Criteria)
	}
	for i, w := range wantCrits {
		g := res.Criteria[i]
		name := fmt.Sprintf("%s %d-%d", w.crit, w.from, w.to)
		if g.Criterion != w.crit || g.FromRound != w.from || g.ToRound != w.to || g.NElements != w.n {
			t.Errorf("row %d = %+v, want %s over %d elements", i, g, name, w.n)
			continue
		}
		checkR(t, name+" w_from", g.WFrom, w.wFrom)
		checkR(t, name+" w_to", g.WTo, w.wTo)
		checkR(t, name+" change", g.Change, w.c)
	}

	// Each round's W over all its elements, as Compute reports it (R:
	// the "rounds" rows of stability.R). Round 1 of impact has e3 too, so
	// it differs from the w_from above.
	comp := Compute(ratings, []string{"e1", "e2", "e3"}, []string{"impact", "effort", "shift"}, nil, th)
	wantW := map[string]*float64{"impact 1": fp(0.098484848484848481), "impact 2": fp(0.033333333333333333)}
	for _, cs := range comp.Criteria {
		checkR(t, fmt.Sprintf("Compute W %s %d", cs.Criterion, cs.Round), cs.KendallW, wantW[fmt.Sprintf("%s %d", cs.Criterion, cs.Round)])
	}
}

// checkR compares with a value printed by R (%.17g) to 1e-15.
func checkR(t *testing.T, name string, got, want *float64) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s = %s, want %s", name, fmtOpt(got), fmtOpt(want))
	case !near(*got, *want, 1e-15):
		t.Errorf("%s = %.17g, want %.17g (R)", name, *got, *want)
	}
}

// fp is a *float64 of v, for the tables R printed.
func fp(v float64) *float64 { return &v }

// TestStabilityJSON pins the keys of issue 12 and null for the undefined.
func TestStabilityJSON(t *testing.T) {
	r := func(e, c string, round int, rater string, v int, abstain bool) Rating {
		return Rating{Element: e, Criterion: c, Round: round, Rater: rater, Value: v, Abstain: abstain}
	}
	res := Stability([]Rating{
		r("a", "impact", 1, "x", 3, false), r("a", "impact", 1, "y", 4, false),
		r("a", "impact", 2, "x", 3, true), r("a", "impact", 2, "y", 4, false),
		r("b", "impact", 1, "x", 2, false), r("b", "impact", 2, "x", 2, true),
	}, []string{"a", "b"}, []string{"impact"})
	got, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	// a: only y is paired and kept 4 (V 0, p null, one value: no CV); b:
	// x abstained in round 2, nobody is paired. W: b has no value in
	// round 2, so only a is left: undefined.
	want := `{"elements":[` +
		`{"element_id":"a","criterion":"impact","from_round":1,"to_round":2,"n_paired":1,"unchanged":1,` +
		`"mean_abs_change":0,"wilcoxon_v":0,"wilcoxon_p":null,"cv_from":null,"cv_to":null},` +
		`{"element_id":"b","criterion":"impact","from_round":1,"to_round":2,"n_paired":0,"unchanged":null,` +
		`"mean_abs_change":null,"wilcoxon_v":null,"wilcoxon_p":null,"cv_from":null,"cv_to":null}],` +
		`"criteria":[{"criterion":"impact","from_round":1,"to_round":2,"n_elements":2,"w_from":null,"w_to":null,"change":null}]}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	got, _ = json.Marshal(Stability(nil, []string{"a"}, []string{"impact"}))
	if want := `{"elements":[],"criteria":[]}`; string(got) != want {
		t.Errorf("no ratings: %s, want %s", got, want)
	}
}
