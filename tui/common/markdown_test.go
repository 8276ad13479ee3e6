package common

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

func TestMarkdownCacheHits(t *testing.T) {
	st := NewStyles(ThemeDark)
	c := NewMarkdownCache(st)
	a := c.Render("h:intro", "# Hello\n\nSome text.", 60)
	b := c.Render("h:intro", "# Hello\n\nSome text.", 60)
	if a != b || c.Hits != 1 || c.Misses != 1 {
		t.Fatalf("same key and width: hits %d misses %d", c.Hits, c.Misses)
	}
	c.Render("h:intro", "# Hello\n\nSome text.", 80)
	if c.Misses != 2 {
		t.Errorf("another width should miss: misses %d", c.Misses)
	}
	c.Reset(NewStyles(ThemeLight))
	c.Render("h:intro", "# Hello\n\nSome text.", 60)
	if c.Misses != 3 {
		t.Errorf("a theme change should miss: misses %d", c.Misses)
	}
}

func TestUnwrapListItems(t *testing.T) {
	src := "- one\n  two\n- three\n\n  para\n```\n- x\n  y\n```\n1. a\n   b"
	want := "- one two\n- three\n\n  para\n```\n- x\n  y\n```\n1. a b"
	if got := UnwrapListItems(src); got != want {
		t.Errorf("UnwrapListItems =\n%q\nwant\n%q", got, want)
	}
}
