package rating

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/common"
)

// View implements common.Screen.
func (m *Laptop) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	s := m.ed.c.Styles
	switch {
	case !m.ed.loaded:
		return s.Faint.Render("Reading the ratings…")
	case len(m.ed.sess().Participants) == 0 || len(m.ed.pack().Elements) == 0 || len(m.ed.pack().Criteria) == 0:
		return s.Warn.Render("Nothing to rate: the session has no participants or the pack no elements or criteria. esc goes back.")
	}
	var lines []string
	switch m.stage {
	case stageHandover:
		return m.handoverView()
	case stageDone:
		return m.doneView()
	case stageTurnEnd:
		lines = m.turnEndView()
	default:
		lines = m.ratingView()
	}
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	return strings.Join(lines, "\n")
}

// box centres a dialog on the screen.
func (m *Laptop) box(body string) string {
	s := m.ed.c.Styles
	w := min(m.width-4, 72)
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, s.Dialog.Width(w).Render(body))
}

// handoverView hides every value and names who comes next.
func (m *Laptop) handoverView() string {
	s := m.ed.c.Styles
	p := m.expert()
	n := len(m.ed.sess().Participants)
	var b strings.Builder
	b.WriteString(s.Title.Render("Pass the laptop to "+participantLabel(p)) + "\n\n")
	fmt.Fprintf(&b, "%s: press enter when you are ready.\n\n", p.Name)
	ne, nc := len(m.ed.pack().Elements), len(m.ed.pack().Criteria)
	crit := "criteria"
	if nc == 1 {
		crit = "criterion"
	}
	fmt.Fprintf(&b, "Expert %d of %d · %s · %d element%s × %d %s.\n", m.turn+1, n, m.roundsText(), ne, common.Plural(ne), nc, crit)
	b.WriteString("You will see only your own ratings.\n")
	if len(m.ed.feedback) > 0 {
		b.WriteString("Where an element is in a later round, you see the group's answers of the round before, yours marked, and rate again.\n")
	}
	b.WriteString("\n")
	b.WriteString(s.Faint.Render("n/p picks another expert · esc ends pass-the-laptop"))
	return m.box(b.String())
}

// ratingView is one element for one expert: title, the start of the
// description, every criterion with its question, every scale point and
// the expert's own rating.
func (m *Laptop) ratingView() []string {
	s, w, ed := m.ed.c.Styles, m.width, m.ed
	el := m.element()
	compact := m.height < 24
	head := s.Bold.Render(participantLabel(m.expert())) +
		s.Faint.Render(fmt.Sprintf(" · element %d of %d · round %d", m.el+1, len(ed.pack().Elements), m.roundOf(el.ID)))
	lines := []string{ansi.Truncate(head, w, "…"), ansi.Truncate(s.Title.Render(el.Title), w, "…")}
	fb, hasFB := ed.feedback[el.ID]
	if hasFB && m.details {
		lines = append(lines, "", s.Accent.Render(ansi.Truncate(fmt.Sprintf("Round %d, the group's answers · f or esc: back to rating", fb.Round), w, "…")))
		return m.withFoot(append(lines, feedbackLines(s, ed.pack(), fb, w, m.height-len(lines)-1)...))
	}
	descLines, fbAll := 3, true
	if compact {
		descLines = 1
	}
	body := m.criteriaLines(compact, fbAll)
	if compact && hasFB && 2+descLines+1+len(body) >= m.height {
		// a small screen in a Delphi round: the text was read in round 1,
		// the feedback takes its line; then only the cursor's feedback
		descLines = 0
		if 2+1+len(body) >= m.height {
			fbAll = false
			body = m.criteriaLines(compact, fbAll)
		}
	}
	if descLines > 0 {
		for _, l := range m.describe(el, min(w, common.MaxTextWidth), descLines) {
			lines = append(lines, s.Subtle.Render(l))
		}
	}
	lines = append(append(lines, ""), body...)
	if ed.commenting {
		lines = append(lines, s.Accent.Render("Comment on "+ed.cellName(ed.commentKey)+":"), ed.comment.View())
	}
	return m.withFoot(lines)
}

// criteriaLines are the element's criteria: each question, the previous
// round's feedback (fbAll: under every criterion, else the cursor's only),
// the scale and the expert's own rating.
func (m *Laptop) criteriaLines(compact, fbAll bool) []string {
	s, w, ed := m.ed.c.Styles, m.width, m.ed
	el := m.element()
	fb, hasFB := ed.feedback[el.ID]
	var lines []string
	for i, cr := range ed.pack().Criteria {
		st := ed.shown(cellKey{m.expert().ID, el.ID, cr.ID, m.roundOf(el.ID)})
		mark, qs := "  ", s.Faint
		if i == m.crit {
			mark, qs = "› ", s.Rating.Header
		}
		q := qs.Render(mark+cr.Label+":") + " " + cr.Question
		if compact || i != m.crit {
			lines = append(lines, ansi.Truncate(q, w, "…"))
		} else {
			lines = append(lines, strings.Split(ansi.Wordwrap(q, w, " "), "\n")...)
		}
		if hasFB && (i == m.crit || fbAll) {
			if cf := criterionFeedback(fb, cr.ID); cf != nil {
				lines = append(lines, "    "+feedbackLine(s, cr, fb.Round, cf, w-4))
			}
		}
		var sel *int
		if st.hasValue {
			sel = &st.value
		}
		for _, l := range legendLines(s, cr, sel, w-4) {
			lines = append(lines, "    "+l)
		}
		text, style := cellText(s, st, cr, true, false)
		if i == m.crit {
			style = s.Rating.Cursor
		}
		your := "    Your rating: " + style.Render(" "+text+" ")
		if st.comment != "" {
			your += s.Faint.Render("  comment: ") + st.comment
		}
		lines = append(lines, ansi.Truncate(your, w, "…"))
		if !compact {
			lines = append(lines, "")
		}
	}
	return lines
}

// withFoot fits the lines above the progress line, which stays at the
// bottom; the text above gives way.
func (m *Laptop) withFoot(lines []string) []string {
	foot := []string{ansi.Truncate(m.progressLine(), m.width, "…")}
	room := m.height - len(foot)
	if len(lines) > room {
		lines = lines[:max(0, room)]
	}
	for len(lines) < room {
		lines = append(lines, "")
	}
	return append(lines, foot...)
}

// turnEndView asks before handing over with cells open.
func (m *Laptop) turnEndView() []string {
	s, w := m.ed.c.Styles, m.width
	p := m.expert()
	lines := []string{s.Warn.Render(p.Name + ", you have not rated everything yet:"), ""}
	for _, l := range MissingLines(m.missing, false, 0) {
		for _, wl := range wrapWords(l, w-2) {
			lines = append(lines, "  "+wl)
		}
	}
	lines = append(lines, "", s.Warn.Render("Hand over anyway? y hands over · n/esc keeps rating"))
	return lines
}

// doneView ends pass-the-laptop; it warns about open cells and lists them
// (participant → elements and criteria).
func (m *Laptop) doneView() string {
	s := m.ed.c.Styles
	var b strings.Builder
	if m.everyoneHad() {
		b.WriteString(s.Title.Render("Everyone has had the laptop") + "\n\n")
	} else {
		had, n := 0, len(m.ed.sess().Participants)
		for _, p := range m.ed.sess().Participants {
			if m.had[p.ID] {
				had++
			}
		}
		b.WriteString(s.Title.Render("Pass-the-laptop stopped") + "\n\n" +
			s.Warn.Render(fmt.Sprintf("%d of %d experts had the laptop.", had, n)) + "\n\n")
	}
	if len(m.missing) == 0 {
		fmt.Fprintf(&b, "All %d experts rated every element in its current round.\n\n", len(m.ed.sess().Participants))
		b.WriteString(s.Faint.Render("enter returns to the walkthrough"))
		return m.box(b.String())
	}
	cells := 0
	for _, pm := range m.missing {
		cells += pm.Cells()
	}
	b.WriteString(s.Warn.Render("Ratings are missing: "+strconv.Itoa(cells)+" open cells") + "\n\n")
	for _, l := range MissingBlock(m.missing, min(m.width-4, 72)-6, m.height-12) {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n" + s.Faint.Render("enter returns to the walkthrough anyway · esc goes back to the hand-over"))
	return m.box(b.String())
}

// ShortHelp implements help.KeyMap.
func (m *Laptop) ShortHelp() []key.Binding {
	k := m.keys
	enter := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start"))
	switch {
	case m.stage == stageHandover:
		return []key.Binding{enter, key.NewBinding(key.WithKeys("n"), key.WithHelp("n/p", "other expert")), k.Leave}
	case m.stage == stageTurnEnd:
		return []key.Binding{key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "hand over")), key.NewBinding(key.WithKeys("n"), key.WithHelp("n/esc", "keep rating"))}
	case m.stage == stageDone:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "back to the walkthrough")), key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "hand-over again"))}
	case m.ed.commenting:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save comment")), m.ed.c.Keys.Back}
	}
	keys := []key.Binding{k.Digit, k.Abstain, k.Clear, k.Comment, k.Undo, k.Up, k.NextElement, k.PrevElement, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "done"))}
	if _, ok := m.ed.feedback[m.element().ID]; ok {
		keys = append([]key.Binding{k.Feedback}, keys...)
	}
	return keys
}

// FullHelp implements help.KeyMap.
func (m *Laptop) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// describe is the start of an element's description as plain lines of
// width w, cached per element and width.
func (m *Laptop) describe(el content.Element, w, maxLines int) []string {
	if w != m.descWidth {
		clear(m.desc)
		m.descWidth = w
	}
	lines, ok := m.desc[el.ID]
	if !ok {
		lines = m.descLines(el, w)
		m.desc[el.ID] = lines
	}
	if len(lines) > maxLines {
		cut := append([]string(nil), lines[:maxLines]...)
		cut[maxLines-1] = ansi.Truncate(cut[maxLines-1], w-2, "") + " …"
		return cut
	}
	return lines
}

// descLines wraps the first paragraph of an element's description.
func (m *Laptop) descLines(el content.Element, w int) []string {
	text := el.Body
	for _, s := range el.Sections {
		if s.Heading == "Description" {
			text = s.Body
			break
		}
	}
	para := strings.TrimSpace(text)
	if i := strings.Index(para, "\n\n"); i > 0 {
		para = para[:i]
	}
	para = strings.NewReplacer("**", "", "__", "", "`", "", "\n", " ").Replace(para)
	return wrapWords(para, w)
}

// progressLine ticks the elements the expert has fully rated.
func (m *Laptop) progressLine() string {
	s := m.ed.c.Styles
	var b strings.Builder
	b.WriteString(s.Faint.Render("Elements "))
	pid := m.expert().ID
	for i, e := range m.ed.pack().Elements {
		done := 0
		for _, c := range m.ed.pack().Criteria {
			if m.ed.cells[cellKey{pid, e.ID, c.ID, m.roundOf(e.ID)}].given() {
				done++
			}
		}
		mark, st := "·", s.Rating.Open
		switch {
		case done == len(m.ed.pack().Criteria):
			mark, st = "✓", s.OK
		case done > 0:
			mark, st = "◐", s.Warn
		}
		text := fmt.Sprintf("%d%s", i+1, mark)
		if i == m.el {
			st = s.Rating.Cursor
		}
		b.WriteString(st.Render(text) + " ")
	}
	return b.String()
}

// roundsText says which rounds the experts rate: "round 1", or "round 2
// on 2 elements, round 1 on the others" in a partial Delphi round.
func (m *Laptop) roundsText() string {
	counts := map[int]int{}
	top := 1
	for _, e := range m.ed.pack().Elements {
		r := m.roundOf(e.ID)
		counts[r]++
		top = max(top, r)
	}
	if len(counts) == 1 {
		return fmt.Sprintf("round %d", top)
	}
	return fmt.Sprintf("round %d on %d element%s, earlier rounds on the others", top, counts[top], common.Plural(counts[top]))
}
