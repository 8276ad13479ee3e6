package session

import (
	"strconv"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session/stats"
)

// StatsRating turns a rating row into the input of package stats: the rater
// is the participant id, an abstention stays an abstention. It reports false
// for a row that holds only a comment, which the statistics skip.
func StatsRating(r Rating) (stats.Rating, bool) {
	if !r.Given() {
		return stats.Rating{}, false
	}
	out := stats.Rating{
		Element:   r.ElementID,
		Criterion: r.CriterionID,
		Round:     r.Round,
		Rater:     strconv.FormatInt(r.ParticipantID, 10),
		Abstain:   r.Abstain,
	}
	if r.Value != nil && !r.Abstain {
		out.Value = *r.Value
	}
	return out, true
}

// Results computes the statistics of a session's rating rows on the pack
// the session ran on: elements and criteria in pack order, every
// criterion's scale, and the pack's consensus thresholds. Comment-only rows
// are skipped. It is pure, so a screen can call it on the rows it holds.
func Results(p *content.Pack, ratings []Rating) stats.Result {
	in := make([]stats.Rating, 0, len(ratings))
	for _, r := range ratings {
		if x, ok := StatsRating(r); ok {
			in = append(in, x)
		}
	}
	return ComputeStats(p, PackRule(p), in)
}

// ComputeStats runs stats.Compute with the pack's element and criterion
// order and scales (with their direction), under a consensus rule.
func ComputeStats(p *content.Pack, rule stats.ConsensusRule, ratings []stats.Rating) stats.Result {
	elements := make([]string, len(p.Elements))
	for i, e := range p.Elements {
		elements[i] = e.ID
	}
	criteria := make([]string, len(p.Criteria))
	scales := make(map[string]stats.Scale, len(p.Criteria))
	for i, c := range p.Criteria {
		criteria[i] = c.ID
		scales[c.ID] = scaleOf(c)
	}
	res := stats.Compute(ratings, elements, criteria, scales, rule)
	// Lists are never nil, so JSON shows them as [] rather than null.
	if res.Elements == nil {
		res.Elements = []stats.ElementStats{}
	}
	if res.Criteria == nil {
		res.Criteria = []stats.CriterionStats{}
	}
	if res.Ranking == nil {
		res.Ranking = []stats.Rank{}
	}
	return res
}

// scaleOf is a criterion's scale as package stats needs it, with the
// direction the ranking follows.
func scaleOf(c content.Criterion) stats.Scale {
	return stats.Scale{Min: c.Min, Max: c.Max, LowerIsBetter: c.LowerIsBetter}
}
