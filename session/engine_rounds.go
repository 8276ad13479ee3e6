package session

import (
	"context"
	"strings"
	"time"

	"github.com/trustshop/trustshop/content"
)

// OpenRound opens round for each of the elements (nil: every element of
// the pack), in one transaction: all of them or none. Round R+1 of an
// element opens once round R holds a rating of it; it closes round R and
// shows its results to the room and the devices, since the group's
// round-R answers are the feedback of a Delphi round. The current round
// again reopens it if it was closed but not revealed.
func (e *Engine) OpenRound(ctx context.Context, actor Actor, id string, round int, elements []string) error {
	return e.roundCommand(ctx, actor, id, "open a round", elements, func(t *txn, sess Session, el content.Element, rounds Rounds) error {
		cur := rounds.Current(el.ID)
		switch {
		case round == cur.Round && cur.Open():
			return nil
		case round == cur.Round && cur.Revealed():
			return refuse(ErrRoundClosed, "round %d of %q is revealed, so it cannot open again: open round %d", round, el.Title, round+1)
		case round == cur.Round:
			cur.ClosedAt = time.Time{}
			if err := t.saveRound(sess.ID, cur); err != nil {
				return err
			}
			return t.log(sess.ID, "round", RoundKey{el.ID, round}.String(), "reopened", nil, text("open"))
		case round != cur.Round+1:
			return refuse(ErrRoundNotOpen, "round %d of %q cannot open: it is in round %d, so the next is %d", round, el.Title, cur.Round, cur.Round+1)
		}
		var given int
		if err := t.queryRow(`SELECT count(*) FROM `+sessionRatings+` WHERE p.session_id = ? AND r.element_id = ? AND r.round = ?
			AND (r.value IS NOT NULL OR r.abstain = 1)`, sess.ID, el.ID, cur.Round).Scan(&given); err != nil {
			return err
		}
		if given == 0 {
			return refuse(ErrEmptyRound, "round %d of %q holds no ratings yet: rate it before opening round %d", cur.Round, el.Title, round)
		}
		for _, a := range []Audience{AudienceRoom, AudienceDevices} {
			if err := t.reveal(sess.ID, &cur, a); err != nil {
				return err
			}
		}
		if err := t.saveRound(sess.ID, cur); err != nil {
			return err
		}
		next := ElementRound{ElementID: el.ID, Round: round, OpenedAt: t.now}
		if err := t.saveRound(sess.ID, next); err != nil {
			return err
		}
		return t.log(sess.ID, "round", RoundKey{el.ID, round}.String(), "opened", nil, text("open"))
	})
}

// CloseRound closes the current round of the elements (nil: every
// element) without showing its results: it takes no new rating.
func (e *Engine) CloseRound(ctx context.Context, actor Actor, id string, round int, elements []string) error {
	return e.roundCommand(ctx, actor, id, "close a round", elements, func(t *txn, sess Session, el content.Element, rounds Rounds) error {
		cur := rounds.Current(el.ID)
		if round != cur.Round {
			return refuse(ErrRoundNotOpen, "round %d of %q is not its current round (%d)", round, el.Title, cur.Round)
		}
		if !cur.Open() {
			return nil
		}
		cur.ClosedAt = t.now
		if err := t.saveRound(sess.ID, cur); err != nil {
			return err
		}
		return t.log(sess.ID, "round", RoundKey{el.ID, round}.String(), "closed", nil, text("closed"))
	})
}

// Reveal shows the results of an element's round to an audience: the room
// (the projector, the facilitator's screens) or the participants' devices.
// It closes the round, since ratings given after the results were seen
// would be anchored on them. Revealing again writes nothing: a reveal
// cannot be taken back.
func (e *Engine) Reveal(ctx context.Context, actor Actor, id, element string, round int, to Audience) error {
	if to != AudienceRoom && to != AudienceDevices {
		return invalid("reveal to %q: the room or the devices", to)
	}
	return e.roundCommand(ctx, actor, id, "reveal results", []string{element}, func(t *txn, sess Session, el content.Element, rounds Rounds) error {
		if round < 1 {
			return invalid("round %d: rounds start at 1", round)
		}
		r, ok := rounds.Get(el.ID, round)
		if !ok {
			return refuse(ErrRoundNotOpen, "%q has no round %d (it is in round %d)", el.Title, round, rounds.Current(el.ID).Round)
		}
		// Revealing closes the round: a round nobody rated would be shut
		// with nothing to show.
		var given int
		if err := t.queryRow(`SELECT count(*) FROM `+sessionRatings+` WHERE p.session_id = ? AND r.element_id = ? AND r.round = ?
			AND (r.value IS NOT NULL OR r.abstain = 1)`, sess.ID, el.ID, round).Scan(&given); err != nil {
			return err
		}
		if given == 0 {
			return refuse(ErrEmptyRound, "round %d of %q holds no ratings yet: nothing to reveal (rate it first)", round, el.Title)
		}
		if err := t.reveal(sess.ID, &r, to); err != nil {
			return err
		}
		return t.saveRound(sess.ID, r)
	})
}

// reveal marks a round revealed to an audience (closing it) and logs it;
// the caller saves the round.
func (t *txn) reveal(sessionID string, r *ElementRound, to Audience) error {
	at := &r.RevealedRoomAt
	if to == AudienceDevices {
		at = &r.RevealedDevicesAt
	}
	if !at.IsZero() {
		return nil
	}
	*at = t.now
	if r.Open() {
		r.ClosedAt = t.now
	}
	if r.OpenedAt.IsZero() {
		r.OpenedAt = t.now
	}
	return t.log(sessionID, "round", RoundKey{r.ElementID, r.Round}.String(), "revealed_"+string(to), nil, text("revealed"))
}

// roundCommand runs fn on each named element (nil: every element of the
// pack) of a session in one command; facilitator, command line and
// import only.
func (e *Engine) roundCommand(ctx context.Context, actor Actor, id, what string, elements []string,
	fn func(t *txn, sess Session, el content.Element, rounds Rounds) error) error {
	if err := facilitatorOnly(actor, what); err != nil {
		return err
	}
	return e.do(ctx, actor, func(t *txn) error {
		sess, p, err := e.sessionInTx(t, id)
		if err != nil {
			return err
		}
		if sess.Status == StatusFinished {
			return refuse(ErrRoundClosed, "session %q is finished: go back from the summary to reopen it first", sess.Title)
		}
		list, err := elementsOf(p, elements)
		if err != nil {
			return err
		}
		rounds, err := t.loadRounds(sess.ID, "")
		if err != nil {
			return err
		}
		for _, el := range list {
			if err := fn(t, sess, el, rounds); err != nil {
				return err
			}
		}
		return t.touch(sess.ID)
	})
}

// elementsOf resolves element ids against the pack (nil: every element).
func elementsOf(p *content.Pack, ids []string) ([]content.Element, error) {
	if len(ids) == 0 {
		return p.Elements, nil
	}
	out := make([]content.Element, 0, len(ids))
	for _, id := range ids {
		el, ok := p.Element(id)
		if !ok {
			return nil, unknownElement(p, id)
		}
		out = append(out, el)
	}
	return out, nil
}

// unknownElement names the valid element ids.
func unknownElement(p *content.Pack, id string) error {
	ids := make([]string, len(p.Elements))
	for i, e := range p.Elements {
		ids[i] = e.ID
	}
	return invalid("unknown element %q in pack %s (it has: %s)", id, p.ID, strings.Join(ids, ", "))
}
