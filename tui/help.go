package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// compactHelp returns the help's lines for a window too small for the
// dialog, and how many of them fit beside the border and the closing hint.
func (m Model) compactHelp() (lines []string, room int) {
	frame := m.common.Styles.Dialog.Padding(0, 1)
	lines = strings.Split(m.fullHelp(m.width-frame.GetHorizontalFrameSize()), "\n")
	return lines, max(1, m.height-2-frame.GetVerticalFrameSize()-1)
}

// helpOverflow is how far the help can scroll: 0 when it fits.
func (m Model) helpOverflow() int {
	lines, room := m.compactHelp()
	return max(0, len(lines)-room)
}

// fullHelp lays the active screen's key groups out in columns, in as few
// rows of columns as fit the width.
func (m Model) fullHelp(width int) string {
	groups := m.active.FullHelp()
	h := m.help
	h.SetWidth(0) // measure whole columns: a width would cut them off with "…"
	for per := len(groups); per > 1; per-- {
		var rows []string
		for i := 0; i < len(groups); i += per {
			rows = append(rows, h.FullHelpView(groups[i:min(len(groups), i+per)]))
		}
		out := strings.Join(rows, "\n\n")
		if lipgloss.Width(out) <= width {
			return out
		}
	}
	var rows []string
	for _, g := range groups {
		rows = append(rows, h.FullHelpView([][]key.Binding{g}))
	}
	return strings.Join(rows, "\n\n")
}
