package rating

import (
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
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
