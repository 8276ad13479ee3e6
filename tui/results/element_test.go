package results

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
	"github.com/trustshop/trustshop/tui/common"
)

func TestRenderElementResults(t *testing.T) {
	s := common.NewStyles(common.ThemeDark)
	p, _ := resultsOf(t, nil, session.Viewer{Kind: session.ViewResearcher}, nil)
	th := stats.Thresholds{MaxIQR: p.Consensus.MaxIQR, MinAgreement: p.Consensus.MinAgreement}
	describe := func(criterion string, abstain int, values ...int) stats.ElementStats {
		es := stats.Describe(values, abstain, stats.Scale{Min: 1, Max: 5}, th)
		es.Criterion = criterion
		return es
	}
	tests := []struct {
		name  string
		cells []stats.ElementStats
		width int
		want  []string // in order
		not   []string
	}{
		{
			name:  "consensus, abstentions apart",
			cells: []stats.ElementStats{describe("impact", 1, 4, 4, 5), describe("effort", 0, 2, 2, 3)},
			width: 100,
			want: []string{"Impact", "n 3 · 1 abstained", "Effort", "n 3",
				"4 Strongly", "█ 2", "median 4 · IQR 0.5 (4–4.5) · ✓ consensus", "median 2 · IQR 0.5 (2–2.5) · ✓ consensus"},
		},
		{
			name:  "no consensus",
			cells: []stats.ElementStats{describe("impact", 0, 1, 3, 5, 5)},
			width: 100,
			want:  []string{"Effort", "no ratings", "median 4 · IQR 2.5 (2.5–5) · ✗ no consensus", "median – · IQR – · – undefined"},
		},
		{
			name:  "only abstentions: undefined",
			cells: []stats.ElementStats{describe("impact", 2), describe("effort", 2)},
			width: 100,
			want:  []string{"n 0 · 2 abstained", "– undefined"},
			not:   []string{"✓", "✗"},
		},
		{
			name:  "narrow: one criterion under the other",
			cells: []stats.ElementStats{describe("impact", 0, 3, 3), describe("effort", 0, 4, 5)},
			width: 40,
			want:  []string{"Impact", "median 3", "Effort", "median 4.5"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := strings.Join(ElementLines(s, p.Criteria, tc.cells, tc.width), "\n")
			plain := ansi.Strip(out)
			rest := plain
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("lacks %q (in order):\n%s", w, plain)
				}
				rest = rest[i:]
			}
			for _, w := range tc.not {
				if strings.Contains(plain, w) {
					t.Errorf("holds %q:\n%s", w, plain)
				}
			}
			for i, l := range strings.Split(out, "\n") {
				if n := ansi.StringWidth(l); n > tc.width {
					t.Errorf("line %d is %d wide: %q", i, n, ansi.Strip(l))
				}
			}
		})
	}
}

func TestStatNum(t *testing.T) {
	v := func(f float64) *float64 { return &f }
	for _, tc := range []struct {
		in   *float64
		want string
	}{{nil, "–"}, {v(4), "4"}, {v(3.5), "3.5"}, {v(1.8333), "1.83"}, {v(-0.001), "0"}, {v(0.75), "0.75"}} {
		if got := export.Number(tc.in); got != tc.want {
			t.Errorf("export.Number(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestElementResultsCompact(t *testing.T) {
	s := common.NewStyles(common.ThemeDark)
	p, _ := resultsOf(t, nil, session.Viewer{Kind: session.ViewResearcher}, nil)
	th := stats.Thresholds{MaxIQR: p.Consensus.MaxIQR, MinAgreement: p.Consensus.MinAgreement}
	es := stats.Describe([]int{4, 4, 5}, 1, stats.Scale{Min: 1, Max: 5}, th)
	es.Criterion = "impact"
	got := ElementCompact(s, p.Criteria, []stats.ElementStats{es}, 100)
	want := []string{
		"Impact  n 3 · median 4 · IQR 0.5 · ✓ · 4:2 5:1 · 1 abstained",
		"Effort  no ratings",
	}
	for i := range got {
		got[i] = ansi.Strip(got[i])
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, l := range ElementCompact(s, p.Criteria, []stats.ElementStats{es}, 30) {
		if n := ansi.StringWidth(l); n > 30 {
			t.Errorf("%q is %d wide", ansi.Strip(l), n)
		}
	}
}

// TestRenderElementResultsWideScale: on a 0..10 scale every point has a
// bar line, the numbers right-aligned.
func TestRenderElementResultsWideScale(t *testing.T) {
	s := common.NewStyles(common.ThemeDark)
	c := content.Criterion{ID: "benefit", Label: "Benefit", Min: 0, Max: 10, Points: map[int]string{0: "None", 10: "Huge"}}
	es := stats.Describe([]int{7, 8, 6}, 0, stats.Scale{Min: 0, Max: 10}, stats.Thresholds{MaxIQR: 1, MinAgreement: 0.75})
	es.Criterion = "benefit"
	lines := strings.Split(ansi.Strip(strings.Join(ElementLines(s, []content.Criterion{c}, []stats.ElementStats{es}, 40), "\n")), "\n")
	if len(lines) != 13 {
		t.Fatalf("%d lines:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	for i, want := range map[int]string{1: " 0 None", 2: " 1 ", 11: "10 Huge", 12: "median 7 · IQR 1 (6.5–7.5) · ✓ consensus"} {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d %q, want it to start with %q", i, lines[i], want)
		}
	}
}

// threeCriteria is a 1..7, a 0..10 and a 1..4 criterion with labels on
// their anchors, and a cell of each with five ratings.
func threeCriteria() ([]content.Criterion, []stats.ElementStats) {
	crits := []content.Criterion{
		{ID: "wirkung", Label: "Wirkung", Min: 1, Max: 7, Points: map[int]string{1: "gar nicht", 4: "mittel", 7: "sehr stark"}},
		{ID: "aufwand", Label: "Aufwand (Größe)", Min: 0, Max: 10, Points: map[int]string{0: "keiner", 5: "mittel", 10: "enorm"}},
		{ID: "shinrai", Label: "信頼度 🤝", Min: 1, Max: 4, Points: map[int]string{1: "低い", 2: "やや低い", 3: "やや高い", 4: "高い"}},
	}
	th := stats.Thresholds{MaxIQR: 1, MinAgreement: 0.75}
	var cells []stats.ElementStats
	for i, vals := range [][]int{{1, 2, 3, 4, 5}, {0, 9, 9, 10, 10}, {1, 1, 2, 3, 4}} {
		es := stats.Describe(vals, 0, stats.Scale{Min: crits[i].Min, Max: crits[i].Max}, th)
		es.Criterion = crits[i].ID
		cells = append(cells, es)
	}
	return crits, cells
}

// TestElementFit: three criteria keep their bars wherever a pane has the
// room (side by side at 100 columns, one under the other when tall, in
// narrow columns in a laptop's pane), every line within the width; with
// no room for bars a line per criterion keeps the counts that are not
// zero, the 0..10 one's 9:2 and 10:2 among them.
func TestElementFit(t *testing.T) {
	s := common.NewStyles(common.ThemeDark)
	crits, cells := threeCriteria()
	for _, tc := range []struct {
		w, h  int
		bars  bool
		lines int // at most
	}{
		{100, 40, true, 15}, {100, 14, true, 14}, {60, 40, true, 40}, {60, 16, true, 16}, {60, 8, false, 3}, {40, 12, false, 3},
	} {
		got := ElementFit(s, crits, cells, tc.w, tc.h)
		plain := ansi.Strip(strings.Join(got, "\n"))
		if bars := strings.Contains(plain, "█"); bars != tc.bars || len(got) > tc.lines || len(got) > tc.h {
			t.Errorf("%dx%d: %d lines, bars %v; want at most %d, bars %v:\n%s", tc.w, tc.h, len(got), bars, tc.lines, tc.bars, plain)
		}
		for _, l := range got {
			if n := ansi.StringWidth(l); n > tc.w {
				t.Errorf("%dx%d: %q is %d wide", tc.w, tc.h, ansi.Strip(l), n)
			}
		}
		if tc.bars && !strings.Contains(plain, "no consensus") {
			t.Errorf("%dx%d: the consensus marker is lost:\n%s", tc.w, tc.h, plain)
		}
		if !tc.bars && tc.w >= 60 && (!strings.Contains(plain, "9:2 10:2") || strings.Contains(plain, "1:0")) {
			t.Errorf("%dx%d: want the non-zero counts only:\n%s", tc.w, tc.h, plain)
		}
	}
}
