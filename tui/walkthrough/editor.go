package walkthrough

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/mattn/go-runewidth"
)

// textEditor is the note editor: the text as lines of runes, a cursor,
// and each line's soft wrap kept until that line changes. A key costs the
// edited line's wrap and the rows on screen, not the whole note: bubbles'
// textarea rendered and measured every line of a note on every key, and
// typed about 130 keys a second into a note of 3,000 characters
// (BenchmarkNoteTyping).
type textEditor struct {
	lines    [][]rune
	row, col int // the cursor: a line, and a rune in it (0..len)
	width    int
	height   int
	top      int         // the first screen row shown
	wraps    [][]segment // each line's wrap at width; nil when stale
	version  int         // counts changes of the text
	holder   string      // the placeholder while the note is empty
	text     lipgloss.Style
	cursor   lipgloss.Style
	faint    lipgloss.Style
	wantCol  int // the screen column up and down keep
	haveWant bool
}

// segment is one screen row of a line: runes [start, end).
type segment struct{ start, end int }

func newTextEditor(value string, text, cursor, faint lipgloss.Style) *textEditor {
	e := &textEditor{text: text, cursor: cursor, faint: faint}
	e.setValue(value)
	return e
}

func (e *textEditor) setValue(v string) {
	v = strings.ReplaceAll(v, "\r\n", "\n")
	parts := strings.Split(v, "\n")
	e.lines = make([][]rune, len(parts))
	for i, p := range parts {
		e.lines[i] = []rune(p)
	}
	e.wraps = make([][]segment, len(e.lines))
	e.row = len(e.lines) - 1
	e.col = len(e.lines[e.row])
	e.version++
}

// Value is the note as typed.
func (e *textEditor) Value() string {
	var b strings.Builder
	for i, l := range e.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(string(l))
	}
	return b.String()
}

func (e *textEditor) setSize(w, h int) {
	if w != e.width {
		clear(e.wraps)
	}
	e.width, e.height = max(1, w), max(1, h)
	e.follow()
}

// changed marks line i (and the count of lines) changed.
func (e *textEditor) changed(i int) {
	e.wraps[i] = nil
	e.version++
	e.haveWant = false
}

func (e *textEditor) insert(rs []rune) {
	for _, r := range rs {
		if r == '\n' {
			e.newline()
			continue
		}
		if r == '\t' {
			r = ' '
		}
		if unicode.IsControl(r) {
			continue
		}
		l := e.lines[e.row]
		l = append(l[:e.col], append([]rune{r}, l[e.col:]...)...)
		e.lines[e.row] = l
		e.col++
	}
	e.changed(e.row)
}

func (e *textEditor) newline() {
	l := e.lines[e.row]
	rest := append([]rune(nil), l[e.col:]...)
	e.lines[e.row] = l[:e.col]
	e.lines = append(e.lines[:e.row+1], append([][]rune{rest}, e.lines[e.row+1:]...)...)
	e.wraps = append(e.wraps[:e.row+1], append([][]segment{nil}, e.wraps[e.row+1:]...)...)
	e.changed(e.row)
	e.row, e.col = e.row+1, 0
	e.changed(e.row)
}

// deleteBack removes n runes before the cursor, joining lines at a line's
// start.
func (e *textEditor) deleteBack(n int) {
	for ; n > 0; n-- {
		switch {
		case e.col > 0:
			l := e.lines[e.row]
			e.lines[e.row] = append(l[:e.col-1], l[e.col:]...)
			e.col--
		case e.row > 0:
			prev := e.lines[e.row-1]
			e.col = len(prev)
			e.lines[e.row-1] = append(prev, e.lines[e.row]...)
			e.lines = append(e.lines[:e.row], e.lines[e.row+1:]...)
			e.wraps = append(e.wraps[:e.row], e.wraps[e.row+1:]...)
			e.row--
		}
	}
	e.changed(e.row)
}

// deleteForward removes the rune under the cursor, joining the next line
// at a line's end.
func (e *textEditor) deleteForward() {
	l := e.lines[e.row]
	switch {
	case e.col < len(l):
		e.lines[e.row] = append(l[:e.col], l[e.col+1:]...)
	case e.row < len(e.lines)-1:
		e.lines[e.row] = append(l, e.lines[e.row+1]...)
		e.lines = append(e.lines[:e.row+1], e.lines[e.row+2:]...)
		e.wraps = append(e.wraps[:e.row+1], e.wraps[e.row+2:]...)
	}
	e.changed(e.row)
}

// wordLeft is the column the word before the cursor starts at.
func (e *textEditor) wordLeft() int {
	l, c := e.lines[e.row], e.col
	for c > 0 && unicode.IsSpace(l[c-1]) {
		c--
	}
	for c > 0 && !unicode.IsSpace(l[c-1]) {
		c--
	}
	return c
}

func (e *textEditor) wordRight() int {
	l, c := e.lines[e.row], e.col
	for c < len(l) && unicode.IsSpace(l[c]) {
		c++
	}
	for c < len(l) && !unicode.IsSpace(l[c]) {
		c++
	}
	return c
}

// update handles a key or a paste; it reports whether the text changed.
func (e *textEditor) update(msg tea.Msg) bool {
	before := e.version
	switch msg := msg.(type) {
	case tea.PasteMsg:
		e.insert([]rune(msg.Content))
	case tea.KeyPressMsg:
		e.key(msg)
	}
	e.follow()
	return e.version != before
}

func (e *textEditor) key(k tea.KeyPressMsg) {
	switch k.String() {
	case "enter", "ctrl+j":
		e.newline()
	case "backspace", "ctrl+h":
		e.deleteBack(1)
	case "delete", "ctrl+d":
		e.deleteForward()
	case "alt+backspace", "ctrl+w":
		e.deleteBack(e.col - e.wordLeft())
	case "ctrl+u":
		e.deleteBack(e.col)
	case "ctrl+k":
		e.lines[e.row] = e.lines[e.row][:e.col]
		e.changed(e.row)
	case "left", "ctrl+b":
		e.moveH(-1)
	case "right", "ctrl+f":
		e.moveH(1)
	case "alt+left", "alt+b", "ctrl+left":
		e.col, e.haveWant = e.wordLeft(), false
	case "alt+right", "alt+f", "ctrl+right":
		e.col, e.haveWant = e.wordRight(), false
	case "home", "ctrl+a":
		e.col, e.haveWant = 0, false
	case "end", "ctrl+e":
		e.col, e.haveWant = len(e.lines[e.row]), false
	case "up", "ctrl+p":
		e.moveV(-1)
	case "down", "ctrl+n":
		e.moveV(1)
	case "pgup":
		e.moveV(-e.height)
	case "pgdown":
		e.moveV(e.height)
	case "ctrl+home":
		e.row, e.col, e.haveWant = 0, 0, false
	case "ctrl+end":
		e.row = len(e.lines) - 1
		e.col, e.haveWant = len(e.lines[e.row]), false
	default:
		if k.Text != "" {
			e.insert([]rune(k.Text))
		}
	}
}

func (e *textEditor) moveH(d int) {
	e.haveWant = false
	switch {
	case d < 0 && e.col > 0:
		e.col--
	case d < 0 && e.row > 0:
		e.row--
		e.col = len(e.lines[e.row])
	case d > 0 && e.col < len(e.lines[e.row]):
		e.col++
	case d > 0 && e.row < len(e.lines)-1:
		e.row, e.col = e.row+1, 0
	}
}

// moveV moves the cursor d screen rows, keeping its screen column.
func (e *textEditor) moveV(d int) {
	row, col := e.screenPos()
	if !e.haveWant {
		e.wantCol, e.haveWant = col, true
	}
	target := max(0, min(row+d, e.screenRows()-1))
	// find the line and segment of the target screen row
	n := 0
	for i := range e.lines {
		segs := e.wrap(i)
		if target < n+len(segs) {
			s := segs[target-n]
			e.row = i
			e.col = s.start + colAt(e.lines[i][s.start:s.end], e.wantCol)
			if target-n < len(segs)-1 && e.col == s.end && s.end > s.start {
				e.col-- // the end of a soft-wrapped row is the next row's start
			}
			return
		}
		n += len(segs)
	}
}

// colAt is the rune index at screen column c of rs.
func colAt(rs []rune, c int) int {
	w := 0
	for i, r := range rs {
		w += runewidth.RuneWidth(r)
		if w > c {
			return i
		}
	}
	return len(rs)
}

// wrap is line i's screen rows at the editor's width: words stay whole
// where they fit, a word wider than a row is cut.
func (e *textEditor) wrap(i int) []segment {
	if s := e.wraps[i]; s != nil {
		return s
	}
	l := e.lines[i]
	var segs []segment
	start, w, lastSpace := 0, 0, -1
	for j := 0; j < len(l); j++ {
		rw := runewidth.RuneWidth(l[j])
		if w+rw > e.width && j > start {
			end := j
			if lastSpace >= start && !unicode.IsSpace(l[j]) {
				end = lastSpace + 1 // break after the last space
			}
			segs = append(segs, segment{start, end})
			start, w, lastSpace = end, 0, -1
			j = end - 1
			continue
		}
		if unicode.IsSpace(l[j]) {
			lastSpace = j
		}
		w += rw
	}
	segs = append(segs, segment{start, len(l)})
	e.wraps[i] = segs
	return segs
}

// screenRows is the number of screen rows of the whole note.
func (e *textEditor) screenRows() int {
	n := 0
	for i := range e.lines {
		n += len(e.wrap(i))
	}
	return n
}

// screenPos is the cursor's screen row (from the note's top) and column.
func (e *textEditor) screenPos() (int, int) {
	n := 0
	for i := 0; i < e.row; i++ {
		n += len(e.wrap(i))
	}
	segs := e.wrap(e.row)
	for k, s := range segs {
		if e.col < s.end || k == len(segs)-1 {
			return n + k, runewidth.StringWidth(string(e.lines[e.row][s.start:e.col]))
		}
	}
	return n, 0
}

// follow scrolls so that the cursor's row is on screen.
func (e *textEditor) follow() {
	row, _ := e.screenPos()
	switch {
	case row < e.top:
		e.top = row
	case row >= e.top+e.height:
		e.top = row - e.height + 1
	}
}

// view draws the rows on screen, the cursor as a block.
func (e *textEditor) view() string {
	if len(e.lines) == 1 && len(e.lines[0]) == 0 {
		return e.cursor.Render(" ") + e.faint.Render(runewidth.Truncate(e.holder, e.width-1, "…"))
	}
	crow, ccol := e.screenPos()
	out := make([]string, 0, e.height)
	n := 0
	for i := range e.lines {
		segs := e.wrap(i)
		if n+len(segs) <= e.top {
			n += len(segs)
			continue
		}
		for _, s := range segs {
			if n >= e.top+e.height {
				return strings.Join(out, "\n")
			}
			if n >= e.top {
				text := string(e.lines[i][s.start:s.end])
				if n == crow {
					out = append(out, e.cursorRow(text, ccol))
				} else {
					out = append(out, e.text.Render(text))
				}
			}
			n++
		}
	}
	return strings.Join(out, "\n")
}

// cursorRow draws a row with the cursor at screen column c.
func (e *textEditor) cursorRow(text string, c int) string {
	rs := []rune(text)
	at := colAt(rs, c)
	under := " "
	rest := ""
	if at < len(rs) {
		under, rest = string(rs[at]), string(rs[at+1:])
	}
	return e.text.Render(string(rs[:at])) + e.cursor.Render(under) + e.text.Render(rest)
}
