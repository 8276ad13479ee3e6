package export

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestTableWriterDisplayWidths: columns after CJK, emoji, ZWJ sequences
// and combining marks start in the same terminal column on every row
// (text/tabwriter counts runes and shifts them).
func TestTableWriterDisplayWidths(t *testing.T) {
	var b strings.Builder
	tw := NewTableWriter(&b, 2)
	titles := []string{"Explain", "信頼を築く", "Größe ändern", "👩‍🔬 Forscherin", "Cafe\u0301 e\u0301tude", "🇩🇪 Flagge"}
	for i, title := range titles {
		tw.Write([]byte(string(rune('1'+i)) + "\t" + title + "\t4\tlast cell\n"))
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != len(titles) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(titles), b.String())
	}
	for _, l := range lines {
		i := strings.Index(l, "4  last cell")
		if col := ansi.StringWidth(l[:i]); col != 3+13+2 { // "👩‍🔬 Forscherin" is 13 columns
			t.Errorf("%q: the third column starts at %d, want 18", l, col)
		}
		if strings.HasSuffix(l, " ") {
			t.Errorf("%q: the last cell is padded", l)
		}
	}
}

func TestClipDisplayWidth(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"信頼を築く", 6, "信頼…"},
		{"ab👩‍🔬cd", 4, "ab…"},
		{"ab👩‍🔬cd", 5, "ab👩‍🔬…"},
		{"Cafe\u0301 au lait", 5, "Cafe\u0301…"},
		{"Größe", 5, "Größe"},
	} {
		if got := clip(tc.in, tc.n); got != tc.want || ansi.StringWidth(got) > tc.n {
			t.Errorf("clip(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
