package rating

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
	"github.com/trustshop/trustshop/tui/common"
)

// The Delphi feedback of an element (session.Feedback) as pass-the-laptop
// and the grid draw it: the previous round's distribution per criterion
// with its median and IQR, the viewer's own answer marked with a word,
// not by colour alone, the split by stakeholder role and the comments
// without names. The engine decides what the viewer may see; these only
// draw it.

// youMark follows the count of the viewer's own answer.
const youMark = "◂you"

// criterionFeedback finds a criterion's feedback.
func criterionFeedback(fb session.Feedback, criterion string) *session.CriterionFeedback {
	for i := range fb.Criteria {
		if fb.Criteria[i].Criterion == criterion {
			return &fb.Criteria[i]
		}
	}
	return nil
}

// ownValue is the viewer's own value in the feedback's round, if any.
func ownValue(cf *session.CriterionFeedback) *int {
	if cf.Own != nil && !cf.Own.Abstain {
		return cf.Own.Value
	}
	return nil
}

// feedbackLine is one criterion's feedback in one line of at most w cells:
// "Round 1: median 4 · IQR 1.5 · 2:1 4:1◂you 5:1 · 1 can't judge".
func feedbackLine(s common.Styles, cr content.Criterion, round int, cf *session.CriterionFeedback, w int) string {
	g := cf.Group
	var b strings.Builder
	b.WriteString(s.Faint.Render(fmt.Sprintf("Round %d: ", round)))
	if g.N == 0 && g.Abstain == 0 {
		b.WriteString(s.Faint.Render("nobody rated"))
		return ansi.Truncate(b.String(), w, "…")
	}
	fmt.Fprintf(&b, "median %s · IQR %s ·", export.Number(g.Median), export.Number(g.IQR))
	b.WriteString(countsText(s, cr, g, ownValue(cf)))
	switch {
	case cf.Own != nil && cf.Own.Abstain:
		b.WriteString(" · you: can't judge")
	case g.Abstain > 0:
		fmt.Fprintf(&b, " · %d can't judge", g.Abstain)
	}
	return ansi.Truncate(b.String(), w, "…")
}

// countsText is " 2:1 4:1◂you 5:1": the count at each scale point chosen,
// the viewer's own marked. Points nobody chose are left out, so that a
// scale of 0..10 keeps its counts in one line (as the results do).
func countsText(s common.Styles, cr content.Criterion, g stats.ElementStats, own *int) string {
	var b strings.Builder
	for v := cr.Min; v <= cr.Max; v++ {
		if g.Counts[v] == 0 {
			continue
		}
		t := fmt.Sprintf("%d:%d", v, g.Counts[v])
		if own != nil && *own == v {
			t = s.Accent.Render(t + youMark)
		}
		b.WriteString(" " + t)
	}
	return b.String()
}

// feedbackSideBySide is the narrowest a criterion's column of feedback
// gets beside another.
const feedbackSideBySide = 36

// feedbackLines is an element's feedback in full, in at most w cells
// wide and, where it can, h lines: per criterion a bar per scale point
// (the viewer's own answer marked), the median and IQR and a line per
// stakeholder role, side by side when w allows; then the comments. When
// that is taller than h, each criterion's distribution takes one line.
func feedbackLines(s common.Styles, p *content.Pack, fb session.Feedback, w, h int) []string {
	n := max(1, len(p.Criteria))
	colW := (w - resultsGapW*(n-1)) / n
	side := n > 1 && colW >= feedbackSideBySide
	if !side {
		colW = w
	}
	var blocks [][]string
	for _, cr := range p.Criteria {
		if cf := criterionFeedback(fb, cr.ID); cf != nil {
			blocks = append(blocks, criterionBlock(s, p, cr, cf, min(colW, 60)))
		}
	}
	lines := joinBlocks(blocks, side, colW)
	if len(lines)+commentLines(fb) <= h {
		return append(lines, feedbackComments(s, p, fb, w)...)
	}
	// Too tall: each criterion's distribution in one line, all of them
	// first, then the comments, then the roles: what gives way at the
	// bottom matters least.
	lines = lines[:0]
	var roles []string
	for _, cr := range p.Criteria {
		cf := criterionFeedback(fb, cr.ID)
		if cf == nil {
			continue
		}
		lines = append(lines, ansi.Truncate(s.Rating.Header.Render(common.OneLine(cr.Label)+":")+" "+
			strings.TrimPrefix(feedbackLine(s, cr, fb.Round, cf, 1000), s.Faint.Render(fmt.Sprintf("Round %d: ", fb.Round))), w, "…"))
		if t := roleTable(s, p, cr, common.OneLine(cr.Label)+" by role", cf.ByRole, w); len(t) > 0 {
			roles = append(append(roles, ""), t...)
		} else if note := cf.RolesNote(); note != "" && len(roles) == 0 {
			roles = append(roles, "", "  "+s.Faint.Render(ansi.Truncate(note, w-2, "…")))
		}
	}
	return append(append(lines, feedbackComments(s, p, fb, w)...), roles...)
}

// resultsGapW is the gap between criteria side by side.
const resultsGapW = 3

// criterionBlock is one criterion's feedback with bars: its median, IQR
// and n, a bar per scale point, the abstentions, a table of the roles.
func criterionBlock(s common.Styles, p *content.Pack, cr content.Criterion, cf *session.CriterionFeedback, w int) []string {
	g := cf.Group
	head := fmt.Sprintf("median %s · IQR %s · n %d", export.Number(g.Median), export.Number(g.IQR), g.N)
	lines := []string{ansi.Truncate(s.Rating.Header.Render(common.OneLine(cr.Label))+"  "+head, w, "…")}
	lines = append(lines, barLines(s, cr, g, ownValue(cf), w)...)
	switch {
	case cf.Own != nil && cf.Own.Abstain:
		lines = append(lines, s.Accent.Render(ansi.Truncate(fmt.Sprintf("  %d can't judge ◂you", g.Abstain), w, "…")))
	case g.Abstain > 0:
		lines = append(lines, s.Faint.Render(fmt.Sprintf("  %d can't judge", g.Abstain)))
	}
	if note := cf.RolesNote(); note != "" {
		for _, l := range common.WrapWords(note, w-2) {
			lines = append(lines, "  "+s.Faint.Render(l))
		}
		return lines
	}
	return append(lines, roleTable(s, p, cr, "by role", cf.ByRole, w)...)
}

// roleTable is the split by stakeholder role: a row per role with its
// median, IQR and count at each scale point.
func roleTable(s common.Styles, p *content.Pack, cr content.Criterion, title string, roles []session.RoleStats, w int) []string {
	if len(roles) == 0 {
		return nil
	}
	names := make([]string, len(roles))
	nameW := ansi.StringWidth(title)
	for i, rs := range roles {
		names[i] = rs.Role
		if ps, ok := p.Persona(rs.Role); ok {
			names[i] = cmp.Or(ps.Short, ps.Title, rs.Role)
		}
		nameW = max(nameW, min(16, ansi.StringWidth(names[i])))
	}
	// A column for each scale point when they fit in w, else only for the
	// points some role chose: a scale of 0..10 keeps those in the width.
	colW := len(strconv.Itoa(cr.Max)) + 1
	var all, points []int
	for v := cr.Min; v <= cr.Max; v++ {
		all = append(all, v)
		for _, rs := range roles {
			colW = max(colW, len(strconv.Itoa(rs.Stats.Counts[v]))+1)
			if rs.Stats.Counts[v] > 0 && (len(points) == 0 || points[len(points)-1] != v) {
				points = append(points, v)
			}
		}
	}
	if 2+nameW+12+colW*len(all) <= w {
		points = all
	}
	row := func(name, median, iqr string, cells func(v int) string) string {
		var b strings.Builder
		b.WriteString("  " + common.Pad(ansi.Truncate(name, nameW, "…"), nameW) + fmt.Sprintf(" %6s %4s ", median, iqr))
		for _, v := range points {
			fmt.Fprintf(&b, "%*s", colW, cells(v))
		}
		return ansi.Truncate(b.String(), w, "…")
	}
	lines := []string{s.Faint.Render(row(title, "median", "IQR", strconv.Itoa))}
	for i, rs := range roles {
		lines = append(lines, s.Subtle.Render(row(names[i], export.Number(rs.Stats.Median), export.Number(rs.Stats.IQR),
			func(v int) string { return strconv.Itoa(rs.Stats.Counts[v]) })))
	}
	return lines
}

// joinBlocks puts blocks side by side in columns colW wide, or one under
// the other with a blank line between.
func joinBlocks(blocks [][]string, side bool, colW int) []string {
	var out []string
	if !side {
		for i, b := range blocks {
			if i > 0 {
				out = append(out, "")
			}
			out = append(out, b...)
		}
		return out
	}
	return common.SideBySide(blocks, colW, resultsGapW)
}

// commentLines is how many lines the comments take at least.
func commentLines(fb session.Feedback) int {
	if len(fb.Comments) == 0 {
		return 0
	}
	return 2 + len(fb.Comments)
}

// feedbackComments are the round's comments, without names.
func feedbackComments(s common.Styles, p *content.Pack, fb session.Feedback, w int) []string {
	if len(fb.Comments) == 0 {
		return nil
	}
	lines := []string{"", s.Bold.Render(ansi.Truncate(fmt.Sprintf("Comments in round %d, without names:", fb.Round), w, "…"))}
	for _, c := range fb.Comments {
		label := c.Criterion
		if cr, ok := p.Criterion(c.Criterion); ok {
			label = cr.Label
		}
		for j, l := range wrapWords(label+": "+common.OneLine(c.Text), max(10, w-4)) {
			mark := "  – "
			if j > 0 {
				mark = "    "
			}
			lines = append(lines, mark+l)
		}
	}
	return lines
}

// barLines draws one distribution as a bar per scale point: "  4 ██████ 1
// ◂you", the bar scaled so that the most frequent point fills the room.
func barLines(s common.Styles, cr content.Criterion, g stats.ElementStats, own *int, w int) []string {
	top, numW, cntW := 1, len(strconv.Itoa(cr.Max)), 1
	for v := cr.Min; v <= cr.Max; v++ {
		top = max(top, g.Counts[v])
		cntW = max(cntW, len(strconv.Itoa(g.Counts[v])))
		numW = max(numW, len(strconv.Itoa(v)))
	}
	barW := max(1, min(20, w-2-numW-1-1-cntW-len(youMark)-1))
	lines := make([]string, 0, cr.Max-cr.Min+1)
	for v := cr.Min; v <= cr.Max; v++ {
		n := g.Counts[v]
		bar := strings.Repeat("█", (n*barW+top/2)/top)
		if n > 0 && bar == "" {
			bar = "▏"
		}
		l := fmt.Sprintf("  %*d %s %*d", numW, v, s.Results.Bar.Render(bar)+strings.Repeat(" ", barW-ansi.StringWidth(bar)), cntW, n)
		if own != nil && *own == v {
			l += " " + s.Accent.Render(youMark)
		}
		lines = append(lines, ansi.Truncate(l, w, "…"))
	}
	return lines
}
