package common

import (
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/session"
)

// User and pack text reaches the terminal through two guards. The text
// helpers below (Text, OneLine, ClipText) make every control character in
// the text they are given visible (session.Visible), so a name holding an
// escape sequence shows as "\x1b]8;;…" where it is drawn; and the root
// passes each whole frame through Inert, which drops any escape sequence
// but colours whichever screen drew it, and its window title through
// OneLine.

// Text is user or pack text as a screen may draw it: control characters
// visible, line breaks kept.
func Text(s string) string { return session.Visible(s) }

// ClipText shortens s to n cells, ending with "…" when cut; runs of white
// space become one space and control characters are made visible. Widths
// are display widths (CJK and emoji two cells, combining marks none) and
// the cut falls between grapheme clusters, never inside one (a ZWJ
// sequence, a letter and its accent).
func ClipText(s string, n int) string {
	if n <= 0 {
		return ""
	}
	return ansi.Truncate(OneLine(s), n, "…")
}

// Width is the display width of s in terminal cells, escape sequences
// left out: the one measure every screen lays text out by.
func Width(s string) int { return ansi.StringWidth(s) }

// PadRight pads s with spaces to n cells.
func PadRight(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-ansi.StringWidth(s)))
}

// Pad truncates or pads text with spaces to exactly w cells.
func Pad(text string, w int) string {
	if w <= 0 {
		return ""
	}
	text = ansi.Truncate(text, w, "…")
	if n := ansi.StringWidth(text); n < w {
		text += strings.Repeat(" ", w-n)
	}
	return text
}

// Spread puts left and right on one line of width w, right-aligned.
func Spread(left, right string, w int) string {
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(right)
	if rw+2 > w {
		return ansi.Truncate(right, w, "…")
	}
	if lw+1+rw > w {
		left = ansi.Truncate(left, w-rw-1, "…")
		lw = ansi.StringWidth(left)
	}
	return left + strings.Repeat(" ", w-lw-rw) + right
}

// WrapText wraps s, which may be styled already, to width cells; user text
// in it went through Text or OneLine first.
func WrapText(s string, width int) string {
	return lipgloss.NewStyle().Width(width).Render(s)
}

// OneLine folds text onto one line (a footer message, a pack's label, a
// name), control characters visible.
func OneLine(s string) string {
	return strings.Join(strings.Fields(Text(s)), " ")
}

// Plural is "s" unless n is 1.
func Plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Inert returns a frame with nothing in it a terminal acts on but line
// breaks, tabs and colours: every escape sequence other than SGR is dropped
// (OSC 8 links and OSC 52 clipboard writes, DCS, APC, cursor moves), and
// so are other control characters; bytes that are not UTF-8 become "�".
// A string-type sequence with no terminator loses only its introducer, so
// the rest shows as text. A clean frame comes back as it is.
func Inert(s string) string {
	var b strings.Builder
	last := 0 // s[last:i] is clean and not yet copied
	drop := func(i, j int) {
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		last = j
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ansi.ESC:
			if j, keep := escapeEnd(s, i); keep {
				i = j
			} else {
				drop(i, j)
				i = j
			}
		case c < 0x20 && c != '\n' && c != '\t' || c == 0x7f:
			drop(i, i+1)
			i++
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				drop(i, i+1)
				b.WriteString("�")
			case r >= 0x80 && r <= 0x9f: // C1: CSI, OSC, DCS, ST in one character
				drop(i, i+n)
			}
			i += n
		}
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// escapeEnd looks at the escape sequence at s[i] and returns where it ends
// and whether it may stay (a complete SGR, "ESC [ … m").
func escapeEnd(s string, i int) (end int, keep bool) {
	if i+1 >= len(s) {
		return i + 1, false
	}
	switch s[i+1] {
	case '[':
		j := i + 2
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f { // parameters
			j++
		}
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f { // intermediates
			j++
		}
		if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
			return j + 1, s[j] == 'm'
		}
		return i + 2, false // malformed: drop the introducer
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: up to ST (or BEL)
		for j := i + 2; j < len(s); j++ {
			switch {
			case s[j] == 0x07 && s[i+1] == ']':
				return j + 1, false
			case s[j] == ansi.ESC && j+1 < len(s) && s[j+1] == '\\':
				return j + 2, false
			}
		}
		return i + 2, false
	}
	if c := s[i+1]; c >= 0x20 && c <= 0x7e { // ESC 7, ESC c, ESC ( B, …
		return i + 2, false
	}
	return i + 1, false
}

// WrapWords wraps plain text at spaces into lines of at most w cells of
// display width; a word wider than a line is cut between grapheme
// clusters. Runs of white space become one space.
func WrapWords(s string, w int) []string {
	w = max(1, w)
	var lines []string
	line, lineW := "", 0
	for _, word := range strings.Fields(s) {
		ww := ansi.StringWidth(word)
		for ww > w {
			if line != "" {
				lines, line, lineW = append(lines, line), "", 0
			}
			head := ansi.Truncate(word, w, "")
			if head == "" { // a cluster wider than the line: keep it whole
				head = ansi.Truncate(word, 2, "")
			}
			lines = append(lines, head)
			word = word[len(head):]
			ww = ansi.StringWidth(word)
		}
		switch {
		case word == "":
		case line == "":
			line, lineW = word, ww
		case lineW+1+ww <= w:
			line, lineW = line+" "+word, lineW+1+ww
		default:
			lines, line, lineW = append(lines, line), word, ww
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// Quote puts user text in quotes for a message, on one line with control
// characters visible: unlike %q it leaves what a terminal draws as it is
// (a ZWJ sequence stays one emoji, "👩‍🔬", not "👩\u200d🔬").
func Quote(s string) string { return `"` + OneLine(s) + `"` }

// SideBySide lays blocks of lines out as columns colW cells wide with gap
// spaces between them, as many lines as the longest block; trailing spaces
// are trimmed.
func SideBySide(blocks [][]string, colW, gap int) []string {
	if len(blocks) == 1 {
		return blocks[0]
	}
	rows := 0
	for _, b := range blocks {
		rows = max(rows, len(b))
	}
	out := make([]string, rows)
	var line strings.Builder
	for r := range rows {
		line.Reset()
		for i, b := range blocks {
			cell := ""
			if r < len(b) {
				cell = b[r]
			}
			if i < len(blocks)-1 {
				cell = PadRight(cell, colW+gap)
			}
			line.WriteString(cell)
		}
		out[r] = strings.TrimRight(line.String(), " ")
	}
	return out
}
