package rating

// Pass-the-laptop's turns: ending one, the next expert, finishing, leaving.

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// endTurn hands over, or first asks when the expert left cells open.
func (m *Laptop) endTurn() tea.Cmd {
	m.missing = session.MissingRatings(m.ed.pack(), []session.Participant{m.expert()}, m.ratings(), m.ed.ws.Rounds, nil)
	if len(m.missing) > 0 {
		m.stage = stageTurnEnd
		return nil
	}
	return m.nextTurn()
}

// nextTurn shows the hand-over to the next expert, or the end.
func (m *Laptop) nextTurn() tea.Cmd {
	m.ed.undo, m.ed.compose.ok = nil, false
	if m.turn+1 >= len(m.ed.sess().Participants) {
		return m.finish()
	}
	m.turn++
	m.stage = stageHandover
	return m.beginTurn()
}

// missingMsg carries every open cell, for the end of the round.
type missingMsg struct {
	owner   *Laptop
	missing []session.ParticipantMissing
	err     error
}

// finish shows the end, listing every open cell: the engine counts them,
// since the screen holds only the last expert's cells.
func (m *Laptop) finish() tea.Cmd {
	m.ed.undo = nil
	m.stage = stageDone
	m.missing = nil
	eng, ctx, id, owner, outbox := m.ed.c.Engine, m.ed.ctx(), m.ed.ws.Session.ID, m, m.ed.c.Outbox
	return func() tea.Msg {
		// count after the ratings typed before: they are in the outbox
		wait, cancel := context.WithTimeout(ctx, 10*time.Second)
		outbox.Flush(wait)
		cancel()
		list, err := eng.Missing(ctx, id, nil)
		return missingMsg{owner: owner, missing: list, err: err}
	}
}

// leave returns to the walkthrough once every write is done.
func (m *Laptop) leave() tea.Cmd {
	if m.ed.busy() {
		m.leaving = true
		return common.StatusCmd("saving…")
	}
	return m.backCmd()
}

func (m *Laptop) backCmd() tea.Cmd {
	id := m.ed.sess().ID
	return func() tea.Msg { return common.OpenSessionMsg{ID: id} }
}

// ratings lists the round's given cells for the check of missing ratings.
func (m *Laptop) ratings() []session.Rating {
	out := make([]session.Rating, 0, len(m.ed.cells))
	for k, st := range m.ed.cells {
		if st.given() {
			out = append(out, session.Rating{ParticipantID: k.pid, ElementID: k.element, CriterionID: k.criterion, Round: k.round, Abstain: true})
		}
	}
	return out
}

// everyoneHad reports whether every expert took their turn.
func (m *Laptop) everyoneHad() bool {
	for _, p := range m.ed.sess().Participants {
		if !m.had[p.ID] {
			return false
		}
	}
	return true
}

func (m *Laptop) elementIndex(id string) int {
	return indexOr(m.ed.pack().Elements, func(e content.Element) bool { return e.ID == id }, m.el)
}

func (m *Laptop) criterionIndex(id string) int {
	return indexOr(m.ed.pack().Criteria, func(c content.Criterion) bool { return c.ID == id }, m.crit)
}

// SessionID implements common.SessionScreen: the time of pass-the-laptop
// is time on the step, and the header shows it.
func (m *Laptop) SessionID() string { return m.ed.ws.Session.ID }
