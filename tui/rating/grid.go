package rating

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// Grid is the rating grid of one element: participants (rows) x
// criteria (columns), in one round of the element. Values stay hidden
// ("✓ rated", "· open", "– abstained") until the facilitator reveals the
// element's results for the round: the engine hides them (session.See);
// an abstention shows as such even while blind, since it holds no number
// that could anchor anyone and tells the facilitator the cell is done.
// The walkthrough shows it in place of an element's text (r). It follows
// the engine's change feed (common.ChangesMsg): another process's rating
// shows within a second, and nothing is read while nothing changes.
type Grid struct {
	ed      *ratingEditor
	keys    KeyMap
	element content.Element
	round   int // the round shown: the element's current one, or an earlier one ([)
	// overall is each participant's progress over the session, as the
	// engine counts it (session.RatingProgress).
	overall map[int64]session.Progress

	row, col, top int
	width, height int

	confirming bool   // reveal asked while cells are open
	opening    bool   // the next round asked
	revealing  bool   // the reveal or the next round is on its way
	roundOp    uint64 // its outbox op
	roundDone  string // what the status line says when it landed
	missing    []session.ParticipantMissing

	fbFlip bool // f swaps the panel beside the rows (panel)

	started bool
	loadErr error             // the last read failed (the session deleted meanwhile)
	early   []tea.KeyPressMsg // keys typed before the first read: replayed after it

	view gridCache
}

// NewGrid builds the rating grid of an element of a session the caller has
// open (ws), in the element's current round. It reads the cells on Init
// or its first message, and again when the feed brings a change of them.
func NewGrid(c *common.Common, ws session.Workshop, elementID string) *Grid {
	el, _ := ws.Pack.Element(elementID)
	if el.ID == "" {
		el.ID = elementID
	}
	round := ws.Rounds.Current(elementID).Round
	ed := newRatingEditor(c, ws, session.Viewer{Kind: session.ViewFacilitator}, session.CellQuery{Element: el.ID, Round: round})
	ed.hint = func(k cellKey) string { return fmt.Sprintf("press ] for round %d", k.round+1) }
	ed.withProgress = true
	return &Grid{ed: ed, keys: DefaultKeyMap(c, ws.Pack), element: el, round: round}
}

// Init starts the first read.
func (m *Grid) Init() tea.Cmd {
	if m.started {
		return nil
	}
	return m.start()
}

func (m *Grid) start() tea.Cmd {
	m.started = true
	return m.ed.loadCmd()
}

// Update handles a message: the grid's reads and changes, the feed, keys,
// and the typing of a comment.
func (m *Grid) Update(msg tea.Msg) (*Grid, tea.Cmd) {
	cmd := m.update(msg)
	m.redrawChanged()
	return m, cmd
}

func (m *Grid) update(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	if !m.started {
		cmds = append(cmds, m.start())
	}
	switch msg := msg.(type) {
	case ratingsLoadedMsg:
		if !m.ed.mine(msg) {
			return tea.Batch(cmds...)
		}
		if msg.err != nil {
			m.loadErr = msg.err
			return tea.Batch(append(cmds, common.ErrorCmd(msg.err))...)
		}
		m.loadErr = nil
		first, was, panel := !m.ed.loaded, m.showsValues(), m.panel()
		cur := msg.ws.Rounds.Current(m.element.ID).Round
		if m.ed.loaded && cur > m.ed.ws.Rounds.Current(m.element.ID).Round && m.round < cur {
			// a next round opened (here or elsewhere): go there
			m.ed.ws = msg.ws
			return tea.Batch(append(cmds, m.switchRound(cur))...)
		}
		people := m.ed.sess().Participants
		m.ed.applyLoaded(msg)
		m.setOverall(msg.overall)
		if first || !sameParticipants(people, m.ed.sess().Participants) {
			// a participant added or renamed (E in the walkthrough): new rows
			m.dataChanged()
		}
		switch {
		case was != m.showsValues() || panel != m.panel():
			m.view.invalidate()
		case panel == panelFeedback:
			m.view.distOK = false // a correction of the previous round
		}
		if first {
			early := m.early
			m.early = nil
			for _, k := range early {
				cmds = append(cmds, m.update(k))
			}
		}
	case common.ChangesMsg:
		if m.ed.concerns(msg) {
			cmds = append(cmds, m.ed.loadCmd())
		}
	case common.SavedMsg:
		if w, cmd, ok := m.ed.saved(msg); ok {
			cmds = append(cmds, cmd)
			if msg.Final && msg.Err == nil {
				// the overall column is the engine's count: read it again
				// once this screen's writes are in
				cmds = append(cmds, m.savedStatus(w))
				if !m.ed.busy() {
					cmds = append(cmds, m.ed.loadCmd())
				}
			}
		} else if msg.Op.ID == m.roundOp && msg.Final {
			m.revealing, m.roundOp = false, 0
			if msg.Err != nil {
				cmds = append(cmds, common.ErrorCmd(msg.Err))
			} else {
				cmds = append(cmds, m.ed.loadCmd(), common.StatusCmd(m.roundDone))
			}
		}
	case tea.KeyPressMsg:
		if !m.ed.loaded {
			m.early = append(m.early, msg)
			return tea.Batch(cmds...)
		}
		cmds = append(cmds, m.key(msg))
	default:
		if m.ed.commenting {
			cmds = append(cmds, m.ed.updateComment(msg))
		}
	}
	return tea.Batch(cmds...)
}

// key handles a key press on a loaded grid.
func (m *Grid) key(msg tea.KeyPressMsg) tea.Cmd {
	k, ed := m.keys, m.ed
	switch {
	case ed.commenting:
		return ed.updateComment(msg)
	case m.confirming:
		switch {
		case key.Matches(msg, k.Confirm):
			m.confirming = false
			return m.revealCmd()
		case key.Matches(msg, k.Cancel):
			m.confirming = false
			return common.StatusCmd("not revealed")
		}
		return nil
	case m.opening:
		switch {
		case key.Matches(msg, k.Confirm):
			m.opening = false
			return m.openNextRound()
		case key.Matches(msg, k.Cancel):
			m.opening = false
			return common.StatusCmd(fmt.Sprintf("still in round %d", m.round))
		}
		return nil
	}
	parts, crit := len(ed.sess().Participants), len(ed.pack().Criteria)
	if parts == 0 || crit == 0 {
		return nil
	}
	switch {
	case key.Matches(msg, k.Up):
		m.moveTo(m.row-1, m.col)
	case key.Matches(msg, k.Down):
		m.moveTo(m.row+1, m.col)
	case key.Matches(msg, k.Left):
		m.moveTo(m.row, m.col-1)
	case key.Matches(msg, k.Right):
		m.moveTo(m.row, m.col+1)
	case key.Matches(msg, k.Next):
		if m.col < crit-1 {
			m.moveTo(m.row, m.col+1)
		} else if m.row < parts-1 {
			m.moveTo(m.row+1, 0)
		}
	case key.Matches(msg, k.Prev):
		if m.col > 0 {
			m.moveTo(m.row, m.col-1)
		} else if m.row > 0 {
			m.moveTo(m.row-1, crit-1)
		}
	case key.Matches(msg, k.Undo):
		key, cmd := ed.undoLast()
		if key.element == m.element.ID && key.round == m.round {
			m.moveTo(m.rowOf(key.pid), m.colOf(key.criterion))
		}
		return cmd
	case key.Matches(msg, k.Reveal):
		return m.askReveal()
	case key.Matches(msg, k.PassLaptop):
		ws := ed.ws
		return func() tea.Msg { return common.PassLaptopMsg{Workshop: ws} }
	case key.Matches(msg, k.Refresh):
		return ed.loadCmd()
	case key.Matches(msg, k.Feedback):
		return m.flipFeedback() // grid_results.go
	case key.Matches(msg, k.RoundPrev):
		if m.round > 1 {
			return m.switchRound(m.round - 1)
		}
		return common.StatusCmd("round 1 is the first")
	case key.Matches(msg, k.RoundNext):
		if cur := ed.ws.Rounds.Current(m.element.ID).Round; m.round < cur {
			return m.switchRound(m.round + 1)
		}
		if m.givenInElement() == 0 {
			return common.StatusCmd(fmt.Sprintf("round %d holds no ratings yet: rate it before opening round %d", m.round, m.round+1))
		}
		if !ed.c.ReadOnly && !m.revealing {
			m.opening = true
			return common.StatusCmd("")
		}
		return nil
	}
	cmd, _ := ed.editKey(msg, k, m.cursorKey(), ed.pack().Criteria[m.col], m.width)
	return cmd
}

// savedStatus confirms a write without showing a value while blind.
func (m *Grid) savedStatus(w ratingWrite) tea.Cmd {
	what := "saved"
	switch {
	case w.undo != nil:
		what = "undone"
	case w.kind == writeAbstain:
		what = "abstained (can't judge)"
	case w.kind == writeClear:
		what = "cleared"
	case w.kind == writeComment:
		what = "comment saved"
	case m.showsValues():
		what = fmt.Sprintf("saved %d", w.after.value)
	}
	return common.StatusCmd(m.ed.cellName(w.key) + ": " + what)
}

// cursorKey is the cell under the cursor.
func (m *Grid) cursorKey() cellKey {
	return cellKey{m.ed.sess().Participants[m.row].ID, m.element.ID, m.ed.pack().Criteria[m.col].ID, m.round}
}

func (m *Grid) rowOf(pid int64) int {
	return indexOr(m.ed.sess().Participants, func(p session.Participant) bool { return p.ID == pid }, m.row)
}

func (m *Grid) colOf(id string) int {
	return indexOr(m.ed.pack().Criteria, func(c content.Criterion) bool { return c.ID == id }, m.col)
}

// moveTo puts the cursor on a cell, clamped to the grid, and scrolls.
func (m *Grid) moveTo(row, col int) {
	row = min(max(row, 0), len(m.ed.sess().Participants)-1)
	col = min(max(col, 0), len(m.ed.pack().Criteria)-1)
	if row == m.row && col == m.col {
		return
	}
	m.ed.compose.ok = false
	m.view.rowChanged(m.row)
	m.view.rowChanged(row)
	if col != m.col || m.showsValues() { // the question, or the value marked in the legend
		m.view.invalidateHead()
	}
	m.row, m.col = row, col
	m.scroll()
}

// dataChanged redraws everything.
func (m *Grid) dataChanged() {
	m.ed.dirty = m.ed.dirty[:0]
	m.view.invalidate()
}

// setOverall takes the engine's count of each participant's progress and
// redraws the rows whose count changed.
func (m *Grid) setOverall(p map[int64]session.Progress) {
	for i, pt := range m.ed.sess().Participants {
		if p[pt.ID] != m.overall[pt.ID] {
			m.view.rowChanged(i)
		}
	}
	m.overall = p
}

// redrawChanged redraws the rows of the cells that changed, the counts in
// the title and, once revealed, the distribution: a typed digit costs one
// row, not the grid.
func (m *Grid) redrawChanged() {
	if len(m.ed.dirty) == 0 {
		return
	}
	if len(m.ed.dirty) > len(m.ed.sess().Participants) {
		m.dataChanged()
		return
	}
	for _, k := range m.ed.dirty {
		m.view.rowChanged(m.rowOf(k.pid))
	}
	m.ed.dirty = m.ed.dirty[:0]
	m.view.invalidateHead()
	m.view.distOK = false
}

// givenInElement counts the element's given cells.
func (m *Grid) givenInElement() int {
	n := 0
	for k, st := range m.ed.cells {
		if k.element == m.element.ID && st.given() {
			n++
		}
	}
	return n
}

// Busy reports whether the grid is reading for the first time, writing a
// rating or revealing.
func (m *Grid) Busy() bool { return !m.ed.loaded || m.ed.busy() || m.revealing || m.ed.reading > 0 }

// SetSize sets the size of the pane.
func (m *Grid) SetSize(w, h int) {
	if w != m.width || h != m.height {
		m.width, m.height = w, h
		m.view.invalidate()
		m.scroll()
	}
}

// Flush implements common.Flusher: a comment being typed joins the
// outbox before the program ends.
func (m *Grid) Flush() tea.Cmd {
	m.ed.flushComment()
	return nil
}

// Capturing reports whether the grid takes every key: while a comment is
// typed or a question is asked.
func (m *Grid) Capturing() bool { return m.ed.commenting || m.confirming || m.opening }

// sameParticipants reports whether two lists name the same participants
// in the same order.
func sameParticipants(a, b []session.Participant) bool {
	return slices.EqualFunc(a, b, func(x, y session.Participant) bool { return x.ID == y.ID && x.Name == y.Name })
}

// indexOr returns the index of the first item that matches, or fallback.
func indexOr[T any](items []T, match func(T) bool, fallback int) int {
	if i := slices.IndexFunc(items, match); i >= 0 {
		return i
	}
	return fallback
}
