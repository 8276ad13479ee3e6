package session

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"github.com/mattn/go-sqlite3"
)

const historyColumns = `SELECT id, session_id, entity, entity_key, field, old_value, new_value, changed_at, actor, reason, prev_hash, hash FROM history`

// History returns every recorded change of a session, oldest first.
func (s *Store) History(ctx context.Context, sessionID string) ([]Change, error) {
	return s.historyAfter(ctx, sessionID, 0, -1)
}

// historyAfter returns up to limit (-1: all) changes of a session after
// history row `after`, oldest first: the change feed's read, a range scan
// of the history_by_session index.
func (s *Store) historyAfter(ctx context.Context, sessionID string, after int64, limit int) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, historyColumns+` WHERE session_id = ? AND id > ? ORDER BY id LIMIT ?`, sessionID, after, limit)
	if err != nil {
		return nil, s.wrap("read history", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var old, new sql.NullString
		var at, actor string
		if err := rows.Scan(&c.ID, &c.SessionID, &c.Entity, &c.Key, &c.Field, &old, &new, &at, &actor, &c.Reason, &c.Prev, &c.Hash); err != nil {
			return nil, s.wrap("read history", err)
		}
		if old.Valid {
			c.Old = &old.String
		}
		if new.Valid {
			c.New = &new.String
		}
		c.At, c.Actor = parseTime(at), ParseActor(actor)
		out = append(out, c)
	}
	return out, s.wrap("read history", rows.Err())
}

// lastChange is the newest history row of a session, 0 if none: where a
// snapshot's feed starts.
func (s *Store) lastChange(ctx context.Context, sessionID string) (int64, error) {
	var id sql.NullInt64
	err := s.db.QueryRowContext(ctx, "SELECT max(id) FROM history WHERE session_id = ?", sessionID).Scan(&id)
	return id.Int64, s.wrap("read history", err)
}

func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey || se.ExtendedCode == sqlite3.ErrConstraintUnique)
}

func isForeignKey(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintForeignKey
}

// HistoryFor returns a session's changes as viewer v may see them now,
// oldest first: a rating change (a correction included, with its reason)
// of a round whose values v may not see (See) has its values and reason
// blanked and Hidden set, or is left out for a viewer who may not even see
// progress (the room). A blanked value or comment is "" rather than nil,
// so that progress (given or not) still shows; an abstention stays
// "abstain", as Sight.mask shows it. A researcher gets every row as
// History returns it.
func (e *Engine) HistoryFor(ctx context.Context, v Viewer, id string) ([]Change, error) {
	sess, err := e.store.Session(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := e.store.History(ctx, sess.ID)
	if err != nil {
		return nil, err
	}
	return e.maskHistory(ctx, v, sess.ID, rows)
}

// maskHistory masks rows of session id for viewer v with the session's
// status and rounds as they are now: a round revealed since shows its
// history. It reuses rows' array.
func (e *Engine) maskHistory(ctx context.Context, v Viewer, id string, rows []Change) ([]Change, error) {
	if v.Kind == ViewResearcher || !slices.ContainsFunc(rows, func(c Change) bool { return c.Entity == "rating" }) {
		return rows, nil
	}
	sess, err := e.store.Session(ctx, id)
	if err != nil {
		return nil, err
	}
	rounds, err := e.store.Rounds(ctx, sess.ID)
	if err != nil {
		return nil, err
	}
	return MaskHistory(v, sess.Status, rounds, rows), nil
}

// MaskHistory is what viewer v may see of history rows of a session with
// the status and rounds given (see HistoryFor). It reuses rows' array:
// take what is needed of the rows as they were (the chain's head) first.
func MaskHistory(v Viewer, status Status, rounds Rounds, rows []Change) []Change {
	if v.Kind == ViewResearcher {
		return rows
	}
	out := rows[:0]
	for _, c := range rows {
		if c, ok := maskChange(v, status, rounds, c); ok {
			out = append(out, c)
		}
	}
	return out
}

// maskChange is what viewer v sees of one history row, as Sight.mask is
// of a rating row; ok is false when the row must not be shown at all.
func maskChange(v Viewer, status Status, rounds Rounds, c Change) (Change, bool) {
	uuid, k, ok := c.CellOf()
	if !ok {
		return c, true
	}
	r, _ := rounds.Get(k.ElementID, k.Round)
	s := See(v, status, r)
	if s.Values || s.Own && v.Kind == ViewParticipant && uuid == v.Participant {
		return c, true
	}
	if !s.Progress {
		return Change{}, false
	}
	c.Old, c.New, c.Reason, c.Hidden = blank(c.Old), blank(c.New), "", true
	return c, true
}

// blank is a hidden value: nil stays nil (there was none), an abstention
// stays one (it holds no number), anything else becomes "".
func blank(s *string) *string {
	if s == nil || *s == "abstain" {
		return s
	}
	return new(string)
}
