package tui

import (
	"fmt"
	"strings"

	"github.com/trustshop/trustshop/tui/common"
)

// Theme is a colour scheme. Every style of the app derives from its palette.
type Theme = common.Theme

// The themes; HighContrast is for projectors in bright rooms.
const (
	ThemeDark         = common.ThemeDark
	ThemeLight        = common.ThemeLight
	ThemeHighContrast = common.ThemeHighContrast
)

// Themes lists the themes for flags and completion, in the order t cycles
// through them.
var Themes = []Theme{ThemeDark, ThemeLight, ThemeHighContrast}

// ParseTheme reads a --theme value.
func ParseTheme(s string) (Theme, error) {
	for _, t := range Themes {
		if string(t) == strings.ToLower(strings.TrimSpace(s)) {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown theme %q: use dark, light or high-contrast", s)
}

// MaxTextWidth caps the width of rendered text (trustshop show uses it too).
const MaxTextWidth = common.MaxTextWidth

// validTheme reports whether t is one of Themes (a theme stored with a
// session by a later version may not be).
func validTheme(t Theme) bool {
	for _, x := range Themes {
		if x == t {
			return true
		}
	}
	return false
}
