package tui

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/rivo/uniseg"

	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// The screens of a session of the intl pack (German, CJK, emoji with ZWJ
// sequences, combining accents; criteria on 1..7, 0..10 and 1..4) at the
// laptop's 100x30 and the 60x15 minimum: every line fits the window in
// display width (terminal columns, not runes or bytes), and every box's
// sides stay in their column from its top corner to its bottom one.

// widthSizes are the window sizes of the width tests.
var widthSizes = [][2]int{{100, 30}, {60, 15}}

// widthCase opens a screen: the options of an env, then keys.
type widthCase struct {
	name string
	env  func(*testing.T) *tuitest.Env
	home bool // open the home screen instead of the session
	keys []string
	want string // a text the frame shows at 100x30
	// golden compares the frame with testdata/TestWidthsIntl/NAME/SIZE.golden
	// (go test ./tui/ -run TestWidthsIntl -update refreshes them)
	golden bool
}

func intlAt(step string) func(*testing.T) *tuitest.Env {
	return func(t *testing.T) *tuitest.Env {
		e := tuitest.NewIntlEnv(t)
		e.AtStep(t, step)
		return e
	}
}

func intlRated(step, el string, reveal bool) func(*testing.T) *tuitest.Env {
	return func(t *testing.T) *tuitest.Env {
		e := intlAt("element:" + el)(t)
		e.RateIntl(t, el, reveal)
		e.AtStep(t, step)
		return e
	}
}

func TestWidthsIntl(t *testing.T) {
	t.Parallel()
	for _, tc := range []widthCase{
		{name: "home", env: intlAt("intro"), home: true, want: "Größe 信頼", golden: true},
		{name: "new session", env: intlAt("intro"), home: true, keys: []string{"n"}, want: "New session"},
		{name: "intro", env: intlAt("intro"), want: "Vertrauen"},
		{name: "map", env: intlAt("map"), want: "利用者", golden: true},
		{name: "persona agenda", env: intlAt("persona:riyousha"), keys: []string{"tab"}, want: "利用者", golden: true},
		{name: "story", env: intlAt("story:riyousha-lieferant"), want: "Zulieferer"},
		{name: "grid blind", env: intlRated("element:forscherin", "forscherin", false), keys: []string{"r"}, want: "李小龍"},
		{name: "grid revealed", env: intlRated("element:forscherin", "forscherin", true), keys: []string{"r"}, want: "median", golden: true},
		{name: "element revealed", env: intlRated("element:cafe", "cafe", true), want: "der Ergebnisse teilen"},
		{name: "results elements", env: intlRated("element:shinrai", "shinrai", true), keys: []string{"R"}, want: "Wirkung", golden: true},
		{name: "results ranking", env: intlRated("element:shinrai", "shinrai", true), keys: []string{"R", "2"}, want: "Median", golden: true},
		{name: "results matrix", env: intlRated("element:shinrai", "shinrai", true), keys: []string{"R", "3"}, want: "Wirkung"},
		{name: "summary", env: intlRated("summary", "erklaeren", true), want: "Summary"},
		{name: "edit", env: intlAt("intro"), keys: []string{"E"}, want: "Jürgen", golden: true},
		{name: "export", env: intlAt("intro"), keys: []string{"x"}, want: "Export"},
	} {
		for _, size := range widthSizes {
			t.Run(fmt.Sprintf("%s/%dx%d", tc.name, size[0], size[1]), func(t *testing.T) {
				e := tc.env(t)
				id := e.Sess.ID
				if tc.home {
					id = ""
				}
				d := newRootDriver(t, NewModel(e.Ctx, options(e, id)), size[0], size[1])
				d.Press(tc.keys...)
				frame := d.text()
				if size[0] == 100 && !strings.Contains(frame, tc.want) {
					t.Errorf("the frame does not show %q:\n%s", tc.want, frame)
				}
				checkLayout(t, frame, size[0], size[1])
				if tc.golden {
					// the home screen clips the database's path, so Scrub
					// would not find it whole
					tmp := regexp.MustCompile(regexp.QuoteMeta(os.TempDir()) + `/\S*`)
					golden.RequireEqual(t, tmp.ReplaceAllString(e.Scrub(frame), "/data/trustshop.db"))
				}
			})
		}
	}
}

func TestWidthsIntlReview(t *testing.T) {
	t.Parallel()
	for _, size := range widthSizes {
		for _, keys := range [][]string{nil, {"2"}, {"3"}, {"4"}} {
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], strings.Join(keys, "")), func(t *testing.T) {
				e := tuitest.NewIntlEnv(t)
				for _, el := range []string{"erklaeren", "shinrai", "forscherin"} {
					e.AtStep(t, "element:"+el)
					e.RateIntl(t, el, true)
				}
				e.AtStep(t, "summary")
				d := newRootDriver(t, NewModel(e.Ctx, reviewOptions(e)), size[0], size[1])
				d.Press(keys...)
				checkLayout(t, d.text(), size[0], size[1])
			})
		}
	}
}

// checkLayout fails the test with the frame's layoutProblems.
func checkLayout(t *testing.T, frame string, w, h int) {
	t.Helper()
	if ps := layoutProblems(frame, w, h); len(ps) > 0 {
		t.Errorf("%s\nframe:\n%s", strings.Join(ps, "\n"), frame)
	}
}

// layoutProblems lists what is wrong with a frame of a window w x h: a
// line wider than w columns (display width), more than h lines, or a
// box's side out of its column: below each top corner (╭ ╮ ┌ ┐) every row
// holds a side (│ ├ ┤ ┃) in the same column until the bottom corner
// (╰ ╯ └ ┘).
func layoutProblems(frame string, w, h int) []string {
	var ps []string
	lines := strings.Split(strings.TrimRight(frame, "\n"), "\n")
	if len(lines) > h {
		ps = append(ps, fmt.Sprintf("%d lines in a window of %d", len(lines), h))
	}
	grid := make([][]string, len(lines))
	for i, l := range lines {
		grid[i] = cells(l)
		if n := len(grid[i]); n > w {
			ps = append(ps, fmt.Sprintf("line %d is %d columns wide in a window of %d: %q", i+1, n, w, l))
		}
	}
	at := func(r, c int) string {
		if c < len(grid[r]) {
			return grid[r][c]
		}
		return " "
	}
	bottom := map[string]string{"╭": "╰", "╮": "╯", "┌": "└", "┐": "┘"}
	for r := range grid {
		for c, g := range grid[r] {
			end, ok := bottom[g]
			if !ok {
				continue
			}
			for r2 := r + 1; r2 < len(grid); r2++ {
				x := at(r2, c)
				if x == end {
					break
				}
				if x == "" || !strings.Contains("│├┤┃", x) {
					ps = append(ps, fmt.Sprintf("the box from line %d column %d: line %d has %q in its side's column", r+1, c, r2+1, x))
					break
				}
			}
		}
	}
	return ps
}

// TestLayoutProblems: the check sees a side pushed out by a wide
// character counted as one column, a box cut at the foot, a line too wide.
func TestLayoutProblems(t *testing.T) {
	for _, tc := range []struct {
		name, frame string
		bad         bool
	}{
		{"straight", "╭────╮\n│ 李 │\n│ é  │\n│👩‍🔬  │\n╰────╯", false},
		{"wide counted as one", "╭────╮\n│ 李  │\n╰────╯", true},
		{"zwj counted as three", "╭────╮\n│👩‍🔬 │\n╰────╯", true},
		{"cut at the foot", "╭────╮\n│    │\nkeys", true},
		{"too wide", "╭──────────╮\n╰──────────╯", true},
		{"too tall", "a\nb\nc\nd\ne\nf\ng", true},
	} {
		if got := len(layoutProblems(tc.frame, 10, 6)) > 0; got != tc.bad {
			t.Errorf("%s: problems %v, want %v: %v", tc.name, got, tc.bad, layoutProblems(tc.frame, 10, 6))
		}
	}
}

// cells splits a plain line into terminal columns: a grapheme cluster in
// its first column, "" in the second column of a wide one.
func cells(line string) []string {
	var out []string
	g := uniseg.NewGraphemes(line)
	for g.Next() {
		switch g.Width() {
		case 0:
			if len(out) > 0 { // a mark after nothing joins nothing
				out[len(out)-1] += g.Str()
			}
		case 1:
			out = append(out, g.Str())
		default:
			out = append(out, g.Str(), "")
		}
	}
	return out
}
