package home

import (
	"charm.land/bubbles/v2/key"

	"github.com/trustshop/trustshop/tui/common"
)

// KeyMap is the keys of the session list.
type KeyMap struct {
	common.NavKeys
	Open, New, Review, Export, Delete, Filter, Refresh key.Binding
}

// DefaultKeyMap returns the list's keys; a read-only app (trustshop review,
// a read-only database) has no new or delete.
func DefaultKeyMap(c *common.Common) KeyMap {
	k := KeyMap{
		NavKeys: common.DefaultNavKeys(),
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		New:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new session")),
		Review:  key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "review")),
		Export:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export")),
		Delete:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Filter:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Refresh: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "refresh")),
	}
	if c.ReadOnly {
		k.New.SetEnabled(false)
		k.Delete.SetEnabled(false)
	}
	return k
}

// ShortHelp implements help.KeyMap.
func (h *Model) ShortHelp() []key.Binding {
	k, g := h.keys, h.c.Keys
	switch {
	case h.confirm != nil:
		return []key.Binding{key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "delete")), common.WithHelp(g.Back, "n/esc", "keep it")}
	case h.editing:
		return []key.Binding{k.Open, g.Back}
	case len(h.all) == 0:
		return []key.Binding{k.New, g.Help, g.Quit}
	}
	return []key.Binding{k.Open, k.New, k.Review, k.Export, k.Delete, k.Filter, g.Help, g.Quit}
}

// FullHelp implements help.KeyMap.
func (h *Model) FullHelp() [][]key.Binding {
	k, g := h.keys, h.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Review, k.Export, k.New, k.Delete},
		{k.Filter, k.Refresh, g.Theme, g.Back, g.Help, g.Quit},
	}
}
