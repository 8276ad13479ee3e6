package results

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/tui/common"
)

// matrixAxis is one axis of the results matrix: a criterion's label and
// scale.
type matrixAxis struct {
	ID, Label string
	Min, Max  int
}

// matrixPoint is an element placed in the matrix: its number (as in the
// legend) and its medians on the two criteria.
type matrixPoint struct {
	Num  int
	X, Y float64
}

// matrixLabel is where placeMatrix puts a label in the plot area: Col and
// Row of its first character (row 0 is the top). Elements at the same spot
// share one label ("2,5").
type matrixLabel struct {
	Text     string
	Col, Row int
	Nums     []int
}

// axisCell maps v on lo..hi to one of n cells (0 for lo, n-1 for hi).
func axisCell(v float64, lo, hi, n int) int {
	if hi <= lo || n <= 1 {
		return 0
	}
	c := int(math.Round((v - float64(lo)) / float64(hi-lo) * float64(n-1)))
	return min(max(c, 0), n-1)
}

// placeMatrix places every point in a plot of w x h cells: x across, y up.
// Points that fall on the same cell share a label, numbers ascending. A
// label starts at its point's column; labels on one row keep a blank
// between them, moving right as needed, and a label with no room left is
// merged into the one before it. Every label lies inside the plot. The
// result is ordered by row, then column.
func placeMatrix(points []matrixPoint, x, y matrixAxis, w, h int) []matrixLabel {
	if w <= 0 || h <= 0 {
		return nil
	}
	type spot struct{ col, row int }
	groups := map[spot][]int{}
	var order []spot
	for _, p := range points {
		k := spot{axisCell(p.X, x.Min, x.Max, w), h - 1 - axisCell(p.Y, y.Min, y.Max, h)}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], p.Num)
	}
	slices.SortFunc(order, func(a, b spot) int {
		if a.row != b.row {
			return a.row - b.row
		}
		return a.col - b.col
	})
	var out []matrixLabel
	for i := 0; i < len(order); {
		j := i
		var row []matrixLabel
		for ; j < len(order) && order[j].row == order[i].row; j++ {
			nums := slices.Clone(groups[order[j]])
			slices.Sort(nums)
			row = append(row, matrixLabel{Text: joinNums(nums), Col: order[j].col, Row: order[j].row, Nums: nums})
		}
		out = append(out, layoutRow(row, w)...)
		i = j
	}
	return out
}

// layoutRow spreads the labels of one row (ordered by column) so that they
// do not touch, merging from the right while they do not fit in w.
func layoutRow(row []matrixLabel, w int) []matrixLabel {
	for {
		placed := make([]matrixLabel, len(row))
		copy(placed, row)
		next, fits := 0, true
		for i := range placed {
			l := &placed[i]
			if ansi.StringWidth(l.Text) > w {
				l.Text = ansi.Truncate(l.Text, w, "…")
			}
			lw := ansi.StringWidth(l.Text)
			l.Col = max(min(l.Col, w-lw), next)
			if l.Col+lw > w {
				fits = false
				break
			}
			next = l.Col + lw + 1
		}
		if fits || len(row) == 1 {
			return placed
		}
		// merge the last label into the one before it and try again
		last, prev := row[len(row)-1], &row[len(row)-2]
		prev.Nums = append(slices.Clone(prev.Nums), last.Nums...)
		slices.Sort(prev.Nums)
		prev.Text = joinNums(prev.Nums)
		row = row[:len(row)-1]
	}
}

func joinNums(nums []int) string {
	parts := make([]string, len(nums))
	for i, n := range nums {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

// evenSize is the largest size <= avail at which every scale step gets the
// same number of cells (k*span+1), or avail when not even one cell a step
// fits. Evenly spaced ticks read better than rounding jitter.
func evenSize(avail, span int) int {
	if span <= 0 || avail < span+1 {
		return max(1, avail)
	}
	return (avail-1)/span*span + 1
}

// cell kinds of the matrix drawing, each drawn in its own style.
const (
	mxBlank = iota
	mxAxis
	mxMid
	mxQuad
	mxPoint
)

type mxCell struct {
	r    rune
	kind uint8
}

// renderMatrix draws the matrix in at most w x h cells: the y criterion up
// the left with its whole scale points as ticks, the x criterion along the
// bottom, dotted lines through the middle of both scales, every point as
// its label (see placeMatrix) and, with quadrants, the names of the four
// corners of a cost x benefit matrix (less is better across, more is
// better up, as impact x effort) where they do not cover a point.
func renderMatrix(s common.Styles, points []matrixPoint, x, y matrixAxis, w, h int, quadrants bool) []string {
	tickW := max(len(strconv.Itoa(y.Min)), len(strconv.Itoa(y.Max)))
	left := tickW + 2 // ticks, a space and the axis
	xl := common.OneLine(x.Label) + " →"
	xlW := ansi.StringWidth(xl)
	pw := evenSize(w-left-1, x.Max-x.Min)
	// leave room for the x label after the ticks if the plot keeps at
	// least four cells a scale step
	if narrower := evenSize(w-left-xlW-3, x.Max-x.Min); narrower >= 4*(x.Max-x.Min)+1 {
		pw = narrower
	}
	ph := evenSize(h-3, y.Max-y.Min) // a title line, the axis and its ticks
	if pw < 1 || ph < 1 {
		return nil
	}
	grid := make([][]mxCell, ph)
	for r := range grid {
		grid[r] = make([]mxCell, pw)
		for c := range grid[r] {
			grid[r][c] = mxCell{' ', mxBlank}
		}
	}
	midC := axisCell(float64(x.Min+x.Max)/2, x.Min, x.Max, pw)
	midR := ph - 1 - axisCell(float64(y.Min+y.Max)/2, y.Min, y.Max, ph)
	for r := range ph {
		grid[r][midC] = mxCell{'┆', mxMid}
	}
	for c := range pw {
		ch := '┄'
		if c == midC {
			ch = '┼'
		}
		grid[midR][c] = mxCell{ch, mxMid}
	}
	labels := placeMatrix(points, x, y, pw, ph)
	taken := map[[2]int]bool{}
	for _, l := range labels {
		for i, r := range []rune(l.Text) {
			grid[l.Row][l.Col+i] = mxCell{r, mxPoint}
			taken[[2]int{l.Row, l.Col + i}] = true
		}
	}
	if quadrants && ph >= 3 {
		corner := func(text string, row int, right bool) {
			n := len(text)
			if n+2 > midC && n+2 > pw-midC-1 || n+2 > pw/2 {
				return
			}
			at := 1
			if right {
				at = pw - 1 - n
			}
			for i := at - 1; i <= at+n; i++ {
				if i >= 0 && i < pw && taken[[2]int{row, i}] {
					return
				}
			}
			for i, r := range text {
				grid[row][at+i] = mxCell{r, mxQuad}
			}
		}
		corner("quick wins", 0, false)
		corner("major projects", 0, true)
		corner("fill-ins", ph-1, false)
		corner("thankless tasks", ph-1, true)
	}

	// ticks: whole points, as many as have room (a cell between them)
	yTicks := map[int]string{}
	lastRow := -2
	for v := y.Max; v >= y.Min; v-- {
		r := ph - 1 - axisCell(float64(v), y.Min, y.Max, ph)
		if r > lastRow {
			yTicks[r] = strconv.Itoa(v)
			lastRow = r
		}
	}
	st := s.Results
	out := make([]string, 0, ph+3)
	out = append(out, strings.Repeat(" ", tickW+1)+st.Axis.Render("↑ ")+s.Bold.Render(common.OneLine(y.Label)))
	for r := range ph {
		var b strings.Builder
		if t, ok := yTicks[r]; ok {
			b.WriteString(st.Axis.Render(strings.Repeat(" ", tickW-len(t)) + t + " ┤"))
		} else {
			b.WriteString(st.Axis.Render(strings.Repeat(" ", tickW) + " │"))
		}
		writeCells(&b, s, grid[r])
		out = append(out, b.String())
	}
	axis := []rune(strings.Repeat("─", pw+1))
	ticks := []rune(strings.Repeat(" ", pw+1))
	next := 0
	for v := x.Min; v <= x.Max; v++ {
		c := axisCell(float64(v), x.Min, x.Max, pw)
		t := strconv.Itoa(v)
		at := c - (len(t)-1)/2
		if at < next || at+len(t) > pw+1 {
			continue
		}
		axis[c] = '┬'
		copy(ticks[at:], []rune(t))
		next = at + len(t) + 1
	}
	out = append(out, st.Axis.Render(strings.Repeat(" ", tickW)+" └"+string(axis)))
	tickLine := strings.TrimRight(string(ticks), " ")
	if room := pw + 1 - ansi.StringWidth(tickLine); room >= 0 && left+pw+1+2+xlW <= w {
		out = append(out, strings.Repeat(" ", left)+st.Axis.Render(tickLine+strings.Repeat(" ", room+2))+s.Bold.Render(xl))
	} else {
		out = append(out, strings.Repeat(" ", left)+st.Axis.Render(tickLine))
		out[0] = common.Spread(out[0], s.Bold.Render(xl), w)
	}
	return out
}

// writeCells writes a row of the plot, one styled run per kind of cell.
func writeCells(b *strings.Builder, s common.Styles, row []mxCell) {
	var run strings.Builder
	kind := uint8(255)
	flush := func() {
		if run.Len() == 0 {
			return
		}
		b.WriteString(mxStyle(s, kind).Render(run.String()))
		run.Reset()
	}
	for _, c := range row {
		if c.kind != kind {
			flush()
			kind = c.kind
		}
		run.WriteRune(c.r)
	}
	flush()
}

func mxStyle(s common.Styles, kind uint8) lipgloss.Style {
	switch kind {
	case mxAxis, mxMid:
		return s.Results.Axis
	case mxQuad:
		return s.Results.Quadrant
	case mxPoint:
		return s.Results.Point
	}
	return lipgloss.NewStyle()
}
