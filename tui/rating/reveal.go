package rating

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// The reveal: ctrl+o in the grid shows the room an element's results for
// the round, at once when every cell is given, else after naming who is
// missing and asking. The engine closes the round with it. [ and ] move
// between the element's rounds, and ] past the current one opens the
// next (Delphi).

// askReveal reveals at once when every cell of the element is given, or
// asks first, naming who is missing (session.MissingRatings).
func (m *Grid) askReveal() tea.Cmd {
	if m.revealing {
		return nil // the reveal is on its way
	}
	if m.isRevealed() {
		return common.StatusCmd(fmt.Sprintf("round %d of this element is revealed already", m.round))
	}
	m.missing = session.MissingRatings(m.ed.pack(), m.ed.sess().Participants, m.elementRatings(), m.ed.ws.Rounds, []string{m.element.ID})
	if len(m.missing) == 0 {
		return m.revealCmd()
	}
	m.confirming = true
	return common.StatusCmd("") // the question replaces whatever the footer said last
}

// revealCmd hands the reveal to the outbox: it reaches the engine after
// the ratings typed before it.
func (m *Grid) revealCmd() tea.Cmd {
	m.revealing = true
	eng, actor, id, el, round := m.ed.c.Engine, m.ed.actor(), m.ed.ws.Session.ID, m.element.ID, m.round
	m.roundDone = fmt.Sprintf("results of round %d revealed to the room", round)
	m.roundOp = m.ed.c.Submit(session.Op{What: "reveal " + m.element.Title,
		Do: func(ctx context.Context) error { return eng.Reveal(ctx, actor, id, el, round, session.AudienceRoom) }})
	return nil
}

// elementRatings lists the element's given cells as ratings, for the
// engine's check of missing ratings.
func (m *Grid) elementRatings() []session.Rating {
	var out []session.Rating
	for k, st := range m.ed.cells {
		if k.element == m.element.ID && st.given() {
			out = append(out, session.Rating{ParticipantID: k.pid, ElementID: k.element, CriterionID: k.criterion, Round: k.round, Abstain: true})
		}
	}
	return out
}

// isRevealed reports whether the room sees the round shown already, as
// the engine's visibility function answers it.
func (m *Grid) isRevealed() bool {
	return m.ed.ws.See(session.Viewer{Kind: session.ViewRoom}, m.element.ID, m.round).Values
}

// showsValues reports whether the grid shows the values and results of
// the round shown: the engine's visibility function decides (revealed to
// the room, or the session finished).
func (m *Grid) showsValues() bool { return m.ed.ws.See(m.ed.viewer, m.element.ID, m.round).Values }

// switchRound shows another round of the element: an earlier one is
// closed, and shows its results once revealed.
func (m *Grid) switchRound(r int) tea.Cmd {
	m.round = r
	cmd := m.ed.setQuery(session.CellQuery{Element: m.element.ID, Round: r})
	m.dataChanged()
	return tea.Batch(cmd, common.StatusCmd(fmt.Sprintf("round %d", r)))
}

// openNextRound opens the element's next round through the engine, which
// closes this one and shows its results as the new round's feedback.
func (m *Grid) openNextRound() tea.Cmd {
	eng, actor, id, el, next := m.ed.c.Engine, m.ed.actor(), m.ed.ws.Session.ID, m.element.ID, m.round+1
	m.revealing = true
	m.roundDone = fmt.Sprintf("round %d opened: round %d's results are its feedback", next, m.round)
	m.roundOp = m.ed.c.Submit(session.Op{What: fmt.Sprintf("open round %d of %s", next, m.element.Title),
		Do: func(ctx context.Context) error { return eng.OpenRound(ctx, actor, id, next, []string{el}) }})
	return nil
}
