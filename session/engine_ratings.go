package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/trustshop/trustshop/content"
)

// RecordRating sets a value or an abstention (and the comment, if given)
// as actor. Rating again replaces the value; the old one stays in the
// history. The rules: the cell's round must be the element's current round
// and open (a correction of a closed or revealed round needs in.Reason),
// and a participant writes only their own cells while their devices may
// rate the element.
func (e *Engine) RecordRating(ctx context.Context, actor Actor, in RatingInput) error {
	if in.Comment != nil {
		if err := checkText("the comment", *in.Comment, MaxCommentLen, true); err != nil {
			return err
		}
	}
	return e.do(ctx, actor, func(t *txn) error {
		c, err := e.openCell(t, in.RatingKey, in.Reason)
		if err != nil {
			return err
		}
		if err := in.Validate(c.pack); err != nil {
			return err
		}
		new := c.old
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
			at = t.now
		}
		if !sameText(c.old.valueText(), new.valueText()) || c.old.ratedAt == "" || !in.RatedAt.IsZero() {
			new.ratedAt = formatTime(at)
		}
		return c.write(t, new)
	})
}

// ClearRating removes a cell's value or abstention; its comment stays.
// The rules are those of RecordRating.
func (e *Engine) ClearRating(ctx context.Context, actor Actor, k RatingKey, reason string) error {
	return e.do(ctx, actor, func(t *txn) error {
		c, err := e.openCell(t, k, reason)
		if err != nil || !c.old.exists {
			return err
		}
		new := c.old
		new.value, new.abstain, new.ratedAt = sql.NullInt64{}, false, ""
		return c.write(t, new)
	})
}

// CommentRating sets the comment of a cell, rated or not. A closed round
// takes a comment (it changes no value); a participant comments only on
// their own cells, while their devices may rate the element.
func (e *Engine) CommentRating(ctx context.Context, actor Actor, k RatingKey, comment string) error {
	if err := checkText("the comment", comment, MaxCommentLen, true); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		c, err := e.openCellFor(t, k, "", true)
		if err != nil {
			return err
		}
		new := c.old
		new.comment = comment
		return c.write(t, new)
	})
}

// CellState is what a cell holds, as an undo compares and restores it.
type CellState struct {
	Value   *int
	Abstain bool
	Comment string
}

// UndoInput takes back a change of a cell: if the cell still holds Expect
// (its value and abstention, or with Comment its comment), it is set to
// Restore; if someone changed it since, the undo is refused with
// ErrChangedSince. The rules are those of a new rating.
type UndoInput struct {
	RatingKey
	Comment         bool
	Expect, Restore CellState
}

// UndoRating takes back a change (see UndoInput).
func (e *Engine) UndoRating(ctx context.Context, actor Actor, in UndoInput) error {
	return e.do(ctx, actor, func(t *txn) error {
		c, err := e.openCellFor(t, in.RatingKey, "", in.Comment)
		if err != nil {
			return err
		}
		cur := c.old.state()
		new := c.old
		if in.Comment {
			if cur.Comment != in.Expect.Comment {
				return refuse(ErrChangedSince, "the comment was changed since: nothing to undo there")
			}
			new.comment = in.Restore.Comment
			return c.write(t, new)
		}
		if !sameValue(cur, in.Expect) {
			return refuse(ErrChangedSince, "the rating was changed since: nothing to undo there")
		}
		new.abstain, new.value = in.Restore.Abstain, sql.NullInt64{}
		if in.Restore.Value != nil {
			new.value = sql.NullInt64{Int64: int64(*in.Restore.Value), Valid: true}
		}
		new.ratedAt = ""
		if new.given() {
			new.ratedAt = formatTime(t.now)
		}
		return c.write(t, new)
	})
}

func sameValue(a, b CellState) bool {
	if a.Abstain != b.Abstain || (a.Value == nil) != (b.Value == nil) {
		return false
	}
	return a.Value == nil || *a.Value == *b.Value
}

// cellWrite is a cell a command may write, with what it holds now.
type cellWrite struct {
	key  RatingKey
	sess Session
	pack *content.Pack
	uuid string
	old  cell
}

// openCell loads a cell for a change of its value and checks the rules.
func (e *Engine) openCell(t *txn, k RatingKey, reason string) (*cellWrite, error) {
	return e.openCellFor(t, k, reason, false)
}

// openCellFor loads a cell and checks that the actor may change it now;
// commentOnly is a change of the comment alone, which a closed round takes
// from the facilitator.
func (e *Engine) openCellFor(t *txn, k RatingKey, reason string, commentOnly bool) (*cellWrite, error) {
	sess, err := t.loadSessionWith(k.SessionID, k.ParticipantID)
	if err != nil {
		return nil, err
	}
	p, _, err := e.PackOf(sess)
	if err != nil {
		return nil, err
	}
	if err := k.validate(p); err != nil {
		return nil, err
	}
	rule, err := t.ruleFor(sess, p, k.ElementID)
	if err != nil {
		return nil, err
	}
	rule.reason = ""
	err = rule.checkWrite(k)
	switch {
	case err == nil:
	case commentOnly && actorMayCommentClosed(t.actor) && errors.Is(err, ErrRoundClosed):
	case strings.TrimSpace(reason) != "" && errors.Is(err, ErrRoundClosed):
		rule.reason = strings.TrimSpace(reason)
		if err := rule.checkWrite(k); err != nil {
			return nil, err
		}
		if err := checkText("the reason", rule.reason, MaxCommentLen, false); err != nil {
			return nil, err
		}
		t.reason = rule.reason
	default:
		return nil, err
	}
	pt, _ := sess.participantByID(k.ParticipantID)
	old, err := t.readCell(k)
	if err != nil {
		return nil, err
	}
	return &cellWrite{key: k, sess: sess, pack: p, uuid: pt.UUID, old: old}, nil
}

// actorMayCommentClosed: the facilitator, the command line and an import
// may comment on a closed round; a device may not.
func actorMayCommentClosed(a Actor) bool { return a.Kind != ActorParticipant }

// write stores the new state of the cell and logs what changed; a rating
// given to a planned session starts it.
func (c *cellWrite) write(t *txn, new cell) error {
	old, k := c.old, c.key
	if old.sameAs(new) {
		return nil
	}
	var err error
	if !new.value.Valid && !new.abstain && new.comment == "" {
		_, err = t.exec(`DELETE FROM ratings WHERE participant_id = ? AND element_id = ? AND criterion_id = ? AND round = ?`,
			k.ParticipantID, k.ElementID, k.CriterionID, k.Round)
	} else {
		_, err = t.exec(`INSERT INTO ratings (session_id, participant_id, element_id, criterion_id, round,
				value, abstain, comment, rated_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (participant_id, element_id, criterion_id, round) DO UPDATE SET
				value = excluded.value, abstain = excluded.abstain, comment = excluded.comment,
				rated_at = excluded.rated_at, updated_at = excluded.updated_at`,
			k.SessionID, k.ParticipantID, k.ElementID, k.CriterionID, k.Round,
			new.value, boolInt(new.abstain), new.comment, new.ratedAt, formatTime(t.now))
	}
	if err != nil {
		return err
	}
	key := k.historyKey(c.uuid)
	if o, n := old.valueText(), new.valueText(); !sameText(o, n) {
		if err := t.log(k.SessionID, "rating", key, "value", o, n); err != nil {
			return err
		}
	}
	if old.comment != new.comment {
		o := &old.comment
		if !old.exists {
			o = nil
		}
		if err := t.log(k.SessionID, "rating", key, "comment", o, &new.comment); err != nil {
			return err
		}
	}
	if c.sess.Status == StatusPlanned && new.given() {
		if err := t.setStatus(c.sess, StatusRunning); err != nil {
			return err
		}
	}
	return t.touch(k.SessionID)
}

// cell is a rating row's state, for comparing old and new.
type cell struct {
	exists  bool
	value   sql.NullInt64
	abstain bool
	comment string
	ratedAt string
}

func (c cell) given() bool { return c.value.Valid || c.abstain }

func (c cell) sameAs(o cell) bool {
	return c.value == o.value && c.abstain == o.abstain && c.comment == o.comment && c.ratedAt == o.ratedAt
}

func (c cell) state() CellState {
	st := CellState{Abstain: c.abstain, Comment: c.comment}
	if c.value.Valid {
		v := int(c.value.Int64)
		st.Value = &v
	}
	return st
}

func (c cell) valueText() *string {
	switch {
	case c.abstain:
		return text("abstain")
	case c.value.Valid:
		return text(strconv.FormatInt(c.value.Int64, 10))
	}
	return nil
}

func (t *txn) readCell(k RatingKey) (cell, error) {
	var c cell
	var abstain int
	err := t.queryRow(`SELECT value, abstain, comment, rated_at FROM ratings
		WHERE participant_id = ? AND element_id = ? AND criterion_id = ? AND round = ?`,
		k.ParticipantID, k.ElementID, k.CriterionID, k.Round).Scan(&c.value, &abstain, &c.comment, &c.ratedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("read rating %s: %w", k.historyKey(strconv.FormatInt(k.ParticipantID, 10)), err)
	}
	c.exists, c.abstain = true, abstain == 1
	return c, nil
}
