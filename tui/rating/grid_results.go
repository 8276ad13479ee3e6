package rating

import (
	"fmt"
	"strconv"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/results"
)

// revealedResults is what the rating grid shows under its rows once the
// element is revealed: the element's results laid out for the room left
// beside the grid's head or under a few of its rows and the hint line
// (results.ElementFit): bars per scale point, median, IQR, consensus,
// side by side or one under the other, else one line per criterion with
// the counts that are not zero.
func (m *Grid) revealedResults() []string {
	s, p := m.ed.c.Styles, m.ed.pack()
	cells := m.elementStats()
	if w := m.view.layout.distW; w > 0 { // beside the table
		return results.ElementFit(s, p.Criteria, cells, w, m.height)
	}
	head := len(m.view.head)
	if head == 0 {
		head = 6 // title, question, legend, a blank, the column headings
	}
	room := m.height - head - min(len(m.ed.sess().Participants), 4) - 1
	return results.ElementFit(s, p.Criteria, cells, m.view.layout.belowW, room)
}

// elementStats are the grid's element's results in the round shown, one
// cell per criterion, from the engine's read-model over the cells the grid
// holds (session.BuildResults): the same statistics and consensus rule as
// every other screen.
func (m *Grid) elementStats() []stats.ElementStats {
	var rows []session.Rating
	for k, st := range m.ed.cells {
		if k.element != m.element.ID || k.round != m.round || !st.given() {
			continue
		}
		r := session.Rating{ParticipantID: k.pid, ElementID: k.element, CriterionID: k.criterion, Round: k.round, Abstain: st.abstain}
		if st.hasValue {
			v := st.value
			r.Value = &v
		}
		rows = append(rows, r)
	}
	view := session.BuildResults(m.ed.sess(), m.ed.pack(), m.ed.ws.Rounds, m.ed.viewer, rows)
	out := make([]stats.ElementStats, 0, len(m.ed.pack().Criteria))
	for _, c := range m.ed.pack().Criteria {
		es := stats.ElementStats{ElementID: m.element.ID, Criterion: c.ID, Round: m.round}
		if x := view.Cell(m.element.ID, c.ID, m.round); x != nil {
			es = *x
		}
		out = append(out, es)
	}
	return out
}

// gridPanel is what the grid shows beside (or under) its rows.
type gridPanel int

const (
	panelNone     gridPanel = iota
	panelResults            // the round's results, once revealed
	panelFeedback           // the previous round's, a Delphi round's feedback
)

// panel is what the grid shows beside its rows: in the element's current
// round 2 or later its feedback while the round is blind, its results
// once revealed; f swaps them (fbFlip).
func (m *Grid) panel() gridPanel {
	_, fb := m.ed.feedback[m.element.ID]
	fb = fb && m.round == m.ed.ws.Rounds.Current(m.element.ID).Round
	vals := m.showsValues()
	switch {
	case fb && vals == m.fbFlip:
		return panelFeedback
	case vals:
		return panelResults
	}
	return panelNone
}

// feedbackPanel is the element's Delphi feedback as the facilitator sees
// it: the group's previous-round distributions, medians and IQRs, the
// split by role and the comments without names (no one's answer is
// marked: the facilitator is nobody's "own").
func (m *Grid) feedbackPanel() []string {
	s, fb := m.ed.c.Styles, m.ed.feedback[m.element.ID]
	w, h := m.view.layout.distW, m.height
	if w == 0 {
		w = m.view.layout.belowW
		head := len(m.view.head)
		if head == 0 {
			head = 6
		}
		h -= head + len(m.ed.sess().Participants) + 1 // every row and the hint first
	}
	if n := len(m.ed.pack().Criteria); h <= n+1 {
		// no room for a title: each criterion's line names the round
		lines := feedbackLines(s, m.ed.pack(), fb, w, h)
		for i := range min(n, len(lines)) {
			lines[i] = ansi.Truncate(s.Accent.Render(fmt.Sprintf("Round %d · ", fb.Round))+lines[i], w, "…")
		}
		return lines
	}
	title := s.Accent.Render(ansi.Truncate(fmt.Sprintf("Round %d, the group's answers (f hides)", fb.Round), w, "…"))
	return append([]string{title}, feedbackLines(s, m.ed.pack(), fb, w, max(1, h-1))...)
}

// feedbackHint names the key of the feedback where there is one.
func (m *Grid) feedbackHint() string {
	if _, ok := m.ed.feedback[m.element.ID]; !ok || m.round != m.ed.ws.Rounds.Current(m.element.ID).Round {
		return ""
	}
	if m.panel() == panelFeedback {
		return " · f hides round " + strconv.Itoa(m.round-1)
	}
	return " · f round " + strconv.Itoa(m.round-1)
}

// flipFeedback swaps the panel: in a blind round 2 the round-1 feedback
// or nothing, once revealed the round's results or the feedback.
func (m *Grid) flipFeedback() tea.Cmd {
	if _, ok := m.ed.feedback[m.element.ID]; !ok || m.round != m.ed.ws.Rounds.Current(m.element.ID).Round {
		return common.StatusCmd("no feedback: the element is in round 1, or an earlier round is shown")
	}
	m.fbFlip = !m.fbFlip
	m.view.invalidate()
	return nil
}
