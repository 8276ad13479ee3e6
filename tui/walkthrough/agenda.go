package walkthrough

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

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

// agendaView draws the agenda pane, one string a row: steps done, the
// current one with its timer against the suggested minutes, and those to come.
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
	var total time.Duration
	planned := 0
	for i, st := range steps {
		planned += st.Minutes
		if i == w.step {
			total += w.timer.elapsed()
		} else {
			total += w.states[st.Key()].Elapsed
		}
	}
	lines = append(lines, "", s.Faint.Render(common.ClipText(fmt.Sprintf("%s of %s in all", clock(total), clock(time.Duration(planned)*time.Minute)), inner)))
	widths = append(widths, 0, -1)
	border := s.PaneBorder
	if w.agenda.focus {
		border = s.PaneBorderActive
	}
	return common.BoxLines(lines, widths, g.agendaW, w.height, border)
}

// agendaRows returns the title and step rows, from the last frame when
// nothing they show has changed.
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
	r := agendaRows{key: k, lines: []string{title}, widths: []int{lipgloss.Width(title)}, timerAt: -1}
	for i := first; i < last; i++ {
		r.lines, r.widths = append(r.lines, w.agendaLine(i, inner)), append(r.widths, inner)
		if i == w.step {
			r.timerAt = len(r.lines) - 1
		}
	}
	a.rows = r
	return r
}

// agendaLine is one step: a mark, the title and its minutes.
func (w *Model) agendaLine(i, width int) string {
	s := w.c.Styles
	st := w.pack.Agenda[i]
	title := w.pack.StepTitle(st)
	var mark, right string
	style := s.Agenda.Todo
	switch {
	case i == w.step:
		mark, style = "▶ ", s.Agenda.Current
	case i < w.step:
		mark, style = "✓ ", s.Agenda.Done
		right = fmt.Sprintf("%d'", int(w.states[st.Key()].Elapsed.Round(time.Minute)/time.Minute))
	default:
		mark = "  "
		right = fmt.Sprintf("%d'", st.Minutes)
	}
	return w.agendaRow(mark, title, style, right, style, width, i)
}

// timerLine sits under the current step: time spent against the
// suggestion, in the overrun style once it is over.
func (w *Model) timerLine(width int) string {
	s := w.c.Styles
	st := w.currentStep()
	el := w.timer.elapsed()
	text := fmt.Sprintf("%s of %s", clock(el), clock(time.Duration(st.Minutes)*time.Minute)) // both m:ss, so 0:10 is not read as ten minutes
	if st.Minutes > 0 && el > time.Duration(st.Minutes)*time.Minute {
		return "  " + s.Agenda.Over.Render(common.ClipText(text+" · over by "+clock(el-time.Duration(st.Minutes)*time.Minute), width-2))
	}
	return "  " + s.Agenda.Current.Render(common.ClipText(text, width-2))
}

func (w *Model) agendaRow(mark, title string, ts lipgloss.Style, right string, rs lipgloss.Style, width, i int) string {
	s := w.c.Styles
	room := width - 2 - lipgloss.Width(right) - 1
	title = common.PadRight(common.ClipText(title, room), room)
	if w.agenda.focus && i == w.agenda.cursor {
		return s.Selected.Render(mark + title + " " + right)
	}
	return ts.Render(mark+title) + " " + rs.Render(right)
}

// clock formats a duration as m:ss, or h:mm:ss from an hour on.
func clock(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, sec := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}
