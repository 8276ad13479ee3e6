package rating

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// The reveal: ctrl+o in the grid shows the group an element's results for
// the round, at once when every cell is given, else after naming who is
// missing and asking. From then on the round is closed (lock.go).

// revealedMsg reports the end of a reveal.
type revealedMsg struct {
	owner   *ratingEditor
	element string
	round   int
	err     error
}

// askReveal reveals at once when every cell of the element is given, or
// asks first, naming who is missing.
func (m *Grid) askReveal() tea.Cmd {
	if m.revealing {
		return nil // the reveal is being written
	}
	if m.isRevealed() {
		return common.StatusCmd(fmt.Sprintf("round %d of this element is revealed already", m.ed.round))
	}
	m.missing = MissingRatings(m.ed.pack, m.ed.sess.Participants, m.elementRatings(), m.ed.round, []string{m.element.ID})
	if len(m.missing) == 0 {
		return m.revealCmd()
	}
	m.confirming = true
	return common.StatusCmd("") // the question replaces whatever the footer said last
}

func (m *Grid) revealCmd() tea.Cmd {
	m.revealing = true
	st, ctx, owner := m.ed.c.Store, m.ed.ctx(), m.ed
	id, el, round := m.ed.sess.ID, m.element.ID, m.ed.round
	return func() tea.Msg {
		return revealedMsg{owner: owner, element: el, round: round, err: st.Reveal(ctx, id, el, round)}
	}
}

// elementRatings lists the element's given cells as ratings, for the
// pure check of missing ratings.
func (m *Grid) elementRatings() []session.Rating {
	var out []session.Rating
	for k, st := range m.ed.cells {
		if k.element == m.element.ID && st.given() {
			out = append(out, session.Rating{ParticipantID: k.pid, ElementID: k.element, CriterionID: k.criterion, Round: k.round, Abstain: true})
		}
	}
	return out
}

func (m *Grid) isRevealed() bool {
	return m.ed.lock.isRevealed(m.element.ID, m.ed.round)
}
