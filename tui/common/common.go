// Package common is what every screen of the terminal interface shares:
// the Common context (styles, keys, the store, the clock, the markdown
// cache), the Screen contract, the messages screens send to the root (a
// status line, a change of screen) and small text layout helpers.
//
// It imports no screen, so that every screen can import it without an
// import cycle, as soft-serve keeps pkg/ui/common, keymap and styles apart
// from its pages. Screens hold a *Common built once by the root (New) and
// change screens only by returning the messages of screens.go.
package common

import (
	"context"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// MaxTextWidth caps the width of rendered text: long lines are hard to
// follow on a projector, so wide terminals get margins instead.
const MaxTextWidth = 100

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

// Options are what New builds a Common from; the zero values of Theme,
// Now and LoadPack mean the dark theme, the real clock and content.Open.
type Options struct {
	Store    *session.Store
	Pack     *content.Pack
	PackDir  string
	LoadPack func(dir string) (*content.Pack, error)
	Theme    Theme
	Bell     bool
	ReadOnly bool
	Now      func() time.Time
}

// New returns the Common of one program.
func New(ctx context.Context, o Options) *Common {
	if o.Theme == "" {
		o.Theme = ThemeDark
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.LoadPack == nil {
		o.LoadPack = content.Open
	}
	st := NewStyles(o.Theme)
	return &Common{
		Ctx: ctx, Styles: st, Keys: DefaultKeyMap(), Store: o.Store, Pack: o.Pack, PackDir: o.PackDir,
		LoadPack: o.LoadPack, Now: o.Now, Bell: o.Bell, Markdown: NewMarkdownCache(st), ReadOnly: o.ReadOnly,
	}
}

// SetTheme switches every style and drops rendered markdown.
func (c *Common) SetTheme(t Theme) {
	c.Styles = NewStyles(t)
	c.Markdown.Reset(c.Styles)
}
