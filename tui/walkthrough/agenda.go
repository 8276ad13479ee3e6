package walkthrough

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/tui/common"
)

// agenda is the agenda pane's own state: whether it has the keys (tab),
// the step selected there, and its rows kept between frames.
type agenda struct {
	focus  bool
	cursor int // the selection while it has the focus
	rows   agendaRows
}

// agendaRows are the agenda's title and step rows, kept between frames:
// they change only with the step, the selection, the size or the theme,
// while the timer line under the current step and the total are drawn in
// every frame.
type agendaRows struct {
	key     agendaKey
	lines   []string
	widths  []int
	timerAt int // the index the timer line goes after; -1 when off screen
}

type agendaKey struct {
	step, cursor, width, height int
	focus                       bool
	theme                       common.Theme
}

// move moves the selection by a key, within n steps.
func (a *agenda) move(msg tea.KeyPressMsg, k KeyMap, n int) {
	switch {
	case key.Matches(msg, k.Up):
		a.cursor--
	case key.Matches(msg, k.Down):
		a.cursor++
	case key.Matches(msg, k.PageUp):
		a.cursor -= 10
	case key.Matches(msg, k.PageDown):
		a.cursor += 10
	case key.Matches(msg, k.Top):
		a.cursor = 0
	case key.Matches(msg, k.Bottom):
		a.cursor = n - 1
	}
	a.cursor = max(0, min(n-1, a.cursor))
}

// agendaView draws the agenda pane, one string a row: the steps with a
// mark (▶ the current one, ✓ visited, ↷ skipped on purpose) and a time
// (spent on those visited, suggested for the others), the current step's
// clock under it, and the total.
func (w *Model) agendaView(g geometry) []string {
	s := w.c.Styles
	inner := g.agendaW - paneFrameW
	steps := w.pack.Agenda
	rows := w.agendaRows(g)
	lines := make([]string, 0, len(rows.lines)+3)
	widths := make([]int, 0, len(rows.lines)+3)
	for i, l := range rows.lines {
		lines, widths = append(lines, l), append(widths, rows.widths[i])
		if i == rows.timerAt {
			lines, widths = append(lines, w.timerLine(inner)), append(widths, -1)
		}
	}
	var total, planned time.Duration
	for i, st := range steps {
		planned += time.Duration(st.Minutes) * time.Minute
		total += w.elapsed(i)
	}
	t := common.Clocks(total, planned)
	sum := t[0] + " of " + t[1] + " in all"
	if lipgloss.Width(sum) > inner {
		sum = t[0] + " of " + t[1]
	}
	lines = append(lines, "", s.Faint.Render(common.ClipText(sum, inner)))
	widths = append(widths, 0, -1)
	border := s.PaneBorder
	if w.agenda.focus {
		border = s.PaneBorderActive
	}
	return common.BoxLines(lines, widths, g.agendaW, w.height, border)
}

// agendaRows returns the title and step rows, from the last frame when
// nothing they show has changed (a reload of the snapshot clears them).
func (w *Model) agendaRows(g geometry) agendaRows {
	a := &w.agenda
	k := agendaKey{step: w.step, cursor: a.cursor, width: g.agendaW, height: w.height, focus: a.focus, theme: w.c.Styles.Theme}
	if a.rows.key == k && a.rows.lines != nil {
		return a.rows
	}
	s := w.c.Styles
	inner := g.agendaW - paneFrameW
	rows := max(1, w.height-paneFrameH-4) // less the title, the timer line, the total and a blank line
	steps := w.pack.Agenda
	// the window of steps shown keeps the current step (or the selection)
	// in view, a third from the top
	focus := w.step
	if a.focus {
		focus = a.cursor
	}
	first := max(0, min(focus-rows/3, len(steps)-rows))
	last := min(len(steps), first+rows)
	title := s.Title.Render("Agenda")
	if a.focus {
		title += s.Faint.Render(" · enter goes · s skips")
	}
	r := agendaRows{key: k, lines: []string{ansi.Truncate(title, inner, "…")}, widths: []int{-1}, timerAt: -1}
	times := w.agendaTimes()
	for i := first; i < last; i++ {
		r.lines, r.widths = append(r.lines, w.agendaLine(i, inner, times[i])), append(r.widths, inner)
		if i == w.step {
			r.timerAt = len(r.lines) - 1
		}
	}
	a.rows = r
	return r
}

// agendaTimes is the time column, in one format: the time spent on the
// steps visited, the suggested time of the others, none for the current
// step (its clock is under it) and the skipped ones.
func (w *Model) agendaTimes() []string {
	ds := make([]time.Duration, len(w.pack.Agenda))
	for i, st := range w.pack.Agenda {
		ds[i] = time.Duration(st.Minutes) * time.Minute
		if w.ws.Steps[st.Key()].Visited {
			ds[i] = w.elapsed(i)
		}
	}
	out := common.Clocks(ds...)
	for i, st := range w.pack.Agenda {
		if i == w.step {
			out[i] = ""
		} else if w.ws.Steps[st.Key()].Skipped {
			out[i] = "skipped"
		}
	}
	return out
}

// agendaLine is one step: its mark, title and time. With the agenda's
// focus a › marks the selection, so it shows without colour too.
func (w *Model) agendaLine(i, width int, right string) string {
	s := w.c.Styles
	st := w.pack.Agenda[i]
	state := w.ws.Steps[st.Key()]
	mark, style := "  ", s.Agenda.Todo
	switch {
	case i == w.step:
		mark, style = "▶ ", s.Agenda.Current
	case state.Skipped:
		mark, style = "↷ ", s.Agenda.Skipped
	case state.Visited:
		mark, style = "✓ ", s.Agenda.Done
	}
	title := w.pack.StepTitle(st)
	if w.agenda.focus {
		cur := " "
		if i == w.agenda.cursor {
			cur = "›"
		}
		mark = cur + mark
	}
	room := width - lipgloss.Width(mark) - lipgloss.Width(right) - 1
	title = common.PadRight(common.ClipText(title, room), room)
	if w.agenda.focus && i == w.agenda.cursor {
		return s.Selected.Render(mark + title + " " + right)
	}
	return style.Render(mark+title) + " " + style.Render(right)
}

// timerLine sits under the current step: the time spent against the
// suggestion, in one format, in the overrun style once it is over.
func (w *Model) timerLine(width int) string {
	s := w.c.Styles
	st := w.currentStep()
	el, plan := w.elapsed(w.step), time.Duration(st.Minutes)*time.Minute
	t := common.Clocks(el, plan, max(0, el-plan))
	text, style := t[0]+" of "+t[1], s.Agenda.Current
	switch {
	case w.ws.Clock.Paused:
		text += " · paused"
	case st.Minutes > 0 && el > plan:
		text, style = text+" · over by "+t[2], s.Agenda.Over
	}
	return "  " + style.Render(common.ClipText(text, width-2))
}
