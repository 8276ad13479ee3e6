package results

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/tui/common"
)

// matrixAxes lists the pairs of criteria the matrix can show, (x, y):
// the pair the pack names first (content.Pack.MatrixAxes), then every
// other ordered pair in pack order.
func matrixAxes(p *content.Pack) [][2]content.Criterion {
	var out [][2]content.Criterion
	first, firstY, ok := p.MatrixAxes()
	if ok {
		out = append(out, [2]content.Criterion{first, firstY})
	}
	for _, y := range p.Criteria {
		for _, x := range p.Criteria {
			if x.ID == y.ID || ok && x.ID == first.ID && y.ID == firstY.ID {
				continue
			}
			out = append(out, [2]content.Criterion{x, y})
		}
	}
	return out
}

// matrixPoints places the elements at their medians on the two criteria,
// both from one round: the round shown, or for latestRound each element's
// latest (a round-2 impact never meets a round-1 effort). The others are
// returned as not placed, or as hidden when not revealed to the viewer.
func (d *resultsData) matrixPoints(xc, yc content.Criterion, round int) (pts []matrixPoint, absent, hidden []string) {
	for _, e := range d.pack.Elements {
		r := round
		if r == latestRound {
			r = d.view.LatestRound(e.ID)
		}
		if d.hidden(e.ID, r) {
			hidden = append(hidden, d.elementTitle(e.ID))
			continue
		}
		ex, ey := d.cell(e.ID, xc.ID, r), d.cell(e.ID, yc.ID, r)
		if ex == nil || ey == nil || ex.Median == nil || ey.Median == nil {
			absent = append(absent, d.elementTitle(e.ID))
			continue
		}
		pts = append(pts, matrixPoint{Num: d.num[e.ID], X: *ex.Median, Y: *ey.Median})
	}
	return pts, absent, hidden
}

// matrixLines is the matrix view in width x height: the plot fitted to the
// pane and the legend beside it when there is room, else under it.
func (d *resultsData) matrixLines(s common.Styles, xc, yc content.Criterion, round, width, height int) []string {
	pts, absent, hidden := d.matrixPoints(xc, yc, round)
	x := matrixAxis{ID: xc.ID, Label: xc.Label, Min: xc.Min, Max: xc.Max}
	y := matrixAxis{ID: yc.ID, Label: yc.Label, Min: yc.Min, Max: yc.Max}
	// the quadrants of a cost x benefit matrix: less is better across,
	// more is better up
	quad := xc.LowerIsBetter && !yc.LowerIsBetter
	head := s.Title.Render(common.OneLine(yc.Label)+" × "+common.OneLine(xc.Label)) + s.Faint.Render(" · medians · "+roundName(round))
	// the legend goes beside the plot, with the medians when there is
	// room, else as short titles; on a narrow pane under it
	legend := d.matrixLegend(s, pts, xc, yc, true)
	legendW := 0
	for _, l := range legend {
		legendW = max(legendW, ansi.StringWidth(l))
	}
	legendW = min(legendW, 44)
	side := width-legendW-3 >= 50
	if !side {
		legend = d.matrixLegend(s, pts, xc, yc, false)
		legendW = 0
		for _, l := range legend {
			legendW = max(legendW, ansi.StringWidth(l))
		}
		legendW = min(legendW, 26)
		side = width-legendW-3 >= 36
		if !side {
			legend = d.matrixLegend(s, pts, xc, yc, true)
		}
	}
	plotW := width
	if side {
		plotW = width - legendW - 3
	}
	plotH := max(8, height-1)
	if !side {
		plotH = max(8, min(plotH, height-1))
	}
	plot := renderMatrix(s, pts, x, y, min(plotW, 90), plotH, quad)
	lines := []string{ansi.Truncate(head, width, "…")}
	if side {
		pw := 0
		for _, l := range plot {
			pw = max(pw, ansi.StringWidth(l))
		}
		for i := range max(len(plot), len(legend)) {
			l := ""
			if i < len(plot) {
				l = plot[i]
			}
			if i < len(legend) {
				l += strings.Repeat(" ", pw-ansi.StringWidth(l)+3) + ansi.Truncate(legend[i], legendW, "…")
			}
			lines = append(lines, l)
		}
	} else {
		lines = append(lines, plot...)
		lines = append(lines, "")
		for _, l := range legend {
			lines = append(lines, ansi.Truncate(l, width, "…"))
		}
	}
	if len(absent) > 0 {
		lines = append(lines, "")
		lines = append(lines, wrapLines(s.Faint, "Not placed (no median on both in one round): "+strings.Join(absent, "; "), width)...)
	}
	if len(hidden) > 0 {
		lines = append(lines, "")
		lines = append(lines, wrapLines(s.Faint, "Not revealed yet: "+strings.Join(hidden, "; "), width)...)
	}
	return lines
}

// matrixLegend names the numbers in the plot, with the medians under each
// title when full.
func (d *resultsData) matrixLegend(s common.Styles, pts []matrixPoint, xc, yc content.Criterion, full bool) []string {
	var out []string
	for _, p := range pts {
		id := d.pack.Elements[p.Num-1].ID
		title := d.elementTitle(id)
		out = append(out, s.Results.Point.Render(strconv.Itoa(p.Num))+s.App.Render(strings.TrimPrefix(title, strconv.Itoa(p.Num)+".")))
		if full {
			out = append(out, s.Faint.Render(fmt.Sprintf("   %s %s · %s %s", common.OneLine(yc.Label), export.Number(&p.Y), common.OneLine(xc.Label), export.Number(&p.X))))
		}
	}
	return out
}
