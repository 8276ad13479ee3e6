package session

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/trustshop/trustshop/content"
)

// MoveTo moves a session's agenda to step (0-based). Reaching a step
// starts a planned session. Reaching the summary step finishes the
// session, which needs confirmFinish while rating cells are open, however
// the facilitator got there (the next-step key or a jump in the agenda):
// without it MoveTo returns a *MissingRatingsError listing them and
// changes nothing. Finishing records the reveal of every round it shows
// (see finish). A finished session leaves its summary only by Reopen:
// MoveTo to another step returns an error wrapping ErrFinished.
func (e *Engine) MoveTo(ctx context.Context, actor Actor, id string, step int, confirmFinish bool) error {
	return e.moveTo(ctx, actor, id, step, confirmFinish, false)
}

// Reopen takes a finished session back to a step before its summary: the
// session runs again, a history row names who reopened it, and the
// rounds the room saw stay revealed (closed to new ratings but for
// corrections). On a session that is not finished it is MoveTo.
func (e *Engine) Reopen(ctx context.Context, actor Actor, id string, step int) error {
	return e.moveTo(ctx, actor, id, step, false, true)
}

func (e *Engine) moveTo(ctx context.Context, actor Actor, id string, step int, confirmFinish, reopen bool) error {
	if err := facilitatorOnly(actor, "move the agenda"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		sess, p, err := e.sessionInTx(t, id)
		if err != nil {
			return err
		}
		if step < 0 || step >= len(p.Agenda) {
			return invalid("step %d: the agenda has steps 1 to %d", step+1, len(p.Agenda))
		}
		status := sess.Status
		switch {
		case (Workshop{Session: sess, Pack: p}).MoveFinishes(step):
			if err := t.finish(sess, p, confirmFinish); err != nil {
				return err
			}
			status = StatusFinished
		case p.Agenda[step].Kind != content.StepSummary && status == StatusFinished:
			if sess.Step == step && !reopen { // finished where it stands (Finish): no move
				return t.touch(sess.ID)
			}
			if !reopen {
				return refuse(ErrFinished, "session %q is finished and the room has seen its results: reopen it to go back to step %d", sess.Title, step+1)
			}
			status = StatusRunning // reopened: open rounds take ratings again
		case status == StatusPlanned:
			status = StatusRunning
		}
		if err := t.setStatus(sess, status); err != nil {
			return err
		}
		if sess.Step == step {
			return t.touch(sess.ID)
		}
		if _, err := t.exec("UPDATE sessions SET step = ?, updated_at = ? WHERE id = ?", step, formatTime(t.now), sess.ID); err != nil {
			return err
		}
		if err := t.log(sess.ID, "session", sess.ID, "step", itoa(sess.Step), itoa(step)); err != nil {
			return err
		}
		return t.moveClock(sess.ID, p, sess.Step, step) // clock.go
	})
}

// Finish ends a session where it stands (a session run from the command
// line, or an agenda without a summary step); confirm as for MoveTo.
func (e *Engine) Finish(ctx context.Context, actor Actor, id string, confirm bool) error {
	if err := facilitatorOnly(actor, "finish the session"); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		sess, p, err := e.sessionInTx(t, id)
		if err != nil {
			return err
		}
		if sess.Status == StatusFinished {
			return nil
		}
		if err := t.finish(sess, p, confirm); err != nil {
			return err
		}
		return t.setStatus(sess, StatusFinished)
	})
}

// finish is what finishing does before the status changes: refuse while
// cells are open (unless confirmed), then reveal to the room and the
// devices every round that holds ratings and was not revealed to them,
// since a finished session shows every result to both (See). The reveals
// are history rows of the actor who finished, so the feed carries them and
// a reopened session keeps them revealed rather than hiding again what the
// room and the devices have shown.
func (t *txn) finish(sess Session, p *content.Pack, confirm bool) error {
	if err := t.checkFinish(sess, p, confirm); err != nil {
		return err
	}
	rounds, err := t.loadRounds(sess.ID, "")
	if err != nil {
		return err
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT DISTINCT r.element_id, r.round FROM `+sessionRatings+`
		WHERE p.session_id = ? AND (r.value IS NOT NULL OR r.abstain = 1) ORDER BY r.element_id, r.round`, sess.ID)
	if err != nil {
		return err
	}
	var rated []RoundKey
	for rows.Next() {
		var k RoundKey
		if err := rows.Scan(&k.ElementID, &k.Round); err != nil {
			rows.Close()
			return err
		}
		rated = append(rated, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, k := range rated {
		r, ok := rounds.Get(k.ElementID, k.Round)
		if _, inPack := p.Element(k.ElementID); !ok || !inPack || r.RevealedToRoom() && r.RevealedToDevices() {
			continue
		}
		for _, a := range []Audience{AudienceRoom, AudienceDevices} { // reveal writes nothing twice
			if err := t.reveal(sess.ID, &r, a); err != nil {
				return fmt.Errorf("reveal %s on finishing: %w", k, err)
			}
		}
		if err := t.saveRound(sess.ID, r); err != nil {
			return err
		}
	}
	return nil
}

// checkFinish refuses to finish while cells are open in any element's
// current round, unless confirmed.
func (t *txn) checkFinish(sess Session, p *content.Pack, confirm bool) error {
	if confirm {
		return nil
	}
	rounds, err := t.loadRounds(sess.ID, "")
	if err != nil {
		return err
	}
	ratings, err := t.givenRatings(sess.ID)
	if err != nil {
		return err
	}
	if missing := MissingRatings(p, sess.Participants, ratings, rounds, nil); len(missing) > 0 {
		return &MissingRatingsError{Missing: missing, Unrevealed: Unrevealed(p, rounds)}
	}
	return nil
}

// givenRatings reads which cells of a session hold a value or an
// abstention (the values themselves are not needed).
func (t *txn) givenRatings(sessionID string) ([]Rating, error) {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT r.participant_id, r.element_id, r.criterion_id, r.round FROM `+sessionRatings+`
		WHERE p.session_id = ? AND (r.value IS NOT NULL OR r.abstain = 1)`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Rating
	for rows.Next() {
		r := Rating{SessionID: sessionID, Abstain: true}
		if err := rows.Scan(&r.ParticipantID, &r.ElementID, &r.CriterionID, &r.Round); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// setStatus changes a session's status and logs it.
func (t *txn) setStatus(sess Session, status Status) error {
	if sess.Status == status {
		return nil
	}
	if _, err := t.exec("UPDATE sessions SET status = ?, updated_at = ? WHERE id = ?", status, formatTime(t.now), sess.ID); err != nil {
		return err
	}
	return t.log(sess.ID, "session", sess.ID, "status", text(string(sess.Status)), text(string(status)))
}

// SaveNote stores the note of an agenda step, replacing the previous text.
// Saving the same text again writes nothing.
func (e *Engine) SaveNote(ctx context.Context, actor Actor, id, stepKey, body string) error {
	if err := facilitatorOnly(actor, "write the group's notes"); err != nil {
		return err
	}
	if err := checkText("the note", body, MaxNoteLen, true); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		var old sql.NullString
		err := t.queryRow("SELECT body FROM notes WHERE session_id = ? AND step_key = ?", id, stepKey).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if old.Valid && old.String == body || !old.Valid && body == "" {
			return nil
		}
		if _, err := t.exec(`INSERT INTO notes (session_id, step_key, body, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (session_id, step_key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
			id, stepKey, body, formatTime(t.now)); err != nil {
			if isForeignKey(err) {
				return sessionGone(id)
			}
			return err
		}
		if err := t.touch(id); err != nil {
			return err
		}
		var oldp *string
		if old.Valid {
			oldp = &old.String
		}
		return t.log(id, "note", stepKey, "body", oldp, &body)
	})
}

// SaveStepState remembers a step's scroll offset (st.Scroll; the time
// spent on it is the step clock's, see clock.go). It is the walkthrough's
// place in the text, not a change of the workshop: no history row.
func (e *Engine) SaveStepState(ctx context.Context, id string, st StepState) error {
	return e.do(ctx, Facilitator(), func(t *txn) error {
		_, err := t.exec(`INSERT INTO step_state (session_id, step_key, scroll) VALUES (?, ?, ?)
			ON CONFLICT (session_id, step_key) DO UPDATE SET scroll = excluded.scroll`,
			id, st.StepKey, st.Scroll)
		if isForeignKey(err) {
			return sessionGone(id)
		}
		return err
	})
}
