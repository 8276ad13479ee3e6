package common

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	"charm.land/glamour/v2/ansi"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// Theme is a colour scheme. Every style of the app derives from its palette.
type Theme string

// The themes; HighContrast is for projectors in bright rooms.
const (
	ThemeDark         Theme = "dark"
	ThemeLight        Theme = "light"
	ThemeHighContrast Theme = "high-contrast"
)

// palette is the handful of semantic colours a theme picks. bg and fg
// are the terminal's colours while the app runs (the root sets them), so
// every colour is chosen against a known background: TestContrast checks
// every pair for WCAG AA, and AAA in the high-contrast theme.
type palette struct {
	bg, fg, subtle, faint, accent, accent2, ok, warn, bad, selBG, selFG color.Color
}

func paletteFor(t Theme) palette {
	switch t {
	case ThemeLight:
		return palette{
			bg: lipgloss.Color("#ffffff"),
			fg: lipgloss.Color("#1f2328"), subtle: lipgloss.Color("#57606a"), faint: lipgloss.Color("#656d76"),
			accent: lipgloss.Color("#0550ae"), accent2: lipgloss.Color("#8250df"), ok: lipgloss.Color("#1a7f37"),
			warn: lipgloss.Color("#9a6700"), bad: lipgloss.Color("#cf222e"),
			selBG: lipgloss.Color("#ddf4ff"), selFG: lipgloss.Color("#0a3069"),
		}
	case ThemeHighContrast:
		return palette{
			bg: lipgloss.Color("#000000"),
			fg: lipgloss.Color("#ffffff"), subtle: lipgloss.Color("#e0e0e0"), faint: lipgloss.Color("#bdbdbd"),
			accent: lipgloss.Color("#ffff00"), accent2: lipgloss.Color("#00ffff"), ok: lipgloss.Color("#00ff00"),
			warn: lipgloss.Color("#ffaf00"), bad: lipgloss.Color("#ff5f5f"),
			selBG: lipgloss.Color("#ffff00"), selFG: lipgloss.Color("#000000"),
		}
	default:
		return palette{
			bg: lipgloss.Color("#1a1b26"),
			fg: lipgloss.Color("#e6e6e6"), subtle: lipgloss.Color("#a9a9a9"), faint: lipgloss.Color("#8a8a8a"),
			accent: lipgloss.Color("#7aa2f7"), accent2: lipgloss.Color("#bb9af7"), ok: lipgloss.Color("#9ece6a"),
			warn: lipgloss.Color("#e0af68"), bad: lipgloss.Color("#f7768e"),
			selBG: lipgloss.Color("#2f3b5c"), selFG: lipgloss.Color("#ffffff"),
		}
	}
}

// Styles is every style of the app, built from one theme.
type Styles struct {
	Theme Theme
	// Background and Foreground are the theme's terminal colours: the
	// root sets them while the app runs, so text without a colour of its
	// own reads as the theme means it to.
	Background, Foreground color.Color

	App        lipgloss.Style
	Title      lipgloss.Style // the header's title
	Subtle     lipgloss.Style
	Faint      lipgloss.Style
	Accent     lipgloss.Style
	Bold       lipgloss.Style
	OK         lipgloss.Style
	Warn       lipgloss.Style
	Error      lipgloss.Style
	ErrorTitle lipgloss.Style
	Selected   lipgloss.Style // the highlighted row of a list
	Header     lipgloss.Style
	StatusBar  lipgloss.Style
	Pane       lipgloss.Style // a bordered pane
	PaneActive lipgloss.Style // the pane with the focus
	Dialog     lipgloss.Style // a box over the screen (help, confirm)

	// PaneBorder and PaneBorderActive colour the border characters of Pane
	// and PaneActive, for views that draw their boxes by hand (fast path).
	PaneBorder, PaneBorderActive lipgloss.Style

	Agenda struct {
		Done, Current, Todo, Over, Skipped lipgloss.Style
	}
	// Clock styles the step's time in the header: left, over its time
	// (a warning that stands out without colour too), paused.
	Clock struct {
		Left, Over, Paused lipgloss.Style
	}
	Rating struct {
		Header, Cell, Cursor, Rated, Open, Abstain lipgloss.Style
	}
	// Results styles the results views: bars, the matrix and the tabs.
	Results struct {
		Bar, Count, Axis, Point, Quadrant, Tab, TabActive lipgloss.Style
	}

	// Help styles the key bar and the help overlay; TextArea the note
	// editor.
	Help     help.Styles
	TextArea textarea.Styles
	// Markdown is glamour's style for this theme, so rendered items match.
	Markdown ansi.StyleConfig
	// Form is huh's theme for forms, from the same palette.
	Form huh.Theme
}

// NewStyles builds the styles of a theme.
func NewStyles(t Theme) Styles {
	p := paletteFor(t)
	s := Styles{Theme: t, Background: p.bg, Foreground: p.fg}
	s.App = lipgloss.NewStyle().Foreground(p.fg)
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(p.accent)
	s.Subtle = lipgloss.NewStyle().Foreground(p.subtle)
	s.Faint = lipgloss.NewStyle().Foreground(p.faint)
	s.Accent = lipgloss.NewStyle().Foreground(p.accent)
	s.Bold = lipgloss.NewStyle().Bold(true).Foreground(p.fg)
	s.OK = lipgloss.NewStyle().Foreground(p.ok)
	s.Warn = lipgloss.NewStyle().Foreground(p.warn).Bold(true)
	s.Error = lipgloss.NewStyle().Foreground(p.bad)
	s.ErrorTitle = lipgloss.NewStyle().Foreground(p.bad).Bold(true)
	s.Selected = lipgloss.NewStyle().Foreground(p.selFG).Background(p.selBG).Bold(true)
	s.Header = lipgloss.NewStyle().Foreground(p.fg).Bold(true)
	s.StatusBar = lipgloss.NewStyle().Foreground(p.subtle)
	s.Pane = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.faint).Padding(0, 1)
	s.PaneActive = s.Pane.BorderForeground(p.accent)
	s.PaneBorder = lipgloss.NewStyle().Foreground(p.faint)
	s.PaneBorderActive = lipgloss.NewStyle().Foreground(p.accent)
	s.Dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.accent).Padding(1, 2)

	s.Agenda.Done = lipgloss.NewStyle().Foreground(p.faint)
	s.Agenda.Current = lipgloss.NewStyle().Foreground(p.accent).Bold(true)
	s.Agenda.Todo = lipgloss.NewStyle().Foreground(p.fg)
	s.Agenda.Over = lipgloss.NewStyle().Foreground(p.warn).Bold(true)
	s.Agenda.Skipped = lipgloss.NewStyle().Foreground(p.faint).Italic(true)

	s.Clock.Left = lipgloss.NewStyle().Foreground(p.accent).Bold(true)
	s.Clock.Over = lipgloss.NewStyle().Foreground(p.bg).Background(p.warn).Bold(true).Padding(0, 1)
	s.Clock.Paused = lipgloss.NewStyle().Foreground(p.accent2).Bold(true)

	s.Rating.Header = lipgloss.NewStyle().Bold(true).Foreground(p.accent)
	s.Rating.Cell = lipgloss.NewStyle().Foreground(p.fg)
	s.Rating.Cursor = lipgloss.NewStyle().Foreground(p.selFG).Background(p.selBG).Bold(true)
	s.Rating.Rated = lipgloss.NewStyle().Foreground(p.ok)
	s.Rating.Open = lipgloss.NewStyle().Foreground(p.faint)
	s.Rating.Abstain = lipgloss.NewStyle().Foreground(p.accent2).Italic(true)

	s.Results.Bar = lipgloss.NewStyle().Foreground(p.accent)
	s.Results.Count = lipgloss.NewStyle().Foreground(p.subtle)
	s.Results.Axis = lipgloss.NewStyle().Foreground(p.faint)
	s.Results.Point = lipgloss.NewStyle().Foreground(p.accent2).Bold(true)
	s.Results.Quadrant = lipgloss.NewStyle().Foreground(p.faint).Italic(true)
	s.Results.Tab = lipgloss.NewStyle().Foreground(p.subtle).Padding(0, 1)
	s.Results.TabActive = lipgloss.NewStyle().Foreground(p.selFG).Background(p.selBG).Bold(true).Padding(0, 1)

	s.Help = helpStyles(p)
	s.TextArea = textAreaStyles(p)
	s.Markdown = markdownStyle(p)
	s.Form = huh.ThemeFunc(func(bool) *huh.Styles { return formStyles(p) })
	return s
}

// helpStyles are the key bar's and the help's styles: keys brighter than
// what they do.
func helpStyles(p palette) help.Styles {
	key, desc := lipgloss.NewStyle().Foreground(p.subtle), lipgloss.NewStyle().Foreground(p.faint)
	return help.Styles{ShortKey: key, ShortDesc: desc, ShortSeparator: desc, Ellipsis: desc, FullKey: key, FullDesc: desc, FullSeparator: desc}
}

// textAreaStyles is the note editor in the palette's colours.
func textAreaStyles(p palette) textarea.Styles {
	st := textarea.DefaultStyles(true)
	plain := lipgloss.NewStyle().Foreground(p.fg)
	for _, x := range []*textarea.StyleState{&st.Focused, &st.Blurred} {
		x.Base = lipgloss.NewStyle()
		x.Text, x.CursorLine = plain, plain
		x.CursorLineNumber = lipgloss.NewStyle().Foreground(p.subtle)
		x.LineNumber = lipgloss.NewStyle().Foreground(p.faint)
		x.EndOfBuffer = lipgloss.NewStyle().Foreground(p.faint)
		x.Placeholder = lipgloss.NewStyle().Foreground(p.faint)
		x.Prompt = lipgloss.NewStyle().Foreground(p.accent)
		x.Selection = lipgloss.NewStyle().Foreground(p.selFG).Background(p.selBG)
	}
	st.Cursor.Color = p.accent
	return st
}

// formStyles is huh's base theme in the palette's colours.
func formStyles(p palette) *huh.Styles {
	t := huh.ThemeBase(true)
	f := &t.Focused
	f.Base = f.Base.BorderForeground(p.accent)
	f.Card = f.Base
	f.Title = f.Title.Foreground(p.accent).Bold(true)
	f.Description = f.Description.Foreground(p.subtle)
	f.ErrorIndicator = f.ErrorIndicator.Foreground(p.bad)
	f.ErrorMessage = f.ErrorMessage.Foreground(p.bad)
	f.SelectSelector = f.SelectSelector.Foreground(p.accent2)
	f.Option = f.Option.Foreground(p.fg)
	f.SelectedOption = f.SelectedOption.Foreground(p.ok)
	f.FocusedButton = f.FocusedButton.Foreground(p.selFG).Background(p.selBG)
	f.BlurredButton = f.BlurredButton.Foreground(p.subtle).Background(p.bg)
	f.TextInput.Cursor = f.TextInput.Cursor.Foreground(p.accent)
	f.TextInput.Placeholder = f.TextInput.Placeholder.Foreground(p.faint)
	f.TextInput.Prompt = f.TextInput.Prompt.Foreground(p.accent2)
	f.TextInput.Text = f.TextInput.Text.Foreground(p.fg)
	t.Blurred = t.Focused
	t.Blurred.Base = t.Focused.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.Title = t.Blurred.Title.Foreground(p.subtle).Bold(false)
	t.Blurred.NextIndicator = lipgloss.NewStyle()
	t.Blurred.PrevIndicator = lipgloss.NewStyle()
	t.Help = helpStyles(p)
	t.Group.Title = t.Focused.Title
	t.Group.Description = t.Focused.Description
	return t
}
