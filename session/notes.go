package session

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// SaveNote stores the note of an agenda step, replacing the previous text.
// Saving the same text again writes nothing.
func (s *Store) SaveNote(ctx context.Context, sessionID, stepKey, body string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		var old sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT body FROM notes WHERE session_id = ? AND step_key = ?", sessionID, stepKey).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if old.Valid && old.String == body || !old.Valid && body == "" {
			return nil
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO notes (session_id, step_key, body, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (session_id, step_key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
			sessionID, stepKey, body, formatTime(now)); err != nil {
			return err
		}
		if err := touch(ctx, tx, now, sessionID); err != nil {
			return err
		}
		var oldp *string
		if old.Valid {
			oldp = &old.String
		}
		return logChange(ctx, tx, now, sessionID, "note", stepKey, "body", oldp, &body)
	})
}

// Notes returns a session's notes by step key.
func (s *Store) Notes(ctx context.Context, sessionID string) (map[string]Note, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT step_key, body, updated_at FROM notes WHERE session_id = ?", sessionID)
	if err != nil {
		return nil, s.wrap("read notes", err)
	}
	defer rows.Close()
	out := map[string]Note{}
	for rows.Next() {
		var n Note
		var at string
		if err := rows.Scan(&n.StepKey, &n.Body, &at); err != nil {
			return nil, s.wrap("read notes", err)
		}
		n.UpdatedAt = parseTime(at)
		out[n.StepKey] = n
	}
	return out, s.wrap("read notes", rows.Err())
}

// SaveStepState remembers the time spent on a step and its scroll offset.
// It is not history: it changes every few seconds while a step is open.
func (s *Store) SaveStepState(ctx context.Context, sessionID string, st StepState) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO step_state (session_id, step_key, elapsed_ms, scroll) VALUES (?, ?, ?, ?)
			ON CONFLICT (session_id, step_key) DO UPDATE SET elapsed_ms = excluded.elapsed_ms, scroll = excluded.scroll`,
			sessionID, st.StepKey, st.Elapsed.Milliseconds(), st.Scroll)
		return err
	})
}

// StepStates returns what the walkthrough remembers of each step.
func (s *Store) StepStates(ctx context.Context, sessionID string) (map[string]StepState, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT step_key, elapsed_ms, scroll FROM step_state WHERE session_id = ?", sessionID)
	if err != nil {
		return nil, s.wrap("read step state", err)
	}
	defer rows.Close()
	out := map[string]StepState{}
	for rows.Next() {
		var st StepState
		var ms int64
		if err := rows.Scan(&st.StepKey, &ms, &st.Scroll); err != nil {
			return nil, s.wrap("read step state", err)
		}
		st.Elapsed = time.Duration(ms) * time.Millisecond
		out[st.StepKey] = st
	}
	return out, s.wrap("read step state", rows.Err())
}

// touch marks a session as changed now.
func touch(ctx context.Context, tx *sql.Tx, at time.Time, sessionID string) error {
	res, err := tx.ExecContext(ctx, "UPDATE sessions SET updated_at = ? WHERE id = ?", formatTime(at), sessionID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound(sql.ErrNoRows, "session "+sessionID)
	}
	return nil
}
