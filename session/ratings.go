package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/trustshop/trustshop/content"
)

// RatingInput sets one cell: a value or an abstention, and optionally the
// comment.
type RatingInput struct {
	RatingKey
	Value   *int
	Abstain bool
	Comment *string   // nil keeps the comment there is
	RatedAt time.Time // zero means now; imports keep the original time
}

// Participant returns the session's participant with the name (any case).
func (x Session) Participant(name string) (Participant, bool) {
	for _, p := range x.Participants {
		if strings.EqualFold(p.Name, strings.TrimSpace(name)) {
			return p, true
		}
	}
	return Participant{}, false
}

// String names the cell in history rows: participant/element/criterion/round.
func (k RatingKey) String() string {
	return fmt.Sprintf("%d/%s/%s/%d", k.ParticipantID, k.ElementID, k.CriterionID, k.Round)
}

// validate checks a cell against the pack.
func (k RatingKey) validate(p *content.Pack) error {
	if _, ok := p.Element(k.ElementID); !ok {
		return fmt.Errorf("%w: unknown element %q in pack %s", ErrInvalid, k.ElementID, p.ID)
	}
	if _, ok := p.Criterion(k.CriterionID); !ok {
		return fmt.Errorf("%w: unknown criterion %q in pack %s", ErrInvalid, k.CriterionID, p.ID)
	}
	if k.Round < 1 {
		return fmt.Errorf("%w: round %d: rounds start at 1", ErrInvalid, k.Round)
	}
	return nil
}

// Validate checks the input against the pack: a known element and
// criterion, exactly one of value and abstention, a value on the scale.
func (in RatingInput) Validate(p *content.Pack) error {
	if err := in.validate(p); err != nil {
		return err
	}
	c, _ := p.Criterion(in.CriterionID)
	switch {
	case in.Value != nil && in.Abstain:
		return fmt.Errorf("%w: give a value or an abstention, not both", ErrInvalid)
	case in.Value == nil && !in.Abstain:
		return fmt.Errorf("%w: give a value or an abstention", ErrInvalid)
	case in.Value != nil && !c.InScale(*in.Value):
		return fmt.Errorf("%w: value %d is outside the %s scale %d..%d", ErrInvalid, *in.Value, c.ID, c.Min, c.Max)
	}
	return nil
}

// cell is a rating row's state, for comparing old and new.
type cell struct {
	exists  bool
	value   sql.NullInt64
	abstain bool
	comment string
	ratedAt string
}

func (c cell) valueText() *string {
	switch {
	case c.abstain:
		s := "abstain"
		return &s
	case c.value.Valid:
		s := strconv.FormatInt(c.value.Int64, 10)
		return &s
	}
	return nil
}

func (s *Store) readCell(ctx context.Context, tx *sql.Tx, k RatingKey) (cell, error) {
	var c cell
	var abstain int
	err := tx.QueryRowContext(ctx, `SELECT value, abstain, comment, rated_at FROM ratings
		WHERE participant_id = ? AND element_id = ? AND criterion_id = ? AND round = ?`,
		k.ParticipantID, k.ElementID, k.CriterionID, k.Round).Scan(&c.value, &abstain, &c.comment, &c.ratedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	c.exists, c.abstain = err == nil, abstain == 1
	return c, err
}

// checkCell makes sure the participant belongs to the session and the
// session ran on this pack.
func (s *Store) checkCell(ctx context.Context, tx *sql.Tx, p *content.Pack, k RatingKey) error {
	var packID string
	err := tx.QueryRowContext(ctx, `SELECT s.pack_id FROM participants pt JOIN sessions s ON s.id = pt.session_id
		WHERE pt.id = ? AND pt.session_id = ?`, k.ParticipantID, k.SessionID).Scan(&packID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("participant %d in session %s: %w", k.ParticipantID, k.SessionID, ErrNotFound)
	}
	if err != nil {
		return err
	}
	if packID != p.ID {
		return fmt.Errorf("%w: session %s ran on pack %q, not %q: pass that pack with --pack", ErrInvalid, k.SessionID, packID, p.ID)
	}
	return nil
}

// writeCell stores the new state of a cell and logs what changed.
func (s *Store) writeCell(ctx context.Context, tx *sql.Tx, k RatingKey, old, new cell) error {
	now := s.now()
	stamp := formatTime(now)
	var err error
	if !new.value.Valid && !new.abstain && new.comment == "" {
		_, err = tx.ExecContext(ctx, `DELETE FROM ratings WHERE participant_id = ? AND element_id = ? AND criterion_id = ? AND round = ?`,
			k.ParticipantID, k.ElementID, k.CriterionID, k.Round)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO ratings (session_id, participant_id, element_id, criterion_id, round,
				value, abstain, comment, rated_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (participant_id, element_id, criterion_id, round) DO UPDATE SET
				value = excluded.value, abstain = excluded.abstain, comment = excluded.comment,
				rated_at = excluded.rated_at, updated_at = excluded.updated_at`,
			k.SessionID, k.ParticipantID, k.ElementID, k.CriterionID, k.Round,
			new.value, boolInt(new.abstain), new.comment, new.ratedAt, stamp)
	}
	if err != nil {
		return err
	}
	key := k.String()
	if o, n := old.valueText(), new.valueText(); !sameText(o, n) {
		if err := logChange(ctx, tx, now, k.SessionID, "rating", key, "value", o, n); err != nil {
			return err
		}
	}
	if old.comment != new.comment {
		o, n := &old.comment, &new.comment
		if !old.exists {
			o = nil
		}
		if err := logChange(ctx, tx, now, k.SessionID, "rating", key, "comment", o, n); err != nil {
			return err
		}
	}
	return touch(ctx, tx, now, k.SessionID)
}

// RecordRating sets a value or an abstention (and the comment, if given).
// Rating again replaces the value; the old one stays in the history.
func (s *Store) RecordRating(ctx context.Context, p *content.Pack, in RatingInput) error {
	if err := in.Validate(p); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if err := s.checkCell(ctx, tx, p, in.RatingKey); err != nil {
			return err
		}
		old, err := s.readCell(ctx, tx, in.RatingKey)
		if err != nil {
			return err
		}
		new := old
		new.abstain = in.Abstain
		new.value = sql.NullInt64{}
		if in.Value != nil {
			new.value = sql.NullInt64{Int64: int64(*in.Value), Valid: true}
		}
		if in.Comment != nil {
			new.comment = *in.Comment
		}
		at := in.RatedAt
		if at.IsZero() {
			at = s.now()
		}
		if !sameText(old.valueText(), new.valueText()) || old.ratedAt == "" || !in.RatedAt.IsZero() {
			new.ratedAt = formatTime(at)
		}
		return s.writeCell(ctx, tx, in.RatingKey, old, new)
	})
}

// ClearRating removes a cell's value or abstention; its comment stays.
func (s *Store) ClearRating(ctx context.Context, p *content.Pack, k RatingKey) error {
	if err := k.validate(p); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if err := s.checkCell(ctx, tx, p, k); err != nil {
			return err
		}
		old, err := s.readCell(ctx, tx, k)
		if err != nil || !old.exists {
			return err
		}
		new := old
		new.value, new.abstain, new.ratedAt = sql.NullInt64{}, false, ""
		return s.writeCell(ctx, tx, k, old, new)
	})
}

// CommentRating sets the comment of a cell, rated or not.
func (s *Store) CommentRating(ctx context.Context, p *content.Pack, k RatingKey, comment string) error {
	if err := k.validate(p); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if err := s.checkCell(ctx, tx, p, k); err != nil {
			return err
		}
		old, err := s.readCell(ctx, tx, k)
		if err != nil {
			return err
		}
		new := old
		new.comment = comment
		if old.comment == comment {
			return nil
		}
		return s.writeCell(ctx, tx, k, old, new)
	})
}

// Ratings returns every rating row of a session.
func (s *Store) Ratings(ctx context.Context, sessionID string) ([]Rating, error) {
	var out []Rating
	err := s.EachRating(ctx, sessionID, func(r Rating) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sameText(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
