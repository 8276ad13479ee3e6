package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A wrapped list item must not run past the width it is rendered at: the
// pane would cut its last word (it did, in the summary's consensus list).
func TestMarkdownFitsTheWidth(t *testing.T) {
	c := NewMarkdownCache(NewStyles(ThemeDark))
	src := "Effort\n\n- ✓ Consensus: 2. Create a common (economic) incentive!; 3. Make one step at a time!; 4. Protect the IP!; 5. Prove your quality!; 6. Ensure a uniform environment!; 7. Document thoroughly!\n- ✗ No consensus: 1. Explain your twin properly!\n"
	for w := 30; w <= 100; w++ {
		out := c.Render("k", src, w)
		for _, l := range strings.Split(out, "\n") {
			if n := ansi.StringWidth(l); n > w {
				t.Errorf("width %d: line of %d: %q", w, n, ansi.Strip(l))
			}
		}
	}
}
