package rating

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// cellKey names one rating cell: participant x element x criterion x round.
type cellKey struct {
	pid       int64
	element   string
	criterion string
	round     int
}

// cellState is what a cell holds as the screen's viewer may see it: a
// value, an abstention ("can't judge") or neither, and a comment; hidden
// is a value the viewer may not see (the grid shows "✓ rated").
type cellState struct {
	value     int
	hasValue  bool
	abstain   bool
	hidden    bool
	comment   string
	commented bool // a comment the viewer may not read
}

// given reports whether the cell holds a value or an abstention.
func (c cellState) given() bool { return c.hasValue || c.abstain || c.hidden }

func stateOf(c session.Cell) cellState {
	st := cellState{abstain: c.Abstain, comment: c.Comment, hidden: c.Hidden && !c.Abstain, commented: c.HasComment && c.Comment == ""}
	if c.Value != nil && !c.Abstain {
		st.value, st.hasValue = *c.Value, true
	}
	return st
}

// undoEntry is one change that u takes back: the cell, its state before
// and after, and whether the change was to the comment or the rating.
type undoEntry struct {
	key           cellKey
	comment       bool
	before, after cellState
	write         uint64 // the outbox op of the change's last write
}

// ratingsLoadedMsg carries what the editor shows, read through the engine:
// the session's snapshot (its rounds, for the rules) and the cells the
// viewer may see.
type ratingsLoadedMsg struct {
	owner *ratingEditor
	seq   uint64 // the editor's sequence number when the read began
	gen   uint64 // the editor's query generation when the read began
	ws    session.Workshop
	cells []session.Cell
	// overall is each participant's progress over the session, from the
	// engine, when the editor asks for it (withProgress).
	overall map[int64]session.Progress
	// feedback is, per element of the query in round 2 or later, the
	// previous round as the viewer may see it (session.Feedback).
	feedback map[string]session.Feedback
	err      error
}

// ratingEditor holds the rating cells a screen shows and changes them: the
// part of the rating grid and of pass-the-laptop that turns keys into
// changes for the engine, keeps an undo stack and merges what the engine
// says with what is on its way. It decides no rule: it asks the snapshot
// (session.Workshop: MayWrite, See) and the engine checks again on commit.
// Changes travel through the program's outbox, in order.
type ratingEditor struct {
	c      *common.Common
	ws     session.Workshop
	viewer session.Viewer
	query  session.CellQuery // what the screen shows: one element's round, or every element's current round
	cells  map[cellKey]cellState
	// feedback is the Delphi feedback of the query's elements in round 2
	// or later, for the viewer, read with the cells.
	feedback map[string]session.Feedback

	loaded bool
	// withProgress reads each participant's progress over the session
	// with the cells (the grid's "overall" column).
	withProgress bool
	reading      int // reads begun and not yet back
	undo         []undoEntry
	ops          map[uint64]ratingWrite // ops submitted and not yet done, by outbox id
	pending      map[cellKey]int        // ops on their way per cell
	seq          uint64                 // counts reads begun and writes done
	applied      uint64                 // seq of the newest read applied: an older one landing later is dropped
	gen          uint64                 // counts queries (element, round, viewer): a read of an older one is dropped
	doneAt       map[cellKey]uint64     // seq when a cell's last write ended

	compose struct {
		key   cellKey
		value int
		at    time.Time
		ok    bool
	}

	dirty []cellKey // cells changed since the screen last redrew
	// hint says what the screen offers instead of changing a closed cell
	// ("press ] for round 2").
	hint func(cellKey) string

	comment    textinput.Model
	commenting bool
	commentKey cellKey
}

func newRatingEditor(c *common.Common, ws session.Workshop, viewer session.Viewer, q session.CellQuery) *ratingEditor {
	ti := textinput.New()
	ti.Prompt = "› "
	ti.Placeholder = "why this rating? enter saves, esc cancels"
	ti.CharLimit = session.MaxCommentLen
	// A steady cursor: calmer on a projector, and no blink ticks.
	st := textinput.DefaultStyles(c.Styles.Theme != common.ThemeLight)
	st.Cursor.Blink = false
	ti.SetStyles(st)
	return &ratingEditor{
		c: c, ws: ws, viewer: viewer, query: q, cells: map[cellKey]cellState{},
		ops: map[uint64]ratingWrite{}, pending: map[cellKey]int{}, doneAt: map[cellKey]uint64{}, comment: ti,
		hint: func(cellKey) string { return "a further round can rate it again" },
	}
}

func (e *ratingEditor) pack() *content.Pack   { return e.ws.Pack }
func (e *ratingEditor) sess() session.Session { return e.ws.Session }
func (e *ratingEditor) actor() session.Actor  { return e.c.Facilitator() }
func (e *ratingEditor) ctx() context.Context  { return ctxOf(e.c) }
func (e *ratingEditor) key(k cellKey) session.RatingKey {
	return session.RatingKey{SessionID: e.ws.Session.ID, ParticipantID: k.pid, ElementID: k.element, CriterionID: k.criterion, Round: k.round}
}

func ctxOf(c *common.Common) context.Context {
	if c.Ctx != nil {
		return c.Ctx
	}
	return context.Background()
}

// participant returns the session's participant with the id.
func (e *ratingEditor) participant(id int64) session.Participant {
	for _, p := range e.ws.Session.Participants {
		if p.ID == id {
			return p
		}
	}
	return session.Participant{ID: id}
}

// cellName names a cell for status lines: "Ana · Impact".
func (e *ratingEditor) cellName(k cellKey) string {
	cr, _ := e.pack().Criterion(k.criterion)
	return e.participant(k.pid).Name + " · " + cr.Label
}

// sight is what the screen's viewer may see of a cell's round, as the
// engine's visibility function answers it; a value the viewer typed on
// this screen shows only where a value read from the engine would.
func (e *ratingEditor) sight(k cellKey) session.Sight { return e.ws.See(e.viewer, k.element, k.round) }

// shows reports whether the screen shows the value of cell k.
func (e *ratingEditor) shows(k cellKey) bool {
	s := e.sight(k)
	return s.Values || s.Own && e.viewer.Kind == session.ViewParticipant && e.participant(k.pid).UUID == e.viewer.Participant
}

// shown is cell k as the screen may show it: a value or comment the
// viewer may not see is hidden, whether it was read from the engine or
// typed on this screen.
func (e *ratingEditor) shown(k cellKey) cellState {
	st := e.cells[k]
	if e.shows(k) {
		return st
	}
	if st.hasValue {
		st.value, st.hasValue, st.hidden = 0, false, true
	}
	if st.comment != "" {
		st.comment, st.commented = "", true
	}
	return st
}

// loadCmd reads the snapshot and the cells of the editor's query through
// the engine, for its viewer.
func (e *ratingEditor) loadCmd() tea.Cmd {
	e.seq++
	e.reading++
	eng, ctx, id, owner, seq, gen, viewer, q, progress := e.c.Engine, e.ctx(), e.ws.Session.ID, e, e.seq, e.gen, e.viewer, e.query, e.withProgress
	return func() tea.Msg {
		msg := ratingsLoadedMsg{owner: owner, seq: seq, gen: gen}
		if msg.ws, msg.err = eng.Workshop(ctx, id); msg.err != nil {
			return msg
		}
		if msg.cells, msg.err = eng.Cells(ctx, viewer, id, q); msg.err != nil {
			return msg
		}
		if msg.feedback, msg.err = readFeedback(ctx, eng, viewer, msg.ws, q.Element); msg.err != nil || !progress {
			return msg
		}
		msg.overall, msg.err = eng.Progress(ctx, id)
		return msg
	}
}

// mine reports whether a read is this editor's and of what it shows now:
// a slow read of another round, element or expert that lands after the
// screen moved on is dropped, lest its cells, counts and snapshot mix with
// the new ones; so is a read begun before one applied already (reads run
// side by side), lest it take the screen back to an older snapshot: a
// round revealed here showed as blind again.
func (e *ratingEditor) mine(msg ratingsLoadedMsg) bool {
	if msg.owner != e {
		return false
	}
	e.reading--
	return msg.gen == e.gen && msg.seq > e.applied
}

// readFeedback reads the Delphi feedback of one element ("": every
// element) in round 2 or later, as the viewer may see it.
func readFeedback(ctx context.Context, eng *session.Engine, v session.Viewer, ws session.Workshop, element string) (map[string]session.Feedback, error) {
	out := map[string]session.Feedback{}
	for _, el := range ws.Pack.Elements {
		if element != "" && el.ID != element || ws.Rounds.Current(el.ID).Round < 2 {
			continue
		}
		fb, ok, err := eng.Feedback(ctx, v, ws.Session.ID, el.ID)
		if err != nil {
			return nil, fmt.Errorf("feedback of %s: %w", el.ID, err)
		}
		if ok {
			out[el.ID] = fb
		}
	}
	return out, nil
}

// applyLoaded merges a read into the cells. A cell with a write on its
// way, or one whose write ended after the read began, keeps what the
// screen shows: the read may predate the write. It reports whether
// anything changed.
func (e *ratingEditor) applyLoaded(msg ratingsLoadedMsg) bool {
	if msg.err != nil {
		return false
	}
	e.applied = msg.seq
	e.ws, e.loaded, e.feedback = msg.ws, true, msg.feedback
	fresh := make(map[cellKey]cellState, len(msg.cells))
	for _, c := range msg.cells {
		fresh[cellKey{c.ParticipantID, c.ElementID, c.CriterionID, c.Round}] = stateOf(c)
	}
	keep := func(k cellKey) bool { return e.pending[k] > 0 || e.doneAt[k] > msg.seq }
	n := len(e.dirty)
	for k, old := range e.cells {
		nw := fresh[k]
		if nw.hidden && old.hasValue {
			// the engine hides a value this screen typed: keep knowing it
			// (for undo) while showing it hidden (shown); if someone else
			// changed it, the engine refuses the undo
			nw.value, nw.hasValue, nw.hidden = old.value, true, false
		}
		if nw.commented && old.comment != "" {
			nw.comment, nw.commented = old.comment, false
		}
		if nw != old && !keep(k) {
			e.set(k, nw)
		}
	}
	for k, nw := range fresh {
		if _, ok := e.cells[k]; !ok && !keep(k) {
			e.set(k, nw)
		}
	}
	return len(e.dirty) > n
}

// concerns reports whether feed changes may change what the editor shows:
// a rating of its query, or anything of the rounds, the participants or
// the session.
func (e *ratingEditor) concerns(msg common.ChangesMsg) bool {
	if msg.SessionID != e.ws.Session.ID {
		return false
	}
	for _, c := range msg.Changes {
		_, k, ok := c.CellOf()
		switch {
		case !ok:
			if c.Entity != "note" {
				return true
			}
		case (e.query.Element == "" || k.ElementID == e.query.Element) && (e.query.Round == 0 || k.Round == e.query.Round):
			return true
		}
	}
	return false
}

// setQuery switches to another element's round (or every current round):
// its cells are read afresh.
func (e *ratingEditor) setQuery(q session.CellQuery) tea.Cmd {
	e.query, e.cells, e.compose.ok = q, map[cellKey]cellState{}, false
	e.gen++
	return e.loadCmd()
}

// refused tells why cell k cannot change, and what to do instead.
func (e *ratingEditor) refused(k cellKey, err error) tea.Cmd {
	var closed *session.RoundClosedError
	if ok := asRoundClosed(err, &closed); ok {
		return common.StatusCmd(fmt.Sprintf("%s: %s.", upperFirst(closed.Error()), e.hint(k)))
	}
	return common.ErrorCmd(err)
}
