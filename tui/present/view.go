package present

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/devices"
	"github.com/trustshop/trustshop/tui/results"
	"github.com/trustshop/trustshop/tui/walkthrough"
)

// View implements tea.Model: the whole window, no frames and no keys,
// the theme's own colours.
func (m *Model) View() tea.View {
	v := tea.NewView(m.c.Frame(m.render()))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	if m.profile > colorprofile.Ascii {
		v.BackgroundColor, v.ForegroundColor = m.c.Styles.Background, m.c.Styles.Foreground
	}
	v.WindowTitle = "trustshop present"
	if m.loaded {
		v.WindowTitle += " · " + common.OneLine(m.ws.Session.Title)
	}
	return v
}

func (m *Model) render() string {
	s := m.c.Styles
	switch {
	case m.width == 0:
		return ""
	case m.err != nil:
		text := s.ErrorTitle.Render("The session cannot be shown") + "\n\n" + common.WrapText(m.err.Error(), min(70, m.width-8)) +
			"\n\n" + s.Faint.Render("q quits")
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, s.Dialog.Render(text))
	case !m.loaded:
		return s.Faint.Render("  Opening the session…")
	}
	lines := make([]string, 0, m.height)
	lines = append(lines, m.headLine(), "")
	if m.join { // the facilitator shows the room how to join from their devices
		lines = append(lines, strings.Split(devices.JoinView(s, m.serve, m.width, m.bodyHeight()), "\n")...)
		lines = append(lines, m.footLine(0))
		return strings.Join(lines[:min(len(lines), m.height)], "\n")
	}
	body := m.bodyLines()
	margin := strings.Repeat(" ", max(0, (m.width-m.textWidth())/2))
	end := min(len(body), m.scroll+m.bodyHeight())
	for _, l := range body[m.scroll:end] {
		lines = append(lines, margin+l)
	}
	for len(lines) < m.height-1 {
		lines = append(lines, "")
	}
	lines = append(lines, m.footLine(len(body)))
	return strings.Join(lines[:m.height], "\n")
}

// bodyHeight is the rows for the item: all but the head, a blank line and
// the foot.
func (m *Model) bodyHeight() int { return max(1, m.height-3) }

// textWidth is the item's measure, centred: large on a projector, never
// too long a line to follow.
func (m *Model) textWidth() int { return max(20, min(m.width-4, common.ReadingWidth)) }

// headLine is the session's title and the step's clock.
func (m *Model) headLine() string {
	s := m.c.Styles
	sc := m.stepClock()
	left := s.Faint.Render(common.OneLine(m.ws.Session.Title))
	if !sc.Running() && !sc.Paused {
		return ansi.Truncate(left, m.width, "…")
	}
	text, over := common.ClockText(sc, m.c.Now())
	st := s.Clock.Left
	switch {
	case over:
		st = s.Clock.Over
	case sc.Paused:
		st = s.Clock.Paused
	}
	return common.Spread(" "+left, st.Render(text)+" ", m.width)
}

// footLine says where the session stands, and how far down a long item
// the window is.
func (m *Model) footLine(bodyLen int) string {
	s := m.c.Styles
	st := m.ws.Pack.Agenda[stepOf(m.ws)]
	left := fmt.Sprintf(" Step %d of %d · %s", stepOf(m.ws)+1, len(m.ws.Pack.Agenda), m.ws.Pack.StepTitle(st))
	if it, ok := m.ws.Pack.Item(m.ws.View.ShownOver(st.Key())); ok {
		left += " › " + it.Title
	}
	right := ""
	if bodyLen > m.bodyHeight() {
		right = fmt.Sprintf("↓ %d%% ", 100*m.scroll/max(1, bodyLen-m.bodyHeight()))
	}
	return s.Faint.Render(common.Spread(left, right, m.width))
}

// stepClock is the clock of the current step, from the snapshot.
func (m *Model) stepClock() session.StepClock {
	i := stepOf(m.ws)
	st := m.ws.Pack.Agenda[i]
	return session.StepClock{
		SessionID: m.ws.Session.ID, Step: i, Steps: len(m.ws.Pack.Agenda), StepKey: st.Key(), Title: m.ws.Pack.StepTitle(st),
		Planned: time.Duration(st.Minutes) * time.Minute, Elapsed: m.ws.Steps[st.Key()].Elapsed, Clock: m.ws.Clock,
	}
}

// bodyLines is the current item as the room sees it.
func (m *Model) bodyLines() []string {
	s, md, p := m.c.Styles, m.c.Markdown, m.ws.Pack
	w := m.textWidth()
	st := p.Agenda[stepOf(m.ws)]
	hash := p.ContentHash
	if id := m.ws.View.ShownOver(st.Key()); id != "" { // an item the facilitator opened from the step
		if it, ok := p.Item(id); ok {
			if it.Kind == content.StepElement {
				if lines, ok := m.elementResults(id, w); ok {
					return lines
				}
			}
			return strings.Split(md.Render(hash+":"+it.ID, p.Markdown(it), w), "\n")
		}
	}
	var out string
	switch st.Kind {
	case content.StepMap:
		out = md.Render(hash+":map:head", walkthrough.MapHead, w) + "\n\n" + s.App.Render(p.StakeholderMap(w)) +
			"\n\n" + md.Render(hash+":map:legend", walkthrough.MapLegend(p), w)
	case content.StepSummary:
		src := "# Summary: " + m.ws.Session.Title + "\n\n"
		if m.summary != "" {
			src += m.summary
		} else {
			src += "No rating results to show yet.\n"
		}
		out = md.Render(fmt.Sprintf("present:summary:%d:%s", m.ws.Seq, m.ws.Session.ID), src, w)
	case content.StepElement:
		if lines, ok := m.elementResults(st.Ref, w); ok {
			return lines
		}
		fallthrough
	default:
		id := st.Ref
		if id == "" {
			id = content.IntroID
		}
		it, ok := p.Item(id)
		if !ok {
			return []string{s.Error.Render("Unknown item " + st.Key())}
		}
		out = md.Render(hash+":"+it.ID, p.Markdown(it), w)
	}
	return strings.Split(out, "\n")
}

// elementResults is an element's results in the latest round the room
// may see, once a round of it was revealed to the room: its title, the
// round and the bars of each criterion. ok is false while every round of
// it is blind to the room (the engine's read-model decides).
func (m *Model) elementResults(id string, w int) ([]string, bool) {
	s, p, v := m.c.Styles, m.ws.Pack, m.view
	if v == nil {
		return nil, false
	}
	el, _ := p.Element(id)
	for r := m.ws.Rounds.Current(id).Round; r >= 1; r-- {
		// only a round revealed to the room, and one somebody rated
		if !m.ws.See(session.Viewer{Kind: session.ViewRoom}, id, r).Values || v.Hidden(id, r) {
			continue
		}
		var cells []stats.ElementStats
		rated := false
		for _, c := range p.Criteria {
			if x := v.Cell(id, c.ID, r); x != nil {
				cells = append(cells, *x)
				rated = rated || x.N+x.Abstain > 0
			}
		}
		if !rated {
			continue
		}
		head := m.c.Markdown.Render(p.ContentHash+":present:title:"+id, "# "+el.Title, w)
		lines := strings.Split(head, "\n")
		lines = append(lines, "", s.Subtle.Render(fmt.Sprintf("Results of round %d", r)), "")
		// the room reads the bars: laid out for what the window has left
		return append(lines, results.ElementFit(s, p.Criteria, cells, w, m.bodyHeight()-len(lines))...), true
	}
	return nil, false
}
