package content

import (
	"fmt"
	"strings"

	"github.com/rivo/uniseg"
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

// canvas is a grid of terminal cells, grown one row at a time. A cell
// holds one grapheme cluster; one that is two columns wide (CJK, most
// emoji) takes its cell and the next, which holds wide. Widths are display
// widths, so CJK text, combining marks, emoji and ZWJ sequences keep box
// borders and lane lines in place.
type canvas struct {
	width int
	rows  [][]string
}

// wide marks the second column of a two-column grapheme.
const wide = "\x00"

func newCanvas(width int) *canvas { return &canvas{width: width} }

// row appends an empty row and returns it.
func (c *canvas) row() []string {
	r := make([]string, c.width)
	for i := range r {
		r[i] = " "
	}
	c.rows = append(c.rows, r)
	return r
}

// set writes one grapheme of width w at column x, clearing what it cuts
// in half of a wide one there before; it reports false when it does not fit.
func set(r []string, x int, g string, w int) bool {
	if x < 0 || x+w > len(r) {
		return false
	}
	for i := x; i < x+w; i++ {
		if r[i] == wide && i > 0 {
			r[i-1] = " "
		}
		if i+1 < len(r) && r[i+1] == wide {
			r[i+1] = " "
		}
	}
	r[x] = g
	if w == 2 {
		r[x+1] = wide
	}
	return true
}

// put writes s into r from column x, dropping what falls outside.
func (c *canvas) put(r []string, x int, s string) {
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		w := g.Width()
		if w == 0 {
			continue
		}
		set(r, x, g.Str(), w)
		x += w
	}
}

// lanes appends a row holding only the lane lines.
func (c *canvas) lanes(centre []int) []string {
	r := c.row()
	for _, x := range centre {
		set(r, x, "│", 1)
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
	top, bottom := c.row(), make([][]string, 0, height)
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
			pad := max(0, inner-uniseg.StringWidth(text))
			c.put(line, x0, "│ "+strings.Repeat(" ", pad/2)+text+strings.Repeat(" ", pad-pad/2)+" │")
		}
		c.put(last, x0, "╰"+strings.Repeat("─", boxW-2)+"╯")
		set(last, centre[i], "┬", 1)
	}
}

// arrow draws a labelled arrow from lane from to lane to.
func (c *canvas) arrow(centre []int, from, to int, label string) {
	lo, hi := min(centre[from], centre[to]), max(centre[from], centre[to])
	lr := c.lanes(centre)
	span := hi - lo - 1
	if n := uniseg.StringWidth(label); n <= span-2 {
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
		set(ar, x, "─", 1)
	}
	if from < to {
		set(ar, lo, "├", 1)
		set(ar, hi-1, "▶", 1)
	} else {
		set(ar, hi, "┤", 1)
		set(ar, lo+1, "◀", 1)
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
		var b strings.Builder
		for _, cell := range r {
			if cell != wide {
				b.WriteString(cell)
			}
		}
		lines[i] = strings.TrimRight(b.String(), " ")
	}
	return strings.Join(lines, "\n")
}

// clip shortens s to at most n columns, ending it with "…" when cut; it
// cuts between grapheme clusters, never inside one.
func clip(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if uniseg.StringWidth(s) <= n {
		return s
	}
	var b strings.Builder
	w := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		if w+g.Width() > n-1 {
			break
		}
		b.WriteString(g.Str())
		w += g.Width()
	}
	return b.String() + "…"
}

// wrapWords breaks s into lines of at most n columns, at spaces where it
// can, and between grapheme clusters where a word is wider than a line.
func wrapWords(s string, n int) []string {
	if n <= 0 {
		return nil
	}
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		for uniseg.StringWidth(w) > n {
			if line != "" {
				lines, line = append(lines, line), ""
			}
			head, rest := splitWidth(w, n)
			lines, w = append(lines, head), rest
		}
		switch {
		case line == "":
			line = w
		case uniseg.StringWidth(line)+1+uniseg.StringWidth(w) <= n:
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

// splitWidth cuts s after at most n columns (at least one grapheme).
func splitWidth(s string, n int) (head, rest string) {
	w, at := 0, 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		if w+g.Width() > n && at > 0 {
			break
		}
		w += g.Width()
		_, at = g.Positions()
	}
	return s[:at], s[at:]
}
