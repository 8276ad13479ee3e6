package session

import (
	"context"
	"database/sql"
	"errors"

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
