// Package tui is trustshop's terminal interface: the root model, which
// shows one screen at a time (home, newsession, walkthrough, rating,
// results, exportdialog: a package each) with the header, the footer, the
// help overlay and the size guard around it, and Run, which starts it.
//
// The root handles the global keys (quit, help, theme), sizes, the status
// line and the messages that change screens (route.go), builds every
// screen, and keeps the screens opened over another (stack.go). What every
// screen shares is in package common; the tests' helpers in
// internal/tuitest.
package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// Minimum terminal size; below it the app asks for a bigger window rather
// than drawing a broken layout.
const (
	MinWidth  = 60
	MinHeight = 15
)

// Model is the root model.
type Model struct {
	common      *common.Common
	active      common.Screen
	below       []common.Screen // screens under the active one, see stack.go
	scroll      common.NavKeys  // scroll the help
	help        help.Model
	showHelp    bool
	helpScroll  int // first line of the help shown when it is taller than the window
	width       int
	height      int
	status      common.StatusMsg
	statusSeq   int
	interrupted bool         // ctrl+c ended the program: the exit status says so
	unsaved     []session.Op // changes the outbox could not deliver before quitting
	clock       clockState   // the followed session's step clock (clock.go)
	profile     colorprofile.Profile
	startup     tea.Cmd // what Options asked to do first (serve to devices)
}

// newModel returns the root model showing first.
func newModel(c *common.Common, first common.Screen) Model {
	h := help.New()
	h.Styles = c.Styles.Help
	return Model{common: c, active: first, help: h, scroll: common.DefaultNavKeys()}
}

// Common is what the screens share; test drivers pump its outbox.
func (m Model) Common() *common.Common { return m.common }

// Init implements tea.Model: the first screen, and the wait for the
// outbox's results.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.active.Init(), m.common.ListenOutbox(), m.startup)
}

// tooSmall reports whether the window is below the minimum size: the size
// guard is shown, and keys do nothing behind it but quit.
func (m Model) tooSmall() bool {
	return m.width > 0 && (m.width < MinWidth || m.height < MinHeight)
}

// Update implements tea.Model: global keys first, then sizes, then app
// messages, then the active screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k := m.common.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, k.ForceQuit) {
			m.interrupted = true
			return m.quit()
		}
		if key.Matches(msg, k.HelpAlways) && !m.tooSmall() {
			m.showHelp, m.helpScroll = !m.showHelp, 0
			return m, nil
		}
		if m.tooSmall() {
			// nothing typed behind the "terminal too small" screen may
			// change a session unseen
			if key.Matches(msg, k.Quit) {
				return m.quit()
			}
			return m, nil
		}
		if m.showHelp {
			switch {
			case key.Matches(msg, k.Help, k.Back, k.Quit):
				m.showHelp = false
			case key.Matches(msg, m.scroll.Down, m.scroll.PageDown):
				m.helpScroll = min(m.helpScroll+1, m.helpOverflow())
			case key.Matches(msg, m.scroll.Up, m.scroll.PageUp):
				m.helpScroll = max(m.helpScroll-1, 0)
			}
			return m, nil
		}
		if !m.active.Capturing() {
			switch {
			case key.Matches(msg, k.Help):
				m.showHelp, m.helpScroll = true, 0
				return m, nil
			case key.Matches(msg, k.Quit):
				return m.quit()
			case key.Matches(msg, k.Theme):
				return m.nextTheme()
			case key.Matches(msg, k.Pause) && m.clockShown():
				return m.togglePause()
			}
		}
	case tea.ModeReportMsg:
		m.common.NoteMode(msg)
		return m, nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width - 4)
		m.active.SetSize(m.contentSize())
		for _, s := range m.below {
			s.SetSize(m.contentSize())
		}
		return m, nil
	case common.StatusMsg:
		m.status = msg
		m.statusSeq++
		seq := m.statusSeq
		return m, tea.Tick(statusTTL(msg.IsErr), func(_ time.Time) tea.Msg { return clearStatusMsg{seq} })
	case clearStatusMsg:
		if msg.seq == m.statusSeq {
			m.status = common.StatusMsg{}
		}
		return m, nil
	case common.SavedMsg:
		// every screen sees it (the one that submitted the op takes it),
		// then the outbox is listened to again
		below := m.updateBelow(msg)
		var cmd tea.Cmd
		m.active, cmd = m.active.Update(msg)
		return m, tea.Batch(below, cmd, m.common.ListenOutbox())
	case common.ChangesMsg:
		if !m.common.Current(msg) {
			return m, nil
		}
		below := m.updateBelow(msg)
		var cmd, clock tea.Cmd
		m.active, cmd = m.active.Update(msg)
		if common.ClockChanges(msg.Changes) {
			clock = m.common.ReadClock(msg.SessionID)
		}
		return m, tea.Batch(below, cmd, m.common.Listen(msg), clock)
	case common.ClockMsg:
		return m.onClock(msg)
	case clockTickMsg:
		return m.onClockTick()
	case common.SetThemeMsg:
		if msg.Theme == m.common.Styles.Theme || m.common.KeepTheme || !validTheme(msg.Theme) {
			return m, nil
		}
		return m.setTheme(msg.Theme, false)
	case tea.ColorProfileMsg:
		m.profile = msg.Profile
	case flushedMsg:
		m.unsaved = msg.undelivered
		return m, nil
	}
	if next, cmd, ok := m.route(msg); ok {
		return next, cmd
	}
	below := m.updateBelow(msg)
	var cmd tea.Cmd
	m.active, cmd = m.active.Update(msg)
	return m, tea.Batch(below, cmd)
}

// switchTo makes s the active screen at the current size.
func (m Model) switchTo(s common.Screen) (Model, tea.Cmd) {
	m.active = s
	m.showHelp = false
	m.status = common.StatusMsg{} // a new screen: what the last one said is stale
	if m.width > 0 {
		s.SetSize(m.contentSize())
	}
	return m, s.Init()
}

// nextTheme switches to the next theme: a projector that washes colours
// out can get the high-contrast one in the middle of a session.
func (m Model) nextTheme() (tea.Model, tea.Cmd) {
	cur := m.common.Styles.Theme
	next := Themes[0]
	for i, t := range Themes {
		if t == cur {
			next = Themes[(i+1)%len(Themes)]
		}
	}
	return m.setTheme(next, true)
}

// setTheme switches every style; the screens re-render (and the
// walkthrough remembers the theme with the session).
func (m Model) setTheme(t Theme, say bool) (Model, tea.Cmd) {
	m.common.SetTheme(t)
	m.help.Styles = m.common.Styles.Help
	below := m.updateBelow(common.ThemeChangedMsg{})
	var cmd, status tea.Cmd
	m.active, cmd = m.active.Update(common.ThemeChangedMsg{})
	if say {
		status = common.StatusCmd("Theme: " + string(t))
	}
	return m, tea.Batch(below, cmd, status)
}

// quit commits pending input and stops the step clock, then ends the
// program.
func (m Model) quit() (tea.Model, tea.Cmd) {
	m.stopClock()
	if flush := m.flushAll(); flush != nil {
		return m, tea.Sequence(flush, tea.Quit)
	}
	return m, tea.Quit
}

// contentSize is the room the active screen gets: all but header and footer.
func (m Model) contentSize() (int, int) {
	return max(0, m.width), max(0, m.height-2)
}

// View implements tea.Model.
func (m Model) View() tea.View {
	// every frame and the title pass through the guards of user text
	// (common.Frame, common.OneLine), whichever screen drew them
	v := tea.NewView(m.common.Frame(m.render()))
	if m.profile > colorprofile.Ascii {
		// the theme's own colours, so that every colour is seen against
		// the background it was chosen for (NO_COLOR keeps the terminal's)
		v.BackgroundColor, v.ForegroundColor = m.common.Styles.Background, m.common.Styles.Foreground
	}
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "trustshop · " + common.OneLine(m.active.Title())
	return v
}

func (m Model) render() string {
	s := m.common.Styles
	if m.width == 0 {
		return ""
	}
	if m.tooSmall() {
		msg := fmt.Sprintf("Terminal too small: %d×%d.\nEnlarge it to at least %d×%d.\n\n(q quits)", m.width, m.height, MinWidth, MinHeight)
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, s.Warn.Render(msg))
	}
	header := m.header()
	body := m.active.View()
	if m.showHelp {
		box := s.Dialog.Render(s.Title.Render("Keys") + "\n\n" + m.fullHelp(m.width-s.Dialog.GetHorizontalFrameSize()) +
			"\n\n" + s.Faint.Render("? or esc closes this help"))
		if lipgloss.Height(box) > m.height-2 { // a small window: drop the frills, scroll
			lines, room := m.compactHelp()
			top := min(m.helpScroll, max(0, len(lines)-room))
			hint := "? or esc closes this help"
			if len(lines) > room {
				hint = fmt.Sprintf("↑↓ scroll (%d–%d of %d) · ? or esc closes", top+1, top+room, len(lines))
				lines = lines[top : top+room]
			}
			box = s.Dialog.Padding(0, 1).Render(strings.Join(lines, "\n") + "\n" + s.Faint.Render(hint))
		}
		body = lipgloss.Place(m.width, m.height-2, lipgloss.Center, lipgloss.Center, box)
	}
	// screens draw within their width; only the height is fitted here, as
	// measuring every line again would cost more than the rest of a frame
	return header + "\n" + fitHeight(body, m.height-2) + "\n" + m.footer()
}

// fitHeight makes s exactly h lines, cutting or adding blank lines.
func fitHeight(s string, h int) string {
	if h <= 0 {
		return ""
	}
	n := strings.Count(s, "\n") + 1
	switch {
	case n > h:
		cut := 0
		for range h {
			cut += strings.IndexByte(s[cut:], '\n') + 1
		}
		return s[:cut-1]
	case n < h:
		return s + strings.Repeat("\n", h-n)
	}
	return s
}

// clearStatusMsg removes the footer message with the given sequence number
// (a newer message is left alone).
type clearStatusMsg struct{ seq int }

// statusTTL is how long a footer message stays.
func statusTTL(isErr bool) time.Duration {
	if isErr {
		return 8 * time.Second
	}
	return 3 * time.Second
}

// compactHelp returns the help's lines for a window too small for the
// dialog, and how many of them fit beside the border and the closing hint.
func (m Model) compactHelp() (lines []string, room int) {
	frame := m.common.Styles.Dialog.Padding(0, 1)
	lines = strings.Split(m.fullHelp(m.width-frame.GetHorizontalFrameSize()), "\n")
	return lines, max(1, m.height-2-frame.GetVerticalFrameSize()-1)
}

// helpOverflow is how far the help can scroll: 0 when it fits.
func (m Model) helpOverflow() int {
	lines, room := m.compactHelp()
	return max(0, len(lines)-room)
}

// fullHelp lays the active screen's key groups out in columns, in as few
// rows of columns as fit the width.
func (m Model) fullHelp(width int) string {
	groups := m.active.FullHelp()
	h := m.help
	h.SetWidth(0) // measure whole columns: a width would cut them off with "…"
	for per := len(groups); per > 1; per-- {
		var rows []string
		for i := 0; i < len(groups); i += per {
			rows = append(rows, h.FullHelpView(groups[i:min(len(groups), i+per)]))
		}
		out := strings.Join(rows, "\n\n")
		if lipgloss.Width(out) <= width {
			return out
		}
	}
	var rows []string
	for _, g := range groups {
		rows = append(rows, h.FullHelpView([][]key.Binding{g}))
	}
	return strings.Join(rows, "\n\n")
}
