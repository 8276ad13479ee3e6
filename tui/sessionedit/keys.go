package sessionedit

import (
	"charm.land/bubbles/v2/key"

	"github.com/trustshop/trustshop/tui/common"
)

// KeyMap is the keys of the screen; while a line is typed, every other
// key types.
type KeyMap struct {
	Up, Down, Edit, Add, Back, Submit, Cancel key.Binding
}

// DefaultKeyMap returns the screen's keys.
func DefaultKeyMap() KeyMap {
	nav := common.DefaultNavKeys()
	return KeyMap{
		Up: nav.Up, Down: nav.Down,
		Edit:   key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "edit")),
		Add:    key.NewBinding(key.WithKeys("a", "+"), key.WithHelp("a", "add a participant")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "drop it")),
	}
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.editing != editNone {
		return []key.Binding{k.Submit, k.Cancel}
	}
	return []key.Binding{k.Up, k.Edit, k.Add, k.Back}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	k, g := m.keys, m.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Edit, k.Add, k.Back}, {k.Submit, k.Cancel}, {g.Pause, g.Help, g.Quit}}
}
