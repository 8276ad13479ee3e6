package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/trustshop/trustshop/content"
)

// Record is a whole session as another database or a json export holds
// it, history and all: what a merged study imports. Session keeps its id,
// site and participants' UUIDs; Ratings name participants by their index
// in Session.Participants.
type Record struct {
	Session Session
	Ratings []ImportedRating
	Notes   []Note
	Rounds  Rounds
	// History is the session's history as recorded, oldest first, with
	// each row's Prev and Hash; Head is the chain head the source
	// recorded for it.
	History []Change
	Head    string
	// ElementHashes are the element texts the session ran on
	// (ElementHash); empty when unknown.
	ElementHashes map[string]string
	// Source names the file the session comes from, for the history row
	// that records the import.
	Source string
}

// ErrChainBroken is the error of a history whose hash chain does not hold:
// it was changed after the fact.
var ErrChainBroken = errors.New("history changed after the fact")

// CheckRecord checks a record's history chain and its ratings against the
// pack, without writing anything.
func CheckRecord(p *content.Pack, rec Record) error {
	id := rec.Session.ID
	if err := chainError(id, rec.Source, rec.History, rec.Head); err != nil {
		return err
	}
	var errs []error
	for i, r := range rec.Ratings {
		if r.Participant < 0 || r.Participant >= len(rec.Session.Participants) {
			errs = append(errs, invalid("session %s: rating %d names participant %d of %d", id, i+1, r.Participant, len(rec.Session.Participants)))
			continue
		}
		ri := RatingInput{RatingKey: RatingKey{ElementID: r.ElementID, CriterionID: r.CriterionID, Round: r.Round}, Value: r.Value, Abstain: r.Abstain}
		if r.Value == nil && !r.Abstain {
			if err := ri.RatingKey.validate(p); err != nil {
				errs = append(errs, fmt.Errorf("session %s: rating %d: %w", id, i+1, err))
			}
		} else if err := ri.Validate(p); err != nil {
			errs = append(errs, fmt.Errorf("session %s: rating %d: %w", id, i+1, err))
		}
		if len(errs) >= 20 {
			break
		}
	}
	return errors.Join(errs...)
}

// chainError says why the history of a session from source does not
// hold as a chain ending at head; nil when it does.
func chainError(id, source string, history []Change, head string) error {
	got, broken := CheckChain(history)
	if broken != nil {
		return fmt.Errorf("session %s from %s: %w: history row %d (%s %s %s): %s; run trustshop verify %s",
			id, source, ErrChainBroken, broken.Index+1, broken.Change.Entity, broken.Change.Key, broken.Change.Field, broken.Why, source)
	}
	if got != head {
		return fmt.Errorf("session %s from %s: %w: its history ends at %s but the session records %s (rows were cut off the end); run trustshop verify %s",
			id, source, ErrChainBroken, shortHash(got), short(head), source)
	}
	return nil
}

// shortHash is the start of a hash, enough to tell two apart in a message.
func shortHash(h string) string {
	if h == "" {
		return "(none)"
	}
	return h[:min(len(h), 12)]
}

// ImportRecords stores whole sessions from other databases or json
// exports in one transaction, each with its id, site, participants'
// UUIDs, ratings, notes, rounds and its history exactly as recorded (so
// its chain, corrections and actors stay as they were), followed by one
// history row of actor recording where it came from. Every record is
// checked first (CheckRecord); a session whose id is already in the
// database is refused with ErrConflict, and nothing is written.
func (e *Engine) ImportRecords(ctx context.Context, actor Actor, p *content.Pack, recs []Record) error {
	return e.ImportSources(ctx, actor, p, recs, nil)
}

// insertRecord writes one checked record.
func (t *txn) insertRecord(p *content.Pack, rec *Record) error {
	s := rec.Session
	var taken int
	if err := t.queryRow("SELECT count(*) FROM sessions WHERE id = ?", s.ID).Scan(&taken); err != nil {
		return err
	}
	if taken > 0 {
		return fmt.Errorf("%w: a session with id %s is already in the database (was it given twice?)", ErrConflict, s.ID)
	}
	if s.DeviceRating == "" {
		s.DeviceRating = DevicesStep
	}
	if s.Status == "" {
		s.Status = StatusFinished
	}
	_, err := t.exec(`INSERT INTO sessions (id, title, facilitator, organisation, date, pack_id, pack_version,
		pack_hash, pack_dir, site, source_hash, device_rating, consensus, status, step, steps, created_at, updated_at, chain_head)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.Title, s.Facilitator, s.Organisation, s.Date, p.ID, s.PackVersion, s.PackHash,
		s.Site, s.SourceHash, s.DeviceRating, encodeRule(s.Consensus), s.Status, s.Step, s.Steps,
		formatTime(s.CreatedAt), formatTime(s.UpdatedAt), rec.Head)
	if err != nil {
		return err
	}
	ids := make([]int64, len(s.Participants))
	for i, pt := range s.Participants {
		if pt.UUID == "" {
			return invalid("participant %q has no uuid", pt.Name)
		}
		var joined any
		if !pt.Joined.IsZero() {
			joined = formatTime(pt.Joined)
		}
		res, err := t.exec(`INSERT INTO participants (session_id, position, name, role, organisation, uuid, joined_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, s.ID, i, pt.Name, pt.Role, pt.Organisation, pt.UUID, joined)
		if isUnique(err) {
			return fmt.Errorf("%w: participant %s is already in the database, in another session", ErrConflict, pt.UUID)
		}
		if err != nil {
			return err
		}
		ids[i], _ = res.LastInsertId()
	}
	if err := t.insertRatingRows(s.ID, ids, rec.Ratings, s.UpdatedAt); err != nil {
		return err
	}
	for _, n := range rec.Notes {
		if _, err := t.exec("INSERT INTO notes (session_id, step_key, body, updated_at) VALUES (?, ?, ?, ?)",
			s.ID, n.StepKey, n.Body, formatTime(n.UpdatedAt)); err != nil {
			return err
		}
	}
	for _, rs := range rec.Rounds {
		for _, r := range rs {
			if err := t.saveRound(s.ID, r); err != nil {
				return err
			}
		}
	}
	if err := t.saveElementHashes(s.ID, rec.ElementHashes); err != nil {
		return err
	}
	hist := make([]Change, len(rec.History))
	for i, c := range rec.History {
		c.SessionID = s.ID
		hist[i] = c
	}
	if err := t.insertHistory(hist); err != nil {
		return err
	}
	return t.appendHistory(s.ID, []Change{{SessionID: s.ID, Entity: "session", Key: s.ID, Field: "imported",
		New: text(rec.Source), At: t.now, Actor: t.actor}})
}

// ratingBatch is how many rating rows one INSERT writes (10 parameters
// each).
const ratingBatch = 200

const ratingInsert = `INSERT INTO ratings (session_id, participant_id, element_id, criterion_id,
	round, value, abstain, comment, rated_at, updated_at) VALUES `

// insertRatingRows writes ratings many rows a statement; ids are the
// participants' rows in this database by index.
func (t *txn) insertRatingRows(sessionID string, ids []int64, ratings []ImportedRating, updated time.Time) error {
	var full *sql.Stmt
	up := formatTime(updated)
	args := make([]any, 0, 10*ratingBatch)
	for len(ratings) > 0 {
		n := min(len(ratings), ratingBatch)
		args = args[:0]
		for _, r := range ratings[:n] {
			var value sql.NullInt64
			if r.Value != nil && !r.Abstain {
				value = sql.NullInt64{Int64: int64(*r.Value), Valid: true}
			}
			at := ""
			if !r.RatedAt.IsZero() {
				at = formatTime(r.RatedAt)
			}
			args = append(args, sessionID, ids[r.Participant], r.ElementID, r.CriterionID, r.Round, value,
				boolInt(r.Abstain), r.Comment, at, up)
		}
		var err error
		if n == ratingBatch {
			if full == nil {
				if full, err = t.tx.PrepareContext(t.ctx, ratingInsert+valuesList("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ratingBatch)); err != nil {
					return err
				}
				defer full.Close()
			}
			_, err = full.ExecContext(t.ctx, args...)
		} else {
			_, err = t.exec(ratingInsert+valuesList("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", n), args...)
		}
		if err != nil {
			return err
		}
		ratings = ratings[n:]
	}
	return nil
}
