package walkthrough

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/tui/common"
)

// stateSaveEvery is how often the timer and scroll of the open step are
// written while it stays open.
const stateSaveEvery = 5 // ticks of a second

// stepTimer is the time spent on the open step: what earlier visits spent
// (base) and the time since it was opened, on the app's clock. It ticks
// once a second, to redraw the agenda, save the state now and then and
// ring the bell once when the step runs over. A review's timer stands.
type stepTimer struct {
	c        *common.Common // Now and Bell, read at each use
	readOnly bool
	started  time.Time     // when the open step was opened
	base     time.Duration // time spent on it before
	ticks    int
	gen      int             // the chain of ticks that counts; older ones stop
	rung     map[string]bool // steps whose overrun rang the bell
}

func newStepTimer(c *common.Common, readOnly bool) stepTimer {
	return stepTimer{c: c, readOnly: readOnly, rung: map[string]bool{}}
}

// TickMsg advances the step timer, once a second; a tick of an older
// chain is dropped.
type TickMsg struct{ gen int }

// restart times a step that already took base.
func (t *stepTimer) restart(base time.Duration) { t.base, t.started = base, t.c.Now() }

// elapsed is the time spent on the open step.
func (t *stepTimer) elapsed() time.Duration {
	if t.readOnly {
		return t.base
	}
	return t.base + max(0, t.c.Now().Sub(t.started))
}

// start begins a new chain of one-second ticks.
func (t *stepTimer) start() tea.Cmd {
	if t.readOnly {
		return nil
	}
	t.gen++
	return tickCmd(t.gen)
}

func tickCmd(gen int) tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return TickMsg{gen: gen} })
}

// onTick counts a tick of the current chain: it saves the step's time and
// scroll every stateSaveEvery ticks and rings the bell once when the step
// runs over its minutes.
func (w *Model) onTick(msg TickMsg) tea.Cmd {
	t := &w.timer
	if msg.gen != t.gen || !w.loaded {
		return nil
	}
	cmds := []tea.Cmd{tickCmd(msg.gen)}
	t.ticks++
	st := w.currentStep()
	if t.ticks%stateSaveEvery == 0 {
		cmds = append(cmds, w.saveStateCmd(w.recordState()))
	}
	if w.c.Bell && st.Minutes > 0 && t.elapsed() > time.Duration(st.Minutes)*time.Minute && !t.rung[st.Key()] {
		t.rung[st.Key()] = true
		cmds = append(cmds, tea.Raw("\a"))
	}
	return tea.Batch(cmds...)
}
