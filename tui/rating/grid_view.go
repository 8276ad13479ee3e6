package rating

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// gridCache keeps the rendered lines of the rating grid. A key press
// re-renders at most the two rows the cursor left and entered; a change of
// data, size or mode re-renders the lot.
type gridCache struct {
	valid  bool
	headOK bool
	distOK bool
	head   []string // title, question, legend, column headings
	rows   []string // one per participant; "" when stale
	dist   []string // distribution lines once revealed
	star   bool     // a cell shown carries "*" (a comment): the hint says what it means
	layout gridLayout
	// Renders counts rendered rows, for tests of the cache.
	Renders int
}

func (g *gridCache) invalidate()     { g.valid = false }
func (g *gridCache) invalidateHead() { g.headOK = false }
func (g *gridCache) rowChanged(i int) {
	if i >= 0 && i < len(g.rows) {
		g.rows[i] = ""
	}
}

// View draws the grid.
func (m *Grid) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	s := m.ed.c.Styles
	if !m.ed.loaded && m.loadErr != nil {
		msg := "The ratings could not be read: " + m.loadErr.Error() + "."
		if errors.Is(m.loadErr, session.ErrNotFound) {
			msg = "This session is no longer in the database: it may have been deleted by another trustshop. Quitting keeps what was typed in a file and says where."
		}
		return s.Warn.Render(ansi.Wordwrap(msg, max(10, m.width), " "))
	}
	if !m.ed.loaded {
		return s.Faint.Render("Reading the ratings…")
	}
	if len(m.ed.sess().Participants) == 0 || len(m.ed.pack().Criteria) == 0 {
		return s.Warn.Render("This session has no participants or the pack no criteria: nothing to rate.")
	}
	m.render()
	foot := m.footLines()
	// Rows come first on a small screen. Round 1's feedback under the
	// table gives way to show every participant that fits, then the hint
	// line; revealed results (what the room looks at then) keep their
	// lines while three participants show.
	want := min(len(m.ed.sess().Participants), 3)
	if m.panel() == panelFeedback {
		want = len(m.ed.sess().Participants)
	}
	if over := len(m.view.head) + len(foot) + want - m.height; over > 0 && !m.ed.commenting && !m.confirming {
		if m.panel() == panelFeedback {
			foot = m.trimFoot(foot, over)
		} else {
			foot = foot[:max(0, len(foot)-over)]
		}
	}
	vis := max(1, m.height-len(m.view.head)-len(foot))
	m.scrollTo(vis)
	lines := make([]string, 0, m.height)
	lines = append(lines, m.view.head...)
	end := min(len(m.view.rows), m.top+vis)
	for i := m.top; i < end; i++ {
		if m.view.rows[i] == "" {
			m.view.rows[i] = m.renderRow(i)
		}
		lines = append(lines, m.view.rows[i])
	}
	lines = append(lines, foot...)
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	return m.place(lines)
}

// trimFoot drops over lines from the foot under a feedback panel: the
// hint first, then the panel's last lines (its least important: the
// roles), never half a table. A panel cut away entirely leaves a line
// saying so.
func (m *Grid) trimFoot(foot []string, over int) []string {
	panel := 0
	if m.view.layout.distW == 0 {
		panel = len(m.view.dist)
	}
	room := len(foot) - over
	if room >= panel {
		return foot[:room]
	}
	keep := max(0, room)
	if keep > 0 && ansi.Strip(foot[keep]) != "" {
		for keep > 0 && ansi.Strip(foot[keep-1]) != "" {
			keep--
		}
		if keep == 0 {
			keep = max(0, room) // one block: its first lines are better than none
		}
		for keep > 0 && ansi.Strip(foot[keep-1]) == "" {
			keep--
		}
	}
	if keep == 0 && room > 0 {
		return []string{m.ed.c.Styles.Faint.Render(ansi.Truncate(fmt.Sprintf(
			"a taller window shows round %d's feedback here · f hides it", m.round-1), m.view.layout.headW, "…"))}
	}
	// the lines a cut table leaves free go to the hint
	hint := foot[panel:]
	return append(foot[:keep:keep], hint[:min(len(hint), max(0, room-keep))]...)
}

// place puts the revealed results beside the table when the layout has
// room for them, and centres the whole in the pane.
func (m *Grid) place(lines []string) string {
	l := m.view.layout
	if l.distW > 0 {
		for i, d := range m.view.dist {
			if i >= m.height {
				break
			}
			if i >= len(lines) {
				lines = append(lines, "")
			}
			lines[i] = common.PadRight(lines[i], l.headW+distGap) + d
		}
	}
	if l.pad > 0 {
		pad := strings.Repeat(" ", l.pad)
		for i := range lines {
			lines[i] = pad + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// scroll keeps the cursor row on screen with the last known height.
func (m *Grid) scroll() {
	if m.view.valid {
		m.scrollTo(max(1, m.height-len(m.view.head)-3))
	}
}

func (m *Grid) scrollTo(vis int) {
	switch {
	case m.row < m.top:
		m.top = m.row
	case m.row >= m.top+vis:
		m.top = m.row - vis + 1
	}
	m.top = max(0, min(m.top, len(m.ed.sess().Participants)-vis))
}

// render rebuilds what the cache lacks.
func (m *Grid) render() {
	if !m.view.valid {
		m.view.layout = m.layout()
		m.view.rows = make([]string, len(m.ed.sess().Participants))
		m.view.headOK, m.view.distOK = false, false
		m.view.valid = true
	}
	if !m.view.distOK {
		switch m.view.dist = nil; m.panel() {
		case panelResults:
			m.view.dist = m.revealedResults() // grid_results.go
		case panelFeedback:
			m.view.dist = m.feedbackPanel() // grid_results.go
		}
		m.view.distOK = true
	}
	if !m.view.headOK {
		m.view.head = m.headLines()
		m.view.star = m.anyComment()
		m.view.headOK = true
	}
}

// headLines are the title, the focused criterion's question, the label of
// every scale point and the column headings.
func (m *Grid) headLines() []string {
	s := m.ed.c.Styles
	w := m.view.layout.headW
	cr := m.ed.pack().Criteria[m.col]
	mode := s.Rating.Abstain.Render("blind")
	if m.showsValues() {
		mode = s.OK.Render("revealed")
	}
	parts := len(m.ed.sess().Participants)
	total := parts * len(m.ed.pack().Criteria)
	// Round, mode and count stay on the right; a narrow pane cuts the title.
	right := s.Faint.Render(fmt.Sprintf("round %d · ", m.round)) + mode + s.Faint.Render(fmt.Sprintf(" · %d/%d given", m.givenInElement(), total))
	if w < 70 {
		right = s.Faint.Render(fmt.Sprintf("r%d ", m.round)) + mode + s.Faint.Render(fmt.Sprintf(" %d/%d", m.givenInElement(), total))
	}
	lines := []string{common.Spread(s.Bold.Render(m.element.Title), right, w)}

	compact := m.height < 12+min(parts, 4)
	q := s.Rating.Header.Render(cr.Label+":") + " " + cr.Question
	if compact {
		lines = append(lines, ansi.Truncate(q, w, "…"))
	} else {
		lines = append(lines, strings.Split(ansi.Wordwrap(q, w, " "), "\n")...)
	}
	var sel *int
	if st, ok := m.ed.cells[m.cursorKey()]; ok && st.hasValue && m.showsValues() {
		sel = &st.value
	}
	lines = append(lines, legendLines(s, cr, sel, w)...)
	if !compact {
		lines = append(lines, "")
	}
	lines = append(lines, m.columnHeadings(len(lines)+1))
	return lines
}

// legendLines lists every point of the scale with its label, wrapped at
// point boundaries: "1 Hardly at all · 2 A little · …". sel, if set, is
// highlighted.
func legendLines(s common.Styles, cr content.Criterion, sel *int, w int) []string {
	var lines []string
	var line strings.Builder
	lineW := 0
	for v := cr.Min; v <= cr.Max; v++ {
		item := strings.TrimSpace(strconv.Itoa(v) + " " + common.OneLine(cr.PointLabel(v))) // a point between anchors has no label
		iw := ansi.StringWidth(item)
		if lineW > 0 && lineW+3+iw > w {
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		}
		if lineW > 0 {
			line.WriteString(s.Faint.Render(" · "))
			lineW += 3
		}
		st := s.Subtle
		if sel != nil && *sel == v {
			st = s.Rating.Cursor
		}
		line.WriteString(st.Render(ansi.Truncate(item, w, "…")))
		lineW += min(iw, w)
	}
	if lineW > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// columnHeadings are the headings of the grid below headLines lines.
func (m *Grid) columnHeadings(headLines int) string {
	s, l := m.ed.c.Styles, m.view.layout
	var b strings.Builder
	head := "Participant"
	if l.name < len(head)+2 {
		head = "Name"
	}
	b.WriteString(s.Faint.Render(common.Pad(head, l.name)))
	for i, c := range m.ed.pack().Criteria {
		b.WriteString(strings.Repeat(" ", gridGap))
		st := s.Faint
		if i == m.col {
			st = s.Rating.Header
		}
		b.WriteString(st.Render(common.Pad(c.Label, l.cell)))
	}
	b.WriteString(strings.Repeat(" ", gridGap))
	label := "overall"
	if l.progress < progressW {
		label = "all"
	}
	if len(m.ed.sess().Participants) > m.height-headLines-1 {
		label += "↕" // more rows than fit: they scroll
	}
	b.WriteString(s.Faint.Render(common.Pad(label, l.progress)))
	return b.String()
}

// renderRow draws one participant's row.
func (m *Grid) renderRow(i int) string {
	m.view.Renders++
	s, l := m.ed.c.Styles, m.view.layout
	p := m.ed.sess().Participants[i]
	var b strings.Builder
	mark, nameSt := "  ", s.Rating.Cell
	if i == m.row {
		mark, nameSt = "› ", s.Bold
	}
	label := participantLabel(p)
	if l.short {
		label = p.Name
	}
	b.WriteString(nameSt.Render(common.Pad(mark+label, l.name)))
	for j, c := range m.ed.pack().Criteria {
		b.WriteString(strings.Repeat(" ", gridGap))
		st := m.ed.shown(cellKey{p.ID, m.element.ID, c.ID, m.round})
		text, style := cellText(s, st, c, m.showsValues(), l.cell < 12)
		if i == m.row && j == m.col {
			// Brackets as well as the highlight: the cell stays findable
			// without colour (NO_COLOR, a washed-out projector).
			text, style = "["+text+"]", s.Rating.Cursor
		}
		b.WriteString(style.Render(common.Pad(text, l.cell)))
	}
	b.WriteString(strings.Repeat(" ", gridGap))
	// the engine's count over the session: every element's current round
	// this participant could rate
	o := m.overall[p.ID]
	prog := fmt.Sprintf("%d/%d", o.Given, o.Asked)
	st := s.Faint
	if o.Given >= o.Asked {
		st = s.OK
		if l.progress >= progressW {
			prog = "✓ " + prog
		}
	}
	b.WriteString(st.Render(prog))
	return b.String()
}
