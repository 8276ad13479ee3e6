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
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/rating"
)

// Model runs a session: the agenda on the left, the current step on the
// right, notes, timer and the rating grid of element steps.
type Model struct {
	c        *common.Common
	keys     KeyMap
	id       string
	readOnly bool // review: nothing is written

	loaded bool
	err    error // the session could not be opened
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
	gate          missingGate  // asks before leaving the last element step with ratings missing
	writes        *writeQueue  // orders the store writes
}

// New returns the walkthrough of session id; it loads in Init. A readOnly
// one (a review's steps) writes nothing.
func New(c *common.Common, id string, readOnly bool) *Model {
	return &Model{c: c, keys: DefaultKeyMap(c, readOnly), id: id, readOnly: readOnly, page: newPage(),
		timer: newStepTimer(c, readOnly), gate: newMissingGate(), writes: newWriteQueue()}
}

// sessionLoadedMsg carries everything the walkthrough needs of a session.
type sessionLoadedMsg struct {
	sess   session.Session
	pack   *content.Pack
	notes  map[string]session.Note
	states map[string]session.StepState
	warn   string
	err    error
}

// Init implements common.Screen: it loads the session.
func (w *Model) Init() tea.Cmd { return loadCmd(w.c, w.id, w.readOnly) }

// loadCmd reads the session, its pack, notes and step states; opening it
// for work records the step it opens on.
func loadCmd(c *common.Common, id string, readOnly bool) tea.Cmd {
	return func() tea.Msg {
		ctx := c.Ctx
		sess, p, warn, err := c.OpenSession(id)
		if err != nil {
			return sessionLoadedMsg{err: err}
		}
		msg := sessionLoadedMsg{sess: sess, pack: p, warn: warn}
		if msg.notes, err = c.Store.Notes(ctx, sess.ID); err != nil {
			return sessionLoadedMsg{err: err}
		}
		if msg.states, err = c.Store.StepStates(ctx, sess.ID); err != nil {
			return sessionLoadedMsg{err: err}
		}
		if !readOnly {
			msg.sess.Step = min(max(0, sess.Step), len(p.Agenda)-1)
			if err := c.Store.SetStep(ctx, sess.ID, msg.sess.Step); err != nil {
				return sessionLoadedMsg{err: fmt.Errorf("open session %s: %w", sess.ID, err)}
			}
		}
		return msg
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
	case noteSavedMsg:
		return w, w.onNoteSaved(msg)
	case writeFailedMsg:
		return w, common.ErrorCmd(msg.err)
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
	if !w.loaded {
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, w.c.Keys.Back) {
			return w, common.GoHome
		}
		return w, nil
	}
	if cmd, to, ok := w.gate.update(msg); ok {
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
		w.err = msg.err
		return common.ErrorCmd(msg.err)
	}
	w.loaded = true
	w.sess, w.pack, w.step = msg.sess, msg.pack, min(max(0, msg.sess.Step), len(msg.pack.Agenda)-1)
	w.notes = newNotes(msg.notes)
	w.states = msg.states
	if w.states == nil {
		w.states = map[string]session.StepState{}
	}
	w.agenda.cursor = w.step
	w.layout()
	w.openStep()
	cmds := []tea.Cmd{w.timer.start(), w.stepCmds()}
	if msg.warn != "" {
		cmds = append(cmds, common.StatusCmd(msg.warn))
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

// stepCmds are the writes and loads on arriving at a step.
func (w *Model) stepCmds() tea.Cmd {
	var cmds []tea.Cmd
	if !w.readOnly {
		cmds = append(cmds, w.writeCmd("step", func() error { return w.c.Store.SetStep(w.c.Ctx, w.sess.ID, w.step) }))
	}
	if w.currentStep().Kind == content.StepSummary {
		if !w.readOnly {
			cmds = append(cmds, w.writeCmd("status", func() error {
				return w.c.Store.SetStatus(w.c.Ctx, w.sess.ID, session.StatusFinished)
			}))
		}
		cmds = append(cmds, loadRatingResultsCmd(w.c, w.pack, w.sess))
	}
	return tea.Batch(cmds...)
}

// goTo leaves the current step (saving its note, time and scroll) for step i.
func (w *Model) goTo(i int) tea.Cmd {
	if i < 0 || i >= len(w.pack.Agenda) || i == w.step {
		return nil
	}
	if cmd := w.gate.hold(w.c, w.pack, w.sess, w.step, i, w.readOnly); cmd != nil {
		return cmd // the step changes once the check (and the facilitator) says so
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

// Flush implements common.Flusher: the note being typed, the ratings
// still queued and the step's timer and scroll are written before the
// program ends. The command writes synchronously, so
// tea.Sequence(Flush(), tea.Quit) quits after it.
func (w *Model) Flush() tea.Cmd {
	if !w.loaded || w.readOnly {
		return nil
	}
	k := w.recordState()
	note, state := w.saveNoteCmd(k), w.saveStateCmd(k)
	var ratings tea.Cmd // ratings typed just before quitting
	if w.rating != nil {
		ratings = w.rating.Flush()
	}
	return func() tea.Msg {
		var msg tea.Msg
		if ratings != nil {
			msg = ratings()
		}
		if note != nil {
			msg = note()
		}
		if m := state(); m != nil {
			msg = m
		}
		return msg
	}
}

// scroll is the step's scroll offset, also while a detour is open.
func (w *Model) scroll() int {
	if w.detour != nil {
		return w.detourScroll
	}
	return w.page.vp.YOffset()
}

// saveStateCmd writes the recorded timer and scroll of step k.
func (w *Model) saveStateCmd(k string) tea.Cmd {
	if w.readOnly {
		return nil
	}
	st := w.states[k]
	return w.writeCmd("state:"+k, func() error { return w.c.Store.SaveStepState(w.c.Ctx, w.sess.ID, st) })
}
