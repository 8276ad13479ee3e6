package newsession

import (
	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"
)

// KeyMap is the form's own keys: esc cancels (asking first when something
// was typed), y and n answer. Every other key goes to the form (huh),
// whose keys are formKeyMap's.
type KeyMap struct{ Cancel, Discard, Keep key.Binding }

// DefaultKeyMap returns the form's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Discard: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "throw it away")),
		Keep:    key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "keep typing")),
	}
}

// formKeyMap is huh's key map as the form uses it: enter starts a new line
// in the participants, tab or ctrl+s creates the session, and ctrl+c is
// left to the app.
func formKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false) // ctrl+c quits the app; esc goes back
	km.Text.NewLine.SetKeys("enter", "alt+enter", "ctrl+j")
	km.Text.NewLine.SetHelp("enter", "new line")
	km.Text.Next.SetKeys("tab")
	km.Text.Next.SetHelp("tab", "create")
	km.Text.Submit.SetKeys("ctrl+s")
	km.Text.Submit.SetHelp("ctrl+s", "create")
	return km
}

// ShortHelp implements help.KeyMap: the focused field's keys and esc.
func (f *Model) ShortHelp() []key.Binding {
	if f.leaving {
		return []key.Binding{f.keys.Discard, f.keys.Keep}
	}
	return append(f.form.KeyBinds(), f.keys.Cancel)
}

// FullHelp implements help.KeyMap.
func (f *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{f.ShortHelp(), {f.c.Keys.ForceQuit}}
}
