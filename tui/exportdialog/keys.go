package exportdialog

import "charm.land/bubbles/v2/key"

// KeyMap is the keys of the dialog; every other key types the file name.
type KeyMap struct{ Up, Down, Write, Cancel key.Binding }

// DefaultKeyMap returns the dialog's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:     key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑/↓", "format")),
		Down:   key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "next format")),
		Write:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "export")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp implements help.KeyMap.
func (d *Model) ShortHelp() []key.Binding {
	return []key.Binding{d.keys.Up, d.keys.Write, d.keys.Cancel}
}

// FullHelp implements help.KeyMap.
func (d *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{d.keys.Up, d.keys.Down, d.keys.Write, d.keys.Cancel}, {d.c.Keys.ForceQuit}}
}
