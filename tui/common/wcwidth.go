package common

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Frame is what a program's View draws: the frame made inert (Inert),
// and fit for a terminal that counts code points unless the terminal
// said it clusters graphemes (Common.Graphemes, mode 2027).
func (c *Common) Frame(frame string) string {
	frame = Inert(frame)
	if c.Graphemes {
		return frame
	}
	return ForWcWidth(frame)
}

// NoteMode records what the terminal said of its width method: a
// terminal that reports mode 2027 (set or not: it knows it, and the
// renderer turns it on) clusters graphemes as lipgloss measures them.
func (c *Common) NoteMode(msg tea.ModeReportMsg) {
	if msg.Mode == ansi.ModeUnicodeCore && (msg.Value == ansi.ModeSet || msg.Value == ansi.ModeReset || msg.Value == ansi.ModePermanentlySet) {
		c.Graphemes = true
	}
}

// ForWcWidth makes a frame laid out by grapheme clusters (lipgloss
// measures so) safe for a terminal that counts every code point instead
// (wcwidth: tmux, most terminals that do not report mode 2027). The two
// disagree on a few emoji sequences: 👩‍🔬 (joined by ZWJ) is 2 columns as
// one cluster but 4 to such a terminal, ❤️ (with VS16) 2 against 1, 👍🏽
// 2 against 4; the box borders and columns after it would shift. Each
// such cluster is drawn as its first code point, padded to the cluster's
// width: "👩" for "👩‍🔬". Everything else, CJK, accents and flags included,
// is measured alike by both and left as it is.
func ForWcWidth(frame string) string {
	if !mayDisagree(frame) {
		return frame
	}
	var b strings.Builder
	b.Grow(len(frame))
	s, state := frame, byte(0)
	for len(s) > 0 {
		seq, w, n, next := ansi.DecodeSequence(s, state, nil)
		if w > 0 && n > 1 && ansi.StringWidthWc(seq) != w {
			seq = firstRuneWide(seq, w)
		}
		b.WriteString(seq)
		s, state = s[n:], next
	}
	return b.String()
}

// mayDisagree reports whether s holds a code point that joins or changes
// an emoji cluster: a zero-width joiner, an emoji variation selector or
// a skin-tone modifier (U+1F3FB..U+1F3FF). Frames without one are most
// frames and cost one scan.
func mayDisagree(s string) bool {
	return strings.Contains(s, "\u200d") || strings.Contains(s, "\ufe0f") ||
		strings.Contains(s, "\U0001F3FB") || strings.Contains(s, "\U0001F3FC") || strings.Contains(s, "\U0001F3FD") ||
		strings.Contains(s, "\U0001F3FE") || strings.Contains(s, "\U0001F3FF")
}

// firstRuneWide is cluster's first code point padded with spaces to w
// columns by either count, or "?"s where that code point will not do.
func firstRuneWide(cluster string, w int) string {
	_, size := utf8.DecodeRuneInString(cluster)
	first := cluster[:size]
	fw := ansi.StringWidthWc(first)
	if fw == 0 || fw > w || ansi.StringWidth(first) != fw {
		return strings.Repeat("?", w)
	}
	return first + strings.Repeat(" ", w-fw)
}
