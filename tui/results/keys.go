package results

import (
	"fmt"

	"charm.land/bubbles/v2/key"

	"github.com/trustshop/trustshop/tui/common"
)

// KeyMap is the keys of the results screen.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	NextTab, PrevTab, TabNum                key.Binding
	RoundPrev, RoundNext, Axes              key.Binding
	Walk, Refresh, Export, Back             key.Binding
}

// DefaultKeyMap returns the results screen's keys; the screen enables
// those that do something in its state (syncKeys).
func DefaultKeyMap(c *common.Common) KeyMap {
	k := common.DefaultNavKeys()
	return KeyMap{
		Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top, Bottom: k.Bottom,
		NextTab:   key.NewBinding(key.WithKeys("tab", "right", "l"), key.WithHelp("tab/→", "next view")),
		PrevTab:   key.NewBinding(key.WithKeys("shift+tab", "left", "h"), key.WithHelp("shift+tab/←", "previous view")),
		TabNum:    key.NewBinding(key.WithKeys("1", "2", "3", "4"), key.WithHelp("1-4", "view")),
		RoundPrev: key.NewBinding(key.WithKeys("["), key.WithHelp("[/]", "round")),
		RoundNext: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next round")),
		Axes:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "other criteria")),
		Walk:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "walk through the steps")),
		Refresh:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "refresh")),
		Export:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export")),
		Back:      c.Keys.Back,
	}
}

// syncKeys enables the keys that do something in the current state, so
// the help lists only those.
func (r *Model) syncKeys() {
	k := &r.keys
	several := r.data != nil && len(r.data.roundChoices()) > 1
	k.RoundPrev.SetEnabled(several)
	k.RoundNext.SetEnabled(several)
	k.Axes.SetEnabled(r.tab == tabMatrix && r.pack != nil && len(matrixAxes(r.pack)) > 1)
	k.Walk.SetEnabled(r.review)
	k.TabNum.SetHelp(fmt.Sprintf("1-%d", len(r.tabs)), "view")
	k.Export.SetEnabled(r.loaded)
}

// ShortHelp implements help.KeyMap.
func (r *Model) ShortHelp() []key.Binding {
	k := r.keys
	return []key.Binding{k.NextTab, k.RoundPrev, k.Axes, k.Walk, k.Export, k.Back, r.c.Keys.Help}
}

// FullHelp implements help.KeyMap.
func (r *Model) FullHelp() [][]key.Binding {
	k := r.keys
	return [][]key.Binding{
		{k.NextTab, k.PrevTab, k.TabNum, k.RoundPrev, k.Axes},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Walk, k.Export, k.Refresh, r.c.Keys.Theme, k.Back, r.c.Keys.Help, r.c.Keys.Quit},
	}
}
