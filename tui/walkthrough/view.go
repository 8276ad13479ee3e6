package walkthrough

import (
	"fmt"
	"hash/fnv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/common"
)

// geometry is where the parts of the walkthrough go at the current size:
// the text at a readable measure (common.ReadingWidth), centred in its
// pane; the agenda beside it as wide as its titles want, from what the
// text leaves; on a narrow window no agenda beside the text (tab shows it
// in its place), and none when zoomed.
type geometry struct {
	agendaW        int  // 0 when zoomed or narrow
	agendaOnly     bool // a narrow window shows the agenda (tab) instead of the text
	paneW          int  // the right pane, border included
	innerW, innerH int  // inside the right pane's border and padding
	textW          int  // the width markdown is wrapped at
	pad            int  // the left margin that centres the text (and the ratings beside it)
	sideW          int  // an element's ratings beside the text (side.go); 0 when none
	vpH            int  // the viewport's height
	noteH          int  // rows under the status line for notes
}

// paneFrame is the right pane's border and padding: 1+1 a side across, 1
// top and bottom.
const paneFrameW, paneFrameH = 4, 2

// sideGap separates the text from the ratings beside it.
const sideGap = 4

// The agenda's width: at least agendaMin, at most agendaMax, and below
// narrowWidth it folds away.
const (
	agendaMin, agendaMax = 26, 54
	narrowWidth          = 80
)

func (w *Model) geometry() geometry {
	var g geometry
	switch {
	case w.zoom:
	case w.width < narrowWidth && w.agenda.focus:
		g.agendaW, g.agendaOnly = w.width, true
	case w.width >= narrowWidth:
		g.agendaW = w.agendaWidth()
	}
	g.paneW = max(10, w.width-g.agendaW)
	g.innerW, g.innerH = max(8, g.paneW-paneFrameW), max(3, w.height-paneFrameH)
	g.textW = min(g.innerW, common.ReadingWidth)
	g.pad = (g.innerW - g.textW) / 2
	if w.loaded && w.currentStep().Kind == content.StepElement && !w.detours.open() && w.rating == nil &&
		g.innerW-g.textW-sideGap >= minSideW {
		g.sideW = min(g.innerW-g.textW-sideGap, 2*50+3)
		g.pad = (g.innerW - g.textW - sideGap - g.sideW) / 2
	}
	switch {
	case w.notes.editor != nil:
		g.noteH = max(5, min(12, g.innerH/3))
	case w.loaded && !w.zoom && g.innerH >= 14 && strings.TrimSpace(w.notes.typed[w.currentStep().Key()]) != "":
		g.noteH = min(5, 1+strings.Count(strings.TrimSpace(w.notes.typed[w.currentStep().Key()]), "\n")+1)
	}
	g.vpH = max(1, g.innerH-1-g.noteH)
	return g
}

// agendaWidth is as wide as the longest step title wants (the mark, the
// title, its time and the frame), within what the text's measure leaves.
func (w *Model) agendaWidth() int {
	if w.titleW == 0 {
		for _, st := range w.pack.Agenda {
			w.titleW = max(w.titleW, lipgloss.Width(w.pack.StepTitle(st)))
		}
	}
	text := min(common.ReadingWidth, w.width*3/5) + paneFrameW
	return max(agendaMin, min(agendaMax, w.titleW+2+1+8+paneFrameW, w.width-text))
}

// layout sizes the viewport, editor and rating pane, and re-renders the
// content when the text width changed.
func (w *Model) layout() {
	if w.width == 0 || !w.loaded {
		return
	}
	g := w.geometry()
	w.page.vp.SetWidth(g.innerW)
	w.page.vp.SetHeight(g.vpH)
	if w.notes.editor != nil {
		w.notes.editor.setSize(g.textW, g.noteH-1)
	}
	if w.rating != nil {
		w.rating.SetSize(g.innerW, g.innerH-1)
	}
	w.refresh(false)
}

// refresh renders the shown item at the current width and theme into the
// viewport. Rendering goes through the markdown cache, so coming back to an
// item, or a resize to a width seen before, costs a map lookup.
func (w *Model) refresh(top bool) {
	if w.width == 0 || !w.loaded {
		return
	}
	g := w.geometry()
	out := w.render(g.textW)
	if g.pad > 0 {
		out = indent(out, g.pad)
	}
	w.page.set(out, top)
}

// render returns the shown item, rendered at width.
func (w *Model) render(width int) string {
	md := w.c.Markdown
	hash := w.pack.ContentHash
	if top := w.detours.top(); top != nil {
		return md.Render(hash+":"+top.ID, w.pack.Markdown(*top), width)
	}
	st := w.currentStep()
	switch st.Kind {
	case content.StepMap:
		head := md.Render(hash+":map:head:facilitator", FacilitatorMapHead, width)
		legend := md.Render(hash+":map:legend", MapLegend(w.pack), width)
		diagram := w.c.Styles.App.Render(w.pack.StakeholderMap(width))
		return head + "\n\n" + diagram + "\n\n" + legend
	case content.StepSummary:
		src := w.summaryMarkdown()
		h := fnv.New64a()
		h.Write([]byte(src))
		return md.Render(fmt.Sprintf("%s:summary:%x", hash, h.Sum64()), src, width)
	}
	id := st.Ref
	if id == "" {
		id = content.IntroID
	}
	it, ok := w.pack.Item(id)
	if !ok {
		return w.c.Styles.Error.Render("Unknown item " + st.Key())
	}
	return md.Render(hash+":"+it.ID, w.pack.Markdown(it), width)
}

// indent puts n spaces before every line.
func indent(s string, n int) string {
	p := strings.Repeat(" ", n)
	return p + strings.ReplaceAll(s, "\n", "\n"+p)
}

// View implements common.Screen.
func (w *Model) View() string {
	s := w.c.Styles
	switch {
	case w.err != nil:
		text := s.ErrorTitle.Render("This session could not be opened") + "\n\n" +
			s.App.Render(common.WrapText(w.err.Error(), min(70, w.width-8))) + "\n\n" + s.Faint.Render("esc goes back to the sessions · q quits")
		return lipgloss.Place(w.width, w.height, lipgloss.Center, lipgloss.Center, s.Dialog.Render(text))
	case !w.loaded:
		return s.Faint.Render("  Opening the session…")
	case w.gate.asking:
		return w.gate.view(s, w.width, w.height)
	case w.reopen.asking:
		return w.reopen.view(s, w.width, w.height)
	}
	g := w.geometry()
	if g.agendaOnly {
		return strings.Join(w.agendaView(g), "\n")
	}
	right := w.rightPane(g)
	if g.agendaW == 0 {
		return strings.Join(right, "\n")
	}
	left := w.agendaView(g)
	var b strings.Builder
	for i := range right {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(left) {
			b.WriteString(left[i])
		}
		b.WriteString(right[i])
	}
	return b.String()
}

// rightPane is the text (or the rating pane), the status line and the
// notes, boxed: one string a row.
func (w *Model) rightPane(g geometry) []string {
	s := w.c.Styles
	lines := make([]string, 0, g.innerH)
	widths := make([]int, 0, g.innerH)
	if w.rating != nil {
		for _, l := range strings.Split(w.rating.View(), "\n") {
			lines, widths = append(lines, l), append(widths, -1)
		}
		for len(lines) < g.innerH-1-g.noteH {
			lines, widths = append(lines, ""), append(widths, 0)
		}
		lines, widths = lines[:g.innerH-1-g.noteH], widths[:g.innerH-1-g.noteH]
	} else {
		lines, widths = w.page.appendRows(lines, widths, g.vpH)
		if g.sideW > 0 {
			at := g.pad + g.textW + sideGap
			for i, l := range w.sideLines(g.sideW) {
				if i >= len(lines) {
					break
				}
				lines[i], widths[i] = common.PadRight(lines[i], at)+l, -1
			}
		}
	}
	status, sw := w.statusLine(g)
	lines, widths = append(lines, status), append(widths, sw)
	if g.noteH > 0 {
		for _, l := range strings.Split(w.notesView(g), "\n") {
			lines, widths = append(lines, l), append(widths, -1)
		}
	}
	border := s.PaneBorderActive
	if w.agenda.focus {
		border = s.PaneBorder
	}
	return common.BoxLines(lines, widths, g.paneW, w.height, border)
}

// statusLine sits under the text: where we are, and how far down. It
// returns the line and its width.
func (w *Model) statusLine(g geometry) (string, int) {
	s := w.c.Styles
	st := w.currentStep()
	left := fmt.Sprintf("Step %d of %d · %s", w.step+1, len(w.pack.Agenda), stepKindLabel(st.Kind))
	switch {
	case w.detours.open():
		left = "‹ esc: back to " + w.backTitle()
	case w.rating != nil:
		left += " · r: back to the text"
	case st.Kind == content.StepElement && !w.readOnly:
		left += " · r rates it"
	}
	if n := len(w.links()); n > 0 {
		left += fmt.Sprintf(" · %s opens %s", jumpHelp(n), withArticle(w.linkNoun()))
	}
	if w.devices != nil {
		if p := w.devices.Line(); p != "" {
			left += " · " + p
		}
	}
	right := ""
	if w.rating == nil && len(w.page.lines) > g.vpH {
		right = fmt.Sprintf("%3.0f%%", w.page.vp.ScrollPercent()*100)
	}
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if lw+rw+1 > g.innerW {
		left = common.ClipText(left, max(0, g.innerW-rw-1))
		lw = lipgloss.Width(left)
	}
	gap := max(1, g.innerW-lw-rw)
	return s.Faint.Render(left + strings.Repeat(" ", gap) + right), lw + gap + rw
}

func withArticle(noun string) string {
	if strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

func stepKindLabel(k content.StepKind) string {
	switch k {
	case content.StepIntro:
		return "introduction"
	case content.StepMap:
		return "stakeholder map"
	case content.StepPersona:
		return "persona"
	case content.StepStory:
		return "user story"
	case content.StepElement:
		return "solution element"
	case content.StepSummary:
		return "summary"
	}
	return string(k)
}
