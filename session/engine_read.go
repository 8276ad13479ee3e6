package session

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/trustshop/trustshop/content"
)

// Workshop is a session as a front end opens it: the session with its
// participants, the pack it runs on, its elements' rounds, its notes and
// step states, and Seq, the last history row it reflects: a Feed started
// after Seq brings every later change.
type Workshop struct {
	Session Session
	Pack    *content.Pack
	Rounds  Rounds
	Notes   map[string]Note
	Steps   map[string]StepState
	Clock   Clock // the step clock (clock.go)
	View    View  // the walkthrough's zoom and theme
	Seq     int64
	// Warning is set when the pack's text changed since the session was
	// created: front ends show it once.
	Warning string
}

// Workshop opens a session (id may be a unique prefix) with its pack: the
// one way every front end does it.
func (e *Engine) Workshop(ctx context.Context, id string) (Workshop, error) {
	id, err := e.store.Resolve(ctx, id)
	if err != nil {
		return Workshop{}, err
	}
	// The cursor first: a change committed while the rest is read comes
	// through the feed again, which is harmless; one missed is not.
	seq, err := e.store.lastChange(ctx, id)
	if err != nil {
		return Workshop{}, err
	}
	w := Workshop{Seq: seq}
	if w.Session, err = e.store.Session(ctx, id); err != nil {
		return Workshop{}, err
	}
	if w.Pack, w.Warning, err = e.PackOf(w.Session); err != nil {
		return Workshop{}, err
	}
	w.Session.Consensus = decodeRule(w.Session.consensus, w.Pack)
	if w.Rounds, err = e.store.Rounds(ctx, id); err != nil {
		return Workshop{}, err
	}
	if w.Notes, err = e.store.Notes(ctx, id); err != nil {
		return Workshop{}, err
	}
	if w.Steps, err = e.store.StepStates(ctx, id); err != nil {
		return Workshop{}, err
	}
	if w.Clock, w.View, err = e.store.walkthrough(ctx, id); err != nil {
		return Workshop{}, err
	}
	return w, nil
}

// Sessions lists every session, the most recently changed first.
func (e *Engine) Sessions(ctx context.Context) ([]Summary, error) { return e.store.Sessions(ctx) }

// Session reads a session with its participants; id may be a prefix.
func (e *Engine) Session(ctx context.Context, id string) (Session, error) {
	sess, err := e.store.Session(ctx, id)
	if err != nil {
		return Session{}, err
	}
	if p, _, err := e.PackOf(sess); err == nil {
		sess.Consensus = decodeRule(sess.consensus, p)
	}
	return sess, nil
}

// ImportedFrom lists the sessions imported from a file with the hash.
func (e *Engine) ImportedFrom(ctx context.Context, hash string) ([]Summary, error) {
	return e.store.ImportedFrom(ctx, hash)
}

// History returns a session's changes, oldest first. It holds every value
// ever given: it is for researchers (the json export), not for screens.
func (e *Engine) History(ctx context.Context, id string) ([]Change, error) {
	return e.store.History(ctx, id)
}

// CellQuery picks cells: one element or every element (""), in one round
// or each element's current round (0).
type CellQuery struct {
	Element string
	Round   int
}

// Cells returns the rating cells a viewer may see, in participant,
// element, criterion and round order: values and comments only where See
// allows, progress (given, abstained) where the viewer may see it.
func (e *Engine) Cells(ctx context.Context, v Viewer, id string, q CellQuery) ([]Cell, error) {
	sess, err := e.store.Session(ctx, id)
	if err != nil {
		return nil, err
	}
	rounds, err := e.store.Rounds(ctx, sess.ID)
	if err != nil {
		return nil, err
	}
	var rows []Rating
	switch {
	case q.Element != "" && q.Round > 0:
		rows, err = e.store.elementRatings(ctx, sess.ID, q.Element, q.Round)
	default:
		rows, err = e.store.queryRatings(ctx, "read ratings", `WHERE p.session_id = ? AND (? = '' OR r.element_id = ?)`,
			sess.ID, q.Element, q.Element)
	}
	if err != nil {
		return nil, err
	}
	uuids := uuidsOf(sess)
	out := make([]Cell, 0, len(rows))
	for _, r := range rows {
		if q.Round == 0 && r.Round != rounds.Current(r.ElementID).Round {
			continue
		}
		round, _ := rounds.Get(r.ElementID, r.Round)
		if c, ok := See(v, sess.Status, round).mask(v, r, uuids[r.ParticipantID]); ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// EachCell calls fn for every rating row of a session that the viewer may
// see, masked as Cells does, in participant, element, criterion and round
// order, streaming them (an export of a million ratings holds none of them
// in memory). An error from fn stops the walk and is returned as it is.
func (e *Engine) EachCell(ctx context.Context, v Viewer, id string, fn func(Cell) error) error {
	sess, err := e.store.Session(ctx, id)
	if err != nil {
		return err
	}
	rounds, err := e.store.Rounds(ctx, sess.ID)
	if err != nil {
		return err
	}
	uuids := uuidsOf(sess)
	sights := map[RoundKey]Sight{}
	return e.store.eachRating(ctx, sess.ID, func(r Rating) error {
		k := RoundKey{r.ElementID, r.Round}
		s, ok := sights[k]
		if !ok {
			round, _ := rounds.Get(r.ElementID, r.Round)
			s = See(v, sess.Status, round)
			sights[k] = s
		}
		if c, ok := s.mask(v, r, uuids[r.ParticipantID]); ok {
			return fn(c)
		}
		return nil
	})
}

func uuidsOf(sess Session) map[int64]string {
	m := make(map[int64]string, len(sess.Participants))
	for _, p := range sess.Participants {
		m[p.ID] = p.UUID
	}
	return m
}

// Missing lists the open cells of each element's current round (of the
// elements named; nil: all) per participant: what the facilitator is asked
// about before a reveal or finishing.
func (e *Engine) Missing(ctx context.Context, id string, elements []string) ([]ParticipantMissing, error) {
	w, err := e.Workshop(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := e.store.ratings(ctx, w.Session.ID)
	if err != nil {
		return nil, fmt.Errorf("check for missing ratings: %w", err)
	}
	return MissingRatings(w.Pack, w.Session.Participants, rows, w.Rounds, elements), nil
}

// Progress counts per participant the cells asked and given in each
// element's current round (RatingProgress): what a grid's "overall"
// column shows. Counting given cells shows no value, so any viewer may.
func (e *Engine) Progress(ctx context.Context, id string) (map[int64]Progress, error) {
	w, err := e.Workshop(ctx, id)
	if err != nil {
		return nil, err
	}
	rows, err := e.store.ratings(ctx, w.Session.ID)
	if err != nil {
		return nil, fmt.Errorf("count the ratings given: %w", err)
	}
	return RatingProgress(w.Pack, w.Session.Participants, rows, w.Rounds), nil
}

// IntegrityCheck runs SQLite's integrity check; "ok" means no damage.
func (e *Engine) IntegrityCheck(ctx context.Context) (string, error) {
	return e.store.IntegrityCheck(ctx)
}

// Resolve returns the full id of the session that id names: the id itself
// or a unique prefix of at least four characters.
func (e *Engine) Resolve(ctx context.Context, id string) (string, error) {
	return e.store.Resolve(ctx, id)
}

// MayWrite answers "may this actor write this cell now?" on the snapshot:
// the rule the engine applies when the change is committed, for a front
// end that says no at once rather than after a round trip. The commit
// checks again, so a stale snapshot can never let a change through.
func (w Workshop) MayWrite(actor Actor, k RatingKey) error {
	if err := k.validate(w.Pack); err != nil {
		return err
	}
	return writeRule{sess: w.Session, pack: w.Pack, rounds: w.Rounds, actor: actor}.checkWrite(k)
}

// MayComment answers "may this actor change the comment of this cell
// now?": as MayWrite, but a closed round takes a comment from the
// facilitator (it changes no value).
func (w Workshop) MayComment(actor Actor, k RatingKey) error {
	err := w.MayWrite(actor, k)
	if errors.Is(err, ErrRoundClosed) && actorMayCommentClosed(actor) {
		return nil
	}
	return err
}

// MoveFinishes reports whether moving the agenda to step finishes the
// session (see Engine.MoveTo): a front end asks before it moves, since
// finishing with cells open needs the facilitator's yes.
func (w Workshop) MoveFinishes(step int) bool {
	return step >= 0 && step < len(w.Pack.Agenda) && w.Pack.Agenda[step].Kind == content.StepSummary &&
		w.Session.Status != StatusFinished
}

// MoveReopens reports whether moving the agenda to step leaves a finished
// session for a step before its summary: a reopen, which MoveTo refuses
// (ErrFinished) and Reopen does, so a front end asks first.
func (w Workshop) MoveReopens(step int) bool {
	return step >= 0 && step < len(w.Pack.Agenda) && w.Pack.Agenda[step].Kind != content.StepSummary &&
		w.Session.Status == StatusFinished
}

// See is what a viewer may see of an element's round (see the function See).
func (w Workshop) See(v Viewer, element string, round int) Sight {
	r, _ := w.Rounds.Get(element, round)
	return See(v, w.Session.Status, r)
}

// CellOf names the rating cell a history row changed, if it is one: the
// participant's UUID and the cell's element, criterion and round.
func (c Change) CellOf() (uuid string, k RatingKey, ok bool) {
	if c.Entity != "rating" {
		return "", RatingKey{}, false
	}
	parts := strings.Split(c.Key, "/")
	if len(parts) != 4 {
		return "", RatingKey{}, false
	}
	round, err := strconv.Atoi(parts[3])
	if err != nil {
		return "", RatingKey{}, false
	}
	return parts[0], RatingKey{SessionID: c.SessionID, ElementID: parts[1], CriterionID: parts[2], Round: round}, true
}
