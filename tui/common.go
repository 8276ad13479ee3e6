package tui

import (
	"context"
	"regexp"
	"strings"
	"time"

	"charm.land/glamour/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// Common is what every screen shares: styles, keys, the store, the clock
// and the markdown cache. Screens hold a pointer to the root's one value.
type Common struct {
	Ctx      context.Context
	Styles   Styles
	Keys     KeyMap
	Store    *session.Store
	Pack     *content.Pack                           // the pack new sessions use (--pack or embedded)
	PackDir  string                                  // its folder; "" for the embedded pack
	LoadPack func(dir string) (*content.Pack, error) // opens a session's pack
	Now      func() time.Time
	Bell     bool // ring the terminal bell when a step runs over
	ReadOnly bool // trustshop review, or a read-only database: nothing is written
	Markdown *MarkdownCache
}

// SetTheme switches every style and drops rendered markdown.
func (c *Common) SetTheme(t Theme) {
	c.Styles = NewStyles(t)
	c.Markdown.Reset(c.Styles)
}

// MaxTextWidth caps the width of rendered text: long lines are hard to
// follow on a projector, so wide terminals get margins instead.
const MaxTextWidth = 100

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
	out, err := r.Render(unwrapListItems(src))
	if err != nil {
		out = src
	}
	out = strings.Trim(out, "\n")
	c.out[k] = out
	return out
}

// listItem matches the first line of a Markdown list item.
var listItem = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+\S`)

// unwrapListItems joins the hard-wrapped continuation lines of list items
// into one line. Glamour renders a soft line break inside a tight list item
// as a line break, so a source wrapped at 80 columns would come out ragged
// at any other width; paragraphs do not need this.
func unwrapListItems(src string) string {
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
