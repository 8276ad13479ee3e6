package session

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// A running clock belongs to an open walkthrough. A program that dies (a
// crash, a flat battery, a kill) cannot stop it, so while the clock runs
// the facilitator's program says every AliveEvery that it is still there
// (ClockAlive). When the walkthrough opens again and finds the clock
// running, with the last sign of life longer than staleAfter ago, the
// window that ran it is gone: the open step keeps the time up to that
// sign, not the time the laptop was off, and a history row says when the
// clock stopped. Another window still open on the session keeps
// answering, so its clock runs on.

// AliveEvery is how often the program whose clock runs says so.
const AliveEvery = 15 * time.Second

// staleAfter is how long without a sign of life makes a running clock
// one whose window is gone: four signs missed.
const staleAfter = 4 * AliveEvery

// ClockAlive says that the facilitator's program running session id's
// clock is still there. It changes nothing of the workshop, so it writes
// no history row (as the scroll of a step does not); a clock that stands
// is left alone.
func (e *Engine) ClockAlive(ctx context.Context, actor Actor, id string) error {
	if err := facilitatorOnly(actor, "keep the clock running"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		_, err := t.exec("UPDATE walkthrough SET alive_at = ? WHERE session_id = ? AND running_since IS NOT NULL", formatTime(t.now), id)
		return err
	})
}

func (t *txn) markAlive(id string) error {
	_, err := t.exec("UPDATE walkthrough SET alive_at = ? WHERE session_id = ?", formatTime(t.now), id)
	return err
}

// runOn is StartClock for a clock found running: it runs on while its
// window is alive (or said nothing yet, as a program from before the
// signs of life), else the open step keeps the time up to the last sign
// and the clock runs from now.
func (t *txn) runOn(id, stepKey string, r clockRow) error {
	var at sql.NullString
	if err := t.queryRow("SELECT alive_at FROM walkthrough WHERE session_id = ?", id).Scan(&at); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	alive := parseTime(at.String)
	if !at.Valid || alive.IsZero() || t.now.Sub(alive) <= staleAfter {
		return nil
	}
	until := alive
	if until.Before(r.Since) {
		until = r.Since
	}
	if err := t.foldUntil(id, stepKey, r.Since, until); err != nil {
		return err
	}
	r.Since = t.now
	if err := t.saveClock(id, r); err != nil {
		return err
	}
	if err := t.markAlive(id); err != nil {
		return err
	}
	return t.log(id, "clock", id, "stopped", nil, text(formatTime(alive)))
}
