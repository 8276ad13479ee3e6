package results

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session/stats"
	"github.com/trustshop/trustshop/tui/common"
)

// Side by side, a criterion's column is at least resultsColMin and at most
// resultsColMax cells wide, with resultsGap between columns.
const (
	resultsColMin    = 30
	resultsColMax    = 50
	resultsGap       = 3
	resultsColNarrow = 18 // "10 enorm", a bar of six cells, the count
)

// ElementLines draws the results of one element in one round, for the
// rating grid's reveal and the results screen: per criterion a small bar
// chart of the ratings over the scale points with their counts, the number
// of ratings and of abstentions (counted apart, never a bar), the median,
// the IQR with its quartiles, and the consensus marker (✓ consensus, ✗ no
// consensus, – undefined when nobody rated), decided by stats with the
// pack's thresholds.
//
// cells are the element's statistics, one per criterion, as stats.Compute,
// session.Results or stats.Describe return them (Counts filled); a
// criterion of crits without a cell shows as not rated. The criteria go
// side by side when width allows, else one under the other; every line
// is at most width cells wide. It is pure and cheap (well under a
// millisecond), but callers still cache it per data version and width
// instead of calling it from View.
//
// The rating grid calls it with the cells of its element, e.g.
//
//	es := stats.Describe(values, abstentions, stats.Scale{Min: c.Min, Max: c.Max},
//		stats.Thresholds{MaxIQR: p.Consensus.MaxIQR, MinAgreement: p.Consensus.MinAgreement})
//	es.Criterion = c.ID
func ElementLines(s common.Styles, crits []content.Criterion, cells []stats.ElementStats, width int) []string {
	width = max(10, width)
	if len(crits) == 0 {
		return nil
	}
	if noneRated(cells) {
		return []string{s.Faint.Render(common.ClipText(noRatingsLine, width))}
	}
	if out := elementColumns(s, crits, cells, width, resultsColMin); out != nil {
		return out
	}
	return elementStacked(s, crits, cells, width)
}

// ElementFit is ElementLines for a pane of width x height: the criteria
// side by side in columns of resultsColMin cells or more, else one under
// the other when that fits the height, else side by side in narrower
// columns (resultsColNarrow, the labels cut) when those fit, else one
// line per criterion with the counts that are not zero (ElementCompact).
// Three criteria in a laptop's pane keep their bars that way.
func ElementFit(s common.Styles, crits []content.Criterion, cells []stats.ElementStats, width, height int) []string {
	width = max(10, width)
	if len(crits) == 0 {
		return nil
	}
	if noneRated(cells) {
		return []string{s.Faint.Render(common.ClipText(noRatingsLine, width))}
	}
	if out := elementColumns(s, crits, cells, width, resultsColMin); out != nil && len(out) <= height {
		return out
	}
	if out := elementStacked(s, crits, cells, width); len(out) <= height {
		return out
	}
	if out := elementColumns(s, crits, cells, width, resultsColNarrow); out != nil && len(out) <= height {
		return out
	}
	return ElementCompact(s, crits, cells, width)
}

// elementStacked is the criteria's blocks one under the other.
func elementStacked(s common.Styles, crits []content.Criterion, cells []stats.ElementStats, width int) []string {
	var out []string
	for i, c := range crits {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, criterionResultLines(s, c, cellFor(cells, c.ID), min(width, resultsColMax+10))...)
	}
	return out
}

// elementColumns is the criteria's blocks side by side in columns of at
// least colMin cells, or nil when width has no room for them.
func elementColumns(s common.Styles, crits []content.Criterion, cells []stats.ElementStats, width, colMin int) []string {
	n := len(crits)
	colW := (width - resultsGap*(n-1)) / n
	if colW < colMin {
		return nil
	}
	colW = min(colW, resultsColMax)
	blocks := make([][]string, n)
	for i, c := range crits {
		blocks[i] = criterionResultLines(s, c, cellFor(cells, c.ID), colW)
	}
	return common.SideBySide(blocks, colW, resultsGap)
}

// noRatingsLine stands for the results of a round nobody rated: one
// line, not a chart of zeros per criterion.
const noRatingsLine = "No ratings in this round."

// noneRated reports whether no cell holds a rating or an abstention.
func noneRated(cells []stats.ElementStats) bool {
	for _, es := range cells {
		if es.N > 0 || es.Abstain > 0 {
			return false
		}
	}
	return true
}

// cellFor finds the cell of a criterion.
func cellFor(cells []stats.ElementStats, criterion string) *stats.ElementStats {
	for i := range cells {
		if cells[i].Criterion == criterion {
			return &cells[i]
		}
	}
	return nil
}

// criterionResultLines is one criterion's block of an element's results.
func criterionResultLines(s common.Styles, c content.Criterion, es *stats.ElementStats, w int) []string {
	var head string
	switch {
	case es == nil || es.N == 0 && es.Abstain == 0:
		head = "no ratings"
	case es.Abstain > 0:
		head = fmt.Sprintf("n %d · %d abstained", es.N, es.Abstain)
	default:
		head = fmt.Sprintf("n %d", es.N)
	}
	lines := []string{common.Spread(s.Rating.Header.Render(common.OneLine(c.Label)), s.Faint.Render(head), w)}
	rows := make([]barRow, 0, c.Max-c.Min+1)
	var counts map[int]int
	if es != nil {
		counts = es.Counts
	}
	numW := max(len(strconv.Itoa(c.Min)), len(strconv.Itoa(c.Max)))
	for v := c.Min; v <= c.Max; v++ {
		rows = append(rows, barRow{Label: strings.TrimRight(fmt.Sprintf("%*d %s", numW, v, c.PointLabel(v)), " "), Count: counts[v]})
	}
	// values off the scale (a pack changed since) still count
	var extra []int
	for v := range counts {
		if !c.InScale(v) && counts[v] > 0 {
			extra = append(extra, v)
		}
	}
	slices.Sort(extra)
	for _, v := range extra {
		rows = append(rows, barRow{Label: strconv.Itoa(v) + " (off the scale)", Count: counts[v]})
	}
	lines = append(lines, barChart(s, rows, w, w-11)...) // labels first: a bar reads at 8 cells
	lines = append(lines, statsLines(s, es, w)...)
	return lines
}

// statsLines is "median 4 · IQR 1 (3–4) · ✓ consensus" in at most w
// cells: narrower, the quartiles go first, then the marker goes on a line
// of its own, so a narrow column still says whether there is consensus.
func statsLines(s common.Styles, es *stats.ElementStats, w int) []string {
	med, iqr, quart := "–", "–", ""
	var cons *bool
	if es != nil {
		med, iqr, cons = export.Number(es.Median), export.Number(es.IQR), es.Consensus
		if es.IQR != nil {
			quart = " (" + export.Number(es.Q1) + "–" + export.Number(es.Q3) + ")"
		}
	}
	dot := s.Faint.Render(" · ")
	line := s.App.Render("median "+med) + dot + s.App.Render("IQR "+iqr+quart) + dot + consensusMarker(s, cons)
	if ansi.StringWidth(line) <= w {
		return []string{line}
	}
	line = s.App.Render("median "+med) + dot + s.App.Render("IQR "+iqr) + dot + consensusMarker(s, cons)
	if ansi.StringWidth(line) <= w {
		return []string{line}
	}
	return []string{
		ansi.Truncate(s.App.Render("median "+med)+dot+s.App.Render("IQR "+iqr), w, "…"),
		ansi.Truncate(consensusMarker(s, cons), w, "…"),
	}
}

// consensusMarker is ✓ consensus, ✗ no consensus or – undefined.
func consensusMarker(s common.Styles, c *bool) string {
	switch {
	case c == nil:
		return s.Faint.Render("– undefined")
	case *c:
		return s.OK.Render("✓ consensus")
	}
	return s.Warn.Render("✗ no consensus")
}

// consensusShort is the marker without its words, for tables.
func consensusShort(c *bool) string {
	switch {
	case c == nil:
		return "–"
	case *c:
		return "✓"
	}
	return "✗"
}

// consensusWord names the marker in a table: "yes", "no", "undefined".
func consensusWord(c *bool) string {
	switch {
	case c == nil:
		return "undefined"
	case *c:
		return "yes"
	}
	return "no"
}

// pctText is a share as a whole percentage.
func pctText(f float64) string { return strconv.Itoa(int(f*100+0.5)) + " %" }

// wrapLines wraps text at width and styles every line.
func wrapLines(st interface{ Render(...string) string }, text string, width int) []string {
	var out []string
	for _, l := range strings.Split(ansi.Wrap(text, max(1, width), " "), "\n") {
		out = append(out, st.Render(l))
	}
	return out
}

// ElementCompact is ElementLines in one line per criterion,
// for panes too small for bars: "Impact  n 3 · median 4 · IQR 0.5 · ✓ ·
// 4:2 5:1 · 1 abstained" (the points with a rating, off the scale too),
// cut at width.
func ElementCompact(s common.Styles, crits []content.Criterion, cells []stats.ElementStats, width int) []string {
	lines := make([]string, 0, len(crits))
	for _, c := range crits {
		es := cellFor(cells, c.ID)
		var b strings.Builder
		b.WriteString(s.Rating.Header.Render(common.OneLine(c.Label)))
		if es == nil || es.N == 0 && es.Abstain == 0 {
			b.WriteString(s.Faint.Render("  no ratings"))
			lines = append(lines, ansi.Truncate(b.String(), width, "…"))
			continue
		}
		fmt.Fprintf(&b, "  n %d · median %s · IQR %s · %s ·", es.N, export.Number(es.Median), export.Number(es.IQR), consensusStyled(s, es.Consensus))
		// only the points somebody chose: on a 0..10 scale "0:0 1:0 2:0 …"
		// would fill the line and cut the counts that matter
		for v := range scalePoints(c, es.Counts) {
			if es.Counts[v] > 0 {
				fmt.Fprintf(&b, " %d:%d", v, es.Counts[v])
			}
		}
		if es.Abstain > 0 {
			fmt.Fprintf(&b, " · %d abstained", es.Abstain)
		}
		lines = append(lines, ansi.Truncate(b.String(), width, "…"))
	}
	return lines
}

// scalePoints yields the points of c's scale in order, then the values
// off the scale (a pack changed since) that counts holds.
func scalePoints(c content.Criterion, counts map[int]int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for v := c.Min; v <= c.Max; v++ {
			if !yield(v) {
				return
			}
		}
		var extra []int
		for v := range counts {
			if !c.InScale(v) {
				extra = append(extra, v)
			}
		}
		slices.Sort(extra)
		for _, v := range extra {
			if !yield(v) {
				return
			}
		}
	}
}
