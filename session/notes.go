package session

import (
	"context"
	"time"
)

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

// StepStates returns what the walkthrough remembers of each step.
func (s *Store) StepStates(ctx context.Context, sessionID string) (map[string]StepState, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT step_key, elapsed_ms, scroll, visited, skipped FROM step_state WHERE session_id = ?", sessionID)
	if err != nil {
		return nil, s.wrap("read step state", err)
	}
	defer rows.Close()
	out := map[string]StepState{}
	for rows.Next() {
		var st StepState
		var ms int64
		if err := rows.Scan(&st.StepKey, &ms, &st.Scroll, &st.Visited, &st.Skipped); err != nil {
			return nil, s.wrap("read step state", err)
		}
		st.Elapsed = time.Duration(ms) * time.Millisecond
		out[st.StepKey] = st
	}
	return out, s.wrap("read step state", rows.Err())
}
