package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// missingElement is one element a participant has not fully rated, with
// the labels of the open criteria.
type missingElement struct {
	ElementID string
	Title     string
	Criteria  []string // criterion labels, in pack order
	All       bool     // no criterion of the element is rated
}

// participantMissing lists what one participant has not rated yet.
type participantMissing struct {
	Participant session.Participant
	Elements    []missingElement
	Nothing     bool // nothing of the elements asked about is rated
}

// cells counts the open cells.
func (m participantMissing) cells() int {
	n := 0
	for _, e := range m.Elements {
		n += len(e.Criteria)
	}
	return n
}

// missingRatings lists, per participant in session order, the cells of
// the elements (nil: every element of the pack) that hold neither a value
// nor an abstention in the round. A comment alone does not count as rated.
// It is pure, so the walkthrough, the grid and pass-the-laptop share it.
func missingRatings(p *content.Pack, parts []session.Participant, ratings []session.Rating, round int, elements []string) []participantMissing {
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
	var out []participantMissing
	for _, pt := range parts {
		pm := participantMissing{Participant: pt}
		for _, id := range elements {
			el, _ := p.Element(id)
			me := missingElement{ElementID: id, Title: el.Title}
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
		pm.Nothing = len(pm.Elements) == len(elements) && !slices.ContainsFunc(pm.Elements, func(e missingElement) bool { return !e.All })
		if len(pm.Elements) > 0 {
			out = append(out, pm)
		}
	}
	return out
}

// missingLines describes the open cells, one line per participant:
// "Ana (supplier) → Explain your twin properly! (Effort); Prove your
// quality!": the open criteria in brackets, an element alone when none of
// its criteria is rated, "nothing rated yet" for a participant who has not
// begun. Past maxLines the rest is summed up. With one element (the grid's
// reveal) the element is left out.
func missingLines(list []participantMissing, oneElement bool, maxLines int) []string {
	var lines []string
	for i, pm := range list {
		if maxLines > 0 && len(lines) == maxLines-1 && i < len(list)-1 {
			rest := 0
			for _, x := range list[i:] {
				rest += x.cells()
			}
			lines = append(lines, fmt.Sprintf("… and %s (%s open)", countOf(len(list)-i, "more participant"), countOf(rest, "cell")))
			break
		}
		var parts []string
		for _, me := range pm.Elements {
			switch {
			case oneElement:
				parts = append(parts, strings.Join(me.Criteria, ", "))
			case pm.Nothing:
				parts = append(parts, "nothing rated yet ("+countOf(pm.cells(), "cell")+")")
			case me.All:
				parts = append(parts, me.Title)
			default:
				parts = append(parts, me.Title+" ("+strings.Join(me.Criteria, ", ")+")")
			}
			if pm.Nothing && !oneElement {
				break
			}
		}
		lines = append(lines, participantLabel(pm.Participant)+" → "+strings.Join(parts, "; "))
	}
	return lines
}

// missingBlock is missingLines wrapped to width w and cut to maxLines
// lines, the last of which then says how many more there are.
func missingBlock(list []participantMissing, w, maxLines int) []string {
	var lines []string
	for _, l := range missingLines(list, false, 0) {
		lines = append(lines, wrapWords(l, w)...)
	}
	if maxLines = max(2, maxLines); len(lines) > maxLines {
		lines = append(lines[:maxLines-1], fmt.Sprintf("… %s more", countOf(len(lines)-maxLines+1, "line")))
	}
	return lines
}

// countOf is "1 cell", "2 cells".
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// participantLabel is "Ana (supplier)".
func participantLabel(p session.Participant) string {
	if p.Role == "" {
		return p.Name
	}
	return p.Name + " (" + p.Role + ")"
}

// missingRatingsMsg is the answer of checkMissingCmd.
type missingRatingsMsg struct {
	Round   int
	Missing []participantMissing
	Err     error
}

// checkMissingCmd reads a round's ratings and lists the open cells of
// every element: the check before leaving the last element step or ending
// pass-the-laptop.
func checkMissingCmd(c *common.Common, p *content.Pack, sess session.Session, round int) tea.Cmd {
	ctx := c.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return func() tea.Msg {
		rows, err := c.Store.RoundRatings(ctx, sess.ID, round)
		if err != nil {
			return missingRatingsMsg{Round: round, Err: fmt.Errorf("check for missing ratings: %w", err)}
		}
		return missingRatingsMsg{Round: round, Missing: missingRatings(p, sess.Participants, rows, round, nil)}
	}
}
