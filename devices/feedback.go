package devices

import (
	"cmp"
	"strconv"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
)

// feedbackView is a Delphi round's feedback on one criterion, as the
// engine computes it (session.Feedback): the previous round's
// distribution with the participant's own answer marked, the same split
// by stakeholder role, and the round's comments without names.
type feedbackView struct {
	Label     string // the criterion's
	Round     int
	Group     distView
	Own       string // the participant's own answer in that round, in words
	Roles     []roleView
	RolesNote string // why the roles are not shown, when they are not
	Comments  []string
}

// distView is one distribution: its bars, median and IQR.
type distView struct {
	N, Abstain  int
	Median, IQR string
	Bars        []barView
}

type roleView struct {
	Role string
	distView
}

// feedbackOf lays out the feedback of one criterion; fb is nil when the
// element has none for this participant (round 1, or not shown).
func feedbackOf(p *content.Pack, cr content.Criterion, fb *session.Feedback) *feedbackView {
	if fb == nil {
		return nil
	}
	var cf *session.CriterionFeedback
	for i := range fb.Criteria {
		if fb.Criteria[i].Criterion == cr.ID {
			cf = &fb.Criteria[i]
		}
	}
	if cf == nil {
		return nil
	}
	var own *int
	if cf.Own != nil && cf.Own.Value != nil {
		own = cf.Own.Value
	}
	v := &feedbackView{Label: cr.Label, Round: fb.Round, Group: distOf(cr, cf.Group, own), Own: ownText(cr, fb.Round, cf.Own),
		RolesNote: cf.RolesNote()}
	for _, rs := range cf.ByRole {
		name := rs.Role
		if ps, ok := p.Persona(rs.Role); ok {
			name = cmp.Or(ps.Short, ps.Title, rs.Role)
		}
		// the own answer is marked on the group's bars only: on a role's
		// bars it would tell the participant's role to anyone looking on
		v.Roles = append(v.Roles, roleView{Role: name, distView: distOf(cr, rs.Stats, nil)})
	}
	for _, c := range fb.Comments {
		if c.Criterion == cr.ID {
			v.Comments = append(v.Comments, c.Text)
		}
	}
	return v
}

// distOf lays out a distribution over the criterion's scale; own marks a
// scale point (nil: none).
func distOf(cr content.Criterion, es stats.ElementStats, own *int) distView {
	d := distView{N: es.N, Abstain: es.Abstain, Median: num(es.Median), IQR: num(es.IQR)}
	most := 1
	for _, n := range es.Counts {
		most = max(most, n)
	}
	for v := cr.Min; v <= cr.Max; v++ {
		n := es.Counts[v]
		d.Bars = append(d.Bars, barView{Value: v, Count: n, Width: barSteps(n, most), Mine: own != nil && *own == v})
	}
	return d
}

// ownText says what the participant answered in the feedback's round.
func ownText(cr content.Criterion, round int, own *session.CellState) string {
	r := strconv.Itoa(round)
	switch {
	case own == nil:
		return "You gave no answer in round " + r + "."
	case own.Abstain || own.Value == nil:
		return "In round " + r + " you could not judge it."
	}
	t := "Your round-" + r + " answer: " + strconv.Itoa(*own.Value)
	if l := cr.PointLabel(*own.Value); l != "" {
		t += " · " + l
	}
	return t + "."
}

// barSteps is a bar's length in twentieths of the longest (the style
// sheet's classes w0 to w20: no inline style passes the page's CSP); a
// count above zero never draws empty.
func barSteps(n, most int) int {
	if n <= 0 || most <= 0 {
		return 0
	}
	return max(1, (n*20+most/2)/most)
}
