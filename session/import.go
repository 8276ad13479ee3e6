package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/trustshop/trustshop/content"
)

// ImportedRating is one rating of a session being imported: a value or an
// abstention given at RatedAt by the participant at index Participant of
// NewSession.Participants.
type ImportedRating struct {
	Participant int
	ElementID   string
	CriterionID string
	Round       int
	Value       *int
	Abstain     bool
	Comment     string
	RatedAt     time.Time
}

// validateImport checks every imported rating against the pack and the
// participants, and that no cell occurs twice. It returns every problem at
// once, each wrapping ErrInvalid.
func validateImport(p *content.Pack, in NewSession, ratings []ImportedRating) error {
	var errs []error
	type cellID struct {
		participant   int
		element, crit string
		round         int
	}
	seen := make(map[cellID]int, len(ratings))
	for i, r := range ratings {
		if r.Participant < 0 || r.Participant >= len(in.Participants) {
			errs = append(errs, invalid("rating %d: participant %d of %d", i+1, r.Participant, len(in.Participants)))
			continue
		}
		ri := RatingInput{RatingKey: RatingKey{ElementID: r.ElementID, CriterionID: r.CriterionID, Round: r.Round},
			Value: r.Value, Abstain: r.Abstain}
		if err := ri.Validate(p); err != nil {
			errs = append(errs, fmt.Errorf("rating %d: %w", i+1, err))
		}
		if r.RatedAt.IsZero() {
			errs = append(errs, invalid("rating %d: no time it was given", i+1))
		}
		k := cellID{r.Participant, r.ElementID, r.CriterionID, r.Round}
		if j, dup := seen[k]; dup {
			errs = append(errs, invalid("rating %d rates the same cell as rating %d", i+1, j+1))
		}
		seen[k] = i
		if len(errs) >= 100 {
			errs = append(errs, errors.New("… (stopped after 100 problems)"))
			break
		}
	}
	return errors.Join(append(errs, roundGaps(ratings)...)...)
}

// roundGaps refuses an element rated in a round whose round before holds
// no rating: an element's rounds follow each other from 1, as the engine
// opens them.
func roundGaps(ratings []ImportedRating) []error {
	rounds := map[RoundKey]int{} // the first rating of each element's round
	for i, r := range ratings {
		if _, ok := rounds[RoundKey{r.ElementID, r.Round}]; !ok {
			rounds[RoundKey{r.ElementID, r.Round}] = i
		}
	}
	var errs []error
	for k, i := range rounds {
		if _, ok := rounds[RoundKey{k.ElementID, k.Round - 1}]; k.Round > 1 && !ok {
			errs = append(errs, invalid("rating %d: element %q has ratings in round %d but none in round %d: an element's rounds follow each other from 1",
				i+1, k.ElementID, k.Round, k.Round-1))
		}
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errs
}

// ImportSession stores a finished session with its participants and all
// its ratings in one transaction, so that an import either lands whole or
// not at all. Every rating keeps its RatedAt and gets a history row as if
// it had been given then, naming the actor (an import). The input is
// validated first (the session as by CreateSession, every rating against
// the pack, no cell twice) and nothing is written if anything is wrong.
func (e *Engine) ImportSession(ctx context.Context, actor Actor, p *content.Pack, in NewSession, ratings []ImportedRating) (Session, error) {
	if err := errors.Join(in.Validate(p), validateImport(p, in, ratings)); err != nil {
		return Session{}, err
	}
	var sess Session
	err := e.do(ctx, actor, func(t *txn) error {
		var err error
		if sess, err = t.insertSession(p, in, StatusFinished); err != nil {
			return err
		}
		return t.insertRatings(sess, ratings)
	})
	if err != nil {
		return Session{}, fmt.Errorf("import session %q: %w", in.Title, err)
	}
	return sess, nil
}

// ImportedFrom lists the sessions imported from a file with the hash
// (NewSession.SourceHash): importing the same file twice is a mistake
// more often than not.
func (s *Store) ImportedFrom(ctx context.Context, hash string) ([]Summary, error) {
	if hash == "" {
		return nil, nil
	}
	return s.listSessions(ctx, "WHERE s.source_hash = ?", hash)
}

// insertRatings writes the ratings with one prepared statement and their
// history rows many to a statement: an import may hold a million rows.
func (t *txn) insertRatings(sess Session, ratings []ImportedRating) error {
	ctx, tx := t.ctx, t.tx
	// The import touches index pages all over the file, and reads the
	// ratings back for the history: with SQLite's default 2 MB page cache
	// it would write the same pages out again and again.
	if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -131072"); err != nil {
		return err
	}
	defer tx.ExecContext(ctx, "PRAGMA cache_size = -2000") //nolint:errcheck // the default again
	ins, err := tx.PrepareContext(ctx, `INSERT INTO ratings (session_id, participant_id, element_id, criterion_id,
		round, value, abstain, comment, rated_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	updated := formatTime(sess.UpdatedAt)
	for _, r := range ratings {
		var value sql.NullInt64
		if !r.Abstain {
			value = sql.NullInt64{Int64: int64(*r.Value), Valid: true}
		}
		if _, err := ins.ExecContext(ctx, sess.ID, sess.Participants[r.Participant].ID, r.ElementID, r.CriterionID,
			r.Round, value, boolInt(r.Abstain), r.Comment, formatTime(r.RatedAt), updated); err != nil {
			return err
		}
	}
	// The history as RecordRating would have written it: the value (or
	// "abstain") and any comment, from nothing, at the time it was given,
	// chained in Go in one pass and written many rows per statement.
	actor := t.actor
	hist := make([]Change, 0, len(ratings)+len(ratings)/4)
	for _, r := range ratings {
		key := RatingKey{ElementID: r.ElementID, CriterionID: r.CriterionID, Round: r.Round}.historyKey(sess.Participants[r.Participant].UUID)
		v := text("abstain")
		if !r.Abstain {
			v = itoa(*r.Value)
		}
		hist = append(hist, Change{SessionID: sess.ID, Entity: "rating", Key: key, Field: "value", New: v, At: r.RatedAt, Actor: actor})
		if r.Comment != "" {
			hist = append(hist, Change{SessionID: sess.ID, Entity: "rating", Key: key, Field: "comment", New: text(r.Comment), At: r.RatedAt, Actor: actor})
		}
	}
	if err := t.appendHistory(sess.ID, hist); err != nil {
		return err
	}
	// The rounds the ratings were given in, per element: a round followed
	// by another is closed.
	for _, q := range []string{
		`INSERT INTO element_rounds (session_id, element_id, round, opened_at)
			SELECT p.session_id, r.element_id, r.round, min(r.rated_at) FROM ` + sessionRatings + ` WHERE p.session_id = ?
				GROUP BY r.element_id, r.round`,
		`UPDATE element_rounds SET closed_at = (SELECT min(later.opened_at) FROM element_rounds later
				WHERE later.session_id = element_rounds.session_id AND later.element_id = element_rounds.element_id
				AND later.round > element_rounds.round)
			WHERE session_id = ? AND EXISTS (SELECT 1 FROM element_rounds later
				WHERE later.session_id = element_rounds.session_id AND later.element_id = element_rounds.element_id
				AND later.round > element_rounds.round)`,
	} {
		if _, err := tx.ExecContext(ctx, q, sess.ID); err != nil {
			return err
		}
	}
	return nil
}
