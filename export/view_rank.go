package export

// The rankings, the matrix, the consensus lists and the corrections of a
// summary's view (view.go).

import (
	"strconv"
	"strings"

	"github.com/trustshop/trustshop/content"
)

// rankings ranks the elements per criterion and round as the read-model
// ranks them (best first, by each criterion's direction); elements hidden
// from the viewer are listed as not revealed.
func (v *view) rankings(refs map[string]elementRef) {
	r := v.Sum.Results
	if r == nil {
		return
	}
	rounds := r.Rounds
	if v.Sum.Round > 0 {
		rounds = []int{v.Sum.Round}
	}
	if v.latest && len(rounds) > 1 {
		rounds = []int{0}
	}
	for _, round := range rounds {
		for _, c := range v.Sum.Pack.Criteria {
			rv := rankingView{Criterion: c, Round: round}
			for _, rk := range r.Ranking(c.ID, round) {
				// Pick and HiddenOn: the round the ranking chose (each
				// element's latest on the criterion for round 0)
				es := r.Pick(rk.ElementID, c.ID, round)
				switch {
				case r.HiddenOn(rk.ElementID, c.ID, round):
					rv.Hidden = append(rv.Hidden, refs[rk.ElementID])
				case rk.Median == nil:
					if es != nil {
						rv.Unrated = append(rv.Unrated, refs[rk.ElementID])
					}
				default:
					row := rankRow{Position: rk.Position, Element: refs[rk.ElementID], Median: rk.Median, Mean: rk.Mean}
					if es != nil {
						row.Consensus = es.Consensus
					}
					rv.Rows = append(rv.Rows, row)
				}
			}
			// a criterion nobody rated in a round has nothing to rank
			if len(rv.Rows) > 0 || len(rv.Hidden) > 0 {
				v.Rankings = append(v.Rankings, rv)
			}
		}
	}
}

// matrix places the elements as the read-model does: each at its latest
// round, both medians from that one round.
func (v *view) matrix(refs map[string]elementRef) {
	r := v.Sum.Results
	if r == nil || len(v.Rounds) == 0 {
		return
	}
	x, y, points, absent, hidden, ok := r.Matrix()
	if !ok {
		return
	}
	m := &matrixView{X: x, Y: y, Latest: len(v.Rounds) > 1}
	for _, pt := range points {
		m.Points = append(m.Points, matrixPoint{elementRef: refs[pt.ElementID], X: pt.X, Y: pt.Y})
		if pt.Round < r.LatestRound(pt.ElementID) {
			m.Earlier = append(m.Earlier, refs[pt.ElementID])
		}
	}
	for _, id := range absent {
		m.Absent = append(m.Absent, refs[id])
	}
	for _, id := range hidden {
		m.Hidden = append(m.Hidden, refs[id])
	}
	v.Matrix = m
}

// consensus sorts the elements by consensus on each criterion, each in its
// latest round with ratings.
func (v *view) consensus(refs map[string]elementRef) {
	r := v.Sum.Results
	if r == nil || len(v.Rounds) == 0 {
		return
	}
	for _, c := range v.Sum.Pack.Criteria {
		cv := consensusView{Criterion: c, Latest: len(v.Rounds) > 1}
		for _, ref := range sortedRefs(refs) {
			es := r.Pick(ref.ID, c.ID, 0)
			switch {
			case r.HiddenOn(ref.ID, c.ID, 0):
				cv.Hidden = append(cv.Hidden, ref)
			case es == nil || es.Consensus == nil:
				cv.Unrated = append(cv.Unrated, ref)
			case *es.Consensus:
				cv.Reached = append(cv.Reached, ref)
			default:
				cv.NotReached = append(cv.NotReached, ref)
			}
		}
		v.Consensus = append(v.Consensus, cv)
	}
}

// corrections lists the rating changes the history marks as corrections.
func (v *view) corrections() {
	names := map[string]string{}
	for _, pt := range v.Sum.Session.Participants {
		names[pt.UUID] = pt.Name
	}
	for _, c := range v.Sum.History {
		if !c.Correction() || c.Entity != "rating" {
			continue
		}
		parts := strings.Split(c.Key, "/")
		if len(parts) != 4 {
			continue
		}
		round, _ := strconv.Atoi(parts[3])
		el, crit := parts[1], parts[2]
		if e, ok := v.Sum.Pack.Element(el); ok {
			el = e.Title
		}
		cv := correctionView{At: c.At, Who: names[parts[0]], Element: el, Criterion: v.criterion(crit).Label, Round: round,
			From: orDash(c.Old), To: orDash(c.New), Reason: c.Reason, By: string(c.Actor.Kind)}
		if c.Field == "comment" {
			cv.Criterion += " (comment)"
		}
		v.Corrections = append(v.Corrections, cv)
	}
}

func orDash(s *string) string {
	if s == nil || *s == "" {
		return "–"
	}
	return *s
}

// rankOrder says which end of the scale a ranking puts first: "the
// highest first", or "the best first: the highest, or the lowest for
// Effort, where lower is better".
func rankOrder(p *content.Pack) string {
	var names []string
	for _, c := range p.Criteria {
		if c.LowerIsBetter {
			names = append(names, c.Label)
		}
	}
	if len(names) == 0 {
		return "the highest first"
	}
	return "the best first: the highest, or the lowest for " + strings.Join(names, " and ") + ", where lower is better"
}
