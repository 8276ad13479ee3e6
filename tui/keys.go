package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the app, grouped by where it applies.
// Screens match with key.Matches and list their bindings in the help.
type KeyMap struct {
	// Everywhere.
	Quit, ForceQuit, Help, Back key.Binding

	// Moving around lists and text.
	Up, Down, Left, Right, PageUp, PageDown, Top, Bottom, Tab key.Binding

	// Home screen.
	Open, New, Review, Delete, Filter, Refresh key.Binding

	// Walkthrough.
	NextStep, PrevStep, Notes, Zoom, Follow, Rate, Results, Export, Jump, Return, Theme key.Binding

	// Rating grid.
	Abstain, Clear, Comment, Undo, Reveal, PassLaptop, Confirm key.Binding
}

// DefaultKeyMap returns the key bindings, following the conventions of
// Charm apps (arrows and h/j/k/l, ? for help, q to quit).
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),

		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Left:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "left")),
		Right:    key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "right")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d", "space"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Tab:      key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "switch pane")),

		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		New:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new session")),
		Review:  key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "review")),
		Delete:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Filter:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Refresh: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "refresh")),

		NextStep: key.NewBinding(key.WithKeys("n", "right", "l"), key.WithHelp("n/→", "next step")),
		PrevStep: key.NewBinding(key.WithKeys("p", "left", "h"), key.WithHelp("p/←", "previous step")),
		Notes:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit notes")),
		Zoom:     key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "presenter zoom")),
		Follow:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open linked item")),
		Rate:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rate")),
		Results:  key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "results")),
		Export:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export")),
		Jump:     key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "open element")),
		Return:   key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back to the story")),
		Theme:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "next theme")),

		Abstain:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "abstain")),
		Clear:      key.NewBinding(key.WithKeys("x", "backspace", "delete"), key.WithHelp("x", "clear")),
		Comment:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "comment")),
		Undo:       key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Reveal:     key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "reveal results")),
		PassLaptop: key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "pass the laptop")),
		Confirm:    key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y", "confirm")),
	}
}
