package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/trustshop/trustshop/content"
)

// A source is checked as CheckRecord checks a record, without reading it
// into records: its chains (checkChains) and its rows (checkRows), as two
// parts a merge runs beside its copy (sourceChecks).

// checkChains checks every session's history chain and head.
func (s *Source) checkChains(ctx context.Context) error {
	heads := make(map[string]string, len(s.sessions))
	for _, ss := range s.sessions {
		heads[ss.Session.ID] = ss.Head
	}
	conn, err := s.eng.store.db.Conn(ctx)
	if err != nil {
		return s.eng.store.wrap("connect", err)
	}
	defer conn.Close()
	broken, err := brokenChains(ctx, conn, heads)
	if err != nil {
		return fmt.Errorf("%s: %w", s.path, s.eng.store.wrap("read history", err))
	}
	var errs []error
	for _, ss := range s.sessions {
		if !broken[ss.Session.ID] {
			continue
		}
		hist, err := s.eng.History(ctx, ss.Session.ID)
		if err != nil {
			return err
		}
		if err := chainError(ss.Session.ID, s.path, hist, ss.Head); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// checkRows checks every rating against the pack, and that every
// rating's participant is one of its session's, every participant has a
// UUID and every row the copy takes refers to rows that are there, which
// the copy relies on (it runs without SQLite's checks of references).
func (s *Source) checkRows(ctx context.Context, p *content.Pack) error {
	if err := s.checkRatings(ctx, p); err != nil {
		return err
	}
	if err := s.checkParticipants(ctx); err != nil {
		return err
	}
	return s.checkReferences(ctx)
}

// referringTables are the tables the copy takes whose references
// checkReferences checks. A rating's are checkParticipants' (its
// participant is one of its session's, who is in a session), a history
// row's brokenChains' (its session is one of the database's).
var referringTables = []string{"participants", "notes", "element_rounds", "session_elements"}

// checkReferences refuses a row of referringTables that refers to a row
// that is not there, as SQLite would on insert.
func (s *Source) checkReferences(ctx context.Context) error {
	for _, table := range referringTables {
		var child, parent string
		var row sql.NullInt64
		var fk int
		err := s.eng.store.db.QueryRowContext(ctx, "PRAGMA foreign_key_check("+table+")").Scan(&child, &row, &parent, &fk)
		if err == nil {
			return invalid("%s: row %d of %s refers to a row of %s that is not there (it was changed outside trustshop); run trustshop verify %s",
				s.path, row.Int64, child, parent, s.path)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return s.eng.store.wrap("check the references of "+s.path, err)
		}
	}
	return nil
}

// checkRatings checks every rating of the database against the pack. A
// scan picks the rows the pack does not allow (an unknown element or
// criterion, a round below 1, a value off its criterion's scale or not a
// whole number, a value and an abstention), and Validate says what is
// wrong with each: it is the rule, the scan only finds its exceptions.
func (s *Source) checkRatings(ctx context.Context, p *content.Pack) error {
	q, args := offPack(p)
	rows, err := s.eng.store.db.QueryContext(ctx, q, args...)
	if err != nil {
		return s.eng.store.wrap("read ratings of "+s.path, err)
	}
	defer rows.Close()
	var errs []error
	for rows.Next() {
		var ri RatingInput
		var round, value any
		var id string
		if err := rows.Scan(&id, &ri.ElementID, &ri.CriterionID, &round, &value, &ri.Abstain); err != nil {
			return s.eng.store.wrap("read ratings of "+s.path, err)
		}
		r, isInt := round.(int64)
		ri.Round = int(r)
		v, valued := value.(int64)
		if valued {
			n := int(v)
			ri.Value = &n
		}
		var err error
		switch {
		case !isInt:
			err = invalid("round %v is not a whole number", round)
		case value != nil && !valued:
			err = invalid("value %v is not a whole number", value)
		case value == nil && !ri.Abstain:
			err = ri.RatingKey.validate(p) // a cell cleared again
		default:
			err = ri.Validate(p)
		}
		if err == nil { // the scan and Validate disagree: Validate is the rule
			continue
		}
		errs = append(errs, fmt.Errorf("session %s from %s: a rating of %s %s in round %v: %w", id, s.path, ri.ElementID, ri.CriterionID, round, err))
	}
	if err := rows.Err(); err != nil {
		return s.eng.store.wrap("read ratings of "+s.path, err)
	}
	return errors.Join(errs...)
}

// offPack is the query of the first 20 ratings the pack does not allow.
func offPack(p *content.Pack) (string, []any) {
	var args []any
	var b strings.Builder
	b.WriteString(`SELECT session_id, element_id, criterion_id, round, value, abstain FROM ratings WHERE NOT (
		typeof(round) = 'integer' AND round >= 1 AND typeof(value) IN ('integer', 'null') AND NOT (value IS NOT NULL AND abstain = 1)
		AND element_id IN (`)
	for i, el := range p.Elements {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("?")
		args = append(args, el.ID)
	}
	b.WriteString(") AND (0")
	for _, c := range p.Criteria {
		b.WriteString(" OR criterion_id = ? AND (value IS NULL OR value BETWEEN ? AND ?)")
		args = append(args, c.ID, c.Min, c.Max)
	}
	b.WriteString(")) LIMIT 20")
	return b.String(), args
}

// checkParticipants refuses a rating whose participant is not one of its
// session's, and a participant without a UUID.
func (s *Source) checkParticipants(ctx context.Context) error {
	var id string
	var n int64
	err := s.eng.store.db.QueryRowContext(ctx, `SELECT session_id, participant_id FROM ratings r WHERE NOT EXISTS
		(SELECT 1 FROM participants p WHERE p.id = r.participant_id AND p.session_id = r.session_id) LIMIT 1`).Scan(&id, &n)
	if err == nil {
		return invalid("session %s from %s: a rating names participant row %d, who is not in the session; run trustshop verify %s",
			id, s.path, n, s.path)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return s.eng.store.wrap("read ratings of "+s.path, err)
	}
	var name string
	err = s.eng.store.db.QueryRowContext(ctx, "SELECT session_id, name FROM participants WHERE coalesce(uuid, '') = '' LIMIT 1").Scan(&id, &name)
	if err == nil {
		return invalid("session %s from %s: participant %q has no uuid", id, s.path, name)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return s.eng.store.wrap("read participants of "+s.path, err)
	}
	return nil
}
