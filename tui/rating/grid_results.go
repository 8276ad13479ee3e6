package rating

import (
	"github.com/trustshop/trustshop/session/stats"
	"github.com/trustshop/trustshop/tui/results"
)

// revealedResults is what the rating grid shows under its rows once the
// element is revealed: the element's results as results.ElementLines draws
// them (bars per scale point, median, IQR, consensus) when the pane has
// room for them beside the grid's head, a few rows and the hint line, else
// one line per criterion (results.ElementCompact).
func (m *Grid) revealedResults() []string {
	s, p := m.ed.c.Styles, m.ed.pack
	cells := m.elementStats()
	lines := results.ElementLines(s, p.Criteria, cells, m.width)
	head := len(m.view.head)
	if head == 0 {
		head = 6 // title, question, legend, a blank, the column headings
	}
	if len(lines) <= m.height-head-min(len(m.ed.sess.Participants), 4)-1 {
		return lines
	}
	return results.ElementCompact(s, p.Criteria, cells, m.width)
}

// elementStats describes the grid's element in the round shown, from the
// cells the grid holds, with package stats (stats.Describe), one cell per
// criterion.
func (m *Grid) elementStats() []stats.ElementStats {
	p := m.ed.pack
	th := stats.Thresholds{MaxIQR: p.Consensus.MaxIQR, MinAgreement: p.Consensus.MinAgreement}
	out := make([]stats.ElementStats, 0, len(p.Criteria))
	for _, c := range p.Criteria {
		var values []int
		abstain := 0
		for _, pt := range m.ed.sess.Participants {
			st := m.ed.cells[cellKey{pt.ID, m.element.ID, c.ID, m.ed.round}]
			switch {
			case st.abstain:
				abstain++
			case st.hasValue:
				values = append(values, st.value)
			}
		}
		es := stats.Describe(values, abstain, stats.Scale{Min: c.Min, Max: c.Max}, th)
		es.ElementID, es.Criterion, es.Round = m.element.ID, c.ID, m.ed.round
		out = append(out, es)
	}
	return out
}
