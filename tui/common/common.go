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
	"io"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// MaxTextWidth caps the width of rendered text: long lines are hard to
// follow on a projector, so wide terminals get margins instead.
const MaxTextWidth = 100

// ReadingWidth is the measure of the walkthrough's and the projector's
// prose: lines of about 80 characters read best; a wider window centres
// the text and gives the rest to the agenda and the results.
const ReadingWidth = 84

// Common is what every screen shares: styles, keys, the workshop engine,
// the outbox that carries the screens' changes to it, the feed of its
// changes, the clock and the markdown cache. Screens hold a pointer to the
// root's one value.
type Common struct {
	Ctx      context.Context
	Styles   Styles
	Keys     KeyMap
	Engine   *session.Engine
	Outbox   *session.Outbox
	Pack     *content.Pack // the pack new sessions use (--pack or embedded)
	PackDir  string        // its folder; "" for the embedded pack
	Now      func() time.Time
	Bell     bool // ring the terminal bell when a step runs over
	ReadOnly bool // trustshop review, or a read-only database: nothing is written
	// KeepTheme is set when the command line chose the theme: a session
	// reopened does not switch to the theme it was left in.
	KeepTheme bool
	Markdown  *MarkdownCache
	// Pumped makes the outbox's results and the feed's changes wait for a
	// test driver to collect them (Pump) instead of commands that listen
	// in the background: a driver that runs commands one at a time can
	// then deliver them in a known order.
	Pumped bool
	// Viewer is who the program's screens show the session to: the feed
	// masks what it may not see (the facilitator; the room for present).
	Viewer session.Viewer
	// Graphemes: the terminal clusters graphemes as lipgloss measures
	// (it reported mode 2027); else frames are fit for wcwidth (Frame).
	Graphemes bool
	// ServeAddr is where the facilitator chose to serve devices
	// (--addr); every start of serving uses it, not only the first.
	ServeAddr string
	feed      *follower
	server    io.Closer // the session served to devices (serving.go)
}

// Options are what New builds a Common from; the zero values of Theme and
// Now mean the dark theme and the real clock.
type Options struct {
	Engine   *session.Engine
	Pack     *content.Pack
	PackDir  string
	Theme    Theme
	Bell     bool
	ReadOnly bool
	// KeepTheme: the theme was chosen on the command line (see Common).
	KeepTheme bool
	Now       func() time.Time
	Pumped    bool // for test drivers, see Common.Pumped
	// Viewer: see Common.Viewer; the zero Viewer is the facilitator.
	Viewer    session.Viewer
	ServeAddr string // see Common.ServeAddr
}

// New returns the Common of one program.
func New(ctx context.Context, o Options) *Common {
	if o.Theme == "" {
		o.Theme = ThemeDark
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Viewer.Kind == "" {
		o.Viewer = session.Viewer{Kind: session.ViewFacilitator}
	}
	st := NewStyles(o.Theme)
	return &Common{
		Ctx: ctx, Styles: st, Keys: DefaultKeyMap(), Engine: o.Engine, Outbox: session.NewOutbox(), Pack: o.Pack, PackDir: o.PackDir,
		Now: o.Now, Bell: o.Bell, Markdown: NewMarkdownCache(st), ReadOnly: o.ReadOnly, KeepTheme: o.KeepTheme, Pumped: o.Pumped, Viewer: o.Viewer, ServeAddr: o.ServeAddr, feed: &follower{},
	}
}

// Close stops what New started: serving to devices, the outbox (after
// the root flushed it) and the feed.
func (c *Common) Close() {
	if c.server != nil {
		_ = c.server.Close()
		c.server = nil
	}
	c.feed.stop()
	c.Outbox.Close()
}

// Facilitator is the actor of every change made at this laptop's
// keyboard, pass-the-laptop included.
func (c *Common) Facilitator() session.Actor { return session.Facilitator() }

// SetTheme switches every style and drops rendered markdown.
func (c *Common) SetTheme(t Theme) {
	c.Styles = NewStyles(t)
	c.Markdown.Reset(c.Styles)
}
