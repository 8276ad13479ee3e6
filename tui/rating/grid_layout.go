package rating

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/tui/common"
)

// gridLayout is the width of each column, and where the parts of the grid
// go in the pane: the title, the question and the legend at a readable
// measure, the table under them, the revealed results beside the table
// when the pane has room (else under it), and the whole centred.
type gridLayout struct {
	name, cell, progress int
	short                bool // names without their roles: the roles did not fit
	tableW               int  // names, cells and progress
	headW                int  // the title, the question, the legend, the hints
	distW                int  // the revealed results beside the table; 0: under it
	belowW               int  // the revealed results under the table
	pad                  int  // the left margin that centres the grid
}

const (
	gridGap     = 2
	minCellW    = 8
	maxCellW    = 22
	progressW   = 8
	commentMark = " *"
	maxNameW    = 40
	distGap     = 3  // between the table and the results beside it
	minDistW    = 44 // the results beside the table need this much
)

// layout fits the grid to the pane: names with their roles, then without
// (a name is worth more than its role), then narrower cells, then symbols
// only, so that a name reads in full as long as anything does.
func (m *Grid) layout() gridLayout {
	crit := max(1, len(m.ed.pack().Criteria))
	full, short := 8, 8
	for _, p := range m.ed.sess().Participants {
		full = max(full, ansi.StringWidth(participantLabel(p))+2)
		short = max(short, ansi.StringWidth(p.Name)+2)
	}
	full, short = min(full, maxNameW), min(short, maxNameW)
	cell := 15 // "[– abstained *]"
	for _, c := range m.ed.pack().Criteria {
		cell = max(cell, ansi.StringWidth(c.Label))
	}
	if m.showsValues() {
		cell = maxCellW
	}
	l := gridLayout{name: full, cell: min(cell, maxCellW), progress: progressW}
	if m.width < 50 {
		l.progress = 5 // "14/14"
	}
	fixed := l.progress + gridGap*(crit+1)
	room := func() int { return m.width - fixed - l.name }
	if l.cell*crit > room() {
		l.name, l.short = short, true
	}
	if l.cell*crit > room() {
		l.cell = max(minCellW, room()/crit)
	}
	if l.cell < 12 {
		// Too narrow for words: symbols and values only, names get the room.
		l.cell = 6 // "[10 *]"
		l.name, l.short = min(full, m.width-fixed-l.cell*crit), false
		if l.name < full {
			l.name, l.short = min(short, m.width-fixed-l.cell*crit), true
		}
		l.name = max(8, l.name)
	}
	if over := l.name + fixed + l.cell*crit - m.width; over > 0 {
		l.name = max(8, l.name-over)
	}
	l.tableW = l.name + fixed + l.cell*crit
	l.headW = min(m.width, max(l.tableW, common.ReadingWidth))
	block := l.headW
	switch {
	case m.panel() == panelNone:
	case m.width-l.tableW-distGap >= minDistW:
		l.headW = l.tableW
		l.distW = min(m.width-l.tableW-distGap, 2*resultsColumn+distGap)
		block = l.tableW + distGap + l.distW
	default:
		l.belowW = min(m.width, 2*resultsColumn+distGap)
		block = max(block, l.belowW)
	}
	l.pad = max(0, (m.width-block)/2)
	return l
}

// resultsColumn is the widest a criterion's results column gets
// (results.ElementLines).
const resultsColumn = 50
