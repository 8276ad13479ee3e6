package session

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// RevealKey names the results of one element in one round: the unit the
// facilitator reveals. Ratings stay blind until their element and round are
// revealed, so a second (Delphi) round starts blind again.
type RevealKey struct {
	ElementID string
	Round     int
}

// String names the reveal in history rows: element/round.
func (k RevealKey) String() string { return k.ElementID + "/" + strconv.Itoa(k.Round) }

// Reveal records that the facilitator showed the group the results of an
// element in a round, with its history row (entity "reveal"). Revealing
// again writes nothing: a reveal cannot be taken back, since the group has
// seen the numbers.
func (s *Store) Reveal(ctx context.Context, sessionID, elementID string, round int) error {
	if elementID == "" {
		return fmt.Errorf("reveal: %w: no element", ErrInvalid)
	}
	if round < 1 {
		return fmt.Errorf("reveal %s: %w: round %d: rounds start at 1", elementID, ErrInvalid, round)
	}
	k := RevealKey{elementID, round}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var exists int
		err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sessions WHERE id = ?", sessionID).Scan(&exists)
		if err != nil {
			return err
		}
		if exists == 0 {
			return fmt.Errorf("session %s: %w", sessionID, ErrNotFound)
		}
		now := s.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO reveals (session_id, element_id, round, revealed_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (session_id, element_id, round) DO NOTHING`,
			sessionID, elementID, round, formatTime(now))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // revealed before
		}
		if err := touch(ctx, tx, now, sessionID); err != nil {
			return err
		}
		revealed := "revealed"
		return logChange(ctx, tx, now, sessionID, "reveal", k.String(), "state", nil, &revealed)
	})
	if err != nil {
		return fmt.Errorf("reveal %s of session %s: %w", k, sessionID, err)
	}
	return nil
}

// Revealed returns the element/round pairs of a session whose results were
// revealed. A pair that is missing is still blind.
func (s *Store) Revealed(ctx context.Context, sessionID string) (map[RevealKey]bool, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT element_id, round FROM reveals WHERE session_id = ?", sessionID)
	if err != nil {
		return nil, s.wrap("read reveals", err)
	}
	defer rows.Close()
	out := map[RevealKey]bool{}
	for rows.Next() {
		var k RevealKey
		if err := rows.Scan(&k.ElementID, &k.Round); err != nil {
			return nil, s.wrap("read reveals", err)
		}
		out[k] = true
	}
	return out, s.wrap("read reveals", rows.Err())
}

// ElementRatings returns the rating rows of one element in one round, in
// participant and criterion order. It is the cheap, indexed read a screen
// repeats every second to show what another process recorded.
func (s *Store) ElementRatings(ctx context.Context, sessionID, elementID string, round int) ([]Rating, error) {
	return s.queryRatings(ctx, "read ratings of "+elementID, `WHERE r.session_id = ? AND r.element_id = ? AND r.round = ?`,
		sessionID, elementID, round)
}

// RoundRatings returns the rating rows of every element in one round, in
// participant, element and criterion order: what progress and the check for
// missing ratings need.
func (s *Store) RoundRatings(ctx context.Context, sessionID string, round int) ([]Rating, error) {
	return s.queryRatings(ctx, "read ratings of round "+strconv.Itoa(round), `WHERE r.session_id = ? AND r.round = ?`,
		sessionID, round)
}

// queryRatings reads rating rows that match where.
func (s *Store) queryRatings(ctx context.Context, doing, where string, args ...any) ([]Rating, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.session_id, r.participant_id, p.name, r.element_id, r.criterion_id, r.round,
			r.value, r.abstain, r.comment, r.rated_at, r.updated_at
		FROM ratings r JOIN participants p ON p.id = r.participant_id `+where+`
		ORDER BY p.position, p.id, r.element_id, r.criterion_id, r.round`, args...)
	if err != nil {
		return nil, s.wrap(doing, err)
	}
	defer rows.Close()
	var out []Rating
	for rows.Next() {
		var r Rating
		var value sql.NullInt64
		var abstain int
		var ratedAt, updatedAt string
		if err := rows.Scan(&r.SessionID, &r.ParticipantID, &r.Participant, &r.ElementID, &r.CriterionID, &r.Round,
			&value, &abstain, &r.Comment, &ratedAt, &updatedAt); err != nil {
			return nil, s.wrap(doing, err)
		}
		if value.Valid {
			v := int(value.Int64)
			r.Value = &v
		}
		r.Abstain = abstain == 1
		r.RatedAt, r.UpdatedAt = parseTime(ratedAt), parseTime(updatedAt)
		out = append(out, r)
	}
	return out, s.wrap(doing, rows.Err())
}
