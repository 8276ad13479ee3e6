package sessionedit

// The session-edit screen drawn (edit.go handles its keys and commands).

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/tui/common"
)

// View implements common.Screen.
func (m *Model) View() string {
	s := m.c.Styles
	switch {
	case m.err != nil:
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center,
			s.Dialog.Render(s.ErrorTitle.Render("The session could not be read")+"\n\n"+common.WrapText(m.err.Error(), m.innerWidth())+"\n\n"+s.Faint.Render("esc goes back")))
	case !m.loaded:
		return s.Faint.Render("  Reading the session…")
	}
	w := m.innerWidth()
	sess := m.ws.Session
	site := s.Faint.Render("none: e enters one")
	if sess.Site != "" {
		site = s.App.Render(common.OneLine(sess.Site))
	}
	head := []string{s.Title.Render("Title"), m.row0(s, w), "", s.Title.Render("Site"), m.line(s, rowSite, site, w), "",
		s.Title.Render(fmt.Sprintf("Participants (%d)", len(sess.Participants)))}
	nameW := 8
	for _, p := range sess.Participants {
		nameW = max(nameW, common.Width(common.OneLine(p.Name)))
	}
	nameW = min(nameW, w/2)
	var people []string
	for i, p := range sess.Participants {
		role := p.Role
		if x, ok := m.ws.Pack.Persona(p.Role); ok && x.Short != "" {
			role = x.Short
		}
		text := common.Pad(common.OneLine(p.Name), nameW) + "  " + s.Subtle.Render(common.OneLine(role))
		if p.Organisation != "" {
			text += s.Faint.Render(" · " + common.OneLine(p.Organisation))
		}
		people = append(people, m.line(s, i+firstPerson, text, w))
	}
	people = append(people, m.line(s, m.rows()-1, s.Accent.Render("+ add a participant"), w))
	var foot []string
	if m.editing != editNone {
		foot = append(foot, "", m.input.View())
	}
	if m.problem != "" {
		foot = append(foot, "")
		foot = append(foot, strings.Split(s.Error.Render(common.WrapText(m.problem, w)), "\n")...)
	}
	hint := "↑/↓ choose · enter edits · a adds a participant · esc back"
	if m.editing != editNone {
		hint = "enter saves · esc drops it"
	}
	foot = append(foot, "", s.Faint.Render(common.ClipText(hint, w)))
	render := func(st lipgloss.Style, room int) string {
		lines := append(append(slices.Clip(head), m.window(s, people, room)...), foot...)
		return st.Render(strings.Join(lines, "\n"))
	}
	// the whole box stays on the screen, its bottom border too: with too
	// little height the padding goes, then the blank lines around the site,
	// then the participants scroll around the selection
	st := s.Dialog
	box := render(st, len(people))
	if lipgloss.Height(box) > m.height {
		st = s.Dialog.Padding(0, 1)
		box = render(st, len(people))
	}
	if over := lipgloss.Height(box) - m.height; over > 0 {
		head = []string{head[1], m.line(s, rowSite, s.Subtle.Render("Site: ")+site, w), head[6]}
		box = render(st, len(people))
		if over := lipgloss.Height(box) - m.height; over > 0 {
			box = render(st, max(1, len(people)-over))
		}
	}
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}

// window is at most room of the participant rows, those around the
// selection, with a line saying how many more are above and below.
func (m *Model) window(s common.Styles, people []string, room int) []string {
	if room >= len(people) {
		return people
	}
	room = max(1, room-1) // one line says what is hidden
	sel := max(0, m.row-firstPerson)
	start := min(max(0, sel-room/2), len(people)-room)
	out := slices.Clone(people[start : start+room])
	above, below := start, len(people)-start-room
	return append(out, s.Faint.Render(fmt.Sprintf("  ↑ %d more · ↓ %d more", above, below)))
}

func (m *Model) row0(s common.Styles, w int) string {
	return m.line(s, 0, s.Bold.Render(common.OneLine(m.ws.Session.Title)), w)
}

// line is a selectable row; the selection has a › as well as its colour,
// so it shows without colour too.
func (m *Model) line(s common.Styles, i int, text string, w int) string {
	if i == m.row {
		return s.Accent.Render("› ") + s.Selected.Render(ansi.Truncate(ansi.Strip(text), w-2, "…"))
	}
	return "  " + ansi.Truncate(text, w-2, "…")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
