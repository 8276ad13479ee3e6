package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// revealedMsg reports the end of a reveal.
type revealedMsg struct {
	owner   *ratingEditor
	element string
	round   int
	err     error
}

// askReveal reveals at once when every cell of the element is given, or
// asks first, naming who is missing.
func (m *ratingPane) askReveal() tea.Cmd {
	if m.revealing {
		return nil // the reveal is being written
	}
	if m.isRevealed() {
		return common.StatusCmd(fmt.Sprintf("round %d of this element is revealed already", m.ed.round))
	}
	m.missing = missingRatings(m.ed.pack, m.ed.sess.Participants, m.elementRatings(), m.ed.round, []string{m.element.ID})
	if len(m.missing) == 0 {
		return m.revealCmd()
	}
	m.confirming = true
	return common.StatusCmd("") // the question replaces whatever the footer said last
}

func (m *ratingPane) revealCmd() tea.Cmd {
	m.revealing = true
	st, ctx, owner := m.ed.c.Store, m.ed.ctx(), m.ed
	id, el, round := m.ed.sess.ID, m.element.ID, m.ed.round
	return func() tea.Msg {
		return revealedMsg{owner: owner, element: el, round: round, err: st.Reveal(ctx, id, el, round)}
	}
}

// elementRatings lists the element's given cells as ratings, for the
// pure check of missing ratings.
func (m *ratingPane) elementRatings() []session.Rating {
	var out []session.Rating
	for k, st := range m.ed.cells {
		if k.element == m.element.ID && st.given() {
			out = append(out, session.Rating{ParticipantID: k.pid, ElementID: k.element, CriterionID: k.criterion, Round: k.round, Abstain: true})
		}
	}
	return out
}

func (m *ratingPane) isRevealed() bool {
	return m.ed.revealed[session.RevealKey{ElementID: m.element.ID, Round: m.ed.round}]
}
