package rating

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// laptopStage is where pass-the-laptop stands.
type laptopStage int

const (
	stageHandover laptopStage = iota // "pass the laptop to Ana"
	stageRating                      // Ana rates, element by element
	stageTurnEnd                     // Ana left cells open: hand over anyway?
	stageDone                        // everyone had the laptop
)

func (s laptopStage) String() string {
	switch s {
	case stageHandover:
		return "hand-over"
	case stageRating:
		return "rating"
	case stageTurnEnd:
		return "end of turn"
	default:
		return "done"
	}
}

// Laptop is pass-the-laptop: each expert in turn rates every element
// of the pack and sees only their own values. Between two experts a
// hand-over screen hides everything; the undo stack is emptied at each
// hand-over, so nobody can take back (or see) another's rating. At the end
// it warns about open cells and returns to the walkthrough.
type Laptop struct {
	ed    *ratingEditor
	keys  KeyMap
	stage laptopStage
	turn  int // the participant's index
	el    int // the element's index
	crit  int // the criterion under the cursor

	width, height int
	// details shows the element's Delphi feedback in full (f): the
	// distributions as bars, the split by role and the comments.
	details   bool
	missing   []session.ParticipantMissing
	had       map[int64]bool // the experts who took their turn: the end says whether all did
	leaving   bool           // back to the walkthrough once the writes are done
	early     []tea.KeyPressMsg
	desc      map[string][]string
	descWidth int
}

// NewLaptop starts pass-the-laptop on a session the caller has open, each
// element in its current round, with the first participant's hand-over.
// Each expert's turn reads the cells as that participant may see them
// (their own values only), so nobody's values reach the screen of another.
func NewLaptop(c *common.Common, ws session.Workshop) *Laptop {
	ed := newRatingEditor(c, ws, session.Viewer{Kind: session.ViewParticipant}, session.CellQuery{})
	ed.hint = func(cellKey) string { return "go on with n" }
	m := &Laptop{ed: ed, keys: DefaultKeyMap(c, ws.Pack), desc: map[string][]string{}, had: map[int64]bool{}}
	m.ed.viewer.Participant = m.expert().UUID
	return m
}

// Init implements common.Screen: it reads the first expert's cells.
func (m *Laptop) Init() tea.Cmd { return tea.Batch(m.ed.loadCmd(), hideStatus) }

// hideStatus empties the status line, so that no message about the
// previous expert's cells is left on screen at a hand-over.
func hideStatus() tea.Msg { return common.StatusMsg{} }

// Title implements common.Screen.
func (m *Laptop) Title() string {
	if m.stage == stageRating {
		return "Pass the laptop · " + m.expert().Name
	}
	return "Pass the laptop"
}

// Flush implements common.Flusher: a comment being typed joins the
// outbox before the program ends.
func (m *Laptop) Flush() tea.Cmd {
	m.ed.flushComment()
	return nil
}

// Capturing implements common.Screen: an expert at the keyboard should not quit
// the app or open the help by accident; ctrl+c still quits.
func (m *Laptop) Capturing() bool { return true }

// Busy reports whether the screen is reading for the first time or
// writing a rating.
func (m *Laptop) Busy() bool { return !m.ed.loaded || m.ed.busy() }

// SetSize implements common.Screen.
func (m *Laptop) SetSize(w, h int) { m.width, m.height = w, h }

func (m *Laptop) expert() session.Participant {
	if len(m.ed.sess().Participants) == 0 {
		return session.Participant{}
	}
	return m.ed.sess().Participants[min(m.turn, len(m.ed.sess().Participants)-1)]
}

func (m *Laptop) element() content.Element {
	if len(m.ed.pack().Elements) == 0 {
		return content.Element{}
	}
	return m.ed.pack().Elements[m.el]
}

func (m *Laptop) cursorKey() cellKey {
	el := m.element().ID
	return cellKey{m.expert().ID, el, m.ed.pack().Criteria[m.crit].ID, m.roundOf(el)}
}

// roundOf is an element's current round: the one the expert rates.
func (m *Laptop) roundOf(element string) int { return m.ed.ws.Rounds.Current(element).Round }

// firstOpen is where a turn starts: the first element, of those in the
// latest round, whose current round is open and where the expert left a
// cell open (the engine's count: an expert who already rated round 2 does
// not start again at element 1; one with round 2 open on element 3 and
// a cell of element 1 still open in round 1 starts at element 3, the
// round the group is in), else the first element they may still rate,
// else 0.
func (m *Laptop) firstOpen() (el, crit int) {
	mayWrite := func(el content.Element, cr content.Criterion) bool {
		k := session.RatingKey{SessionID: m.ed.ws.Session.ID, ParticipantID: m.expert().ID, ElementID: el.ID,
			CriterionID: cr.ID, Round: m.roundOf(el.ID)}
		return m.ed.ws.MayWrite(m.ed.actor(), k) == nil
	}
	pack := m.ed.pack()
	found, latest := false, 0
	for _, pm := range session.MissingRatings(pack, []session.Participant{m.expert()}, m.ratings(), m.ed.ws.Rounds, nil) {
		for _, me := range pm.Elements {
			i := m.elementIndex(me.ElementID)
			if round := m.roundOf(me.ElementID); len(me.Criteria) > 0 && (!found || round > latest) && mayWrite(pack.Elements[i], me.Criteria[0]) {
				found, latest = true, round
				el, crit = i, m.criterionIndex(me.Criteria[0].ID)
			}
		}
	}
	if found {
		return el, crit
	}
	for i, el := range pack.Elements {
		if mayWrite(el, pack.Criteria[0]) {
			return i, 0
		}
	}
	return 0, 0
}

// beginTurn shows the expert's hand-over: their cells are read afresh, as
// they may see them.
func (m *Laptop) beginTurn() tea.Cmd {
	m.ed.undo, m.ed.compose.ok = nil, false
	m.ed.viewer = session.Viewer{Kind: session.ViewParticipant, Participant: m.expert().UUID}
	m.ed.loaded = false
	return m.ed.setQuery(session.CellQuery{})
}

// Update implements common.Screen.
func (m *Laptop) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case ratingsLoadedMsg:
		if !m.ed.mine(msg) {
			return m, nil
		}
		if msg.err != nil {
			return m, common.ErrorCmd(msg.err)
		}
		first := !m.ed.loaded
		m.ed.applyLoaded(msg)
		var cmds []tea.Cmd
		if first {
			// keys typed before the read, in order; one that starts the
			// next turn reads again, and the keys after it wait once more
			early := m.early
			m.early = nil
			for _, k := range early {
				_, cmd := m.Update(k)
				cmds = append(cmds, cmd)
			}
		}
		return m, tea.Batch(cmds...)
	case common.SavedMsg:
		_, cmd, ok := m.ed.saved(msg)
		if !ok {
			return m, nil
		}
		if m.leaving && !m.ed.busy() {
			return m, tea.Batch(cmd, m.backCmd())
		}
		return m, cmd
	case common.ChangesMsg:
		if m.stage == stageRating && m.ed.concerns(msg) {
			return m, m.ed.loadCmd()
		}
		return m, nil
	case missingMsg:
		if msg.owner == m {
			if msg.err != nil {
				return m, common.ErrorCmd(msg.err)
			}
			m.missing = msg.missing
		}
		return m, nil
	case tea.KeyPressMsg:
		if !m.ed.loaded {
			m.early = append(m.early, msg) // replayed after the read, in order
			return m, nil
		}
		if len(m.ed.sess().Participants) == 0 || len(m.ed.pack().Elements) == 0 || len(m.ed.pack().Criteria) == 0 {
			if key.Matches(msg, m.keys.Leave) {
				return m, m.leave()
			}
			return m, nil
		}
		before := m.stage
		cmd := m.key(msg)
		if m.stage != before && (m.stage == stageHandover || before == stageHandover) {
			cmd = tea.Batch(cmd, hideStatus)
		}
		return m, cmd
	}
	if m.ed.commenting {
		return m, m.ed.updateComment(msg)
	}
	return m, nil
}

func (m *Laptop) key(msg tea.KeyPressMsg) tea.Cmd {
	k, ed := m.keys, m.ed
	switch m.stage {
	case stageHandover:
		switch {
		case msg.String() == "enter":
			m.el, m.crit = m.firstOpen()
			m.stage, m.details = stageRating, false
			m.had[m.expert().ID] = true
			ed.undo, ed.compose.ok = nil, false
		case key.Matches(msg, k.NextElement):
			return m.nextTurn()
		case key.Matches(msg, k.PrevElement):
			m.turn = max(0, m.turn-1)
			return m.beginTurn()
		case key.Matches(msg, k.Leave):
			return m.finish()
		}
		return nil
	case stageTurnEnd:
		switch {
		case key.Matches(msg, k.Confirm):
			return m.nextTurn()
		case key.Matches(msg, k.Cancel):
			m.stage = stageRating
		}
		return nil
	case stageDone:
		switch {
		case msg.String() == "enter" || key.Matches(msg, k.Confirm):
			return m.leave()
		case key.Matches(msg, k.Leave):
			// back to the hand-over where the laptop stopped, or the first
			m.stage = stageHandover
			if m.everyoneHad() {
				m.turn = 0
			}
			return m.beginTurn()
		}
		return nil
	}
	if ed.commenting {
		return ed.updateComment(msg)
	}
	if m.details { // any key leaves the details; f and esc do only that
		m.details = false
		if key.Matches(msg, k.Feedback, k.Leave) {
			return nil
		}
	} else if key.Matches(msg, k.Feedback) {
		if _, ok := ed.feedback[m.element().ID]; ok {
			m.details = true
		}
		return nil
	}
	crit := len(ed.pack().Criteria)
	switch {
	case key.Matches(msg, k.Up, k.Prev):
		m.crit = max(0, m.crit-1)
		ed.compose.ok = false
	case key.Matches(msg, k.Down, k.Next):
		m.crit = min(crit-1, m.crit+1)
		ed.compose.ok = false
	case key.Matches(msg, k.NextElement, k.Right):
		if m.el == len(ed.pack().Elements)-1 {
			return m.endTurn()
		}
		m.el, m.crit, ed.compose.ok = m.el+1, 0, false
	case key.Matches(msg, k.PrevElement, k.Left):
		m.el, m.crit, ed.compose.ok = max(0, m.el-1), 0, false
	case key.Matches(msg, k.Undo):
		key, cmd := ed.undoLast()
		if key.element != "" {
			m.el, m.crit = m.elementIndex(key.element), m.criterionIndex(key.criterion)
		}
		return cmd
	case key.Matches(msg, k.Leave):
		return m.endTurn()
	}
	cmd, _ := ed.editKey(msg, k, m.cursorKey(), ed.pack().Criteria[m.crit], m.width)
	return cmd
}
