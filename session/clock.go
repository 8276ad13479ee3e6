package session

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/trustshop/trustshop/content"
)

// The step clock is the engine's, not a screen's: the facilitator's
// screen, the projector window of another process and every later
// reopening show the same time. Each step keeps the time spent on it
// (StepState.Elapsed); while the clock runs, the open step's time counts
// from Clock.Since and is folded into the step when the clock stops, is
// paused or the agenda moves. Every change is a command with a history
// row (entity "clock", "step" or "view"), so the change feed carries
// pauses, visits and skips to every window.

// Clock is where a session's step clock stands.
type Clock struct {
	// Since is when the open step's time began to count; zero while the
	// clock stands (nobody has the walkthrough open, or it is paused).
	Since time.Time
	// Paused is a break the facilitator called: the clock stands until
	// they resume it, also across closing and reopening the session.
	Paused bool
}

// Running reports whether the clock counts.
func (c Clock) Running() bool { return !c.Since.IsZero() }

// Elapsed is the time spent on agenda step i at now: what was folded in,
// and the running time when i is the open step.
func (w Workshop) Elapsed(i int, now time.Time) time.Duration {
	if w.Pack == nil || i < 0 || i >= len(w.Pack.Agenda) {
		return 0
	}
	d := w.Steps[w.Pack.Agenda[i].Key()].Elapsed
	if i == w.Session.Step && w.Clock.Running() {
		d += max(0, now.Sub(w.Clock.Since))
	}
	return d
}

// StepClock is the clock of a session's open step, for a front end that
// shows the time without the rest of the session: the header of every
// screen, the projector window.
type StepClock struct {
	SessionID   string
	Step, Steps int           // the open step (0-based) and the agenda's length
	StepKey     string        // the open step's key
	Title       string        // its title in the pack
	Planned     time.Duration // the pack's suggested time; 0 when none
	Elapsed     time.Duration // the time folded into the step, without the running time
	Clock
	// Seq is the last history row the read reflects (at least): of two
	// reads, the one with the higher Seq is the newer.
	Seq int64
}

// At is the time spent on the open step at now.
func (c StepClock) At(now time.Time) time.Duration {
	if c.Running() {
		return c.Elapsed + max(0, now.Sub(c.Since))
	}
	return c.Elapsed
}

// Over reports whether the step has run over its suggested time at now.
func (c StepClock) Over(now time.Time) bool { return c.Planned > 0 && c.At(now) > c.Planned }

// StepClock reads the clock of session id's open step.
func (e *Engine) StepClock(ctx context.Context, id string) (StepClock, error) {
	id, err := e.store.Resolve(ctx, id)
	if err != nil {
		return StepClock{}, err
	}
	// the cursor first, as Workshop does: a change committed meanwhile
	// makes the read newer than its Seq, never older
	seq, err := e.store.lastChange(ctx, id)
	if err != nil {
		return StepClock{}, err
	}
	sess, err := e.store.Session(ctx, id)
	if err != nil {
		return StepClock{}, err
	}
	p, _, err := e.PackOf(sess)
	if err != nil {
		return StepClock{}, err
	}
	out := StepClock{SessionID: sess.ID, Steps: len(p.Agenda), Seq: seq}
	if len(p.Agenda) == 0 {
		return out, nil
	}
	out.Step = min(max(0, sess.Step), len(p.Agenda)-1)
	st := p.Agenda[out.Step]
	out.StepKey, out.Title, out.Planned = st.Key(), p.StepTitle(st), time.Duration(st.Minutes)*time.Minute
	var ms sql.NullInt64
	err = e.store.db.QueryRowContext(ctx, "SELECT elapsed_ms FROM step_state WHERE session_id = ? AND step_key = ?", sess.ID, out.StepKey).Scan(&ms)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return StepClock{}, e.store.wrap("read the step clock", err)
	}
	out.Elapsed = time.Duration(ms.Int64) * time.Millisecond
	c, _, err := e.store.walkthrough(ctx, sess.ID)
	out.Clock = c
	return out, err
}

// walkthrough reads a session's clock and view; a session never opened
// has the zero ones.
func (s *Store) walkthrough(ctx context.Context, id string) (Clock, View, error) {
	var since sql.NullString
	var c Clock
	var v View
	err := s.db.QueryRowContext(ctx, "SELECT running_since, paused, zoom, theme, shown FROM walkthrough WHERE session_id = ?", id).
		Scan(&since, &c.Paused, &v.Zoom, &v.Theme, &v.Shown)
	if errors.Is(err, sql.ErrNoRows) {
		return Clock{}, View{}, nil
	}
	if since.Valid {
		c.Since = parseTime(since.String)
	}
	return c, v, s.wrap("read the step clock", err)
}

// clockRow is a session's clock and view inside a command.
type clockRow struct {
	Clock
	View
}

func (t *txn) loadClock(id string) (clockRow, error) {
	var since sql.NullString
	var r clockRow
	err := t.queryRow("SELECT running_since, paused, zoom, theme, shown FROM walkthrough WHERE session_id = ?", id).
		Scan(&since, &r.Paused, &r.Zoom, &r.Theme, &r.Shown)
	if errors.Is(err, sql.ErrNoRows) {
		return clockRow{}, nil
	}
	if since.Valid {
		r.Since = parseTime(since.String)
	}
	return r, err
}

func (t *txn) saveClock(id string, r clockRow) error {
	_, err := t.exec(`INSERT INTO walkthrough (session_id, running_since, paused, zoom, theme, shown) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (session_id) DO UPDATE SET running_since = excluded.running_since, paused = excluded.paused,
		zoom = excluded.zoom, theme = excluded.theme, shown = excluded.shown`, id, optTime(r.Since), r.Paused, r.Zoom, r.Theme, r.Shown)
	if isForeignKey(err) {
		return sessionGone(id)
	}
	return err
}

// fold adds the running time to the step it belongs to.
func (t *txn) fold(id, stepKey string, since time.Time) error {
	return t.foldUntil(id, stepKey, since, t.now)
}

// foldUntil adds the time from since to until to the step.
func (t *txn) foldUntil(id, stepKey string, since, until time.Time) error {
	if since.IsZero() {
		return nil
	}
	ms := max(0, until.Sub(since).Milliseconds())
	_, err := t.exec(`INSERT INTO step_state (session_id, step_key, elapsed_ms) VALUES (?, ?, ?)
		ON CONFLICT (session_id, step_key) DO UPDATE SET elapsed_ms = elapsed_ms + excluded.elapsed_ms`, id, stepKey, ms)
	return err
}

// visit marks a step visited, logging the first visit.
func (t *txn) visit(id, stepKey string) error {
	var visited bool
	err := t.queryRow("SELECT visited FROM step_state WHERE session_id = ? AND step_key = ?", id, stepKey).Scan(&visited)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if visited {
		return nil
	}
	if _, err := t.exec(`INSERT INTO step_state (session_id, step_key, visited) VALUES (?, ?, 1)
		ON CONFLICT (session_id, step_key) DO UPDATE SET visited = 1`, id, stepKey); err != nil {
		return err
	}
	return t.log(id, "step", stepKey, "visited", nil, text("1"))
}

// clockSession loads what a clock command needs: the session, the key
// of its open step, and its clock.
func (e *Engine) clockSession(t *txn, id string) (Session, string, clockRow, error) {
	sess, p, err := e.sessionInTx(t, id)
	if err != nil {
		return Session{}, "", clockRow{}, err
	}
	if len(p.Agenda) == 0 {
		return Session{}, "", clockRow{}, invalid("the pack %s has no agenda", p.ID)
	}
	key := p.Agenda[min(max(0, sess.Step), len(p.Agenda)-1)].Key()
	r, err := t.loadClock(sess.ID)
	return sess, key, r, err
}

// StartClock starts the clock of session id's open step, which is then
// visited: the walkthrough was opened. A paused clock stays paused, and a
// running one runs on, unless the window that ran it is gone (runOn).
func (e *Engine) StartClock(ctx context.Context, actor Actor, id string) error {
	if err := facilitatorOnly(actor, "start the clock"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		sess, key, r, err := e.clockSession(t, id)
		if err != nil {
			return err
		}
		if err := t.visit(sess.ID, key); err != nil {
			return err
		}
		if r.Paused {
			return nil
		}
		if r.Running() {
			return t.runOn(sess.ID, key, r)
		}
		r.Since = t.now
		if err := t.saveClock(sess.ID, r); err != nil {
			return err
		}
		if err := t.markAlive(sess.ID); err != nil {
			return err
		}
		return t.log(sess.ID, "clock", sess.ID, "running", text("0"), text("1"))
	})
}

// StopClock stops the clock, keeping the open step's time: the
// walkthrough was closed. It is not a pause: the next StartClock runs it
// again.
func (e *Engine) StopClock(ctx context.Context, actor Actor, id string) error {
	if err := facilitatorOnly(actor, "stop the clock"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		sess, key, r, err := e.clockSession(t, id)
		if err != nil || !r.Running() {
			return err
		}
		if err := t.fold(sess.ID, key, r.Since); err != nil {
			return err
		}
		r.Since = time.Time{}
		if err := t.saveClock(sess.ID, r); err != nil {
			return err
		}
		return t.log(sess.ID, "clock", sess.ID, "running", text("1"), text("0"))
	})
}

// PauseClock pauses the clock (a break) or resumes it. Pausing a paused
// clock, or resuming a running one, changes nothing.
func (e *Engine) PauseClock(ctx context.Context, actor Actor, id string, pause bool) error {
	if err := facilitatorOnly(actor, "pause the clock"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		sess, key, r, err := e.clockSession(t, id)
		if err != nil || r.Paused == pause {
			return err
		}
		if pause {
			if err := t.fold(sess.ID, key, r.Since); err != nil {
				return err
			}
			r.Since = time.Time{}
		} else {
			r.Since = t.now
		}
		r.Paused = pause
		if err := t.saveClock(sess.ID, r); err != nil {
			return err
		}
		return t.log(sess.ID, "clock", sess.ID, "paused", flag(!pause), flag(pause))
	})
}

// moveClock is MoveTo's part of the clock: the time so far goes to the
// step left, the time from now on to the step reached, which is visited.
func (t *txn) moveClock(sessionID string, p *content.Pack, from, to int) error {
	r, err := t.loadClock(sessionID)
	if err != nil {
		return err
	}
	if r.Running() && from >= 0 && from < len(p.Agenda) {
		if err := t.fold(sessionID, p.Agenda[from].Key(), r.Since); err != nil {
			return err
		}
		r.Since = t.now
		if err := t.saveClock(sessionID, r); err != nil {
			return err
		}
	}
	return t.visit(sessionID, p.Agenda[to].Key())
}

// flag is a history value of a yes or no.
func flag(b bool) *string {
	if b {
		return text("1")
	}
	return text("0")
}
