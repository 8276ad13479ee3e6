// Package walkthrough runs a session step by step: the agenda with the
// step timer on the left (agenda.go, timer.go), the step's text on the
// right (view.go, page.go), the step's notes under it (notes.go) and, on
// an element step, the element's rating grid of package rating (grid.go).
// Leaving the last element step forward first asks about the ratings still
// missing (gate.go). R and x open the results and the export dialog over
// the walkthrough (results.go); like every change of screen they are
// messages to the root.
//
// A review opens it read-only (common.OpenStepsMsg): nothing is written,
// notes and ratings stay closed.
package walkthrough

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/devices"
	"github.com/trustshop/trustshop/tui/rating"
)

// isInput reports whether msg is the user's: the devices' progress takes
// only its loads and the feed.
func isInput(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.KeyMsg, tea.MouseMsg, tea.PasteMsg:
		return true
	}
	return false
}

// Model runs a session: the agenda on the left, the current step on the
// right, notes, timer and the rating grid of element steps.
type Model struct {
	c        *common.Common
	keys     KeyMap
	id       string
	readOnly bool // review: nothing is written

	loaded bool
	err    error            // the session could not be opened
	ws     session.Workshop // the engine's snapshot: rounds, for the grid
	sess   session.Session
	pack   *content.Pack
	states map[string]session.StepState // step key -> timer and scroll
	step   int

	width, height int
	page          page          // the shown item, rendered, in its viewport
	detour        *content.Item // an element opened from a story (or a story from the map)
	detourScroll  int           // the step's scroll to come back to
	zoom          bool
	agenda        agenda       // the agenda pane's focus, selection and rows
	timer         stepTimer    // the time spent on the open step
	notes         notes        // the steps' notes, as typed and as stored, and the editor
	rating        *rating.Grid // the element's rating grid, while open (r)
	results       string       // rating results for the summary (summary.go)
	gate          missingGate  // asks before finishing with ratings missing
	noteOps       map[uint64]savedNote
	devices       *devices.Progress // participants rating from their own devices, while served
}

// New returns the walkthrough of session id; it loads in Init. A readOnly
// one (a review's steps) writes nothing.
func New(c *common.Common, id string, readOnly bool) *Model {
	return &Model{c: c, keys: DefaultKeyMap(c, readOnly), id: id, readOnly: readOnly, page: newPage(),
		timer: newStepTimer(c, readOnly), gate: newMissingGate(), noteOps: map[uint64]savedNote{}}
}

// sessionLoadedMsg carries everything the walkthrough needs of a
// session: the engine's snapshot (session.Workshop).
type sessionLoadedMsg struct {
	ws      session.Workshop
	refresh bool // a reload after a change of the feed: keep the step
	err     error
}

// Init implements common.Screen: it loads the session.
func (w *Model) Init() tea.Cmd { return loadCmd(w.c, w.id, false) }

// loadCmd reads the session with its pack, rounds, notes and step states
// through the engine.
func loadCmd(c *common.Common, id string, refresh bool) tea.Cmd {
	return func() tea.Msg {
		ws, err := c.OpenSession(id)
		return sessionLoadedMsg{ws: ws, refresh: refresh, err: err}
	}
}

// Title implements common.Screen.
func (w *Model) Title() string {
	if !w.loaded {
		return "Opening session…"
	}
	t := w.sess.Title
	if w.readOnly {
		t += " (review, read-only)"
	}
	return t
}

// Capturing implements common.Screen: the note editor, a typing rating
// grid and the gate's question take every key.
func (w *Model) Capturing() bool {
	return w.notes.editor != nil || (w.rating != nil && w.rating.Capturing()) || w.gate.asking
}

// SetSize implements common.Screen.
func (w *Model) SetSize(width, height int) {
	w.width, w.height = width, height
	w.layout()
}

// Update implements common.Screen.
func (w *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sessionLoadedMsg:
		return w, w.onLoaded(msg)
	case TickMsg:
		return w, w.onTick(msg)
	case noteDebounceMsg:
		return w, w.onNoteDebounce(msg)
	case common.SavedMsg:
		cmds := []tea.Cmd{w.onSaved(msg)}
		if cmd, to, ok := w.gate.update(w.c, w.sess.ID, msg); ok {
			cmds = append(cmds, cmd)
			if to >= 0 {
				cmds = append(cmds, w.goTo(to))
			}
		}
		if w.rating != nil {
			cmds = append(cmds, w.updateGrid(msg))
		}
		return w, tea.Batch(cmds...)
	case common.ChangesMsg:
		return w, w.onChanges(msg)
	case summaryResultsMsg:
		if msg.err != nil {
			return w, common.ErrorCmd(msg.err)
		}
		w.results = msg.markdown
		if w.currentStep().Kind == content.StepSummary {
			w.refresh(false)
		}
		return w, nil
	case common.ThemeChangedMsg:
		w.refresh(false)
		return w, nil
	}
	if w.devices != nil && !isInput(msg) {
		if cmd := w.devices.Update(msg); cmd != nil {
			return w, cmd
		}
	}
	if !w.loaded {
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, w.c.Keys.Back) {
			return w, common.GoHome
		}
		return w, nil
	}
	if cmd, to, ok := w.gate.update(w.c, w.sess.ID, msg); ok {
		if to >= 0 {
			return w, tea.Batch(cmd, w.goTo(to))
		}
		return w, cmd
	}
	if w.notes.editor != nil {
		return w, w.updateEditor(msg)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && w.opensResults(k) { // R, x: see results.go
		return w, w.openResults(k)
	}
	if w.rating != nil {
		return w, w.updateGrid(msg)
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return w, w.onKey(msg)
	case tea.MouseWheelMsg:
		w.page.vp, _ = w.page.vp.Update(msg)
	}
	return w, nil
}

func (w *Model) onLoaded(msg sessionLoadedMsg) tea.Cmd {
	if msg.err != nil {
		if msg.refresh {
			return common.ErrorCmd(msg.err)
		}
		w.err = msg.err
		return common.ErrorCmd(msg.err)
	}
	ws := msg.ws
	if msg.refresh && w.loaded {
		// the session changed (its status with a move, participants, the
		// title, rounds; here or in another process): take the engine's
		// snapshot, keep the step and the notes as typed
		step := w.sess.Step
		w.ws, w.sess = ws, ws.Session
		w.sess.Step = step
		return nil
	}
	w.loaded = true
	w.ws, w.sess, w.pack = ws, ws.Session, ws.Pack
	w.step = min(max(0, ws.Session.Step), len(ws.Pack.Agenda)-1)
	w.notes = newNotes(ws.Notes)
	w.states = ws.Steps
	if w.states == nil {
		w.states = map[string]session.StepState{}
	}
	w.agenda.cursor = w.step
	w.layout()
	w.openStep()
	w.devices = devices.NewProgress(w.c, ws.Session.ID)
	cmds := []tea.Cmd{w.timer.start(), w.stepCmds(), w.c.Follow(ws.Session.ID, ws.Seq), w.devices.Init()}
	if ws.Warning != "" {
		cmds = append(cmds, common.StatusCmd(upperFirst(ws.Warning)+"."))
	}
	return tea.Batch(cmds...)
}

// onChanges takes the feed's changes of the session: a change of its
// participants, title or rounds (by another screen or process) reloads
// the snapshot; the open grid reads its cells again itself.
func (w *Model) onChanges(msg common.ChangesMsg) tea.Cmd {
	if !w.loaded || msg.SessionID != w.sess.ID {
		return nil
	}
	var cmds []tea.Cmd
	if msg.Err != nil {
		cmds = append(cmds, common.ErrorCmd(msg.Err))
	}
	if w.devices != nil {
		cmds = append(cmds, w.devices.Update(msg))
	}
	for _, c := range msg.Changes {
		if c.Entity == "participant" || c.Entity == "round" || c.Entity == "session" && c.Field != "step" {
			cmds = append(cmds, loadCmd(w.c, w.sess.ID, true))
			break
		}
	}
	if w.rating != nil {
		cmds = append(cmds, w.updateGrid(msg))
	}
	return tea.Batch(cmds...)
}

// currentStep is the agenda step shown.
func (w *Model) currentStep() content.Step { return w.pack.Agenda[w.step] }

// openStep shows the current step where it was left.
func (w *Model) openStep() {
	st := w.states[w.currentStep().Key()]
	w.timer.restart(st.Elapsed)
	w.detour, w.rating = nil, nil
	w.page.restore = st.Scroll
	w.refresh(true)
}

// stepCmds are the change and the loads on arriving at a step: the
// engine records the step (and, at the summary, the gate has finished the
// session already).
func (w *Model) stepCmds() tea.Cmd {
	w.moveCmd()
	if w.currentStep().Kind == content.StepSummary {
		return loadRatingResultsCmd(w.c, w.sess.ID)
	}
	return nil
}

// goTo leaves the current step (saving its note, time and scroll) for step i.
func (w *Model) goTo(i int) tea.Cmd {
	if i < 0 || i >= len(w.pack.Agenda) || i == w.step {
		return nil
	}
	if w.gate.hold(w.c, w.ws, i, w.readOnly) {
		return nil // the step changes once the engine (and the facilitator) says so
	}
	leave := w.leaveStep()
	ratings := w.closeRating()
	w.step, w.agenda.cursor = i, i
	w.openStep()
	return tea.Batch(leave, ratings, w.stepCmds())
}

// leaveStep records the open step's time and scroll and saves its note.
func (w *Model) leaveStep() tea.Cmd {
	k := w.recordState()
	return tea.Batch(w.saveNoteCmd(k), w.saveStateCmd(k))
}

// recordState notes the open step's time and scroll in states, and
// returns its key.
func (w *Model) recordState() string {
	k := w.currentStep().Key()
	w.states[k] = session.StepState{StepKey: k, Elapsed: w.timer.elapsed(), Scroll: w.scroll()}
	return k
}

// Flush implements common.Flusher: the note being typed and the step's
// timer and scroll join the outbox before the program ends; the root then
// waits for the outbox (the ratings typed are in it already).
func (w *Model) Flush() tea.Cmd {
	if !w.loaded || w.readOnly {
		return nil
	}
	k := w.recordState()
	w.saveNoteCmd(k)
	w.saveStateCmd(k)
	return nil
}

// scroll is the step's scroll offset, also while a detour is open.
func (w *Model) scroll() int {
	if w.detour != nil {
		return w.detourScroll
	}
	return w.page.vp.YOffset()
}

// stepOf finds the agenda step with the key.
func (w *Model) stepOf(k string) (content.Step, bool) {
	for _, st := range w.pack.Agenda {
		if st.Key() == k {
			return st, true
		}
	}
	return content.Step{}, false
}

// upperFirst capitalises a sentence.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
