package export

import (
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// gridStep is the spacing of the matrix grid: medians of whole-number
// ratings fall on halves, so small scales get half steps; wide scales get
// whole steps or no grid at all.
func gridStep(c1, c2 int) (float64, bool) {
	span := max(c1, c2)
	switch {
	case span <= 10:
		return 0.5, true
	case span <= 20:
		return 1, true
	}
	return 0, false
}

// gridIndex is the grid position of a value on a scale starting at lo.
func gridIndex(v float64, lo int, step float64) int {
	return int(math.Round((v - float64(lo)) / step))
}

// textGrid draws the matrix as text: the Y criterion up, the X criterion
// across, each element as its number at its medians. It returns "" when
// the scales are too wide for a grid.
func textGrid(mx *matrixView) string {
	x, y := mx.X, mx.Y
	step, ok := gridStep(x.Max-x.Min, y.Max-y.Min)
	if !ok {
		return ""
	}
	cols := gridIndex(float64(x.Max), x.Min, step) + 1
	rows := gridIndex(float64(y.Max), y.Min, step) + 1
	labels := make([][]string, rows)
	for i := range labels {
		labels[i] = make([]string, cols)
	}
	for _, pt := range mx.Points {
		c, r := gridIndex(pt.X, x.Min, step), gridIndex(pt.Y, y.Min, step)
		if c < 0 || c >= cols || r < 0 || r >= rows {
			continue
		}
		if labels[r][c] != "" {
			labels[r][c] += ","
		}
		labels[r][c] += strconv.Itoa(pt.Num)
	}
	width := 1
	for _, row := range labels {
		for _, l := range row {
			width = max(width, len(l))
		}
	}
	whole := func(i, lo int) (int, bool) {
		v := float64(lo) + float64(i)*step
		return int(v), v == math.Trunc(v)
	}
	tickWidth := max(len(strconv.Itoa(y.Max)), len(strconv.Itoa(y.Min)))
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", tickWidth+1) + "↑ " + oneLineText(y.Label) + "\n")
	// the corners of a cost x benefit matrix (less is better across, more
	// is better up), named as the results screen names them
	corners := func(left, right string) {
		if x.LowerIsBetter && !y.LowerIsBetter {
			inner := cols * (width + 1)
			gap := max(2, inner-1-len(left)-len(right))
			b.WriteString(strings.Repeat(" ", tickWidth) + " │ " + left + strings.Repeat(" ", gap) + right + "\n")
		}
	}
	corners("quick wins", "major projects")
	for r := rows - 1; r >= 0; r-- {
		yv, yWhole := whole(r, y.Min)
		if yWhole {
			b.WriteString(pad(strconv.Itoa(yv), tickWidth, true) + " ┤")
		} else {
			b.WriteString(strings.Repeat(" ", tickWidth) + " │")
		}
		line := ""
		for c := range cols {
			l := labels[r][c]
			if _, xWhole := whole(c, x.Min); l == "" && xWhole && yWhole {
				l = "·"
			}
			line += " " + pad(l, width, false)
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	corners("fill-ins", "thankless tasks")
	axis := strings.Repeat(" ", tickWidth) + " └"
	ticks := strings.Repeat(" ", tickWidth+2)
	for c := range cols {
		xv, xWhole := whole(c, x.Min)
		if xWhole {
			axis += "─" + strings.Repeat("┬", 1) + strings.Repeat("─", width-1)
			ticks += " " + pad(strconv.Itoa(xv), width, false)
		} else {
			axis += strings.Repeat("─", width+1)
			ticks += strings.Repeat(" ", width+1)
		}
	}
	b.WriteString(axis + "─\n")
	b.WriteString(strings.TrimRight(ticks, " ") + "  " + oneLineText(x.Label) + " →\n")
	return b.String()
}

// pad fills s with spaces to width columns (display width), on the left
// when right is true.
func pad(s string, width int, right bool) string {
	n := width - ansi.StringWidth(s)
	if n <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}

// oneLineText joins the lines of s with spaces.
func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }
