package tui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/rating"
)

// stateSaveEvery is how often the timer and scroll of the open step are
// written while it stays open.
const stateSaveEvery = 5 // ticks of a second

// walkthrough runs a session: the agenda on the left, the current step on
// the right, notes, timer and the rating pane of element steps.
type walkthrough struct {
	c        *common.Common
	keys     walkKeys
	id       string
	readOnly bool // review: nothing is written

	loaded bool
	err    error // the session could not be opened
	sess   session.Session
	pack   *content.Pack
	notes  map[string]string            // step key -> note as typed
	saved  map[string]string            // step key -> note as stored
	states map[string]session.StepState // step key -> timer and scroll
	step   int

	width, height int
	vp            viewport.Model
	content       string        // what the viewport shows, rendered
	lines         []string      // content split into lines, for View
	widths        []int         // the width of each line
	restore       int           // scroll offset to apply once content is shown; -1 none
	detour        *content.Item // an element opened from a story (or a story from the map)
	detourScroll  int           // the step's scroll to come back to
	zoom          bool
	focusAgenda   bool
	cursor        int          // the agenda's selection while it has the focus
	rating        *rating.Grid // the element's rating grid, while open (r)
	results       string       // rating results for the summary (see loadRatingResults)
	gate          missingGate  // asks before leaving the last element step with ratings missing
	editor        *notesEditor
	agenda        agendaRows // the agenda's rows, kept between frames

	started time.Time     // when the open step was opened, by c.Now
	base    time.Duration // time spent on it before
	ticks   int
	tickGen int
	rung    map[string]bool // steps whose overrun rang the bell

	writer *sessionWriter
	seq    int64 // orders writes: a later write of the same thing wins
}

func newWalkthrough(c *common.Common, id string, readOnly bool) *walkthrough {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	return &walkthrough{c: c, keys: newWalkKeys(c, readOnly), id: id, readOnly: readOnly, vp: vp, restore: -1, rung: map[string]bool{}, gate: newMissingGate(), writer: newSessionWriter()}
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

// tickMsg advances the step timer; gen drops ticks of an older chain.
type tickMsg struct{ gen int }

// Init implements screen: it loads the session.
func (w *walkthrough) Init() tea.Cmd { return loadWalkthroughCmd(w.c, w.id, w.readOnly) }

// loadWalkthroughCmd reads the session, its pack, notes and step states;
// opening it for work marks it running.
func loadWalkthroughCmd(c *common.Common, id string, readOnly bool) tea.Cmd {
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

// Title implements screen.
func (w *walkthrough) Title() string {
	if !w.loaded {
		return "Opening session…"
	}
	t := w.sess.Title
	if w.readOnly {
		t += " (review, read-only)"
	}
	return t
}

// Capturing implements screen: the note editor and a typing rating pane
// take every key.
func (w *walkthrough) Capturing() bool {
	return w.editor != nil || (w.rating != nil && w.rating.Capturing()) || w.gate.asking
}

// SetSize implements screen.
func (w *walkthrough) SetSize(width, height int) {
	w.width, w.height = width, height
	w.layout()
}

// Update implements screen.
func (w *walkthrough) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sessionLoadedMsg:
		return w, w.onLoaded(msg)
	case tickMsg:
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
	if w.editor != nil {
		return w, w.updateEditor(msg)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && w.opensResults(k) { // R, x: see walkthrough_results.go
		return w, w.openResults(k)
	}
	if w.rating != nil {
		k, isKey := msg.(tea.KeyPressMsg)
		switch {
		case !isKey || w.rating.Capturing():
		case key.Matches(k, w.keys.Rate, w.c.Keys.Back): // r or esc: back to the element's text
			cmd := w.closeRating()
			w.layout()
			return w, cmd
		case k.String() == "n" || k.String() == "p":
			// The grid moves with arrows and h/l; n and p still change steps,
			// so the facilitator can go on without closing the grid first.
			return w, w.onKey(k)
		}
		var cmd tea.Cmd
		w.rating, cmd = w.rating.Update(msg)
		return w, cmd
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return w, w.onKey(msg)
	case tea.MouseWheelMsg:
		w.vp, _ = w.vp.Update(msg)
	}
	return w, nil
}

func (w *walkthrough) onLoaded(msg sessionLoadedMsg) tea.Cmd {
	if msg.err != nil {
		w.err = msg.err
		return common.ErrorCmd(msg.err)
	}
	w.loaded = true
	w.sess, w.pack, w.step = msg.sess, msg.pack, min(max(0, msg.sess.Step), len(msg.pack.Agenda)-1)
	w.notes, w.saved = map[string]string{}, map[string]string{}
	for k, n := range msg.notes {
		w.notes[k], w.saved[k] = n.Body, n.Body
	}
	w.states = msg.states
	if w.states == nil {
		w.states = map[string]session.StepState{}
	}
	w.cursor = w.step
	w.layout()
	w.openStep()
	cmds := []tea.Cmd{w.startTimer(), w.stepCmds()}
	if msg.warn != "" {
		cmds = append(cmds, common.StatusCmd(msg.warn))
	}
	return tea.Batch(cmds...)
}

// currentStep is the agenda step shown.
func (w *walkthrough) currentStep() content.Step { return w.pack.Agenda[w.step] }

// openStep shows the current step where it was left.
func (w *walkthrough) openStep() {
	st := w.states[w.currentStep().Key()]
	w.base, w.started = st.Elapsed, w.c.Now()
	w.detour, w.rating = nil, nil
	w.restore = st.Scroll
	w.refresh(true)
}

// stepCmds are the writes and loads on arriving at a step.
func (w *walkthrough) stepCmds() tea.Cmd {
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
func (w *walkthrough) goTo(i int) tea.Cmd {
	if i < 0 || i >= len(w.pack.Agenda) || i == w.step {
		return nil
	}
	if cmd := w.gate.hold(w.c, w.pack, w.sess, w.step, i, w.readOnly); cmd != nil {
		return cmd // the step changes once the check (and the facilitator) says so
	}
	leave := w.leaveStep()
	ratings := w.closeRating()
	w.step, w.cursor = i, i
	w.openStep()
	return tea.Batch(leave, ratings, w.stepCmds())
}

// leaveStep records the open step's time and scroll and saves its note.
func (w *walkthrough) leaveStep() tea.Cmd {
	k := w.currentStep().Key()
	w.states[k] = session.StepState{StepKey: k, Elapsed: w.elapsed(), Scroll: w.scroll()}
	return tea.Batch(w.saveNoteCmd(k), w.saveStateCmd(k))
}

// Flush implements common.Flusher: the note being typed and the step's timer and
// scroll are written before the program ends. The command writes
// synchronously, so tea.Sequence(Flush(), tea.Quit) quits after it.
func (w *walkthrough) Flush() tea.Cmd {
	if !w.loaded || w.readOnly {
		return nil
	}
	k := w.currentStep().Key()
	w.states[k] = session.StepState{StepKey: k, Elapsed: w.elapsed(), Scroll: w.scroll()}
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

// elapsed is the time spent on the open step.
func (w *walkthrough) elapsed() time.Duration {
	if w.readOnly {
		return w.base
	}
	return w.base + max(0, w.c.Now().Sub(w.started))
}

// startTimer begins a new chain of one-second ticks.
func (w *walkthrough) startTimer() tea.Cmd {
	if w.readOnly {
		return nil
	}
	w.tickGen++
	return tickCmd(w.tickGen)
}

func tickCmd(gen int) tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{gen: gen} })
}

func (w *walkthrough) onTick(msg tickMsg) tea.Cmd {
	if msg.gen != w.tickGen || !w.loaded {
		return nil
	}
	cmds := []tea.Cmd{tickCmd(msg.gen)}
	w.ticks++
	st := w.currentStep()
	if w.ticks%stateSaveEvery == 0 {
		k := st.Key()
		w.states[k] = session.StepState{StepKey: k, Elapsed: w.elapsed(), Scroll: w.scroll()}
		cmds = append(cmds, w.saveStateCmd(k))
	}
	if w.c.Bell && st.Minutes > 0 && w.elapsed() > time.Duration(st.Minutes)*time.Minute && !w.rung[st.Key()] {
		w.rung[st.Key()] = true
		cmds = append(cmds, tea.Raw("\a"))
	}
	return tea.Batch(cmds...)
}

// scroll is the step's scroll offset, also while a detour is open.
func (w *walkthrough) scroll() int {
	if w.detour != nil {
		return w.detourScroll
	}
	return w.vp.YOffset()
}

// saveStateCmd writes the recorded timer and scroll of step k.
func (w *walkthrough) saveStateCmd(k string) tea.Cmd {
	if w.readOnly {
		return nil
	}
	st := w.states[k]
	return w.writeCmd("state:"+k, func() error { return w.c.Store.SaveStepState(w.c.Ctx, w.sess.ID, st) })
}

// writeCmd runs a store write in order: an older write of the same target
// that runs after a newer one is skipped.
func (w *walkthrough) writeCmd(target string, fn func() error) tea.Cmd {
	w.seq++
	seq, wr := w.seq, w.writer
	return func() tea.Msg {
		if err := wr.write(target, seq, fn); err != nil {
			return writeFailedMsg{err: err}
		}
		return nil
	}
}
