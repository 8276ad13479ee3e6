package stats

import (
	"encoding/json"
	"fmt"
	"math"
)

// The kinds of ConsensusRule.
const (
	// ConsensusIQRAgreement: IQR <= MaxIQR and Agreement >= MinAgreement.
	// The default when Kind is empty.
	ConsensusIQRAgreement = "iqr-agreement"
	// ConsensusPercentAgreement: Agreement >= MinAgreement, the share of
	// ratings within one scale point of the median, with no IQR condition
	// (percent agreement, the most common definition in Diamond et al.
	// 2014, J Clin Epidemiol 67:401).
	ConsensusPercentAgreement = "percent-agreement"
	// Consensus7015: at least 70 % of the ratings in the best third of the
	// scale and fewer than 15 % in the worst third. Value v is in the top
	// third when v−Min >= 2/3 (Max−Min) and in the bottom third when
	// v−Min <= 1/3 (Max−Min); the best third is the top one unless the
	// scale is LowerIsBetter. It needs a valid Scale.
	Consensus7015 = "70-15"
)

// ConsensusRule decides when the ratings of one element x criterion x round
// cell are a consensus (ElementStats.Consensus). Kind selects the rule (the
// Consensus* constants; empty means ConsensusIQRAgreement); the thresholds
// a kind does not use are ignored. All shares count non-abstaining ratings
// only.
//
// A rule from user data should pass Validate before it is used; Compute
// and Describe do not validate it. With an unknown Kind every Consensus is
// nil.
//
// As JSON a rule has the effective kind and only the thresholds it uses:
//
//	{"kind":"iqr-agreement","max_iqr":1,"min_agreement":0.75}
//	{"kind":"percent-agreement","min_agreement":0.75}
//	{"kind":"70-15"}
//
// and it decodes from the same keys (missing thresholds are 0).
type ConsensusRule struct {
	Kind         string  `json:"kind"`
	MaxIQR       float64 `json:"max_iqr"`       // iqr-agreement
	MinAgreement float64 `json:"min_agreement"` // iqr-agreement, percent-agreement
}

// Thresholds is the rule of kind "iqr-agreement" written the way it was
// before there were several kinds: Thresholds{MaxIQR: 1, MinAgreement:
// 0.75} is that rule, since an empty Kind means "iqr-agreement".
//
// Deprecated: use ConsensusRule.
type Thresholds = ConsensusRule

// EffectiveKind is Kind, or ConsensusIQRAgreement when Kind is empty.
func (r ConsensusRule) EffectiveKind() string {
	if r.Kind == "" {
		return ConsensusIQRAgreement
	}
	return r.Kind
}

// Validate reports whether the rule can be applied: a known kind, finite
// thresholds, MaxIQR >= 0 and MinAgreement a share between 0 and 1 where
// the kind uses them. Errors name the JSON key and the allowed values.
func (r ConsensusRule) Validate() error {
	kind := r.EffectiveKind()
	switch kind {
	case ConsensusIQRAgreement, ConsensusPercentAgreement, Consensus7015:
	default:
		return fmt.Errorf("consensus rule kind %q is unknown: use %q, %q or %q",
			r.Kind, ConsensusIQRAgreement, ConsensusPercentAgreement, Consensus7015)
	}
	// A NaN or infinity is refused even where the kind ignores it: it can
	// only come from a mistake.
	for _, f := range []struct {
		key string
		v   float64
	}{{"max_iqr", r.MaxIQR}, {"min_agreement", r.MinAgreement}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return fmt.Errorf("consensus rule %s is %v: give a finite number", f.key, f.v)
		}
	}
	if kind == ConsensusIQRAgreement && r.MaxIQR < 0 {
		return fmt.Errorf("consensus rule max_iqr is %v: it must not be negative", r.MaxIQR)
	}
	if kind != Consensus7015 && (r.MinAgreement < 0 || r.MinAgreement > 1) {
		return fmt.Errorf("consensus rule min_agreement is %v: give a share between 0 and 1", r.MinAgreement)
	}
	return nil
}

// MarshalJSON writes the effective kind and the thresholds it uses (see
// ConsensusRule).
func (r ConsensusRule) MarshalJSON() ([]byte, error) {
	switch kind := r.EffectiveKind(); kind {
	case ConsensusIQRAgreement:
		return json.Marshal(struct {
			Kind         string  `json:"kind"`
			MaxIQR       float64 `json:"max_iqr"`
			MinAgreement float64 `json:"min_agreement"`
		}{kind, r.MaxIQR, r.MinAgreement})
	case ConsensusPercentAgreement:
		return json.Marshal(struct {
			Kind         string  `json:"kind"`
			MinAgreement float64 `json:"min_agreement"`
		}{kind, r.MinAgreement})
	default:
		return json.Marshal(struct {
			Kind string `json:"kind"`
		}{kind})
	}
}

// consensusInput is what a rule looks at in one cell.
type consensusInput struct {
	n              int // non-abstaining ratings
	iqr, agreement float64
	best, worst    int // ratings in the best and the worst third of the scale
	scale          Scale
}

// decide applies the rule; ok is false when consensus is undefined (no
// ratings, an unknown kind, or 70-15 without a valid scale).
func (r ConsensusRule) decide(in consensusInput) (consensus, ok bool) {
	if in.n == 0 {
		return false, false
	}
	switch r.EffectiveKind() {
	case ConsensusIQRAgreement:
		return in.iqr <= r.MaxIQR && in.agreement >= r.MinAgreement, true
	case ConsensusPercentAgreement:
		return in.agreement >= r.MinAgreement, true
	case Consensus7015:
		if !in.scale.Valid() {
			return false, false
		}
		// best/n >= 70 % and worst/n < 15 %, in integers so that no
		// rounding decides a share that sits exactly on the cut.
		return 10*in.best >= 7*in.n && 20*in.worst < 3*in.n, true
	}
	return false, false
}

// thirds counts the sorted values in the best and the worst third of a
// valid scale (see Consensus7015); values outside the scale count with the
// end they lie beyond.
func thirds(sorted []float64, scale Scale) (best, worst int) {
	// 3(v−Min) is compared with span and 2·span rather than v−Min with
	// span/3: exact for integer values, so a point on the boundary of a
	// third is never lost to rounding. Floats cannot overflow here.
	span := float64(scale.Max) - float64(scale.Min)
	for _, v := range sorted {
		d := 3 * (v - float64(scale.Min))
		if d <= span {
			worst++
		}
		if d >= 2*span {
			best++
		}
	}
	if scale.LowerIsBetter {
		best, worst = worst, best
	}
	return best, worst
}
