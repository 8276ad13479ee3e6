package rating

// A cell's text and the grid's foot lines (grid_view.go draws the rest).

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/common"
)

// cellText is what a cell shows: while blind "✓ rated", "· open" or "–
// abstained"; once shown, the value and its label. " *" marks a comment.
// short drops the words for a narrow pane: "✓", "·", "–", or the value.
func cellText(s common.Styles, st cellState, cr content.Criterion, show, short bool) (string, lipgloss.Style) {
	var text string
	style := s.Rating.Rated
	switch {
	case st.abstain:
		text, style = "– abstained", s.Rating.Abstain
	case st.hasValue && show:
		text = strings.TrimSpace(strconv.Itoa(st.value) + " " + common.OneLine(cr.PointLabel(st.value)))
	case st.hasValue || st.hidden:
		text = "✓ rated"
	default:
		text, style = "· open", s.Rating.Open
	}
	if short {
		text, _, _ = strings.Cut(text, " ")
	}
	if st.comment != "" || st.commented {
		text += commentMark
	}
	return text, style
}

// footLines are the distribution once revealed, the comment of the cell
// under the cursor, and the comment input or the reveal question.
func (m *Grid) footLines() []string {
	s, w := m.ed.c.Styles, m.view.layout.headW
	var lines []string
	if m.view.layout.distW == 0 {
		lines = append(lines, m.view.dist...)
	}
	switch {
	case m.ed.commenting:
		lines = append(lines, s.Accent.Render("Comment on "+m.ed.cellName(m.ed.commentKey)+":"), m.ed.comment.View())
	case m.confirming:
		lines = append(lines, s.Warn.Render("Not everyone has rated this element:"))
		for _, l := range MissingLines(m.missing, true, max(1, m.height/3)) {
			lines = append(lines, ansi.Truncate("  "+l, w, "…"))
		}
		lines = append(lines, s.Warn.Render("Reveal the results anyway? y reveals · n/esc cancels"))
	case m.opening:
		for _, l := range wrapWords(fmt.Sprintf("Open round %d of %s%s Round %d closes and its results become the feedback of round %d.",
			m.round+1, m.element.Title, questionMark(m.element.Title), m.round, m.round+1), w) {
			lines = append(lines, s.Warn.Render(l))
		}
		lines = append(lines, s.Warn.Render("y opens · n/esc cancels"))
	default:
		st := m.ed.shown(m.cursorKey())
		star := ""
		if m.view.star {
			star = "* has a comment · "
		}
		switch {
		case st.comment == "" && !st.commented && m.showsValues():
			lines = append(lines, s.Faint.Render(ansi.Truncate(star+"] next round (Delphi) · [ earlier round"+m.feedbackHint(), w, "…")))
		case st.comment == "" && !st.commented:
			lines = append(lines, s.Faint.Render(ansi.Truncate(star+"ctrl+o reveals once all have rated"+m.feedbackHint(), w, "…")))
		case m.showsValues():
			lines = append(lines, ansi.Truncate(s.Accent.Render("Comment: ")+st.comment, w, "…"))
		default:
			lines = append(lines, s.Faint.Render("Comment: hidden until the results are revealed"))
		}
	}
	return lines
}

// anyComment reports whether a cell the grid shows carries "*": only
// then does the hint line say what it means.
func (m *Grid) anyComment() bool {
	for _, p := range m.ed.sess().Participants {
		for _, c := range m.ed.pack().Criteria {
			if st := m.ed.shown(cellKey{p.ID, m.element.ID, c.ID, m.round}); st.comment != "" || st.commented {
				return true
			}
		}
	}
	return false
}
