package walkthrough

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// reopenGate asks before a finished session goes back to an earlier step
// (p, ←, a jump in the agenda): the engine takes that move only as a
// reopen (session.Engine.Reopen), which is recorded, and the results the
// room saw stay revealed. y reopens and moves; any other key stays on the
// summary. The walkthrough owns one by value.
type reopenGate struct {
	target int    // the step to go to once reopened
	op     uint64 // the reopen on its way; 0 when none
	asking bool   // the question is shown
	pass   bool   // the next goTo(target) goes through: the engine reopened
	keys   gateKeys
}

func newReopenGate() reopenGate {
	return reopenGate{keys: gateKeys{
		Go:   key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "reopens")),
		Stay: key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("any other key", "stays")),
	}}
}

// hold takes a move to step `to` that would reopen the finished session
// and asks; it reports false for any other move, which goes ahead.
func (g *reopenGate) hold(ws session.Workshop, to int, readOnly bool) bool {
	if g.pass && g.target == to {
		g.pass = false
		return false
	}
	if readOnly || !ws.MoveReopens(to) {
		return false
	}
	if g.op == 0 {
		g.target, g.asking = to, true
	}
	return true
}

// update handles the answer to the question and the engine's answer to
// the reopen; goTo is the step to go to now, or -1.
func (g *reopenGate) update(c *common.Common, id string, msg tea.Msg) (cmd tea.Cmd, goTo int, handled bool) {
	switch msg := msg.(type) {
	case common.SavedMsg:
		if g.op == 0 || msg.Op.ID != g.op || !msg.Final {
			return nil, -1, false
		}
		g.op = 0
		if msg.Err != nil {
			return common.ErrorCmd(fmt.Errorf("reopen the session: %w", msg.Err)), -1, true
		}
		g.pass = true
		return common.StatusCmd("reopened: the results the room saw stay revealed"), g.target, true
	case tea.KeyPressMsg:
		if !g.asking {
			return nil, -1, false
		}
		g.asking = false
		if !key.Matches(msg, g.keys.Go) {
			return common.StatusCmd("still finished: the summary stays"), -1, true
		}
		eng, actor, to := c.Engine, c.Facilitator(), g.target
		g.op = c.Submit(session.Op{What: "reopening the session", Do: func(ctx context.Context) error {
			return eng.Reopen(ctx, actor, id, to)
		}})
		return nil, -1, true
	}
	return nil, -1, false
}

// shortHelp lists the gate's keys while it asks.
func (g *reopenGate) shortHelp() []key.Binding { return []key.Binding{g.keys.Go, g.keys.Stay} }

// view is the question, centred on a w x h screen.
func (g *reopenGate) view(s common.Styles, w, h int) string {
	dw := min(w-4, 76)
	text := s.Warn.Render("Reopen the finished session?") + " Results stay revealed.\n\n" +
		s.Faint.Render("y reopens · any other key stays")
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, s.Dialog.Width(dw).Render(text))
}

// updateGates gives msg to the finish and reopen gates, and moves when
// one of them says so.
func (w *Model) updateGates(msg tea.Msg) (tea.Cmd, bool) {
	for _, update := range []func(*common.Common, string, tea.Msg) (tea.Cmd, int, bool){w.gate.update, w.reopen.update} {
		if cmd, to, ok := update(w.c, w.sess.ID, msg); ok {
			if to >= 0 {
				return tea.Batch(cmd, w.goTo(to)), true
			}
			return cmd, true
		}
	}
	return nil, false
}
