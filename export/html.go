package export

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/trustshop/trustshop/session"
)

//go:embed report.html.tmpl
var reportTemplate string

// reportTmpl is parsed once; html/template escapes every value by context
// (text, attribute, inside SVG), which is what keeps user text inert.
var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"num":       Number,
	"pct":       pct,
	"consensus": consensusWord,
	"deref":     func(b *bool) bool { return b != nil && *b },
	"plus":      func(d, v int) int { return v + d },
	"plusf":     func(d, v float64) float64 { return round1(v + d) },
}).Parse(reportTemplate))

// HTML writes the session summary as one self-contained page: inline CSS,
// inline SVG charts, no script and nothing fetched, readable from a phone
// to a laptop and clean on paper. It shows what Markdown shows, with a bar
// chart per element and criterion and the matrix as a scatter plot.
func HTML(w io.Writer, sum Summary) error {
	v, err := newView(sum)
	if err != nil {
		return fmt.Errorf("html of session %s: %w", sum.Session.ID, err)
	}
	page := htmlPage{view: v}
	for i := range v.Elements {
		for j := range v.Elements[i].Cells {
			c := &v.Elements[i].Cells[j]
			c.Chart = newBarChart(c)
		}
	}
	if v.Matrix != nil {
		page.Scatter = newScatter(v.Matrix)
	}
	var b strings.Builder
	if err := reportTmpl.Execute(&b, page); err != nil {
		return fmt.Errorf("html of session %s: %w", sum.Session.ID, err)
	}
	// html/template leaves control characters as they are; the page is
	// for people, who may look at it in a terminal too
	if _, err := io.WriteString(w, session.Visible(b.String())); err != nil {
		return fmt.Errorf("html of session %s: %w", sum.Session.ID, err)
	}
	return nil
}

type htmlPage struct {
	*view
	Scatter *scatter
}

// ConsensusRule says what the session calls a consensus.
func (p htmlPage) ConsensusRule() string { return session.DescribeConsensus(p.Sum.Session.Consensus) }

// RankOrder says which end of each scale the rankings put first.
func (p htmlPage) RankOrder() string { return rankOrder(p.Sum.Pack) }

// MultiRound reports whether the session has more than one round.
func (p htmlPage) MultiRound() bool { return len(p.Rounds) > 1 }

// barChart is the geometry of one distribution chart: a bar per scale
// point, the most frequent point at full height; the counts are printed
// above the bars. It is drawn at its own size, never stretched: the bars
// get narrower as the scale has more points, so that every chart fits a
// phone's column (barMaxW) and its 11 px labels stay 11 px.
type barChart struct {
	W, H int
	Bars []bar
	Base int // y of the axis
}

type bar struct {
	X, Y, W, H   int
	Mid          int // x of the bar's centre
	Count, Point int
	Label        string
	// ShowCount and ShowTick: whether the count and the point's number
	// are printed; on a long scale only every few ticks, and only the
	// counts that do not collide, fit (every count is in the tooltip).
	ShowCount, ShowTick bool
	CountY, TickY       int
}

const (
	barSlotMax = 32  // a bar and its gap, at most (five points: 166 px)
	barMaxW    = 250 // the widest chart: a cell on a phone, or a third of a laptop's page
	barTop     = 16
	barPlot    = 56
	barLabelW  = 20 // room a label of up to three digits needs at 11 px
)

func newBarChart(c *cellView) barChart {
	ch := barChart{H: barTop + barPlot + 18, Base: barTop + barPlot}
	n := max(1, len(c.Points))
	slot := min(barSlotMax, (barMaxW-4)/n)
	gap := max(1, slot/5)
	tickEvery := 1
	for tickEvery*slot < barLabelW {
		tickEvery++
	}
	top := 0
	for _, p := range c.Points {
		top = max(top, p.Count)
	}
	lastCount := math.MinInt
	for i, p := range c.Points {
		h := 0
		if top > 0 {
			h = int(math.Round(float64(p.Count) / float64(top) * barPlot))
		}
		if p.Count > 0 && h < 2 {
			h = 2
		}
		x := 2 + i*slot + gap/2
		b := bar{
			X: x, Y: ch.Base - h, W: slot - gap, H: h, Mid: x + (slot-gap)/2,
			Count: p.Count, Point: p.Value, Label: p.Label,
			ShowTick: (p.Value-c.Criterion.Min)%tickEvery == 0,
			CountY:   ch.Base - h - 4, TickY: ch.Base + 14,
		}
		// with room for every label, every count shows (0 too: "nobody
		// chose it" is information); else the non-zero ones that fit
		if tickEvery == 1 || p.Count > 0 && b.Mid-lastCount >= barLabelW {
			b.ShowCount = true
			lastCount = b.Mid
		}
		ch.Bars = append(ch.Bars, b)
	}
	ch.W = 4 + n*slot
	return ch
}

// scatter is the geometry of the matrix chart.
type scatter struct {
	W, H                   int
	Left, Top, Right, Base int // the plot area
	XTicks, YTicks         []tick
	MidX, MidY             float64
	Dots                   []dot
	XLabel, YLabel         string
	XLabelX, YLabelY       int
	Quadrants              []quadrant
}

// quadrant names a corner of the impact x effort matrix.
type quadrant struct {
	X, Y   int
	Anchor string
	Text   string
}

type tick struct {
	Pos   float64
	Label string
}

type dot struct {
	X, Y  float64
	Num   int
	Title string
	Where string // the medians, for the tooltip
}

func newScatter(m *matrixView) *scatter {
	// Small enough that text stays legible when a phone scales it down.
	s := &scatter{W: 460, H: 380, Left: 52, Top: 12, Right: 448, Base: 328,
		XLabel: m.X.Label, YLabel: m.Y.Label}
	s.XLabelX, s.YLabelY = (s.Left+s.Right)/2, (s.Top+s.Base)/2
	xr, yr := float64(m.X.Max-m.X.Min), float64(m.Y.Max-m.Y.Min)
	px := func(v float64) float64 {
		return round1(float64(s.Left) + 24 + (v-float64(m.X.Min))/xr*float64(s.Right-s.Left-48))
	}
	py := func(v float64) float64 {
		return round1(float64(s.Base) - 24 - (v-float64(m.Y.Min))/yr*float64(s.Base-s.Top-48))
	}
	tickStep := max(1, (m.X.Max-m.X.Min)/10)
	for v := m.X.Min; v <= m.X.Max; v += tickStep {
		s.XTicks = append(s.XTicks, tick{px(float64(v)), strconv.Itoa(v)})
	}
	tickStep = max(1, (m.Y.Max-m.Y.Min)/10)
	for v := m.Y.Min; v <= m.Y.Max; v += tickStep {
		s.YTicks = append(s.YTicks, tick{py(float64(v)), strconv.Itoa(v)})
	}
	s.MidX, s.MidY = px(float64(m.X.Min+m.X.Max)/2), py(float64(m.Y.Min+m.Y.Max)/2)
	if m.X.LowerIsBetter && !m.Y.LowerIsBetter { // cost across, benefit up
		l, r, t, b := s.Left+8, s.Right-8, s.Top+14, s.Base-8
		s.Quadrants = []quadrant{
			{l, t, "start", "quick wins"}, {r, t, "end", "major projects"},
			{l, b, "start", "fill-ins"}, {r, b, "end", "thankless tasks"},
		}
	}
	// Elements at the same medians are fanned out in a row around the spot.
	groups := map[[2]float64][]int{}
	for i, pt := range m.Points {
		k := [2]float64{pt.X, pt.Y}
		groups[k] = append(groups[k], i)
	}
	for i, pt := range m.Points {
		g := groups[[2]float64{pt.X, pt.Y}]
		at := 0
		for j, idx := range g {
			if idx == i {
				at = j
			}
		}
		off := (float64(at) - float64(len(g)-1)/2) * 24
		x := round1(min(max(px(pt.X)+off, float64(s.Left+12)), float64(s.Right-12)))
		s.Dots = append(s.Dots, dot{
			X: x, Y: py(pt.Y), Num: pt.Num, Title: pt.Title,
			Where: fmt.Sprintf("%s %s, %s %s", m.Y.Label, Number(&pt.Y), m.X.Label, Number(&pt.X)),
		})
	}
	return s
}

// round1 rounds to one decimal, so SVG coordinates print short.
func round1(v float64) float64 { return math.Round(v*10) / 10 }
