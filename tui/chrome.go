package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/tui/common"
)

// header is the app's name and the screen's title on the left and, over
// a session under way, its step clock on the right: the clock gives way
// last.
func (m Model) header() string {
	s := m.common.Styles
	left := s.Title.Render("trustshop") + s.Faint.Render(" · ") + s.Header.Render(m.active.Title())
	right := m.clockText()
	if right == "" {
		return lipgloss.NewStyle().MaxWidth(m.width).Render(left)
	}
	return common.Spread(left, right, m.width)
}

// footer is the status line or the keys of the active screen. The keys
// to get help and to quit always end the bar; the screen's keys fill what
// room is left, in their order, and "…" says some did not fit (? lists
// them all). A screen that takes every key as typing gets f1 and ctrl+c,
// which work there.
func (m Model) footer() string {
	s := m.common.Styles
	if m.status.Text != "" {
		st := s.OK
		if m.status.IsErr {
			st = s.Error
		}
		return lipgloss.NewStyle().MaxWidth(m.width).Render(st.Render(common.OneLine(m.status.Text)))
	}
	g := m.common.Keys
	tail := []key.Binding{g.Help, g.Quit}
	if m.active.Capturing() {
		tail = []key.Binding{g.HelpAlways, common.WithHelp(g.ForceQuit, "ctrl+c", "quit")}
	}
	return fitKeys(s, m.active.ShortHelp(), tail, m.width)
}

// fitKeys lays out keys and then tail on one line of width w, leaving out
// the keys that do not fit (and any the tail has already).
func fitKeys(s common.Styles, keys, tail []key.Binding, w int) string {
	h := s.Help
	sep := h.ShortSeparator.Render(" • ")
	sepW := ansi.StringWidth(sep)
	item := func(b key.Binding) string {
		return h.ShortKey.Render(b.Help().Key) + " " + h.ShortDesc.Render(b.Help().Desc)
	}
	taken := map[string]bool{}
	var end []string
	endW := 0
	for _, b := range tail {
		taken[b.Help().Key] = true
		it := item(b)
		end = append(end, it)
		endW += ansi.StringWidth(it) + sepW
	}
	endW -= sepW
	var front []string
	used := 0
	cut := false
	for _, b := range keys {
		if !b.Enabled() || b.Help().Key == "" || taken[b.Help().Key] {
			continue
		}
		it := item(b)
		iw := ansi.StringWidth(it) + sepW
		// room for this key, the tail and, if more keys follow, "… • "
		if used+iw+endW > w {
			cut = true
			break
		}
		front, used = append(front, it), used+iw
	}
	if cut {
		ell := h.Ellipsis.Render("…")
		for len(front) > 0 && used+ansi.StringWidth(ell)+sepW+endW > w {
			used -= ansi.StringWidth(front[len(front)-1]) + sepW
			front = front[:len(front)-1]
		}
		front = append(front, ell)
	}
	line := strings.Join(append(front, end...), sep)
	return ansi.Truncate(line, w, "…")
}

func itoa(n int) string { return strconv.Itoa(n) }
