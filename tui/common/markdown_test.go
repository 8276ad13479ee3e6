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

// A note's lines stay lines in the summary and the review: each is a
// paragraph of the quote (glamour renders no hard line break), a list
// stays a list, and a quote already apart is left alone.
func TestQuoteLineBreaks(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"> one\n> two", "> one\n>\n> two"},
		{"> Measures:\n> - a\n> - b\n> after", "> Measures:\n> - a\n> - b\n>\n> after"},
		{"> one\n>\n> two", "> one\n>\n> two"},
		{"text\n> one", "text\n> one"},
		{"> one  \n> two\\", "> one\n>\n> two"},
	} {
		if got := QuoteLineBreaks(tc.in); got != tc.want {
			t.Errorf("QuoteLineBreaks(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	st := NewStyles(ThemeDark)
	out, err := RenderMarkdown(NoteQuote("Users want test data.\nSuppliers fear for their IP."), 70, st.Markdown)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(ansi.Strip(out), "\n") {
		if l = strings.TrimSpace(l); l != "" && l != "│" {
			lines = append(lines, l)
		}
	}
	if len(lines) != 2 || lines[0] != "│ Users want test data." || lines[1] != "│ Suppliers fear for their IP." {
		t.Errorf("rendered note:\n%s", strings.Join(lines, "\n"))
	}
}
