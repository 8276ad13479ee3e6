package results

import (
	"slices"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/tui/common"
)

func TestBarChart(t *testing.T) {
	s := common.NewStyles(common.ThemeDark)
	tests := []struct {
		name     string
		rows     []barRow
		width    int
		labelMax int
		want     []string
	}{
		{
			name:  "the largest count fills the room, zero draws nothing",
			rows:  []barRow{{"1", 0}, {"2", 2}, {"3", 4}},
			width: 12, labelMax: 10,
			// label 1, space, bar 8, space, count 1
			want: []string{
				"1          0",
				"2 ████     2",
				"3 ████████ 4",
			},
		},
		{
			name:  "eighths of a cell tell close counts apart",
			rows:  []barRow{{"a", 1}, {"b", 3}},
			width: 14, labelMax: 10,
			// bar 10 cells: 1 of 3 is 80/3 = 26.7 eighths, rounded to 27: 3 cells and 3/8
			want: []string{
				"a ███▍       1",
				"b ██████████ 3",
			},
		},
		{
			name:  "all zero",
			rows:  []barRow{{"1 Low", 0}, {"2 High", 0}},
			width: 13, labelMax: 10,
			want: []string{
				"1 Low       0",
				"2 High      0",
			},
		},
		{
			name:  "a count of one among many still shows",
			rows:  []barRow{{"x", 1}, {"y", 200}},
			width: 12, labelMax: 10,
			want: []string{
				"x ▏        1",
				"y ██████ 200",
			},
		},
		{
			name:  "long labels are cut, counts right-aligned",
			rows:  []barRow{{"1 Very little effort", 9}, {"2 Little effort", 10}},
			width: 24, labelMax: 8,
			// bar 12 cells: 9 of 10 is 86.4 eighths, rounded to 86: 10 cells and 6/8
			want: []string{
				"1 Very … ██████████▊   9",
				"2 Littl… ████████████ 10",
			},
		},
		{
			name:  "a narrow chart cuts the label to keep a bar",
			rows:  []barRow{{"1 Hardly at all", 2}},
			width: 10, labelMax: 10,
			want: []string{"1 … ████ 2"},
		},
		{
			name:  "too narrow for a bar: label and count",
			rows:  []barRow{{"1 Low", 3}},
			width: 5, labelMax: 10,
			want: []string{"1 … 3"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := barChart(s, tc.rows, tc.width, tc.labelMax)
			for i := range got {
				got[i] = ansi.Strip(got[i])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestBarChartLinesHaveTheWidth(t *testing.T) {
	s := common.NewStyles(common.ThemeDark)
	rows := []barRow{{"1 Hardly at all", 0}, {"2 A little", 3}, {"3 Noticeably", 17}, {"4 Strongly", 40}, {"5 Decisively", 1}}
	for w := 16; w <= 80; w++ {
		for _, l := range barChart(s, rows, w, w*2/5) {
			if got := ansi.StringWidth(l); got != w {
				t.Fatalf("width %d: line %q is %d wide", w, ansi.Strip(l), got)
			}
		}
	}
}

func TestBarCells(t *testing.T) {
	tests := []struct {
		count, top, w int
		want          string
	}{
		{0, 5, 10, ""},
		{5, 5, 10, "██████████"},
		{1, 2, 3, "█▌"},
		{1, 1000, 4, "▏"},
		{3, 0, 4, ""},
		{3, 3, 0, ""},
	}
	for _, tc := range tests {
		if got := barCells(tc.count, tc.top, tc.w); got != tc.want {
			t.Errorf("barCells(%d, %d, %d) = %q, want %q", tc.count, tc.top, tc.w, got, tc.want)
		}
	}
}
