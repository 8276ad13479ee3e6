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
	titleW        int     // the widest step title, for the agenda's width
	page          page    // the shown item, rendered, in its viewport
	detours       detours // items opened from the step: a story's element, the map's story and its elements
	zoom          bool
	agenda        agenda       // the agenda pane's focus, selection and rows
	lastScroll    int          // the scroll offset last saved (timer.go)
	notes         notes        // the steps' notes, as typed and as stored, and the editor
	rating        *rating.Grid // the element's rating grid, while open (r)
	results       string       // rating results for the summary (summary.go)
	gate          missingGate  // asks before finishing with ratings missing
	reopen        reopenGate   // asks before a finished session goes back
	side          side         // an element's ratings beside its text, on a wide window
	noteOps       map[uint64]savedNote
	devices       *devices.Progress // participants rating from their own devices, while served
}

// New returns the walkthrough of session id; it loads in Init. A readOnly
// one (a review's steps) writes nothing.
func New(c *common.Common, id string, readOnly bool) *Model {
	return &Model{c: c, keys: DefaultKeyMap(c, readOnly), id: id, readOnly: readOnly, page: newPage(),
		gate: newMissingGate(), reopen: newReopenGate(), noteOps: map[uint64]savedNote{}}
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
	return w.notes.editor != nil || (w.rating != nil && w.rating.Capturing()) || w.gate.asking || w.reopen.asking
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
	case common.TickMsg:
		return w, w.saveScrollCmd()
	case sideLoadedMsg:
		return w, w.onSideLoaded(msg)
	case noteDebounceMsg:
		return w, w.onNoteDebounce(msg)
	case common.SavedMsg:
		cmds := []tea.Cmd{w.onSaved(msg)}
		if cmd, ok := w.updateGates(msg); ok {
			cmds = append(cmds, cmd)
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
			w.page.restoreLate = false // the summary is whole: its scroll applies
			w.refresh(false)
		}
		return w, nil
	case common.ThemeChangedMsg:
		w.refresh(false)
		w.saveViewCmd()
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
	if cmd, ok := w.updateGates(msg); ok {
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
	if ws.Steps == nil {
		ws.Steps = map[string]session.StepState{}
	}
	if msg.refresh && w.loaded {
		// the session changed (its status with a move, participants, the
		// title, rounds, the clock; here or in another process): take the
		// engine's snapshot, keep the step and the notes as typed
		step := w.sess.Step
		w.ws, w.sess = ws, ws.Session
		w.sess.Step = step
		w.agenda.rows = agendaRows{}
		return nil
	}
	w.loaded = true
	w.ws, w.sess, w.pack = ws, ws.Session, ws.Pack
	w.step = min(max(0, ws.Session.Step), len(ws.Pack.Agenda)-1)
	w.notes = newNotes(ws.Notes)
	w.states = map[string]session.StepState{}
	for k, st := range ws.Steps {
		w.states[k] = st
	}
	w.agenda.cursor = w.step
	w.zoom = ws.View.Zoom && !w.readOnly
	w.layout()
	w.openStep()
	w.startClockCmd()
	w.devices = devices.NewProgress(w.c, ws.Session.ID)
	cmds := []tea.Cmd{w.stepCmds(), w.c.Follow(ws.Session.ID, ws.Seq), w.devices.Init()}
	if ws.Warning != "" {
		cmds = append(cmds, common.StatusCmd(upperFirst(ws.Warning)+"."))
	}
	if t := common.Theme(ws.View.Theme); t != "" && !w.readOnly {
		cmds = append(cmds, func() tea.Msg { return common.SetThemeMsg{Theme: t} })
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
		// the clock, a visit or a skip: the agenda's times and marks
		if c.Entity == "participant" || c.Entity == "round" || c.Entity == "session" || c.Entity == "clock" || c.Entity == "step" {
			cmds = append(cmds, loadCmd(w.c, w.sess.ID, true))
			break
		}
	}
	if w.rating != nil {
		cmds = append(cmds, w.updateGrid(msg))
	}
	if w.sideConcerns(msg.Changes) {
		cmds = append(cmds, w.sideCmd())
	}
	return tea.Batch(cmds...)
}

// currentStep is the agenda step shown.
func (w *Model) currentStep() content.Step { return w.pack.Agenda[w.step] }

// openStep shows the current step where it was left.
func (w *Model) openStep() {
	st := w.states[w.currentStep().Key()]
	w.detours.clear()
	w.rating = nil
	w.page.restore = st.Scroll
	w.lastScroll = st.Scroll
	// the summary grows when its results arrive: its scroll waits for them
	w.page.restoreLate = w.currentStep().Kind == content.StepSummary && w.results == ""
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
	return w.sideCmd() // an element's ratings, for a window wide enough to show them
}

// goTo leaves the current step (saving its note, time and scroll) for step i.
func (w *Model) goTo(i int) tea.Cmd {
	if i < 0 || i >= len(w.pack.Agenda) || i == w.step {
		return nil
	}
	if w.reopen.hold(w.ws, i, w.readOnly) || w.gate.hold(w.c, w.ws, i, w.readOnly) {
		return nil // the step changes once the engine (and the facilitator) says so
	}
	leave := w.leaveStep()
	ratings := w.closeRating()
	w.step, w.agenda.cursor = i, i
	w.openStep()
	cmds := w.stepCmds() // the move first: the item shown belongs to the step left
	w.saveViewCmd()
	return tea.Batch(leave, ratings, cmds)
}

// leaveStep records the open step's time and scroll and saves its note.
func (w *Model) leaveStep() tea.Cmd {
	k := w.recordState()
	return tea.Batch(w.saveNoteCmd(k), w.saveStateCmd(k))
}

// recordState notes the open step's scroll in states, and returns its
// key.
func (w *Model) recordState() string {
	k := w.currentStep().Key()
	st := w.states[k]
	st.StepKey, st.Scroll = k, w.scroll()
	w.states[k] = st
	w.lastScroll = st.Scroll
	return k
}

// Flush implements common.Flusher: the note or rating comment being typed
// and the step's scroll join the outbox before the program ends; the root then waits for
// the outbox (the ratings typed are in it already) and stops the clock.
func (w *Model) Flush() tea.Cmd {
	if !w.loaded || w.readOnly {
		return nil
	}
	if w.rating != nil {
		w.rating.Flush() // a rating comment being typed
	}
	k := w.recordState()
	w.saveNoteCmd(k)
	w.saveStateCmd(k)
	return nil
}

// scroll is the step's scroll offset, also while a detour is open.
func (w *Model) scroll() int {
	if w.detours.open() {
		return w.detours.stepScroll()
	}
	return w.page.vp.YOffset()
}

// SessionID implements common.SessionScreen: the header shows the
// session's clock over the walkthrough (not over a review's steps).
func (w *Model) SessionID() string {
	if w.readOnly || !w.loaded {
		return ""
	}
	return w.sess.ID
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

// Zoomed reports presenter zoom (z), kept with the session.
func (w *Model) Zoomed() bool { return w.zoom }

// Scroll is the open step's scroll offset, kept with the session.
func (w *Model) Scroll() int { return w.scroll() }
