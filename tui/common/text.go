package common

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// ClipText shortens s to n cells, ending with "…" when cut; runs of white
// space become one space.
func ClipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if lipgloss.Width(s) <= n {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r))+1 > n {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// PadRight pads s with spaces to n cells.
func PadRight(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-lipgloss.Width(s)))
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

// WrapText wraps s to width cells.
func WrapText(s string, width int) string {
	return lipgloss.NewStyle().Width(width).Render(s)
}

// OneLine folds text onto one line: a footer message, a pack's label.
func OneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Plural is "s" unless n is 1.
func Plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
