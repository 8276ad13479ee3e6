// Package stats computes the statistics of a trustshop rating session: how
// the experts rated each solution element on each criterion (impact 1..5,
// effort 1..5, ...) in each round, how far they agree, how the elements
// rank, and, in a Delphi study of several rounds, how stable the answers
// are from one round to the next.
//
// The package is pure: no I/O, no clock, no global state. Feed it the
// ratings of a session with the element and criterion ids in display order,
// the criterion scales (with the direction: effort is LowerIsBetter) and
// the consensus rule, and read the Result:
//
//	res := stats.Compute(ratings, elementIDs, criterionIDs,
//		map[string]stats.Scale{
//			"impact": {Min: 1, Max: 5},
//			"effort": {Min: 1, Max: 5, LowerIsBetter: true},
//		},
//		stats.ConsensusRule{Kind: stats.ConsensusIQRAgreement, MaxIQR: 1, MinAgreement: 0.75})
//	for _, es := range res.Elements { ... } // one per element x criterion x round
//	for _, cs := range res.Criteria { ... } // one per criterion x round
//	for _, rk := range res.Ranking  { ... } // per criterion x round, best first
//
// The consensus rule is data (ConsensusRule, with Validate and a JSON
// form) of one of three kinds: IQR and agreement (the default), percent
// agreement, and the 70/15 rule. Stability reports, apart from consensus,
// how the answers moved between consecutive rounds (share unchanged, mean
// absolute change, Wilcoxon signed-rank test, coefficients of variation,
// and the change in Kendall's W):
//
//	st := stats.Stability(ratings, elementIDs, criterionIDs)
//	for _, row := range st.Elements { ... } // element x criterion x round pair
//	for _, row := range st.Criteria { ... } // criterion x round pair
//
// Statistics that are undefined (no ratings, a standard deviation of a
// single value, an agreement coefficient without variation, a p-value
// without any change, ...) are nil pointers, never NaN and never a
// stand-in 0, so they encode as JSON null.
//
// The building blocks are exported and usable on their own: Describe and
// Quantile7 (R's default quantile type 7) for one cell, KrippendorffAlpha
// (nominal, ordinal, interval) and KendallW (with irr's tie correction) for
// the agreement across experts, WilcoxonSignedRank (R's paired
// wilcox.test) for the change between rounds. Means and standard
// deviations come from gonum's stat package.
package stats

// Rating is one expert's rating of one element on one criterion in one round.
type Rating struct {
	Element   string // element id
	Criterion string // criterion id
	Round     int
	Rater     string // participant identifier
	Value     int    // ignored when Abstain
	Abstain   bool
}

// Scale is a criterion's scale: the integer points Min..Max, and which
// way is better. LowerIsBetter (effort, cost, risk) ranks elements by
// median ascending and turns the 70-15 consensus rule around; it does not
// change Top2, which stays the share of the two highest points whatever
// the direction, so that the JSON key keeps one meaning.
type Scale struct {
	Min, Max      int
	LowerIsBetter bool
}

// ElementStats are the descriptive statistics of one element x criterion x
// round cell over its non-abstaining ratings. Pointer fields are nil when
// undefined: all of them when N is 0, SD also when N is 1, Top2 when the
// criterion has no valid Scale.
type ElementStats struct {
	ElementID string `json:"element_id"`
	Criterion string `json:"criterion"`
	Round     int    `json:"round"`
	N         int    `json:"n"`       // non-abstaining ratings
	Abstain   int    `json:"abstain"` // abstentions

	Mean   *float64 `json:"mean"`
	SD     *float64 `json:"sd"` // sample standard deviation (n − 1)
	Median *float64 `json:"median"`
	Q1     *float64 `json:"q1"`  // first quartile, R type 7
	Q3     *float64 `json:"q3"`  // third quartile, R type 7
	IQR    *float64 `json:"iqr"` // Q3 − Q1
	Min    *float64 `json:"min"`
	Max    *float64 `json:"max"`
	// Top2 is the share of ratings in the top two scale points
	// (value >= Scale.Max − 1), the highest ones also when the scale is
	// LowerIsBetter (for effort it is then the share rated costly).
	Top2 *float64 `json:"top2"`
	// Agreement is the share of ratings within one scale point of the
	// median (|value − median| <= 1).
	Agreement *float64 `json:"agreement"`
	// Consensus is the verdict of the ConsensusRule given to Compute or
	// Describe; nil when N is 0, when the rule's kind is unknown, or for
	// the 70-15 rule on a criterion without a valid Scale.
	Consensus *bool `json:"consensus"`

	// Counts is how many ratings there are at each scale point, for bar
	// charts: every point of the criterion's scale (0 when unused) plus any
	// other value that occurs. Never nil.
	Counts map[int]int `json:"-"`
}

// CriterionStats are the agreement coefficients of one criterion in one
// round across experts: the units are the elements, the raters are the
// participants with at least one non-abstaining rating for that criterion
// and round, and an abstention counts as a missing value. A coefficient is
// nil when undefined (see KrippendorffAlpha and KendallW).
type CriterionStats struct {
	Criterion     string   `json:"criterion"`
	Round         int      `json:"round"`
	AlphaNominal  *float64 `json:"alpha_nominal"`
	AlphaOrdinal  *float64 `json:"alpha_ordinal"`
	AlphaInterval *float64 `json:"alpha_interval"`
	// KendallW is tie-corrected like irr::kendall(x, correct = TRUE); elements
	// missing a rating from any of the raters are left out.
	KendallW *float64 `json:"kendall_w"`
}

// Rank is the position of one element in the ranking of one criterion in one
// round, best first: by median descending, then mean descending (both
// ascending when the criterion's Scale is LowerIsBetter), then element
// order; elements without ratings come last.
type Rank struct {
	Criterion string   `json:"criterion"`
	Round     int      `json:"round"`
	Position  int      `json:"position"` // 1-based
	ElementID string   `json:"element_id"`
	Median    *float64 `json:"median"`
	Mean      *float64 `json:"mean"`
}

// Result is everything Compute computes. All three slices are ordered by
// round ascending, then criterion (in the order given to Compute), then,
// for Elements, element order and, for Ranking, position. The Median and
// Mean of a Rank point to the same values as those of its ElementStats;
// treat the Result as read-only.
type Result struct {
	Elements []ElementStats
	Criteria []CriterionStats
	Ranking  []Rank
}

// Compute computes every statistic of a session.
//
// elements and criteria give the order of the output; ids that occur in
// ratings but not in these lists follow the listed ones in order of first
// occurrence. The element x criterion x round cells are every combination
// that occurs in ratings plus, for every round that occurs in ratings, every
// element x criterion of the two lists, so listed elements without ratings
// appear with N = 0 and nil statistics. A criterion x round has
// CriterionStats and a ranking when it has at least one cell.
//
// scales gives each criterion's scale: its points (used for Top2, Counts
// and the 70-15 rule; a criterion without a valid scale gets a nil Top2)
// and its direction (used for the ranking and the 70-15 rule; a criterion
// missing from scales is higher-is-better). rule decides Consensus.
//
// A rater is expected to rate an element on a criterion at most once per
// round; if ratings hold several such ratings (values or abstentions), the
// last one in the slice counts and the earlier ones are ignored.
//
// Compute runs in time linear in len(ratings) (plus the number of cells)
// and does not modify its arguments. Large inputs are processed by up to
// GOMAXPROCS goroutines; the result does not depend on their number.
func Compute(ratings []Rating, elements []string, criteria []string, scales map[string]Scale, rule ConsensusRule) Result {
	return compute(ratings, elements, criteria, scales, rule, workersFor(len(ratings)))
}
