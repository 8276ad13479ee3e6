package common

import (
	"fmt"
	"regexp"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
)

// MarkdownCache renders Markdown with glamour once per (key, width) for the
// current theme and keeps the result. Rendering is the expensive part of a
// frame, so it happens when content, width or theme change, never in View.
// It is used from the program's goroutine only: a TermRenderer is not safe
// for concurrent use.
type MarkdownCache struct {
	style     Styles
	renderers map[int]*glamour.TermRenderer
	out       map[mdKey]string
	// Hits and Misses count lookups, for tests and benchmarks.
	Hits, Misses int
}

type mdKey struct {
	key   string
	width int
}

// NewMarkdownCache returns an empty cache for the styles' theme.
func NewMarkdownCache(s Styles) *MarkdownCache {
	c := &MarkdownCache{}
	c.Reset(s)
	return c
}

// Reset drops everything rendered and switches to the styles' theme.
func (c *MarkdownCache) Reset(s Styles) {
	c.style = s
	c.renderers = map[int]*glamour.TermRenderer{}
	c.out = map[mdKey]string{}
}

// Render returns src rendered at width. key identifies src (for pack items:
// the pack's content hash and the item id), so a hit skips the work.
func (c *MarkdownCache) Render(key, src string, width int) string {
	width = max(10, width)
	k := mdKey{key, width}
	if out, ok := c.out[k]; ok {
		c.Hits++
		return out
	}
	c.Misses++
	r, ok := c.renderers[width]
	if !ok {
		var err error
		// glamour lets a wrapped line of a list item run one column past
		// the wrap width (TestMarkdownFitsTheWidth), so wrap one narrower.
		r, err = glamour.NewTermRenderer(glamour.WithStyles(c.style.Markdown), glamour.WithWordWrap(width-1))
		if err != nil {
			return src
		}
		c.renderers[width] = r
	}
	out, err := r.Render(UnwrapListItems(src))
	if err != nil {
		out = src
	}
	out = strings.Trim(out, "\n")
	c.out[k] = out
	return out
}

// listItem matches the first line of a Markdown list item.
var listItem = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+\S`)

// UnwrapListItems joins the hard-wrapped continuation lines of list items
// into one line. Glamour renders a soft line break inside a tight list item
// as a line break, so a source wrapped at 80 columns would come out ragged
// at any other width; paragraphs do not need this.
func UnwrapListItems(src string) string {
	lines := strings.Split(src, "\n")
	out := lines[:0]
	inItem, inFence := false, false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			inFence, inItem = !inFence, false
		case inFence:
		case t == "":
			inItem = false
		case listItem.MatchString(l):
			inItem = true
		case inItem && l != t && !strings.HasPrefix(t, ">") && !strings.HasPrefix(t, "|"):
			out[len(out)-1] += " " + t
			continue
		default:
			inItem = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// RenderMarkdown renders src at width with a renderer of its own, for
// callers off the program's goroutine (the cache is the program's) or
// outside the program (trustshop show).
func RenderMarkdown(src string, width int, cfg ansi.StyleConfig) (string, error) {
	r, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(width-1)) // see MarkdownCache.Render
	if err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	out, err := r.Render(UnwrapListItems(src))
	if err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	return out, nil
}

// NoteQuote is a note as a Markdown block quote that keeps the note's
// lines: a note typed one point a line must not run together into one
// paragraph. The note's own Markdown (lists, emphasis) stays.
func NoteQuote(note string) string {
	lines := strings.Split(strings.ReplaceAll(strings.TrimSpace(note), "\r\n", "\n"), "\n")
	for i, l := range lines {
		if l = strings.TrimRight(l, " \t"); l == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + l
		}
	}
	return QuoteLineBreaks(strings.Join(lines, "\n"))
}

// QuoteLineBreaks keeps the lines of every block quote of md apart: the
// notes of the review's summary are quotes, and Markdown would join their
// lines into one paragraph. Glamour renders no hard line break (a line
// ending in two spaces or a backslash reads as a space), so each line
// becomes a paragraph of its own; a list item stays in its list. Quotes
// whose lines are apart already are left as they are.
func QuoteLineBreaks(md string) string {
	lines := strings.Split(md, "\n")
	out := make([]string, 0, len(lines))
	for i, l := range lines {
		if i > 0 && quoted(lines[i-1]) && quoted(l) && !listItem.MatchString(quoteText(l)) {
			out = append(out, quoteMarks(l))
		}
		if quoted(l) {
			l = strings.TrimRight(l, " \\") // a hard break glamour would not render
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// quoted reports a line of a block quote with text on it.
func quoted(l string) bool {
	t := strings.TrimLeft(l, " ")
	return strings.HasPrefix(t, ">") && quoteText(l) != ""
}

// quoteText is the text of a quoted line, without its marks.
func quoteText(l string) string {
	return strings.TrimSpace(strings.TrimLeft(strings.TrimLeft(l, " "), "> "))
}

// quoteMarks is the ">" marks a quoted line starts with, for an empty line
// of the same quote.
func quoteMarks(l string) string {
	t := strings.TrimLeft(l, " ")
	return strings.TrimRight(t[:len(t)-len(strings.TrimLeft(t, "> "))], " ")
}
