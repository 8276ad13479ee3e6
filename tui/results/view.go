package results

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/tui/common"
)

// render draws one view.
func (r *Model) render(k resultsKey) resultsRender {
	r.Renders++
	s, d, w := r.c.Styles, r.data, k.width
	var out resultsRender
	switch k.tab {
	case tabSummary:
		out.lines = r.summaryLines(w)
	case tabElements:
		if len(d.rounds) == 0 {
			out.lines = noRatingsLines(s, w)
			break
		}
		out.lines, out.starts = d.elementsLines(s, k.round, w)
	case tabRanking:
		if len(d.rounds) == 0 {
			out.lines = noRatingsLines(s, w)
			break
		}
		out.lines = d.rankingLines(s, k.round, w)
	case tabMatrix:
		axes := matrixAxes(r.pack)
		switch {
		case len(axes) == 0:
			out.lines = wrapLines(s.Faint, "The matrix needs two criteria; this pack has one.", w)
		case len(d.rounds) == 0:
			out.lines = noRatingsLines(s, w)
		default:
			a := axes[k.axes]
			out.lines = d.matrixLines(s, a[0], a[1], k.round, w, k.height)
		}
	}
	return out
}

func noRatingsLines(s common.Styles, w int) []string {
	return wrapLines(s.Faint, "No ratings yet. Rate the elements (r on an element step), then come back here.", w)
}

// View implements common.Screen.
func (r *Model) View() string {
	s := r.c.Styles
	switch {
	case r.err != nil:
		text := s.ErrorTitle.Render("The results could not be read") + "\n\n" +
			s.App.Render(common.WrapText(r.err.Error(), min(70, r.width-8))) + "\n\n" + s.Faint.Render("esc goes back · q quits")
		return lipgloss.Place(r.width, r.height, lipgloss.Center, lipgloss.Center, s.Dialog.Render(text))
	case !r.loaded:
		return s.Faint.Render("  Reading the results…")
	}
	lines := make([]string, 0, r.height)
	lines = append(lines, r.tabBar())
	margin := strings.Repeat(" ", max(1, (r.width-r.contentWidth())/2))
	off := r.offset[r.tab]
	end := min(len(r.shown.lines), off+r.bodyHeight())
	for _, l := range r.shown.lines[off:end] {
		lines = append(lines, margin+l)
	}
	return strings.Join(lines, "\n")
}

// tabBar names the views, the round shown and how far down the view is.
func (r *Model) tabBar() string {
	s := r.c.Styles
	var b strings.Builder
	for i, t := range r.tabs {
		label := fmt.Sprintf("%d %s", i+1, t)
		if t == r.tab {
			b.WriteString(s.Results.TabActive.Render(label))
		} else {
			b.WriteString(s.Results.Tab.Render(label))
		}
	}
	var right []string
	if len(r.data.rounds) > 1 {
		name := "latest"
		if r.round != latestRound {
			name = fmt.Sprintf("round %d", r.round)
		}
		right = append(right, "[ "+name+" ]")
	}
	if n, h := len(r.shown.lines), r.bodyHeight(); n > h {
		pct := 100 * r.offset[r.tab] / max(1, n-h)
		right = append(right, fmt.Sprintf("%d%% ↓", pct))
	}
	left := b.String()
	if lipgloss.Width(left) > r.width {
		left = ansi.Truncate(left, r.width, "…")
	}
	// the tabs come first: the round and the scroll position go when
	// there is no room for them
	for len(right) > 0 && lipgloss.Width(left)+1+lipgloss.Width(strings.Join(right, " · ")) > r.width {
		right = right[:len(right)-1]
	}
	return common.Spread(left, s.Faint.Render(strings.Join(right, " · ")), r.width)
}
