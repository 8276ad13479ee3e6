package session

import (
	"context"
	"database/sql"
)

// elementRatings returns the rating rows of one element in one round, in
// participant and criterion order. It is the cheap, indexed read a screen
// repeats every second to show what another process recorded.
func (s *Store) elementRatings(ctx context.Context, sessionID, elementID string, round int) ([]Rating, error) {
	return s.queryRatings(ctx, "read ratings of "+elementID, `WHERE p.session_id = ? AND r.element_id = ? AND r.round = ?`,
		sessionID, elementID, round)
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
