package session

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"
)

// hub wakes the feeds of an engine when the database changed: at once
// after the engine's own commits, and within PollInterval after another
// process's, which SQLite's data_version tells on a connection of its own
// (it changes when any other connection commits). It polls only while a
// feed is open.
type hub struct {
	store    *Store
	interval time.Duration

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every change
	subs     int
	closed   bool
	stopPoll chan struct{}
	pollDone chan struct{}
}

func newHub(st *Store, interval time.Duration) *hub {
	return &hub{store: st, interval: interval, changed: make(chan struct{})}
}

// bump wakes every feed.
func (h *hub) bump() {
	h.mu.Lock()
	close(h.changed)
	h.changed = make(chan struct{})
	h.mu.Unlock()
}

// wait returns a channel closed at the next change.
func (h *hub) wait() <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.changed
}

func (h *hub) subscribe() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.subs++
	if h.subs == 1 && !h.closed {
		h.stopPoll, h.pollDone = make(chan struct{}), make(chan struct{})
		go h.poll(h.stopPoll, h.pollDone)
	}
}

func (h *hub) unsubscribe() {
	h.mu.Lock()
	h.subs--
	var stop, done chan struct{}
	if h.subs == 0 {
		stop, done = h.stopPoll, h.pollDone
		h.stopPoll, h.pollDone = nil, nil
	}
	h.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
}

// close stops the poller, whatever feeds are still open.
func (h *hub) close() {
	h.mu.Lock()
	stop, done := h.stopPoll, h.pollDone
	h.stopPoll, h.pollDone, h.subs, h.closed = nil, nil, 0, true
	h.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
}

func (h *hub) poll(stop, done chan struct{}) {
	defer close(done)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	conn, err := h.store.db.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	var last int64 = -1
	t := time.NewTicker(h.interval)
	defer t.Stop()
	for {
		var v int64
		if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err == nil {
			if last >= 0 && v != last {
				h.bump()
			}
			last = v
		}
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

// Feed is one front end's subscription to a session's changes: every
// history row (ratings, reveals, rounds, steps, notes, participants) after
// a cursor, in order, whichever process committed it. Next blocks until
// there is something new.
type Feed struct {
	e       *Engine
	viewer  Viewer
	session string
	after   int64
	once    sync.Once
	closed  chan struct{}
}

// feedBatch bounds the rows one Next returns.
const feedBatch = 2000

// Feed subscribes to the changes of session id after history row `after`
// (Workshop.Seq of the snapshot the front end shows), every value and
// reason as it was given: for a front end that passes each participant
// only their own rows (devices), or a researcher's. Close it when done.
func (e *Engine) Feed(id string, after int64) *Feed {
	return e.FeedFor(Viewer{Kind: ViewResearcher}, id, after)
}

// FeedFor is Feed for viewer v: the changes as HistoryFor masks them, so
// that a screen never holds a value (or a correction's reason) it may
// not show.
func (e *Engine) FeedFor(v Viewer, id string, after int64) *Feed {
	e.hub.subscribe()
	return &Feed{e: e, viewer: v, session: id, after: after, closed: make(chan struct{})}
}

// Cursor is the last history row delivered.
func (f *Feed) Cursor() int64 { return f.after }

// Next returns the next changes, oldest first, waiting for them until ctx
// ends. A session deleted meanwhile ends the feed with ErrNotFound.
func (f *Feed) Next(ctx context.Context) ([]Change, error) {
	for {
		woken := f.e.hub.wait()
		rows, err := f.Poll(ctx)
		if err != nil || len(rows) > 0 {
			return rows, err
		}
		select {
		case <-woken:
		case <-f.e.stop:
			return nil, ErrClosed
		case <-f.closed:
			return nil, ErrClosed
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// Poll returns the changes committed after the cursor so far, oldest
// first, without waiting for more: none when there are none. A session
// deleted meanwhile ends the feed with ErrNotFound.
func (f *Feed) Poll(ctx context.Context) ([]Change, error) {
	for {
		rows, err := f.e.store.historyAfter(ctx, f.session, f.after, feedBatch)
		if err != nil {
			return nil, err
		}
		if len(rows) == 0 {
			if gone, err := f.e.store.gone(ctx, f.session); err != nil || gone {
				if err == nil {
					err = sessionGone(f.session)
				}
				return nil, err
			}
			return nil, nil
		}
		last := rows[len(rows)-1].ID
		if rows, err = f.e.maskHistory(ctx, f.viewer, f.session, rows); err != nil {
			return nil, err
		}
		f.after = last
		if len(rows) > 0 {
			return rows, nil
		}
		// nothing of it is the viewer's to see: read on
	}
}

// Close ends the subscription; a Next waiting returns ErrClosed.
func (f *Feed) Close() {
	f.once.Do(func() {
		close(f.closed)
		f.e.hub.unsubscribe()
	})
}

// gone reports whether a session is no longer in the database.
func (s *Store) gone(ctx context.Context, id string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, "SELECT 1 FROM sessions WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	return false, s.wrap("read session "+id, err)
}
