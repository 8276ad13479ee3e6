package session

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/mattn/go-sqlite3"
)

// logChange appends one history row in the caller's transaction, so the
// change and its trace commit together.
func logChange(ctx context.Context, tx *sql.Tx, at time.Time, sessionID, entity, key, field string, old, new *string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO history (session_id, entity, entity_key, field, old_value, new_value, changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, sessionID, entity, key, field, old, new, formatTime(at))
	return err
}

// History returns every recorded change of a session, oldest first.
func (s *Store) History(ctx context.Context, sessionID string) ([]Change, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, session_id, entity, entity_key, field, old_value, new_value, changed_at
		FROM history WHERE session_id = ? ORDER BY id`, sessionID)
	if err != nil {
		return nil, s.wrap("read history", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var old, new sql.NullString
		var at string
		if err := rows.Scan(&c.ID, &c.SessionID, &c.Entity, &c.Key, &c.Field, &old, &new, &at); err != nil {
			return nil, s.wrap("read history", err)
		}
		if old.Valid {
			c.Old = &old.String
		}
		if new.Valid {
			c.New = &new.String
		}
		c.At = parseTime(at)
		out = append(out, c)
	}
	return out, s.wrap("read history", rows.Err())
}

func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey || se.ExtendedCode == sqlite3.ErrConstraintUnique)
}
