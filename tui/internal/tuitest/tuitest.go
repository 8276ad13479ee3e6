// Package tuitest holds what the tests of the terminal interface share: the
// key table (Press), store fixtures (Env, RatingEnv), drivers that run a
// screen or the root model synchronously (Driver, RootDriver) and helpers
// around teatest. It imports no screen and not the root, so that every
// package of tui/ can use it in its tests.
package tuitest

import (
	"reflect"
	"regexp"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Press is a key press as the terminal sends it: "enter", "esc", "tab",
// "shift+tab", "backspace", the arrows, "pgdown", "pgup", "ctrl+c",
// "ctrl+o", "ctrl+r" and any other ctrl+letter, "f1"; any other name is
// its first character.
func Press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+o":
		return tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl}
	case "ctrl+r":
		return tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	case "f1":
		return tea.KeyPressMsg{Code: tea.KeyF1}
	}
	if rest, ok := strings.CutPrefix(s, "ctrl+"); ok && len(rest) == 1 {
		return tea.KeyPressMsg{Code: rune(rest[0]), Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// Bindings lists the key.Binding fields of a key map, those of embedded
// structs too, in field order.
func Bindings(keyMap any) []key.Binding {
	var out []key.Binding
	v := reflect.ValueOf(keyMap)
	for i := range v.NumField() {
		switch f := v.Field(i).Interface().(type) {
		case key.Binding:
			out = append(out, f)
		default:
			if v.Field(i).Kind() == reflect.Struct {
				out = append(out, Bindings(f)...)
			}
		}
	}
	return out
}

// Plain is s without escape sequences, for assertions.
func Plain(s string) string { return ansi.Strip(s) }

var trailing = regexp.MustCompile(`[ \t]+\n`)

// ScreenText is a model's frame without escape sequences or trailing
// blanks.
func ScreenText(m tea.Model) string {
	s := ansi.Strip(m.View().Content)
	return trailing.ReplaceAllString(s+"\n", "\n")
}
