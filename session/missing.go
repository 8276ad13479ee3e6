package session

import (
	"slices"

	"github.com/trustshop/trustshop/content"
)

// MissingElement is one element a participant has not fully rated in the
// element's current round.
type MissingElement struct {
	ElementID string
	Title     string
	Round     int
	Criteria  []content.Criterion // the open ones, in pack order
	All       bool                // no criterion of the element is rated
}

// ParticipantMissing lists what one participant has not rated yet.
type ParticipantMissing struct {
	Participant Participant
	Elements    []MissingElement
	Nothing     bool // nothing of the elements asked about is rated
}

// Cells counts the open cells.
func (m ParticipantMissing) Cells() int {
	n := 0
	for _, e := range m.Elements {
		n += len(e.Criteria)
	}
	return n
}

// MissingRatings lists, per participant in session order, the cells that
// hold neither a value nor an abstention in each element's current round
// (a comment alone does not count as rated). elements limits the check
// (nil: every element of the pack). Rounds are per element, so a round 2
// on two elements asks about those two only. A participant who joined
// after an element's round closed could not rate it: none of its cells is
// theirs to miss (Participant.CouldRate). It is pure.
func MissingRatings(p *content.Pack, parts []Participant, ratings []Rating, rounds Rounds, elements []string) []ParticipantMissing {
	type given struct {
		pid                int64
		element, criterion string
	}
	done := make(map[given]bool, len(ratings))
	for _, r := range ratings {
		if r.Round == rounds.Current(r.ElementID).Round && r.Given() {
			done[given{r.ParticipantID, r.ElementID, r.CriterionID}] = true
		}
	}
	if elements == nil {
		for _, e := range p.Elements {
			elements = append(elements, e.ID)
		}
	}
	var out []ParticipantMissing
	for _, pt := range parts {
		pm := ParticipantMissing{Participant: pt}
		asked := 0
		for _, id := range elements {
			cur := rounds.Current(id)
			if !pt.CouldRate(cur) {
				continue
			}
			asked++
			el, _ := p.Element(id)
			me := MissingElement{ElementID: id, Title: el.Title, Round: cur.Round}
			for _, c := range p.Criteria {
				if !done[given{pt.ID, id, c.ID}] {
					me.Criteria = append(me.Criteria, c)
				}
			}
			if len(me.Criteria) > 0 {
				me.All = len(me.Criteria) == len(p.Criteria)
				pm.Elements = append(pm.Elements, me)
			}
		}
		pm.Nothing = len(pm.Elements) == asked && !slices.ContainsFunc(pm.Elements, func(e MissingElement) bool { return !e.All })
		if len(pm.Elements) > 0 {
			out = append(out, pm)
		}
	}
	return out
}

// UnrevealedRound is an element whose current round the room has not seen.
type UnrevealedRound struct {
	ElementID string
	Title     string
	Round     int
}

// Unrevealed lists, in pack order, the elements whose current round was
// never revealed to the room: finishing shows their results unseen and
// undiscussed. It is pure.
func Unrevealed(p *content.Pack, rounds Rounds) []UnrevealedRound {
	var out []UnrevealedRound
	for _, el := range p.Elements {
		if cur := rounds.Current(el.ID); !cur.RevealedToRoom() {
			out = append(out, UnrevealedRound{ElementID: el.ID, Title: el.Title, Round: cur.Round})
		}
	}
	return out
}

// Progress is how far a participant is: the cells given and the cells
// asked of them, in each element's current round they could rate.
type Progress struct {
	Given, Asked int
}

// RatingProgress counts, per participant id, the cells asked and given in
// each element's current round, by the rules of MissingRatings: a round
// closed before a late participant joined asks nothing of them. It is
// pure.
func RatingProgress(p *content.Pack, parts []Participant, ratings []Rating, rounds Rounds) map[int64]Progress {
	out := make(map[int64]Progress, len(parts))
	for _, pt := range parts {
		var pr Progress
		for _, el := range p.Elements {
			if pt.CouldRate(rounds.Current(el.ID)) {
				pr.Asked += len(p.Criteria)
			}
		}
		pr.Given = pr.Asked
		out[pt.ID] = pr
	}
	for _, pm := range MissingRatings(p, parts, ratings, rounds, nil) {
		pr := out[pm.Participant.ID]
		pr.Given -= pm.Cells()
		out[pm.Participant.ID] = pr
	}
	return out
}
