package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// The step clock is the engine's (session.Clock): the root shows the open
// step's time in the header over every screen of the session, in one
// format, as time left or, in the warning style, as time over; b pauses it
// (a break) and resumes it. It reads the clock when a session is followed
// and after every change of it the feed brings, and ticks once a second to
// redraw. The clock stops when the program leaves the session (home, quit)
// and starts again when a walkthrough opens it.

// clockState is what the root knows of the followed session's clock.
type clockState struct {
	sc      session.StepClock
	known   bool
	ticking bool
	rung    map[string]bool // steps whose overrun rang the bell
	alive   time.Time       // when the program last said it runs the clock
}

// clockTickMsg redraws the time.
type clockTickMsg struct{}

func clockTick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return clockTickMsg{} })
}

// onClock takes a read of the clock.
func (m Model) onClock(msg common.ClockMsg) (Model, tea.Cmd) {
	if msg.Err != nil {
		return m, nil // a session deleted meanwhile: the screens say so
	}
	if m.clock.known && msg.Clock.SessionID == m.clock.sc.SessionID && msg.Clock.Seq < m.clock.sc.Seq {
		return m, nil // reads run side by side: an older one may land last
	}
	m.clock.sc, m.clock.known = msg.Clock, true
	if m.clock.ticking {
		return m, nil
	}
	m.clock.ticking = true
	return m, clockTick()
}

// onClockTick rings the bell once when the step runs over (--bell) and
// ticks on while there is a clock to show.
func (m Model) onClockTick() (Model, tea.Cmd) {
	if !m.clockShown() {
		m.clock.ticking = false
		return m, nil
	}
	below := m.updateBelow(common.TickMsg{})
	var cmd tea.Cmd
	m.active, cmd = m.active.Update(common.TickMsg{})
	cmds := []tea.Cmd{clockTick(), below, cmd}
	sc := m.clock.sc
	m.sayAlive()
	if m.common.Bell && sc.Running() && sc.Over(m.common.Now()) && !m.clock.rung[sc.StepKey] {
		if m.clock.rung == nil {
			m.clock.rung = map[string]bool{}
		}
		m.clock.rung[sc.StepKey] = true
		cmds = append(cmds, tea.Raw("\a"))
	}
	return m, tea.Batch(cmds...)
}

// clockShown reports whether the header shows the clock: a session under
// way is on screen (the active screen or one underneath belongs to it).
func (m Model) clockShown() bool {
	if !m.clock.known || m.common.ReadOnly || !m.clock.sc.Running() && !m.clock.sc.Paused {
		return false
	}
	for _, s := range append([]common.Screen{m.active}, m.below...) {
		if ss, ok := s.(common.SessionScreen); ok && ss.SessionID() == m.clock.sc.SessionID {
			return true
		}
	}
	return false
}

// sayAlive tells the engine, every session.AliveEvery while the clock
// runs, that this program still runs it: after a crash, reopening the
// session counts the step's time up to the last of these, not the time the
// program was gone.
func (m *Model) sayAlive() {
	now := m.common.Now()
	if !m.clock.sc.Running() || now.Sub(m.clock.alive) < session.AliveEvery {
		return
	}
	m.clock.alive = now
	eng, actor, id := m.common.Engine, m.common.Facilitator(), m.clock.sc.SessionID
	m.common.Submit(session.Op{Key: id + ":alive", What: "keeping the clock running", Do: func(ctx context.Context) error {
		return eng.ClockAlive(ctx, actor, id)
	}})
}

// togglePause pauses the clock, or resumes it.
func (m Model) togglePause() (tea.Model, tea.Cmd) {
	pause := !m.clock.sc.Paused
	eng, actor, id := m.common.Engine, m.common.Facilitator(), m.clock.sc.SessionID
	what := "pausing the clock"
	if !pause {
		what = "resuming the clock"
	}
	m.common.Submit(session.Op{What: what, Do: func(ctx context.Context) error { return eng.PauseClock(ctx, actor, id, pause) }})
	if pause {
		return m, common.StatusCmd("Clock paused for a break: b resumes it")
	}
	return m, common.StatusCmd("Clock running again")
}

// stopClock stops the clock of the session the program leaves: the time
// spent away from it does not count.
func (m *Model) stopClock() {
	if !m.clock.known || m.common.ReadOnly || !m.clock.sc.Running() {
		m.clock.known = false
		return
	}
	eng, actor, id := m.common.Engine, m.common.Facilitator(), m.clock.sc.SessionID
	m.common.Submit(session.Op{What: "stopping the clock", Do: func(ctx context.Context) error { return eng.StopClock(ctx, actor, id) }})
	m.clock.known = false
}

// clockText is the header's right side: "step 13/20 · 7:12 left".
func (m Model) clockText() string {
	if !m.clockShown() {
		return ""
	}
	s, sc := m.common.Styles, m.clock.sc
	text, over := common.ClockText(sc, m.common.Now())
	st := s.Clock.Left
	switch {
	case over:
		st = s.Clock.Over
	case sc.Paused:
		st = s.Clock.Paused
	}
	return s.Faint.Render("step ") + s.Subtle.Render(itoa(sc.Step+1)+"/"+itoa(sc.Steps)) + s.Faint.Render(" · ") + st.Render(text)
}
