package results

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/tui/common"
)

// barRow is one bar of a bar chart: a label (a scale point, "4 Strongly")
// and how many ratings it has.
type barRow struct {
	Label string
	Count int
}

// barEighths draws a bar's last cell in eighths of a cell, so bars of
// counts that differ by one still differ in length on a narrow chart.
var barEighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// barChart draws rows as horizontal bars, one line each and every line
// exactly width cells wide: the label, left-aligned in a column as wide as
// the longest label (at most labelMax, cut with "…"), the bar scaled so
// the largest count fills the room left, and the count after it, right-
// aligned. A zero count draws no bar. When the bar would get fewer than
// four cells the label is cut first; with no room for a bar at all the
// lines hold the label and the count only.
func barChart(s common.Styles, rows []barRow, width, labelMax int) []string {
	labelW, top, countW := 0, 0, 1
	for _, r := range rows {
		labelW = max(labelW, ansi.StringWidth(r.Label))
		top = max(top, r.Count)
		countW = max(countW, len(strconv.Itoa(r.Count)))
	}
	labelW = min(labelW, max(1, labelMax))
	// label, a space, the bar, a space, the count
	barW := width - labelW - 2 - countW
	if barW < 4 { // keep a few cells of bar by cutting the label
		labelW = min(labelW, max(3, width-2-countW-4))
		barW = width - labelW - 2 - countW
	}
	if barW < 1 { // no bar at all: the label and the count
		barW, labelW = 0, max(1, width-1-countW)
	}
	out := make([]string, len(rows))
	var b strings.Builder
	for i, r := range rows {
		b.Reset()
		b.WriteString(common.Pad(r.Label, labelW))
		b.WriteByte(' ')
		if barW > 0 {
			bar := barCells(r.Count, top, barW)
			if bar != "" {
				b.WriteString(s.Results.Bar.Render(bar))
			}
			b.WriteString(strings.Repeat(" ", barW-ansi.StringWidth(bar)+1))
		}
		cnt := strconv.Itoa(r.Count)
		st := s.Results.Count
		if r.Count == 0 {
			st = s.Faint
		}
		b.WriteString(st.Render(strings.Repeat(" ", countW-len(cnt)) + cnt))
		out[i] = b.String()
	}
	return out
}

// barCells is a bar of count out of top in at most w cells, in eighths.
// Any count above zero gets at least an eighth, so it never looks empty.
func barCells(count, top, w int) string {
	if count <= 0 || top <= 0 || w <= 0 {
		return ""
	}
	eighths := (count*w*8 + top/2) / top
	eighths = max(1, min(eighths, w*8))
	return strings.Repeat("█", eighths/8) + barEighths[eighths%8]
}
