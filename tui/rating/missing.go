package rating

// The missing-ratings check, a rule of the workshop: before the results of
// an element are revealed, before the walkthrough leaves the last element
// step and at the end of a turn of pass-the-laptop, the open cells are
// listed and the facilitator is asked. It is pure and imports no terminal
// code, so that the domain engine can take it over as it is.

import (
	"slices"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// MissingElement is one element a participant has not fully rated, with
// the labels of the open criteria.
type MissingElement struct {
	ElementID string
	Title     string
	Criteria  []string // criterion labels, in pack order
	All       bool     // no criterion of the element is rated
}

// ParticipantMissing lists what one participant has not rated yet.
type ParticipantMissing struct {
	Participant session.Participant
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

// MissingRatings lists, per participant in session order, the cells of
// the elements (nil: every element of the pack) that hold neither a value
// nor an abstention in the round. A comment alone does not count as rated.
// It is pure, so the walkthrough's gate, the grid's reveal and
// pass-the-laptop share it.
func MissingRatings(p *content.Pack, parts []session.Participant, ratings []session.Rating, round int, elements []string) []ParticipantMissing {
	type given struct {
		pid                int64
		element, criterion string
	}
	done := make(map[given]bool, len(ratings))
	for _, r := range ratings {
		if r.Round == round && r.Given() {
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
		for _, id := range elements {
			el, _ := p.Element(id)
			me := MissingElement{ElementID: id, Title: el.Title}
			for _, c := range p.Criteria {
				if !done[given{pt.ID, id, c.ID}] {
					me.Criteria = append(me.Criteria, c.Label)
				}
			}
			if len(me.Criteria) > 0 {
				me.All = len(me.Criteria) == len(p.Criteria)
				pm.Elements = append(pm.Elements, me)
			}
		}
		pm.Nothing = len(pm.Elements) == len(elements) && !slices.ContainsFunc(pm.Elements, func(e MissingElement) bool { return !e.All })
		if len(pm.Elements) > 0 {
			out = append(out, pm)
		}
	}
	return out
}

// LastElementStep is the index of the agenda's last element step, or -1:
// leaving it forward asks about the ratings still missing.
func LastElementStep(p *content.Pack) int {
	for i := len(p.Agenda) - 1; i >= 0; i-- {
		if p.Agenda[i].Kind == content.StepElement {
			return i
		}
	}
	return -1
}
