package results

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
	"github.com/trustshop/trustshop/tui/common"
)

func TestPlaceMatrix(t *testing.T) {
	five := matrixAxis{Label: "Effort", Min: 1, Max: 5}
	ten := matrixAxis{Label: "Score", Min: 0, Max: 10}
	tests := []struct {
		name   string
		points []matrixPoint
		x, y   matrixAxis
		w, h   int
		want   []matrixLabel
	}{
		{
			name:   "equal medians share one label",
			points: []matrixPoint{{Num: 1, X: 3, Y: 4}, {Num: 2, X: 3, Y: 4}},
			x:      five, y: five, w: 9, h: 9,
			// x 3 is the middle column; y 4 is three quarters up: row 8 - 6
			want: []matrixLabel{{Text: "1,2", Col: 4, Row: 2, Nums: []int{1, 2}}},
		},
		{
			name:   "numbers ascend whatever the order",
			points: []matrixPoint{{Num: 5, X: 1, Y: 1}, {Num: 2, X: 1, Y: 1}},
			x:      five, y: five, w: 9, h: 9,
			want: []matrixLabel{{Text: "2,5", Col: 0, Row: 8, Nums: []int{2, 5}}},
		},
		{
			name:   "the top row is the scale's maximum",
			points: []matrixPoint{{Num: 1, X: 1, Y: 5}, {Num: 2, X: 5, Y: 1}},
			x:      five, y: five, w: 9, h: 9,
			want: []matrixLabel{{Text: "1", Col: 0, Row: 0, Nums: []int{1}}, {Text: "2", Col: 8, Row: 8, Nums: []int{2}}},
		},
		{
			name:   "neighbours keep a blank between them",
			points: []matrixPoint{{Num: 1, X: 3, Y: 2}, {Num: 2, X: 3.5, Y: 2}},
			x:      five, y: five, w: 9, h: 9,
			want: []matrixLabel{{Text: "1", Col: 4, Row: 6, Nums: []int{1}}, {Text: "2", Col: 6, Row: 6, Nums: []int{2}}},
		},
		{
			name:   "a label at the right edge moves left to fit",
			points: []matrixPoint{{Num: 10, X: 5, Y: 3}, {Num: 11, X: 5, Y: 3}},
			x:      five, y: five, w: 9, h: 9,
			want: []matrixLabel{{Text: "10,11", Col: 4, Row: 4, Nums: []int{10, 11}}},
		},
		{
			name:   "no room left: merged into the label before",
			points: []matrixPoint{{Num: 1, X: 1, Y: 3}, {Num: 2, X: 3.5, Y: 3}, {Num: 3, X: 4, Y: 3}, {Num: 4, X: 5, Y: 3}},
			x:      five, y: five, w: 7, h: 1,
			// columns 0, 4, 5, 6: "3" and "4" cannot both follow "2"
			want: []matrixLabel{{Text: "1", Col: 0, Row: 0, Nums: []int{1}}, {Text: "2,3,4", Col: 2, Row: 0, Nums: []int{2, 3, 4}}},
		},
		{
			name:   "a 0..10 scale: halves between the whole points",
			points: []matrixPoint{{Num: 1, X: 7.5, Y: 10}, {Num: 2, X: 0, Y: 0}, {Num: 3, X: 10, Y: 5}},
			x:      ten, y: ten, w: 41, h: 11,
			// four cells a point across: 7.5 is cell 30; one row a point up
			want: []matrixLabel{
				{Text: "1", Col: 30, Row: 0, Nums: []int{1}},
				{Text: "3", Col: 40, Row: 5, Nums: []int{3}},
				{Text: "2", Col: 0, Row: 10, Nums: []int{2}},
			},
		},
		{
			name:   "values off the scale stay inside the plot",
			points: []matrixPoint{{Num: 1, X: 7, Y: 0}},
			x:      five, y: five, w: 9, h: 9,
			want: []matrixLabel{{Text: "1", Col: 8, Row: 8, Nums: []int{1}}},
		},
		{
			name: "no points",
			x:    five, y: five, w: 9, h: 9,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := placeMatrix(tc.points, tc.x, tc.y, tc.w, tc.h)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestEvenSize(t *testing.T) {
	for _, tc := range []struct{ avail, span, want int }{
		{9, 4, 9}, {12, 4, 9}, {13, 4, 13}, {3, 4, 3}, {41, 10, 41}, {50, 10, 41}, {7, 0, 7},
	} {
		if got := evenSize(tc.avail, tc.span); got != tc.want {
			t.Errorf("evenSize(%d, %d) = %d, want %d", tc.avail, tc.span, got, tc.want)
		}
	}
}

// TestRenderMatrixTicks checks on a 0..10 scale that a point sits under
// the tick of its value and that every line fits.
func TestRenderMatrixTicks(t *testing.T) {
	s := common.NewStyles(common.ThemeDark)
	ten := matrixAxis{Label: "Score", Min: 0, Max: 10}
	const w, h = 60, 16
	lines := renderMatrix(s, []matrixPoint{{Num: 1, X: 7, Y: 10}, {Num: 2, X: 7, Y: 10}}, ten, ten, w, h, false)
	if len(lines) > h {
		t.Fatalf("%d lines for a height of %d", len(lines), h)
	}
	var axis, top string
	for i, l := range lines {
		l = ansi.Strip(l)
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d wide: %q", i, n, l)
		}
		if strings.Contains(l, "└") {
			axis = l
		}
		if strings.Contains(l, "1,2") {
			top = l
		}
	}
	if top == "" || !strings.HasPrefix(top, "10 ┤") {
		t.Fatalf("the shared label is not on the top row:\n%s", ansi.Strip(strings.Join(lines, "\n")))
	}
	ticks := []int{}
	for i, r := range []rune(axis) {
		if r == '┬' {
			ticks = append(ticks, i)
		}
	}
	if len(ticks) != 11 {
		t.Fatalf("%d ticks, want 11: %q", len(ticks), axis)
	}
	if col := strings.Index(top, "1,2"); len([]rune(top[:col])) != ticks[7] {
		t.Errorf("the label starts at column %d, the tick of 7 is at %d:\n%s", len([]rune(top[:col])), ticks[7], ansi.Strip(strings.Join(lines, "\n")))
	}
	last := ansi.Strip(lines[len(lines)-1])
	for _, v := range []string{"0", "5", "10", "Score →"} {
		if !strings.Contains(last, v) {
			t.Errorf("the tick line %q lacks %q", last, v)
		}
	}
}

// resultsOf builds the read-model of ratings on the default pack, as a
// researcher sees them (rounds: nil; the session running).
func resultsOf(t testing.TB, ratings []stats.Rating, v session.Viewer, rounds session.Rounds) (*content.Pack, *resultsData) {
	t.Helper()
	p, err := content.Default()
	if err != nil {
		t.Fatal(err)
	}
	var rows []session.Rating
	for _, r := range ratings {
		pid := int64(r.Rater[0])
		row := session.Rating{ParticipantID: pid, ElementID: r.Element, CriterionID: r.Criterion, Round: r.Round, Abstain: r.Abstain}
		if !r.Abstain {
			v := r.Value
			row.Value = &v
		}
		rows = append(rows, row)
	}
	sess := session.Session{Status: session.StatusRunning, Consensus: session.PackRule(p)}
	return p, newResultsData(session.BuildResults(sess, p, rounds, v, rows))
}

func TestMatrixPointsLeaveOutTheUnrated(t *testing.T) {
	rate := func(rater, el, crit string, v int) stats.Rating {
		return stats.Rating{Element: el, Criterion: crit, Round: 1, Rater: rater, Value: v}
	}
	researcher := session.Viewer{Kind: session.ViewResearcher}
	ratings := []stats.Rating{
		rate("a", "explain", "impact", 4), rate("b", "explain", "impact", 5),
		rate("a", "explain", "effort", 2), rate("b", "explain", "effort", 2),
		rate("a", "quality", "impact", 3), // no effort: not placed
		{Element: "document", Criterion: "impact", Round: 1, Rater: "a", Abstain: true},
		{Element: "document", Criterion: "effort", Round: 1, Rater: "a", Abstain: true},
	}
	p, d := resultsOf(t, ratings, researcher, nil)
	effort, _ := p.Criterion("effort")
	impact, _ := p.Criterion("impact")
	pts, absent, hidden := d.matrixPoints(effort, impact, 1)
	if want := []matrixPoint{{Num: 1, X: 2, Y: 4.5}}; !reflect.DeepEqual(pts, want) {
		t.Errorf("points %+v, want %+v", pts, want)
	}
	if len(absent) != len(p.Elements)-1 || !strings.HasPrefix(absent[0], "2. ") {
		t.Errorf("not placed: %q", absent)
	}
	if len(hidden) != 0 {
		t.Errorf("hidden: %q", hidden)
	}

	// during a session only what was revealed to the room is placed
	at := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	revealed := session.Rounds{"quality": {{ElementID: "quality", Round: 1, ClosedAt: at, RevealedRoomAt: at}}}
	_, d = resultsOf(t, ratings, session.Viewer{Kind: session.ViewFacilitator}, revealed)
	pts, _, hidden = d.matrixPoints(effort, impact, 1)
	if len(pts) != 0 || len(hidden) != 2 {
		t.Errorf("blind: points %+v, hidden %q", pts, hidden)
	}
}

func TestMatrixAxes(t *testing.T) {
	p, err := content.Default()
	if err != nil {
		t.Fatal(err)
	}
	axes := matrixAxes(p)
	if len(axes) != 2 || axes[0][0].ID != "effort" || axes[0][1].ID != "impact" || axes[1][0].ID != "impact" {
		t.Errorf("axes of the default pack: %v", axes)
	}
	three := *p
	three.Criteria = []content.Criterion{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	if n := len(matrixAxes(&three)); n != 6 {
		t.Errorf("three criteria give %d pairs, want 6", n)
	}
	one := *p
	one.Criteria = p.Criteria[:1]
	if n := len(matrixAxes(&one)); n != 0 {
		t.Errorf("one criterion gives %d pairs", n)
	}
}
