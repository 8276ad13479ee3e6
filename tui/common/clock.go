package common

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
)

// Clocks formats durations shown together (a time and what it is
// measured against, a column of the agenda) in one format: m:ss, or
// h:mm:ss for all of them as soon as one reaches an hour, so that "2:48"
// never stands beside "2:38:00".
func Clocks(ds ...time.Duration) []string {
	long := false
	for _, d := range ds {
		long = long || d.Round(time.Second) >= time.Hour
	}
	out := make([]string, len(ds))
	for i, d := range ds {
		d = max(0, d.Round(time.Second))
		h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
		if long {
			out[i] = fmt.Sprintf("%d:%02d:%02d", h, m, s)
		} else {
			out[i] = fmt.Sprintf("%d:%02d", m, s)
		}
	}
	return out
}

// Clock formats one duration as Clocks does.
func Clock(d time.Duration) string { return Clocks(d)[0] }

// ClockMsg brings the step clock of the followed session: the root reads
// it when a session is followed and again after each change of the
// clock, the step or the session, and shows it over every screen of that
// session.
type ClockMsg struct {
	Clock session.StepClock
	Err   error
}

// ReadClock is the command that reads session id's step clock.
func (c *Common) ReadClock(id string) tea.Cmd {
	eng, ctx := c.Engine, c.Ctx
	return func() tea.Msg {
		sc, err := eng.StepClock(ctx, id)
		return ClockMsg{Clock: sc, Err: err}
	}
}

// ClockChanges reports whether changes touch what the step clock shows:
// the clock, the step, a visit or skip, the session's status.
func ClockChanges(changes []session.Change) bool {
	for _, c := range changes {
		switch {
		case c.Entity == "clock", c.Entity == "step",
			c.Entity == "session" && (c.Field == "step" || c.Field == "status"):
			return true
		}
	}
	return false
}

// ClockText is the time of a step clock at now, in words for a header:
// "7:12 left", "over by 1:12", "paused · 7:12 left", or the time spent
// when the step suggests none. over reports a step past its time.
func ClockText(sc session.StepClock, now time.Time) (text string, over bool) {
	at := sc.At(now)
	switch {
	case sc.Planned <= 0:
		text = Clock(at)
	case at > sc.Planned:
		text, over = "over by "+Clock(at-sc.Planned), true
	default:
		text = Clock(sc.Planned-at) + " left"
	}
	if sc.Paused {
		text = "paused · " + text
	}
	return text, over
}

// SessionScreen is a screen of one session under way (the walkthrough,
// the results opened from it, pass-the-laptop, its export): the root
// shows that session's step clock over it. A review returns "".
type SessionScreen interface {
	SessionID() string
}
