package common

import (
	"strings"
	"testing"
)

func TestInert(t *testing.T) {
	sgr := "\x1b[1;38;2;122;162;247mTitle\x1b[m"
	for name, tc := range map[string]struct{ in, want string }{
		"plain":               {"a\tb\nc 李 👩‍🔬", "a\tb\nc 李 👩‍🔬"},
		"colours stay":        {sgr + "\n" + sgr, sgr + "\n" + sgr},
		"osc 52 with bel":     {"Ana\x1b]52;c;aGVsbG8=\x07!", "Ana!"},
		"osc 8 with st":       {"\x1b]8;;https://evil\x1b\\Ana\x1b]8;;\x1b\\", "Ana"},
		"dcs tmux":            {"x\x1bPtmux;\x1b\x1b]52;c;aA==\x07\x1b\\y", "xy"},
		"apc":                 {"x\x1b_Gf=100;AAAA\x1b\\y", "xy"},
		"unterminated osc":    {"x\x1b]52;c;aGVsbG8=", "x52;c;aGVsbG8="},
		"cursor moves":        {"a\x1b[2Jb\x1b[10;10Hc\x1b[Kd", "abcd"},
		"esc c reset":         {"a\x1bcb", "ab"},
		"c1":                  {"a\u009b2Jb\u009d0;t\u009cc", "a2Jb0;tc"},
		"c0 and del":          {"a\rb\x07c\x08d\x7fe\x00", "abcde"},
		"not utf-8":           {"a\xffb\x9b2J", "a�b�2J"},
		"esc at the end":      {"a\x1b", "a"},
		"malformed csi":       {"a\x1b[\x01b", "ab"},
		"colours around junk": {sgr + "\x1b]8;;u\x1b\\" + sgr, sgr + sgr},
	} {
		t.Run(name, func(t *testing.T) {
			if got := Inert(tc.in); got != tc.want {
				t.Errorf("Inert(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestTextHelpersShowControls(t *testing.T) {
	name := "\x1b]8;;https://evil\x1b\\Ana\x1b]8;;\x1b\\"
	for what, got := range map[string]string{
		"Text": Text(name), "OneLine": OneLine(name + "\n2nd"), "ClipText": ClipText(name, 80),
	} {
		if strings.ContainsRune(got, 0x1b) || !strings.Contains(got, `\x1b]8;;https://evil`) {
			t.Errorf("%s = %q, want the sequence visible", what, got)
		}
	}
}

func BenchmarkInert(b *testing.B) {
	line := "\x1b[38;2;122;162;247m│\x1b[m Ana (supplier)  \x1b[1m[✓ rated *]\x1b[m      ✓ rated *        2/14" + strings.Repeat(" ", 40) + "\n"
	frame := strings.Repeat(line, 40)
	b.ReportAllocs()
	for b.Loop() {
		sink = Inert(frame)
	}
}

var sink string

// TestClipTextGraphemes: ClipText measures display width and cuts between
// grapheme clusters, the "…" within the width.
func TestClipTextGraphemes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"Größe ändern", 12, "Größe ändern"},
		{"Größe ändern", 6, "Größe…"},
		{"信頼を築く", 5, "信頼…"},
		{"信頼を築く", 6, "信頼…"},
		{"ab👩‍🔬cd", 4, "ab…"},                    // never "ab👩‍…" nor a lone 👩
		{"ab👩‍🔬cd", 5, "ab👩‍🔬…"},                 // the ZWJ sequence is two columns
		{"Cafe\u0301 au lait", 5, "Cafe\u0301…"}, // the accent stays with its e
		{"👨‍👩‍👧‍👦 Familie", 3, "👨‍👩‍👧‍👦…"},
		{"🇩🇪🇯🇵", 3, "🇩🇪…"},
		{"x", 0, ""},
	} {
		got := ClipText(tc.in, tc.n)
		if got != tc.want || Width(got) > max(0, tc.n) {
			t.Errorf("ClipText(%q, %d) = %q (%d cells), want %q", tc.in, tc.n, got, Width(got), tc.want)
		}
	}
}

// TestWrapWordsDisplayWidth: lines are at most w columns wide, CJK and
// emoji counted as two, a word longer than a line cut between clusters.
func TestWrapWordsDisplayWidth(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want []string
	}{
		{"Größe und Maße", 10, []string{"Größe und", "Maße"}},
		{"利用者 供給者 信頼", 8, []string{"利用者", "供給者", "信頼"}},
		{"利用者は供給者を信頼", 8, []string{"利用者は", "供給者を", "信頼"}},
		{"👩‍🔬 Forscherin", 6, []string{"👩‍🔬", "Forsch", "erin"}},
		{"Re\u0301sume\u0301 re\u0301sume\u0301", 6, []string{"Re\u0301sume\u0301", "re\u0301sume\u0301"}},
	} {
		got := WrapWords(tc.in, tc.w)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("WrapWords(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
		for _, l := range got {
			if Width(l) > tc.w {
				t.Errorf("WrapWords(%q, %d): %q is %d wide", tc.in, tc.w, l, Width(l))
			}
		}
	}
}

func TestQuoteKeepsEmoji(t *testing.T) {
	if got := Quote("Größe 👩‍🔬\nzwei\x1b[2J"); got != `"Größe 👩‍🔬 zwei\x1b[2J"` {
		t.Errorf("Quote = %s", got)
	}
}
