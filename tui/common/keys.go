package common

import "charm.land/bubbles/v2/key"

// KeyMap is the keys the root handles on every screen: quit, help, back,
// the theme and the pause of the step clock. Each screen defines the rest
// of its keys itself.
type KeyMap struct {
	Quit, ForceQuit, Help, Back, Theme, Pause key.Binding
	// HelpAlways opens the help also on a screen that takes every key as
	// typing (a form, pass-the-laptop), where ? is typed.
	HelpAlways key.Binding
}

// DefaultKeyMap returns the global key bindings, following the conventions
// of Charm apps (? for help, q to quit).
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Theme:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "next theme")),
		Pause:     key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "pause the clock (a break)")),

		HelpAlways: key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "help")),
	}
}

// NavKeys are the moves through lists and text that most screens share:
// arrows and h/j/k/l, pages, top and bottom. Screens copy the ones they use
// into their own key maps.
type NavKeys struct {
	Up, Down, Left, Right, PageUp, PageDown, Top, Bottom key.Binding
}

// DefaultNavKeys returns the moves.
func DefaultNavKeys() NavKeys {
	return NavKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Left:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "left")),
		Right:    key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "right")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d", "space"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
	}
}

// WithHelp returns b with other help text.
func WithHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}
