package present

import (
	"charm.land/bubbles/v2/key"

	"github.com/trustshop/trustshop/tui/common"
)

// KeyMap is the keys of the projector window: it has few, as nobody types
// there during the session.
type KeyMap struct {
	common.NavKeys
	Quit, Theme key.Binding
}

// DefaultKeyMap returns the window's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NavKeys: common.DefaultNavKeys(),
		Quit:    key.NewBinding(key.WithKeys("q", "ctrl+c", "esc"), key.WithHelp("q", "quit")),
		Theme:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "next theme")),
	}
}
