package content

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// StakeholderMap draws the pack's personas and the trust relations between
// them as a plain-text diagram at most width columns wide. Each persona is a
// box heading a vertical lane; each user story is one labelled horizontal
// arrow from the lane of the persona who must trust to the lane of the one
// trusted (a loop when a persona trusts its own kind). The text has no
// styling, so the TUI, `trustshop show map` and exports can all use it.
//
// When the lanes would be too narrow for boxes (width below about eight
// columns a persona), it falls back to one line a story.
func (p *Pack) StakeholderMap(width int) string {
	n := len(p.Personas)
	if n == 0 {
		return ""
	}
	lane := width / n
	if lane < 8 {
		return p.stakeholderList(width)
	}
	c := newCanvas(width)
	centre := make([]int, n)
	for i := range p.Personas {
		centre[i] = i*lane + lane/2
	}
	c.boxes(p.Personas, lane, centre)
	index := map[string]int{}
	for i, x := range p.Personas {
		index[x.ID] = i
	}
	for k, s := range p.Stories {
		from, okf := index[s.From]
		to, okt := index[s.To]
		if !okf || !okt {
			continue
		}
		c.lanes(centre) // a blank lane row between stories
		label := fmt.Sprintf("%d %s", k+1, s.Title)
		if from == to {
			c.loop(centre, from, label)
		} else {
			c.arrow(centre, from, to, label)
		}
	}
	c.lanes(centre)
	return c.String()
}

// stakeholderList is the narrow fallback: one line a story.
func (p *Pack) stakeholderList(width int) string {
	short := map[string]string{}
	for _, x := range p.Personas {
		short[x.ID] = x.Short
	}
	var b strings.Builder
	for k, s := range p.Stories {
		line := fmt.Sprintf("%d %s → %s: %s", k+1, short[s.From], short[s.To], s.Title)
		b.WriteString(clip(line, width))
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}

// canvas is a grid of runes, grown one row at a time.
type canvas struct {
	width int
	rows  [][]rune
}

func newCanvas(width int) *canvas { return &canvas{width: width} }

// row appends an empty row and returns it.
func (c *canvas) row() []rune {
	r := []rune(strings.Repeat(" ", c.width))
	c.rows = append(c.rows, r)
	return r
}

// put writes s into r from column x, dropping what falls outside.
func (c *canvas) put(r []rune, x int, s string) {
	for _, ch := range s {
		if x >= 0 && x < len(r) {
			r[x] = ch
		}
		x++
	}
}

// lanes appends a row holding only the lane lines.
func (c *canvas) lanes(centre []int) []rune {
	r := c.row()
	for _, x := range centre {
		r[x] = '│'
	}
	return r
}

// boxes draws one box a persona, its short name centred and wrapped.
func (c *canvas) boxes(ps []Persona, lane int, centre []int) {
	boxW := lane - 2
	inner := boxW - 4
	texts := make([][]string, len(ps))
	height := 1
	for i, x := range ps {
		texts[i] = wrapWords(x.Short, inner)
		height = max(height, len(texts[i]))
	}
	top, bottom := c.row(), make([][]rune, 0, height)
	for range height {
		bottom = append(bottom, c.row())
	}
	last := c.row()
	for i := range ps {
		x0 := i*lane + 1
		c.put(top, x0, "╭"+strings.Repeat("─", boxW-2)+"╮")
		for j, line := range bottom {
			text := ""
			if j < len(texts[i]) {
				text = texts[i][j]
			}
			pad := inner - utf8.RuneCountInString(text)
			c.put(line, x0, "│ "+strings.Repeat(" ", pad/2)+text+strings.Repeat(" ", pad-pad/2)+" │")
		}
		c.put(last, x0, "╰"+strings.Repeat("─", boxW-2)+"╯")
		last[centre[i]] = '┬'
	}
}

// arrow draws a labelled arrow from lane from to lane to.
func (c *canvas) arrow(centre []int, from, to int, label string) {
	lo, hi := min(centre[from], centre[to]), max(centre[from], centre[to])
	lr := c.lanes(centre)
	span := hi - lo - 1
	if n := utf8.RuneCountInString(label); n <= span-2 {
		c.put(lr, lo+1+(span-n)/2, label)
	} else if lo+2+n <= c.width {
		c.put(lr, lo+2, label)
	} else {
		// Too long to run right of the left lane: end it at the edge,
		// over the lanes to its left, rather than cut it.
		start := max(0, c.width-n)
		c.put(lr, start, clip(label, c.width-start))
	}
	ar := c.lanes(centre)
	for x := lo + 1; x < hi; x++ {
		ar[x] = '─'
	}
	if from < to {
		ar[lo], ar[hi-1] = '├', '▶'
	} else {
		ar[hi], ar[lo+1] = '┤', '◀'
	}
}

// loop draws a labelled arrow from a lane back to itself.
func (c *canvas) loop(centre []int, at int, label string) {
	x := centre[at]
	lr := c.lanes(centre)
	c.put(lr, x+2, clip(label, c.width-x-2))
	out := c.lanes(centre)
	c.put(out, x, "├───╮")
	back := c.lanes(centre)
	c.put(back, x+1, "◀──╯")
}

// String returns the rows with trailing blanks trimmed.
func (c *canvas) String() string {
	lines := make([]string, len(c.rows))
	for i, r := range c.rows {
		lines[i] = strings.TrimRight(string(r), " ")
	}
	return strings.Join(lines, "\n")
}

// clip shortens s to at most n runes, ending it with "…" when cut.
func clip(s string, n int) string {
	if n <= 0 {
		return ""
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// wrapWords breaks s into lines of at most n runes, at spaces where it can.
func wrapWords(s string, n int) []string {
	if n <= 0 {
		return nil
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		for utf8.RuneCountInString(w) > n {
			if line != "" {
				lines, line = append(lines, line), ""
			}
			r := []rune(w)
			lines, w = append(lines, string(r[:n])), string(r[n:])
		}
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= n:
			line += " " + w
		default:
			lines, line = append(lines, line), w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
