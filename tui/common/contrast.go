package common

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// The contrast of what the app draws is computed, not judged by eye:
// ContrastIssues reads the colours of every character of rendered text
// (its SGR escape sequences) and measures each against its background
// with WCAG 2's contrast ratio. The tests run it over every style of
// every theme, over rendered Markdown and over whole screens.

// MinContrast is the contrast ratio a theme promises for text: WCAG AA
// (4.5:1), and AAA (7:1) for the high-contrast theme meant for
// projectors.
func MinContrast(t Theme) float64 {
	if t == ThemeHighContrast {
		return 7
	}
	return 4.5
}

// ContrastRatio is WCAG 2's contrast ratio of two colours, from 1 to 21.
func ContrastRatio(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v>>8) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// ContrastIssue is a run of text whose colours contrast too little.
type ContrastIssue struct {
	Text   string
	FG, BG color.Color
	Ratio  float64
}

func (i ContrastIssue) String() string {
	return fmt.Sprintf("%q: %s on %s is %.2f:1", i.Text, hex(i.FG), hex(i.BG), i.Ratio)
}

// ContrastIssues lists the runs of s (text with SGR sequences) whose
// colours contrast less than min; characters without a colour of their
// own are in fg on bg, the theme's terminal colours. Dim text (SGR 2) is
// an issue whatever its colours: its contrast is the terminal's guess.
func ContrastIssues(s string, fg, bg color.Color, min float64) []ContrastIssue {
	st := sgrState{fg: fg, bg: bg}
	var out []ContrastIssue
	var run strings.Builder
	var runFG, runBG color.Color
	runDim := false
	flush := func() {
		if run.Len() == 0 {
			return
		}
		ratio := ContrastRatio(runFG, runBG)
		if ratio < min || runDim {
			out = append(out, ContrastIssue{Text: run.String(), FG: runFG, BG: runBG, Ratio: ratio})
		}
		run.Reset()
	}
	p := ansi.GetParser()
	defer ansi.PutParser(p)
	var state byte
	for len(s) > 0 {
		seq, width, n, newState := ansi.DecodeSequence(s, state, p)
		state = newState
		switch {
		case width > 0:
			r := []rune(seq)[0]
			if unicode.IsSpace(r) || r == '\u00a0' {
				break
			}
			f, b := st.colors(fg, bg)
			if run.Len() > 0 && (f != runFG || b != runBG || st.dim != runDim) {
				flush()
			}
			runFG, runBG, runDim = f, b, st.dim
			run.WriteString(seq)
		case ansi.HasCsiPrefix(seq) && ansi.Cmd(p.Command()).Final() == 'm':
			st.apply(p.Params(), fg, bg)
		}
		s = s[n:]
	}
	flush()
	return out
}

// sgrState is the colours and attributes the SGR sequences so far set.
type sgrState struct {
	fg, bg  color.Color
	reverse bool
	dim     bool
}

func (st *sgrState) colors(fg, bg color.Color) (color.Color, color.Color) {
	if st.reverse {
		return st.bg, st.fg
	}
	return st.fg, st.bg
}

// apply reads the parameters of one SGR sequence.
func (st *sgrState) apply(params ansi.Params, fg, bg color.Color) {
	if len(params) == 0 {
		*st = sgrState{fg: fg, bg: bg}
		return
	}
	for i := 0; i < len(params); i++ {
		v := params[i].Param(0)
		switch {
		case v == 0:
			*st = sgrState{fg: fg, bg: bg}
		case v == 2:
			st.dim = true
		case v == 22:
			st.dim = false
		case v == 7:
			st.reverse = true
		case v == 27:
			st.reverse = false
		case v >= 30 && v <= 37:
			st.fg = ansi.BasicColor(v - 30)
		case v >= 90 && v <= 97:
			st.fg = ansi.BasicColor(v - 90 + 8)
		case v >= 40 && v <= 47:
			st.bg = ansi.BasicColor(v - 40)
		case v >= 100 && v <= 107:
			st.bg = ansi.BasicColor(v - 100 + 8)
		case v == 39:
			st.fg = fg
		case v == 49:
			st.bg = bg
		case v == 38 || v == 48 || v == 58:
			var c color.Color
			n, ok := 0, false
			if i+1 < len(params) {
				switch params[i+1].Param(0) {
				case 5:
					if i+2 < len(params) {
						c, n, ok = ansi.IndexedColor(params[i+2].Param(0)), 2, true
					}
				case 2:
					if i+4 < len(params) {
						c = color.RGBA{uint8(params[i+2].Param(0)), uint8(params[i+3].Param(0)), uint8(params[i+4].Param(0)), 255}
						n, ok = 4, true
					}
				}
			}
			i += n
			if !ok {
				continue
			}
			switch v {
			case 38:
				st.fg = c
			case 48:
				st.bg = c
			}
		}
	}
}
