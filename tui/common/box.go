package common

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// BoxLines draws lines in a rounded box outerW x outerH with one column of
// padding, the way Styles.Pane does, but by hand: lipgloss would measure and
// wrap every line of the frame again, which is most of a frame's cost at
// 200x60. widths gives the width of each line when the caller knows it
// (-1 or a short slice: measure it). Lines too wide are cut; missing lines
// are blank. Every returned line is exactly outerW wide.
func BoxLines(lines []string, widths []int, outerW, outerH int, border lipgloss.Style) []string {
	innerW, rows := max(0, outerW-4), max(0, outerH-2)
	side := border.Render("│")
	out := make([]string, 0, outerH)
	out = append(out, border.Render("╭"+strings.Repeat("─", max(0, outerW-2))+"╮"))
	var b strings.Builder
	for i := range rows {
		line, w := "", 0
		if i < len(lines) {
			line = lines[i]
			w = -1
			if i < len(widths) {
				w = widths[i]
			}
			if w < 0 {
				w = ansi.StringWidth(line)
			}
			if w > innerW {
				line, w = ansi.Truncate(line, innerW, "…"), innerW
			}
		}
		b.Reset()
		b.WriteString(side)
		b.WriteByte(' ')
		b.WriteString(line)
		b.WriteString(strings.Repeat(" ", innerW-w))
		b.WriteByte(' ')
		b.WriteString(side)
		out = append(out, b.String())
	}
	out = append(out, border.Render("╰"+strings.Repeat("─", max(0, outerW-2))+"╯"))
	return out
}
