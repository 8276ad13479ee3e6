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
	missing       []ParticipantMissing
	leaving       bool // back to the walkthrough once the writes are done
	early         []tea.KeyPressMsg
	desc          map[string][]string
	descWidth     int
}

// NewLaptop starts pass-the-laptop on a round of a session, with the
// first participant's hand-over.
func NewLaptop(c *common.Common, p *content.Pack, sess session.Session, round int) *Laptop {
	ed := newRatingEditor(c, p, sess)
	ed.round = max(1, round)
	ed.lock.hint = func(cellKey) string { return "go on with n" }
	return &Laptop{ed: ed, keys: DefaultKeyMap(c, ed.pack), desc: map[string][]string{}}
}

// Init implements common.Screen: it reads the round's ratings.
func (m *Laptop) Init() tea.Cmd { return tea.Batch(m.ed.loadCmd(m.ed.round, false), hideStatus) }

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

// Capturing implements common.Screen: an expert at the keyboard should not quit
// the app or open the help by accident; ctrl+c still quits.
func (m *Laptop) Capturing() bool { return true }

// Flush implements common.Flusher: queued writes reach the store before quitting.
func (m *Laptop) Flush() tea.Cmd { return m.ed.flushCmd() }

// Busy reports whether the screen is reading for the first time or
// writing a rating.
func (m *Laptop) Busy() bool { return !m.ed.loaded || m.ed.busy() }

// SetSize implements common.Screen.
func (m *Laptop) SetSize(w, h int) { m.width, m.height = w, h }

func (m *Laptop) expert() session.Participant {
	if len(m.ed.sess.Participants) == 0 {
		return session.Participant{}
	}
	return m.ed.sess.Participants[min(m.turn, len(m.ed.sess.Participants)-1)]
}

func (m *Laptop) element() content.Element {
	if len(m.ed.pack.Elements) == 0 {
		return content.Element{}
	}
	return m.ed.pack.Elements[m.el]
}

func (m *Laptop) cursorKey() cellKey {
	return cellKey{m.expert().ID, m.element().ID, m.ed.pack.Criteria[m.crit].ID, m.ed.round}
}

// Update implements common.Screen.
func (m *Laptop) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case ratingsLoadedMsg:
		if msg.owner != m.ed {
			return m, nil
		}
		if msg.err != nil {
			return m, common.ErrorCmd(msg.err)
		}
		first := !m.ed.loaded
		m.ed.applyLoaded(msg)
		var cmds []tea.Cmd
		if first {
			for _, k := range m.early {
				_, cmd := m.Update(k)
				cmds = append(cmds, cmd)
			}
			m.early = nil
		}
		return m, tea.Batch(cmds...)
	case ratingSavedMsg:
		if msg.owner != m.ed {
			return m, nil
		}
		cmd := m.ed.saved(msg)
		if m.leaving && !m.ed.busy() {
			return m, tea.Batch(cmd, m.backCmd())
		}
		return m, cmd
	case tea.KeyPressMsg:
		if !m.ed.loaded {
			m.early = append(m.early, msg) // replayed after the read, in order
			return m, nil
		}
		if len(m.ed.sess.Participants) == 0 || len(m.ed.pack.Elements) == 0 || len(m.ed.pack.Criteria) == 0 {
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
			m.stage, m.el, m.crit = stageRating, 0, 0
			ed.undo, ed.compose.ok = nil, false
		case key.Matches(msg, k.NextElement):
			m.nextTurn()
		case key.Matches(msg, k.PrevElement):
			m.turn = max(0, m.turn-1)
		case key.Matches(msg, k.Leave):
			m.finish()
		}
		return nil
	case stageTurnEnd:
		switch {
		case key.Matches(msg, k.Confirm):
			m.nextTurn()
		case key.Matches(msg, k.Cancel):
			m.stage = stageRating
		}
		return nil
	case stageDone:
		switch {
		case msg.String() == "enter" || key.Matches(msg, k.Confirm):
			return m.leave()
		case key.Matches(msg, k.Leave):
			m.stage, m.turn = stageHandover, 0
		}
		return nil
	}
	if ed.commenting {
		return ed.updateComment(msg)
	}
	crit := len(ed.pack.Criteria)
	switch {
	case key.Matches(msg, k.Up, k.Prev):
		m.crit = max(0, m.crit-1)
		ed.compose.ok = false
	case key.Matches(msg, k.Down, k.Next):
		m.crit = min(crit-1, m.crit+1)
		ed.compose.ok = false
	case key.Matches(msg, k.NextElement, k.Right):
		if m.el == len(ed.pack.Elements)-1 {
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
	cmd, _ := ed.editKey(msg, k, m.cursorKey(), ed.pack.Criteria[m.crit], m.width)
	return cmd
}

// endTurn hands over, or first asks when the expert left cells open.
func (m *Laptop) endTurn() tea.Cmd {
	m.missing = MissingRatings(m.ed.pack, []session.Participant{m.expert()}, m.ratings(), m.ed.round, nil)
	if len(m.missing) > 0 {
		m.stage = stageTurnEnd
		return nil
	}
	m.nextTurn()
	return nil
}

// nextTurn shows the hand-over to the next expert, or the end.
func (m *Laptop) nextTurn() {
	m.ed.undo, m.ed.compose.ok = nil, false
	if m.turn+1 >= len(m.ed.sess.Participants) {
		m.finish()
		return
	}
	m.turn++
	m.stage = stageHandover
}

// finish shows the end, listing every open cell of the round.
func (m *Laptop) finish() {
	m.ed.undo = nil
	m.stage = stageDone
	m.missing = MissingRatings(m.ed.pack, m.ed.sess.Participants, m.ratings(), m.ed.round, nil)
}

// leave returns to the walkthrough once every write is done.
func (m *Laptop) leave() tea.Cmd {
	if m.ed.busy() {
		m.leaving = true
		return common.StatusCmd("saving…")
	}
	return m.backCmd()
}

func (m *Laptop) backCmd() tea.Cmd {
	id := m.ed.sess.ID
	return func() tea.Msg { return common.OpenSessionMsg{ID: id} }
}

// ratings lists the round's given cells for the check of missing ratings.
func (m *Laptop) ratings() []session.Rating {
	out := make([]session.Rating, 0, len(m.ed.cells))
	for k, st := range m.ed.cells {
		if st.given() {
			out = append(out, session.Rating{ParticipantID: k.pid, ElementID: k.element, CriterionID: k.criterion, Round: k.round, Abstain: true})
		}
	}
	return out
}

func (m *Laptop) elementIndex(id string) int {
	return indexOr(m.ed.pack.Elements, func(e content.Element) bool { return e.ID == id }, m.el)
}

func (m *Laptop) criterionIndex(id string) int {
	return indexOr(m.ed.pack.Criteria, func(c content.Criterion) bool { return c.ID == id }, m.crit)
}
