package stats

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestConsensusRuleValidate(t *testing.T) {
	tests := []struct {
		name string
		rule ConsensusRule
		err  string // a part of the error; "" for valid
	}{
		{"default kind", ConsensusRule{MaxIQR: 1, MinAgreement: 0.75}, ""},
		{"iqr-agreement", ConsensusRule{Kind: "iqr-agreement", MaxIQR: 0, MinAgreement: 1}, ""},
		{"percent-agreement", ConsensusRule{Kind: "percent-agreement", MinAgreement: 0}, ""},
		// The IQR threshold is unused by percent agreement, so a negative
		// one does not matter; the 70-15 rule uses neither.
		{"percent-agreement ignores max_iqr", ConsensusRule{Kind: "percent-agreement", MaxIQR: -1, MinAgreement: 0.8}, ""},
		{"70-15", ConsensusRule{Kind: "70-15"}, ""},
		{"70-15 ignores min_agreement", ConsensusRule{Kind: "70-15", MinAgreement: 7}, ""},
		{"unknown kind", ConsensusRule{Kind: "delphi"}, `kind "delphi" is unknown`},
		{"kind is case-sensitive", ConsensusRule{Kind: "IQR-agreement", MaxIQR: 1, MinAgreement: 0.75}, "unknown"},
		{"negative max_iqr", ConsensusRule{MaxIQR: -0.5, MinAgreement: 0.75}, "max_iqr is -0.5"},
		{"min_agreement above 1", ConsensusRule{MaxIQR: 1, MinAgreement: 75}, "min_agreement is 75"},
		{"min_agreement below 0", ConsensusRule{Kind: "percent-agreement", MinAgreement: -0.1}, "min_agreement is -0.1"},
		{"NaN max_iqr", ConsensusRule{MaxIQR: math.NaN(), MinAgreement: 0.75}, "max_iqr is NaN"},
		{"Inf max_iqr", ConsensusRule{MaxIQR: math.Inf(1), MinAgreement: 0.75}, "max_iqr is +Inf"},
		{"NaN min_agreement", ConsensusRule{MaxIQR: 1, MinAgreement: math.NaN()}, "min_agreement is NaN"},
		{"-Inf min_agreement", ConsensusRule{Kind: "percent-agreement", MinAgreement: math.Inf(-1)}, "min_agreement is -Inf"},
		{"NaN even where unused", ConsensusRule{Kind: "70-15", MaxIQR: math.NaN()}, "finite"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rule.Validate()
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.err)
			}
		})
	}
}

func TestConsensusRuleJSON(t *testing.T) {
	tests := []struct {
		rule ConsensusRule
		want string
	}{
		{ConsensusRule{MaxIQR: 1, MinAgreement: 0.75}, `{"kind":"iqr-agreement","max_iqr":1,"min_agreement":0.75}`},
		{ConsensusRule{Kind: ConsensusIQRAgreement, MaxIQR: 0, MinAgreement: 0.5}, `{"kind":"iqr-agreement","max_iqr":0,"min_agreement":0.5}`},
		{ConsensusRule{Kind: ConsensusPercentAgreement, MaxIQR: 9, MinAgreement: 0.75}, `{"kind":"percent-agreement","min_agreement":0.75}`},
		{ConsensusRule{Kind: Consensus7015, MaxIQR: 1, MinAgreement: 0.75}, `{"kind":"70-15"}`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.rule)
		if err != nil || string(got) != tt.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.rule, got, err, tt.want)
			continue
		}
		// Decoding the JSON gives the same rule as far as it applies.
		var back ConsensusRule
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatal(err)
		}
		again, _ := json.Marshal(back)
		if string(again) != tt.want || back.Validate() != nil {
			t.Errorf("round trip of %s gave %+v (%s)", tt.want, back, again)
		}
	}
	// Inside a struct, as stats --json embeds it.
	got, _ := json.Marshal(struct {
		Rule ConsensusRule `json:"consensus_rule"`
	}{ConsensusRule{Kind: "percent-agreement", MinAgreement: 0.8}})
	if want := `{"consensus_rule":{"kind":"percent-agreement","min_agreement":0.8}}`; string(got) != want {
		t.Errorf("embedded: %s, want %s", got, want)
	}
}

// TestConsensusKinds applies each kind to cells worked out by hand.
func TestConsensusKinds(t *testing.T) {
	five, fiveLow := Scale{Min: 1, Max: 5}, Scale{Min: 1, Max: 5, LowerIsBetter: true}
	nine := Scale{Min: 1, Max: 9}
	iqr := ConsensusRule{MaxIQR: 1, MinAgreement: 0.75}
	pct := ConsensusRule{Kind: ConsensusPercentAgreement, MinAgreement: 0.75}
	r7015 := ConsensusRule{Kind: Consensus7015}
	rep := func(v, n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = v
		}
		return out
	}
	cat := func(parts ...[]int) []int {
		var out []int
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	tests := []struct {
		name   string
		values []int
		scale  Scale
		rule   ConsensusRule
		want   *bool // nil: undefined
	}{
		// 1 2 3 4 5 5 5 5: median 4.5, q1 2.75, q3 5, IQR 2.25; within one
		// point of 4.5: none of 1 2 3 (|3−4.5| = 1.5), all of 4 5 5 5 5 ->
		// agreement 5/8 = .625.
		{"iqr-agreement wide", []int{1, 2, 3, 4, 5, 5, 5, 5}, five, iqr, ptr(false)},
		// 4 4 4 5: median 4, IQR .25, agreement 1.
		{"iqr-agreement tight", []int{4, 4, 4, 5}, five, iqr, ptr(true)},
		// Only the IQR fails: sorted 2 2 2 3 3 4 4 4, median 3, q1 2
		// (h = 1.75), q3 4 (h = 5.25), IQR 2 > 1; agreement 8/8 = 1.
		{"iqr fails, agreement holds: iqr rule", []int{2, 3, 3, 4, 4, 4, 2, 2}, five, iqr, ptr(false)},
		{"iqr fails, agreement holds: percent rule", []int{2, 3, 3, 4, 4, 4, 2, 2}, five, pct, ptr(true)},
		// Agreement exactly on the cut: 3 of 4 within one point of the
		// median (1 4 4 5: median 4, |1−4| = 3) -> .75 >= .75.
		{"percent on the cut", []int{1, 4, 4, 5}, five, pct, ptr(true)},
		// 1 1 4 5: median 2.5, every value at least 1.5 away -> 0.
		{"percent below the cut", []int{1, 1, 4, 5}, five, pct, ptr(false)},

		// 70-15 on 1..5: top third is 4 and 5 (3(v−1) >= 8), bottom third
		// is 1 and 2 (3(v−1) <= 4), 3 is in neither.
		// 7 of 10 in {4,5}, 1 of 10 in {1,2}: 70 % >= 70 %, 10 % < 15 %.
		{"70-15 exactly 70 %", cat(rep(5, 4), rep(4, 3), rep(3, 2), rep(1, 1)), five, r7015, ptr(true)},
		// 6 of 10 in the top third.
		{"70-15 only 60 %", cat(rep(5, 6), rep(3, 4)), five, r7015, ptr(false)},
		// 17 of 20 in the top third, 3 of 20 = 15 % in the bottom: not < 15 %.
		{"70-15 exactly 15 % at the bottom", cat(rep(4, 17), rep(2, 3)), five, r7015, ptr(false)},
		// 18 of 20 top, 2 of 20 = 10 % bottom.
		{"70-15 10 % at the bottom", cat(rep(4, 18), rep(1, 2)), five, r7015, ptr(true)},
		// Lower is better: the best third is 1 and 2, the worst 4 and 5.
		{"70-15 lower is better, agreed low", cat(rep(1, 8), rep(5, 1), rep(3, 1)), fiveLow, r7015, ptr(true)},
		{"70-15 lower is better, agreed high", cat(rep(5, 8), rep(1, 1), rep(3, 1)), fiveLow, r7015, ptr(false)},
		{"70-15 higher is better, agreed high", cat(rep(5, 8), rep(1, 1), rep(3, 1)), five, r7015, ptr(true)},
		// 1..9, the GRADE-style scale: thirds 1-3, 4-6, 7-9; 7 is top and
		// 3 is bottom (3·2 = 6 <= 8; 3·6 = 18 >= 16), 6 is neither.
		{"70-15 1..9 boundary points", cat(rep(7, 7), rep(6, 2), rep(3, 1)), nine, r7015, ptr(true)},
		{"70-15 1..9 middle is not top", cat(rep(6, 7), rep(9, 3)), nine, r7015, ptr(false)},
		// Without a valid scale there are no thirds.
		{"70-15 without a scale", []int{5, 5, 5}, Scale{}, r7015, nil},
		{"70-15 degenerate scale", []int{3, 3}, Scale{Min: 3, Max: 3}, r7015, nil},
		{"no ratings", nil, five, iqr, nil},
		{"unknown kind", []int{4, 4}, five, ConsensusRule{Kind: "x"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Describe(tt.values, 0, tt.scale, tt.rule).Consensus
			switch {
			case got == nil && tt.want == nil:
			case got == nil || tt.want == nil:
				t.Errorf("consensus = %v, want %v", fmtBool(got), fmtBool(tt.want))
			case *got != *tt.want:
				t.Errorf("consensus = %v, want %v", *got, *tt.want)
			}
		})
	}
}

// TestThresholdsIsTheDefaultRule: the old spelling keeps its meaning.
func TestThresholdsIsTheDefaultRule(t *testing.T) {
	old := Thresholds{MaxIQR: 1, MinAgreement: 0.75}
	rule := ConsensusRule{Kind: ConsensusIQRAgreement, MaxIQR: 1, MinAgreement: 0.75}
	for _, vs := range [][]int{{4, 4, 4, 5}, {1, 2, 3, 4, 5, 5, 5, 5}, {2, 3, 3, 4, 4, 4, 2, 2}} {
		a := Describe(vs, 0, Scale{Min: 1, Max: 5}, old).Consensus
		b := Describe(vs, 0, Scale{Min: 1, Max: 5}, rule).Consensus
		if a == nil || b == nil || *a != *b {
			t.Errorf("%v: Thresholds %v, rule %v", vs, fmtBool(a), fmtBool(b))
		}
	}
}

func fmtBool(p *bool) string {
	if p == nil {
		return "nil"
	}
	if *p {
		return "true"
	}
	return "false"
}
