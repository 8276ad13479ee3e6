package rating

import (
	"fmt"

	"charm.land/bubbles/v2/key"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/common"
)

// KeyMap is the keys of the rating grid and pass-the-laptop.
type KeyMap struct {
	Up, Down, Left, Right, Next, Prev    key.Binding
	Digit, Abstain, Clear, Comment, Undo key.Binding
	Reveal, PassLaptop, Refresh          key.Binding
	RoundPrev, RoundNext                 key.Binding
	Confirm, Cancel                      key.Binding
	NextElement, PrevElement, Leave      key.Binding
	Feedback                             key.Binding // a Delphi round's feedback
}

// DefaultKeyMap returns the grid's keys; the digit hint names the pack's
// scale ("1-5 rate"), not every digit. A read-only app changes no rating.
func DefaultKeyMap(c *common.Common, p *content.Pack) KeyMap {
	lo, hi := 0, 9
	if len(p.Criteria) > 0 {
		lo, hi = p.Criteria[0].Min, p.Criteria[0].Max
		for _, cr := range p.Criteria {
			lo, hi = min(lo, cr.Min), max(hi, cr.Max)
		}
	}
	nav := common.DefaultNavKeys()
	k := KeyMap{
		Up: nav.Up, Down: nav.Down, Left: nav.Left, Right: nav.Right,
		Next:        key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next cell")),
		Prev:        key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous cell")),
		Digit:       key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp(fmt.Sprintf("%d-%d", lo, hi), "rate")),
		Abstain:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "abstain")),
		Clear:       key.NewBinding(key.WithKeys("x", "backspace", "delete"), key.WithHelp("x", "clear")),
		Comment:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "comment")),
		Undo:        key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Reveal:      key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "reveal results")),
		PassLaptop:  key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "pass the laptop")),
		Refresh:     key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "refresh")),
		RoundPrev:   key.NewBinding(key.WithKeys("["), key.WithHelp("[/]", "round")),
		RoundNext:   key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next round")),
		Confirm:     key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y", "confirm")),
		Cancel:      key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "cancel")),
		NextElement: key.NewBinding(key.WithKeys("n", "pgdown"), key.WithHelp("n", "next element")),
		PrevElement: key.NewBinding(key.WithKeys("p", "pgup"), key.WithHelp("p", "previous element")),
		Leave:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "end")),
		Feedback:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "previous round")),
	}
	if c.ReadOnly {
		for _, b := range []*key.Binding{&k.Abstain, &k.Clear, &k.Comment, &k.Undo, &k.Reveal, &k.PassLaptop} {
			b.SetEnabled(false)
		}
	}
	return k
}

// ShortHelp implements help.KeyMap.
func (m *Grid) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.ed.commenting:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save comment")), m.ed.c.Keys.Back}
	case m.confirming:
		return []key.Binding{k.Confirm, k.Cancel}
	}
	keys := []key.Binding{k.Digit, k.Abstain, k.Clear, k.Comment, k.Undo, k.Reveal, k.PassLaptop}
	if _, ok := m.ed.feedback[m.element.ID]; ok {
		keys = append(keys, k.Feedback)
	}
	return keys
}

// FullHelp implements help.KeyMap.
func (m *Grid) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.Next, k.Prev},
		{k.Digit, k.Abstain, k.Clear, k.Comment, k.Undo},
		{k.Reveal, k.PassLaptop, k.RoundPrev, k.Feedback, k.Refresh},
	}
}
