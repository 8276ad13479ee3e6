package common

import (
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// A frame for a wcwidth terminal measures the same by both counts, and
// keeps what both count alike.
func TestForWcWidth(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"│ 👩‍🔬 Dr. Ōta │", "│ 👩 Dr. Ōta │"},
		{"👨‍👩‍👧‍👦 family", "👨 family"},
		{"❤️ love", "❤  love"},
		{"👍🏽 ok", "👍 ok"},
		{"信頼 Größe é 🇩🇪 🎉", "信頼 Größe é 🇩🇪 🎉"},   // alike by both counts
		{"\x1b[1m👩‍🔬\x1b[m│", "\x1b[1m👩\x1b[m│"}, // colours kept
	} {
		got := ForWcWidth(tc.in)
		if got != tc.want {
			t.Errorf("ForWcWidth(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if g, wc := ansi.StringWidth(got), ansi.StringWidthWc(got); g != wc || g != ansi.StringWidth(tc.in) {
			t.Errorf("%q: %d columns by clusters, %d by code points, was %d", got, g, wc, ansi.StringWidth(tc.in))
		}
	}
}

func BenchmarkForWcWidth(b *testing.B) {
	frame := ""
	for range 30 {
		frame += "│ \x1b[1mAna\x1b[m     [2 A little]    4 High effort   2/14  │ 👩‍🔬 信頼 │\n"
	}
	b.ReportAllocs()
	for b.Loop() {
		ForWcWidth(frame)
	}
}

// A terminal that reports mode 2027 gets the emoji as they are; one that
// does not (or says nothing) gets them fit for wcwidth.
func TestFrameFollowsTheTerminalsWidthMethod(t *testing.T) {
	c := &Common{}
	if got := c.Frame("👩‍🔬\x1b]52;c;eA==\x07"); got != "👩" {
		t.Errorf("no report: %q", got)
	}
	c.NoteMode(tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeNotRecognized})
	if c.Graphemes {
		t.Error("a terminal that does not know mode 2027 clusters graphemes?")
	}
	c.NoteMode(tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeReset})
	if got := c.Frame("👩‍🔬\x1b]52;c;eA==\x07"); got != "👩‍🔬" {
		t.Errorf("mode 2027 known: %q", got)
	}
}
