package rating

import (
	"fmt"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// Grid is the rating grid of one element: participants (rows) x
// criteria (columns). Values stay hidden ("✓ rated", "· open", "–
// abstained") until the facilitator reveals the element's results for the
// round; an abstention shows as such even while blind, since it holds no
// number that could anchor anyone and tells the facilitator the cell is
// done. The walkthrough shows it in place of an element's text (r).
type Grid struct {
	ed      *ratingEditor
	keys    KeyMap
	element content.Element
	// progress counts, per participant, the cells of every element given
	// in the round.
	progress map[int64]int

	row, col, top int
	width, height int

	confirming bool // reveal asked while cells are open
	revealing  bool // the reveal is being written
	missing    []ParticipantMissing

	started bool
	early   []tea.KeyPressMsg // keys typed before the first read: replayed after it

	// Poll is how often the grid reads the store while it is shown, for
	// the ratings of other processes; 0 turns polling off (tests).
	Poll time.Duration

	view gridCache
}

// pollInterval is how often the grid reads the store while it is shown, so
// that ratings another trustshop process records appear within a second
// (the interval plus one read of a few milliseconds).
const pollInterval = 750 * time.Millisecond

// PollMsg asks a grid to read the store again: a tick of its polling.
type PollMsg struct{ owner *ratingEditor }

// NewGrid builds the rating grid of an element. It reads the store on Init
// or its first message, then every Poll while it is shown.
func NewGrid(c *common.Common, p *content.Pack, sess session.Session, elementID string) *Grid {
	el, _ := p.Element(elementID)
	if el.ID == "" {
		el.ID = elementID
	}
	ed := newRatingEditor(c, p, sess)
	ed.lock.hint = func(k cellKey) string { return fmt.Sprintf("press ] to rate again in round %d", k.round+1) }
	return &Grid{
		ed: ed, keys: DefaultKeyMap(c, p), element: el,
		progress: map[int64]int{}, Poll: pollInterval,
	}
}

// Init starts the first read and the polling.
func (m *Grid) Init() tea.Cmd {
	if m.started {
		return nil
	}
	return m.start()
}

// start returns the first read and the polling.
func (m *Grid) start() tea.Cmd {
	m.started = true
	return m.ed.loadCmd(0, m.Poll > 0)
}

func (m *Grid) pollCmd() tea.Cmd {
	owner := m.ed
	return tea.Tick(m.Poll, func(time.Time) tea.Msg { return PollMsg{owner} })
}

// Update handles a message: the grid's own reads and writes, keys, and
// the typing of a comment.
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
		if msg.owner != m.ed {
			return tea.Batch(cmds...)
		}
		if msg.err != nil {
			cmds = append(cmds, common.ErrorCmd(msg.err))
		} else {
			first, was := !m.ed.loaded, m.isRevealed()
			m.ed.applyLoaded(msg)
			if first {
				m.dataChanged()
			}
			if was != m.isRevealed() {
				m.view.invalidate()
			}
			if first {
				for _, k := range m.early {
					cmds = append(cmds, m.update(k))
				}
				m.early = nil
			}
		}
		if msg.scheduled && m.Poll > 0 {
			cmds = append(cmds, m.pollCmd())
		}
	case PollMsg:
		if msg.owner == m.ed {
			cmds = append(cmds, m.ed.loadCmd(m.ed.round, true))
		}
	case ratingSavedMsg:
		if msg.owner == m.ed {
			cmds = append(cmds, m.ed.saved(msg))
			if msg.err == nil {
				cmds = append(cmds, m.savedStatus(msg.write))
			}
		}
	case revealedMsg:
		if msg.owner == m.ed {
			m.revealing = false
			if msg.err != nil {
				cmds = append(cmds, common.ErrorCmd(msg.err))
			} else {
				m.ed.lock.reveal(msg.element, msg.round)
				m.view.invalidate()
				cmds = append(cmds, common.StatusCmd(fmt.Sprintf("results of round %d revealed", msg.round)))
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
	}
	parts, crit := len(ed.sess.Participants), len(ed.pack.Criteria)
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
		if key.element == m.element.ID && key.round == ed.round {
			m.moveTo(m.rowOf(key.pid), m.colOf(key.criterion))
		}
		return cmd
	case key.Matches(msg, k.Reveal):
		return m.askReveal()
	case key.Matches(msg, k.PassLaptop):
		p, sess, round := ed.pack, ed.sess, ed.round
		return func() tea.Msg { return common.PassLaptopMsg{Pack: p, Sess: sess, Round: round} }
	case key.Matches(msg, k.Refresh):
		return ed.loadCmd(ed.round, false)
	case key.Matches(msg, k.RoundPrev):
		if ed.round > 1 {
			return m.switchRound(ed.round - 1)
		}
		return common.StatusCmd("round 1 is the first")
	case key.Matches(msg, k.RoundNext):
		if m.givenInElement() == 0 && m.roundTotal() == 0 {
			return common.StatusCmd(fmt.Sprintf("round %d holds no ratings yet: rate it before opening round %d", ed.round, ed.round+1))
		}
		return m.switchRound(ed.round + 1)
	}
	cmd, _ := ed.editKey(msg, k, m.cursorKey(), ed.pack.Criteria[m.col], m.width)
	return cmd
}

func (m *Grid) switchRound(r int) tea.Cmd {
	cmd := m.ed.setRound(r)
	m.progress = map[int64]int{}
	m.dataChanged()
	return tea.Batch(cmd, common.StatusCmd(fmt.Sprintf("round %d", r)))
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
	case m.isRevealed():
		what = fmt.Sprintf("saved %d", w.after.value)
	}
	return common.StatusCmd(m.ed.cellName(w.key) + ": " + what)
}

// cursorKey is the cell under the cursor.
func (m *Grid) cursorKey() cellKey {
	return cellKey{m.ed.sess.Participants[m.row].ID, m.element.ID, m.ed.pack.Criteria[m.col].ID, m.ed.round}
}

func (m *Grid) rowOf(pid int64) int {
	return indexOr(m.ed.sess.Participants, func(p session.Participant) bool { return p.ID == pid }, m.row)
}

func (m *Grid) colOf(id string) int {
	return indexOr(m.ed.pack.Criteria, func(c content.Criterion) bool { return c.ID == id }, m.col)
}

// moveTo puts the cursor on a cell, clamped to the grid, and scrolls.
func (m *Grid) moveTo(row, col int) {
	row = min(max(row, 0), len(m.ed.sess.Participants)-1)
	col = min(max(col, 0), len(m.ed.pack.Criteria)-1)
	if row == m.row && col == m.col {
		return
	}
	m.ed.compose.ok = false
	m.view.rowChanged(m.row)
	m.view.rowChanged(row)
	if col != m.col || m.isRevealed() { // the question, or the value marked in the legend
		m.view.invalidateHead()
	}
	m.row, m.col = row, col
	m.scroll()
}

// dataChanged recounts progress and redraws everything.
func (m *Grid) dataChanged() {
	m.ed.dirty = m.ed.dirty[:0]
	m.countProgress()
	m.view.invalidate()
}

// redrawChanged redraws the rows of the cells that changed, the counts in
// the title and, once revealed, the distribution: a typed digit costs one
// row, not the grid.
func (m *Grid) redrawChanged() {
	if len(m.ed.dirty) == 0 {
		return
	}
	if len(m.ed.dirty) > len(m.ed.sess.Participants) {
		m.dataChanged()
		return
	}
	for _, k := range m.ed.dirty {
		m.view.rowChanged(m.rowOf(k.pid))
	}
	m.ed.dirty = m.ed.dirty[:0]
	m.countProgress()
	m.view.invalidateHead()
	m.view.distOK = false
}

func (m *Grid) countProgress() {
	clear(m.progress)
	for k, st := range m.ed.cells {
		if st.given() {
			m.progress[k.pid]++
		}
	}
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

func (m *Grid) roundTotal() int {
	n := 0
	for _, v := range m.progress {
		n += v
	}
	return n
}

// Flush writes what is still queued; the walkthrough calls it before the
// program quits and when it closes the grid.
func (m *Grid) Flush() tea.Cmd { return m.ed.flushCmd() }

// Busy reports whether the grid is reading for the first time, writing a
// rating or revealing.
func (m *Grid) Busy() bool { return !m.ed.loaded || m.ed.busy() || m.revealing }

// SetSize sets the size of the pane.
func (m *Grid) SetSize(w, h int) {
	if w != m.width || h != m.height {
		m.width, m.height = w, h
		m.view.invalidate()
		m.scroll()
	}
}

// Capturing reports whether the grid takes every key: while a comment is
// typed or the reveal question is asked.
func (m *Grid) Capturing() bool { return m.ed.commenting || m.confirming }

// indexOr returns the index of the first item that matches, or fallback.
func indexOr[T any](items []T, match func(T) bool, fallback int) int {
	if i := slices.IndexFunc(items, match); i >= 0 {
		return i
	}
	return fallback
}
