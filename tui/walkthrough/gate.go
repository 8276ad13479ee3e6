package walkthrough

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/rating"
)

// missingGate holds the walkthrough at the last element step while ratings
// are missing: leaving it forward first reads the round's ratings (in a
// Cmd) and, if cells are open, lists them (participant → elements and
// criteria) and asks before going on. The walkthrough owns one by value.
type missingGate struct {
	target   int  // the step to go to once answered
	checking bool // the read is under way
	asking   bool // the warning is shown
	pass     bool // the next goTo(target) goes through
	seq      int  // tells this check's answer from an older one
	list     []rating.ParticipantMissing
	round    int
	keys     gateKeys
}

// gateKeys answer the gate's question.
type gateKeys struct{ Go, Stay key.Binding }

func newMissingGate() missingGate {
	return missingGate{keys: gateKeys{
		Go:   key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y", "go on anyway")),
		Stay: key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "stay and rate")),
	}}
}

// gateCheckedMsg is the answer of the gate's read.
type gateCheckedMsg struct {
	seq   int
	round int
	list  []rating.ParticipantMissing
	err   error
}

// hold returns the check when going from step `from` forward past the last
// element step to step `to`, and nil when the move may go ahead.
func (g *missingGate) hold(c *common.Common, p *content.Pack, sess session.Session, from, to int, readOnly bool) tea.Cmd {
	if g.pass && g.target == to {
		g.pass = false
		return nil
	}
	last := rating.LastElementStep(p)
	if readOnly || last < 0 || from != last || to <= from {
		return nil
	}
	if g.checking { // a second key while the read is under way: still held
		return func() tea.Msg { return nil }
	}
	g.target, g.checking = to, true
	g.seq++
	seq, ctx := g.seq, c.Ctx
	return func() tea.Msg {
		rounds, err := c.Store.Rounds(ctx, sess.ID)
		if err != nil {
			return gateCheckedMsg{seq: seq, err: fmt.Errorf("check for missing ratings: %w", err)}
		}
		round := 1
		if len(rounds) > 0 {
			round = rounds[len(rounds)-1]
		}
		rows, err := c.Store.RoundRatings(ctx, sess.ID, round)
		if err != nil {
			return gateCheckedMsg{seq: seq, err: fmt.Errorf("check for missing ratings: %w", err)}
		}
		return gateCheckedMsg{seq: seq, round: round, list: rating.MissingRatings(p, sess.Participants, rows, round, nil)}
	}
}

// update handles the gate's answer and, while it asks, every key: y or
// enter goes on, n or esc stays. It reports whether it took the message;
// goTo is the step to go to now, or -1.
func (g *missingGate) update(msg tea.Msg) (cmd tea.Cmd, goTo int, handled bool) {
	switch msg := msg.(type) {
	case gateCheckedMsg:
		if msg.seq != g.seq || !g.checking {
			return nil, -1, true
		}
		g.checking = false
		if msg.err != nil {
			// Do not hold the facilitator on a failed read; say so.
			g.pass = true
			return common.ErrorCmd(msg.err), g.target, true
		}
		if len(msg.list) == 0 {
			g.pass = true
			return nil, g.target, true
		}
		g.asking, g.list, g.round = true, msg.list, msg.round
		return nil, -1, true
	case tea.KeyPressMsg:
		if !g.asking {
			return nil, -1, false
		}
		switch {
		case key.Matches(msg, g.keys.Go):
			g.asking, g.pass = false, true
			return nil, g.target, true
		case key.Matches(msg, g.keys.Stay):
			g.asking = false
			return common.StatusCmd("staying on the last element: r opens the rating grid"), -1, true
		}
		return nil, -1, true
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
	b.WriteString(s.Warn.Render(fmt.Sprintf("Ratings are missing in round %d: %d open cells", g.round, cells)) + "\n\n")
	for _, l := range rating.MissingBlock(g.list, dw-6, h-12) {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n" + s.Faint.Render("y goes on anyway · n/esc stays here (r opens the grid, P passes the laptop)"))
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, s.Dialog.Width(dw).Render(b.String()))
}
