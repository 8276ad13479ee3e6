package common

import (
	"context"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
)

// ChangesMsg brings the changes of the followed session, from this
// program or another process on the same database: the root passes it to
// every screen (the active one and those underneath), which refresh what
// they show of it. Err is set when the feed ended (the session was
// deleted, the database failed).
type ChangesMsg struct {
	SessionID string
	Changes   []session.Change
	Err       error
	gen       int
}

// SavedMsg reports what became of a change a screen handed to the outbox;
// the root passes it to every screen, and the one that submitted the op
// (by its id) takes it.
type SavedMsg struct{ session.Result }

// follower holds the program's one subscription to the engine's change
// feed: the session on screen.
type follower struct {
	mu      sync.Mutex
	id      string
	feed    *session.Feed
	cancel  context.CancelFunc
	ctx     context.Context
	gen     int
	running bool // a listen command is waiting
	pumped  bool // Common.Pumped: Pump collects the changes
}

// Follow makes the program follow session id's changes after history row
// `after` (Workshop.Seq). Following the session already followed keeps its
// cursor. It returns the command that waits for the first changes (nil
// when one is waiting already) and, for a session newly followed, the
// read of its step clock (ClockMsg).
func (c *Common) Follow(id string, after int64) tea.Cmd {
	f := c.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.id == id && f.feed != nil {
		return f.listenLocked()
	}
	if f.cancel != nil {
		f.cancel()
		f.feed.Close()
	}
	f.id, f.gen, f.pumped = id, f.gen+1, c.Pumped
	f.ctx, f.cancel = context.WithCancel(context.Background())
	f.feed = c.Engine.FeedFor(c.Viewer, id, after)
	f.running = false
	return tea.Batch(f.listenLocked(), c.ReadClock(id))
}

// Listen is the command the root issues after each ChangesMsg: it waits
// for the next changes of the followed session.
func (c *Common) Listen(msg ChangesMsg) tea.Cmd {
	f := c.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	if msg.gen != f.gen || f.feed == nil {
		return nil // a feed that was replaced
	}
	f.running = false
	if msg.Err != nil {
		return nil
	}
	return f.listenLocked()
}

// Current reports whether msg belongs to the feed followed now.
func (c *Common) Current(msg ChangesMsg) bool {
	c.feed.mu.Lock()
	defer c.feed.mu.Unlock()
	return msg.gen == c.feed.gen
}

func (f *follower) listenLocked() tea.Cmd {
	if f.running || f.feed == nil || f.pumped {
		return nil
	}
	f.running = true
	feed, ctx, gen, id := f.feed, f.ctx, f.gen, f.id
	return func() tea.Msg {
		changes, err := feed.Next(ctx)
		if ctx.Err() != nil {
			return nil // followed another session meanwhile
		}
		return ChangesMsg{SessionID: id, Changes: changes, Err: err, gen: gen}
	}
}

func (f *follower) stop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cancel != nil {
		f.cancel()
		f.feed.Close()
		f.cancel, f.feed = nil, nil
	}
}

// ListenOutbox is the command that waits for the next result of the
// outbox; the root issues it again after each SavedMsg.
func (c *Common) ListenOutbox() tea.Cmd {
	if c.Pumped {
		return nil
	}
	results := c.Outbox.Results()
	return func() tea.Msg {
		r, ok := <-results
		if !ok {
			return nil
		}
		return SavedMsg{r}
	}
}

// Submit hands a change to the outbox and returns its id: the screen
// learns what became of it from SavedMsg.
func (c *Common) Submit(op session.Op) uint64 { return c.Outbox.Submit(op) }

// Pump collects, for a test driver (Common.Pumped), what the background
// listeners of the program would deliver now: it waits until the outbox
// has sent everything handed to it (at most 5 s), then returns its results
// and the feed's new changes as messages, in that order.
func (c *Common) Pump() []tea.Msg {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c.Outbox.Flush(ctx)
	var out []tea.Msg
	for {
		select {
		case r := <-c.Outbox.Results():
			out = append(out, SavedMsg{r})
			continue
		default:
		}
		break
	}
	f := c.feed
	f.mu.Lock()
	feed, id, gen := f.feed, f.id, f.gen
	f.mu.Unlock()
	if feed != nil {
		// What is committed now, however long the read takes: a short
		// wait here missed changes on a loaded machine.
		changes, err := feed.Poll(ctx)
		switch {
		case err == nil && len(changes) > 0:
			out = append(out, ChangesMsg{SessionID: id, Changes: changes, gen: gen})
		case err != nil:
			out = append(out, ChangesMsg{SessionID: id, Err: err, gen: gen}) // the feed ended
		}
	}
	return out
}
