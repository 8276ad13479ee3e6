// Package present is the second window for the room (trustshop present
// ID), the other way round from presenterm's speaker notes: run in another
// terminal (the one on the projector), it follows the facilitator's
// session through the engine's change feed, from any process on the same
// database, and shows the room what the room may see: the current item
// large and clean, the step's clock, an element's results once revealed to
// the room (the engine decides, session.ViewRoom), the summary's results.
// Never the notes, never who has rated, never a blind value; the
// facilitator's own screen keeps the controls, the notes and the progress.
//
// It writes nothing. Keys: q quits, t switches the theme, the arrows
// scroll an item taller than the window.
package present

import (
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/results"
)

// Model is the projector window.
type Model struct {
	c    *common.Common
	keys KeyMap
	id   string
	// followTheme: no --theme was given, so the window takes the theme the
	// facilitator left the session in, and follows it.
	followTheme bool

	ws      session.Workshop
	view    *session.ResultsView // what the room may see of the ratings
	summary string               // the summary step's results, for the room (Markdown)
	serve   session.ServeInfo    // the session served to devices, when the join screen is shown
	join    bool                 // the facilitator shows the join screen
	loaded  bool
	err     error
	loading bool // a read is under way
	again   bool // changes came while it was: read once more after it

	scroll        int
	width, height int
	profile       colorprofile.Profile
}

// New returns the window of session id; it reads the session in Init.
func New(c *common.Common, id string, followTheme bool) *Model {
	return &Model{c: c, keys: DefaultKeyMap(), id: id, followTheme: followTheme}
}

// loadedMsg carries what the window shows, read for the room.
type loadedMsg struct {
	ws      session.Workshop
	view    *session.ResultsView
	summary string
	serve   session.ServeInfo
	join    bool
	err     error
}

// tickMsg redraws the clock once a second.
type tickMsg struct{}

func tick() tea.Cmd { return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{} }) }

// loadCmd reads the session, its step clock and what the room may see of
// its results.
func (m *Model) loadCmd() tea.Cmd {
	m.loading = true
	c, id := m.c, m.id
	return func() tea.Msg {
		ws, err := c.Engine.Workshop(c.Ctx, id)
		if err != nil {
			return loadedMsg{err: err}
		}
		msg := loadedMsg{ws: ws}
		room := session.Viewer{Kind: session.ViewRoom}
		if msg.view, msg.err = c.Engine.Results(c.Ctx, room, ws.Session.ID); msg.err != nil {
			return msg
		}
		if step := ws.Pack.Agenda[stepOf(ws)]; step.Kind == content.StepSummary {
			if msg.summary, msg.err = results.RoomSummaryMarkdown(c, ws.Session.ID); msg.err != nil {
				return msg
			}
		}
		var served bool
		msg.serve, served, msg.err = c.Engine.Serving(c.Ctx, ws.Session.ID)
		msg.join = served && msg.serve.JoinShown
		return msg
	}
}

// stepOf is the session's current step, within the agenda.
func stepOf(ws session.Workshop) int { return min(max(0, ws.Session.Step), len(ws.Pack.Agenda)-1) }

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.loadCmd(), tick()) }

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.clampScroll()
	case tea.ColorProfileMsg:
		m.profile = msg.Profile
	case tea.ModeReportMsg:
		m.c.NoteMode(msg)
	case tickMsg:
		return m, tick()
	case loadedMsg:
		return m, m.onLoaded(msg)
	case common.ChangesMsg:
		cmds := []tea.Cmd{m.c.Listen(msg)}
		if msg.Err != nil {
			m.err = msg.Err
			return m, nil
		}
		if m.concerns(msg.Changes) {
			if m.loading {
				m.again = true
			} else {
				cmds = append(cmds, m.loadCmd())
			}
		}
		return m, tea.Batch(cmds...)
	case tea.KeyPressMsg:
		return m, m.onKey(msg)
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			m.scrollBy(-3)
		} else {
			m.scrollBy(3)
		}
	}
	return m, nil
}

func (m *Model) onLoaded(msg loadedMsg) tea.Cmd {
	m.loading = false
	var cmds []tea.Cmd
	if m.again {
		m.again = false
		cmds = append(cmds, m.loadCmd())
	}
	if msg.err != nil {
		m.err = msg.err
		return tea.Batch(cmds...)
	}
	step, shown := -1, ""
	if m.loaded {
		step, shown = m.ws.Session.Step, m.ws.View.Shown
	}
	m.err = nil
	m.ws, m.view, m.summary, m.serve, m.join = msg.ws, msg.view, msg.summary, msg.serve, msg.join
	if !m.loaded {
		m.loaded = true
		m.id = msg.ws.Session.ID
		cmds = append(cmds, m.c.Follow(m.id, msg.ws.Seq))
	}
	if step != m.ws.Session.Step || shown != m.ws.View.Shown {
		m.scroll = 0 // a new step, or an item opened over it, starts at its top
	}
	if t := common.Theme(m.ws.View.Theme); m.followTheme && t != "" && t != m.c.Styles.Theme && validTheme(t) {
		m.c.SetTheme(t)
	}
	m.clampScroll()
	return tea.Batch(cmds...)
}

// concerns reports whether changes alter what the room sees: anything but
// the notes (never shown) and the ratings of rounds still blind (the
// results read decides; a reveal comes as a change of the round).
func (m *Model) concerns(changes []session.Change) bool {
	for _, c := range changes {
		if c.Entity == "note" {
			continue
		}
		if _, k, ok := c.CellOf(); ok {
			r, _ := m.ws.Rounds.Get(k.ElementID, k.Round)
			if !session.See(session.Viewer{Kind: session.ViewRoom}, m.ws.Session.Status, r).Values {
				continue // blind: nothing of it reaches the room
			}
		}
		return true
	}
	return false
}

func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Theme):
		m.followTheme = false
		m.c.SetTheme(nextTheme(m.c.Styles.Theme))
	case key.Matches(msg, k.Up):
		m.scrollBy(-1)
	case key.Matches(msg, k.Down):
		m.scrollBy(1)
	case key.Matches(msg, k.PageUp):
		m.scrollBy(-max(1, m.bodyHeight()-2))
	case key.Matches(msg, k.PageDown):
		m.scrollBy(max(1, m.bodyHeight()-2))
	case key.Matches(msg, k.Top):
		m.scroll = 0
	}
	return nil
}

func (m *Model) scrollBy(d int) {
	m.scroll += d
	m.clampScroll()
}

func (m *Model) clampScroll() {
	if !m.loaded || m.width == 0 {
		return
	}
	m.scroll = max(0, min(m.scroll, len(m.bodyLines())-m.bodyHeight()))
}

// themes are the themes t cycles through, as in the facilitator's window.
func themes() []common.Theme {
	return []common.Theme{common.ThemeDark, common.ThemeLight, common.ThemeHighContrast}
}

func nextTheme(t common.Theme) common.Theme {
	all := themes()
	for i, x := range all {
		if x == t {
			return all[(i+1)%len(all)]
		}
	}
	return all[0]
}

func validTheme(t common.Theme) bool { return slices.Contains(themes(), t) }
