package walkthrough

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/rating"
)

// missingGate asks before the session is finished with rating cells
// open, however the facilitator gets to the summary (the next-step key or
// a jump in the agenda). The rule is the engine's: moving to the summary
// step finishes the session, which the engine refuses while cells are
// open (session.MissingRatingsError) unless the facilitator says yes. The
// gate hands the move to the outbox (after the changes typed before it),
// and on the engine's refusal lists the open cells and asks. The
// walkthrough owns one by value.
type missingGate struct {
	target int    // the step to go to once answered
	op     uint64 // the move on its way; 0 when none
	asking bool   // the warning is shown
	pass   bool   // the next goTo(target) goes through: the engine moved
	list   []session.ParticipantMissing
	unseen []session.UnrevealedRound // elements whose round the room never saw
	keys   gateKeys
}

// gateKeys answer the gate's question: only y finishes, since finishing
// shows every result to the room for good; any other key stays (Stay is
// for the help line).
type gateKeys struct{ Go, Stay key.Binding }

func newMissingGate() missingGate {
	return missingGate{keys: gateKeys{
		Go:   key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "finish anyway")),
		Stay: key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("any other key", "stays")),
	}}
}

// hold takes a move to step `to` that would finish the session (the
// summary of a session not finished yet) and hands it to the engine; the
// walkthrough moves once the engine has. It reports false for any other
// move, which goes ahead at once.
func (g *missingGate) hold(c *common.Common, ws session.Workshop, to int, readOnly bool) bool {
	if g.pass && g.target == to {
		g.pass = false
		return false
	}
	if readOnly || !ws.MoveFinishes(to) {
		return false
	}
	if g.op != 0 { // a second key while the engine decides: still held
		return true
	}
	g.target = to
	g.op = g.submit(c, ws.Session.ID, to, false)
	return true
}

func (g *missingGate) submit(c *common.Common, id string, to int, confirm bool) uint64 {
	eng, actor := c.Engine, c.Facilitator()
	return c.Submit(session.Op{What: "finishing the session", Do: func(ctx context.Context) error {
		return eng.MoveTo(ctx, actor, id, to, confirm)
	}})
}

// update handles the engine's answer and, while it asks, every key: y
// finishes, any other key stays (enter too: a habit must not finish). It reports whether it took the message;
// goTo is the step to go to now, or -1.
func (g *missingGate) update(c *common.Common, id string, msg tea.Msg) (cmd tea.Cmd, goTo int, handled bool) {
	switch msg := msg.(type) {
	case common.SavedMsg:
		if g.op == 0 || msg.Op.ID != g.op || !msg.Final {
			return nil, -1, false
		}
		g.op = 0
		var missing *session.MissingRatingsError
		switch {
		case errors.As(msg.Err, &missing):
			g.asking, g.list, g.unseen = true, missing.Missing, missing.Unrevealed
			return nil, -1, true
		case msg.Err != nil:
			return common.ErrorCmd(fmt.Errorf("finish the session: %w", msg.Err)), -1, true
		}
		g.pass = true
		return nil, g.target, true
	case tea.KeyPressMsg:
		if !g.asking {
			return nil, -1, false
		}
		g.asking = false
		if key.Matches(msg, g.keys.Go) {
			g.op = g.submit(c, id, g.target, true)
			return nil, -1, true
		}
		return common.StatusCmd("not finished: r opens the rating grid, P passes the laptop"), -1, true
	}
	return nil, -1, false
}

// shortHelp lists the gate's keys while it asks.
func (g *missingGate) shortHelp() []key.Binding {
	return []key.Binding{g.keys.Go, g.keys.Stay}
}

// view is the warning, centred on a w x h screen.
func (g *missingGate) view(s common.Styles, w, h int) string {
	cells := 0
	for _, pm := range g.list {
		cells += pm.Cells()
	}
	dw := min(w-4, 76)
	var b strings.Builder
	b.WriteString(s.Warn.Render("Ratings are missing: "+rating.CountOf(cells, "open cell")) + "\n\n")
	unseen := unseenLines(g.unseen, dw-6, max(2, (h-12)/3))
	for _, l := range rating.MissingBlock(g.list, dw-6, h-12-len(unseen)) {
		b.WriteString(l + "\n")
	}
	if len(unseen) > 0 {
		b.WriteString("\n")
		for _, l := range unseen {
			b.WriteString(l + "\n")
		}
	}
	b.WriteString("\n" + s.Faint.Render("Finishing shows every result to the room. y finishes anyway · any other key stays (r opens the grid, P passes the laptop)"))
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, s.Dialog.Width(dw).Render(b.String()))
}

// unseenLines name the elements whose round the room never saw, wrapped
// to w and cut to maxLines.
func unseenLines(list []session.UnrevealedRound, w, maxLines int) []string {
	if len(list) == 0 {
		return nil
	}
	names := make([]string, len(list))
	for i, u := range list {
		names[i] = u.Title
		if u.Round > 1 {
			names[i] += fmt.Sprintf(" (round %d)", u.Round)
		}
	}
	lines := rating.WrapWords(fmt.Sprintf("Not revealed to the room yet (%s): %s",
		rating.CountOf(len(list), "element"), strings.Join(names, "; ")), w)
	if len(lines) > maxLines {
		lines = append(lines[:maxLines-1], "… and more")
	}
	return lines
}
