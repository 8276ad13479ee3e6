package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/trustshop/trustshop/content"
)

// txn is one command being committed: its transaction, the clock, and who
// does it (and why, for a correction), so that every history row it writes
// names them.
type txn struct {
	ctx    context.Context
	tx     *sql.Tx
	now    time.Time
	actor  Actor
	reason string
}

func (t *txn) exec(query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(t.ctx, query, args...)
}

func (t *txn) queryRow(query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(t.ctx, query, args...)
}

// touch marks a session as changed now.
func (t *txn) touch(sessionID string) error {
	res, err := t.exec("UPDATE sessions SET updated_at = ? WHERE id = ?", formatTime(t.now), sessionID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return sessionGone(sessionID)
	}
	return nil
}

// sessionGone is the error of a command on a session that is not there
// (any more: another process may have deleted it while it was open).
func sessionGone(id string) error { return &SessionGoneError{ID: id} }

// SessionGoneError says that a session is no longer in the database,
// typically deleted by another process while a screen had it open. What a
// front end was saving into it can only be kept elsewhere (the outbox
// keeps such ops, Outbox.Undelivered).
type SessionGoneError struct{ ID string }

func (e *SessionGoneError) Error() string {
	return fmt.Sprintf("session %s: %v (it may have been deleted by another trustshop)", e.ID, ErrNotFound)
}

// Is makes errors.Is(err, ErrNotFound) true.
func (e *SessionGoneError) Is(target error) bool { return target == ErrNotFound }

// loadSession reads a session with its participants in the transaction:
// the state the rules decide on.
func (t *txn) loadSession(id string) (Session, error) {
	x, err := scanSession(t.queryRow(sessionColumns+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, sessionGone(id)
	}
	if err != nil {
		return Session{}, err
	}
	rows, err := t.tx.QueryContext(t.ctx, participantColumns+" WHERE session_id = ? ORDER BY position, id", id)
	if err != nil {
		return Session{}, err
	}
	x.Participants, err = scanParticipants(rows)
	return x, err
}

// loadSessionWith reads a session with only the one participant a
// command on a cell needs: a rating of one of two hundred devices must not
// read the other hundred and ninety-nine.
func (t *txn) loadSessionWith(id string, participantID int64) (Session, error) {
	x, err := scanSession(t.queryRow(sessionColumns+" WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, sessionGone(id)
	}
	if err != nil {
		return Session{}, err
	}
	rows, err := t.tx.QueryContext(t.ctx, participantColumns+" WHERE session_id = ? AND id = ?", id, participantID)
	if err != nil {
		return Session{}, err
	}
	x.Participants, err = scanParticipants(rows)
	return x, err
}

// loadRounds reads the recorded rounds of a session's elements (of one
// element, when element is not "").
func (t *txn) loadRounds(sessionID, element string) (Rounds, error) {
	rows, err := t.tx.QueryContext(t.ctx, roundColumns+` WHERE session_id = ? AND (? = '' OR element_id = ?)
		ORDER BY element_id, round`, sessionID, element, element)
	if err != nil {
		return nil, err
	}
	return scanRounds(rows)
}

// saveRound writes one round of an element as it stands now.
func (t *txn) saveRound(sessionID string, r ElementRound) error {
	_, err := t.exec(`INSERT INTO element_rounds (session_id, element_id, round, opened_at, closed_at, revealed_room_at, revealed_devices_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, element_id, round) DO UPDATE SET
		closed_at = excluded.closed_at, revealed_room_at = excluded.revealed_room_at, revealed_devices_at = excluded.revealed_devices_at`,
		sessionID, r.ElementID, r.Round, formatTime(r.OpenedAt), optTime(r.ClosedAt), optTime(r.RevealedRoomAt), optTime(r.RevealedDevicesAt))
	return err
}

// optTime stores a zero time as NULL.
func optTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

// ruleFor is the write rule of a command on a session run on pack p.
func (t *txn) ruleFor(sess Session, p *content.Pack, element string) (writeRule, error) {
	rounds, err := t.loadRounds(sess.ID, element)
	if err != nil {
		return writeRule{}, err
	}
	return writeRule{sess: sess, pack: p, rounds: rounds, actor: t.actor, reason: t.reason}, nil
}

// text is a history value.
func text(s string) *string { return &s }

// itoa is a history value of a number.
func itoa(n int) *string { return text(strconv.Itoa(n)) }
