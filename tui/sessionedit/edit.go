// Package sessionedit is the session's title, site and participants,
// opened over the walkthrough (E): a participant who arrives late is
// added, a name spelled wrong is corrected, the title or the site (the
// session's label in a study merged from several laptops) is changed, in
// the middle of a workshop. Every change is an engine command handed to
// the outbox (SetTitle, SetSite, RenameParticipant, AddParticipant); the engine checks it (a
// name taken, a role the pack lacks) and the screen says what it refused.
// The walkthrough and the grid take the changes from the feed.
package sessionedit

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// editing is what the input line is for.
type editing int

const (
	editNone editing = iota
	editTitle
	editSite
	editName
	editAdd
)

// Model is the screen: the title, the participants and a line to type on.
type Model struct {
	c    *common.Common
	keys KeyMap
	id   string

	ws     session.Workshop
	loaded bool
	err    error // the session could not be read

	row     int // rowTitle, rowSite, then a participant each (firstPerson on), then "add"
	editing editing
	input   textinput.Model
	pending map[uint64]pendingEdit // ops on their way, with what they do
	problem string                 // the engine's last refusal, shown under the input

	width, height int
}

// New opens session id's title and participants; they are read in Init.
func New(c *common.Common, id string) *Model {
	in := textinput.New()
	in.CharLimit = session.MaxTitleLen
	st := in.Styles()
	st.Cursor.Blink = false // a steady cursor: nothing on screen moves while the room reads
	in.SetStyles(st)
	return &Model{c: c, keys: DefaultKeyMap(), id: id, input: in, pending: map[uint64]pendingEdit{}}
}

// loadedMsg carries the session as the engine has it.
type loadedMsg struct {
	owner *Model
	ws    session.Workshop
	err   error
}

func (m *Model) loadCmd() tea.Cmd {
	c, id, owner := m.c, m.id, m
	return func() tea.Msg {
		ws, err := c.OpenSession(id)
		return loadedMsg{owner: owner, ws: ws, err: err}
	}
}

// Init implements common.Screen.
func (m *Model) Init() tea.Cmd { return m.loadCmd() }

// Title implements common.Screen.
func (m *Model) Title() string {
	if !m.loaded {
		return "Title and participants"
	}
	return "Title and participants · " + m.ws.Session.Title
}

// SessionID implements common.SessionScreen: the clock stays in view.
func (m *Model) SessionID() string { return m.ws.Session.ID }

// Capturing implements common.Screen: while a line is typed.
func (m *Model) Capturing() bool { return m.editing != editNone }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.SetWidth(max(10, m.innerWidth()-lipgloss.Width(m.input.Prompt)-1))
}

func (m *Model) innerWidth() int { return max(30, min(76, m.width-8)) }

// The selectable rows: the title, the site, each participant from
// firstPerson, and the line that adds one.
const (
	rowTitle    = 0
	rowSite     = 1
	firstPerson = 2
)

// rows is the number of selectable rows.
func (m *Model) rows() int { return len(m.ws.Session.Participants) + firstPerson + 1 }

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.owner != m {
			return m, nil
		}
		if msg.err != nil {
			m.err = msg.err
			return m, common.ErrorCmd(msg.err)
		}
		m.ws, m.loaded, m.id = msg.ws, true, msg.ws.Session.ID
		m.row = min(m.row, m.rows()-1)
		return m, nil
	case common.ChangesMsg:
		if msg.SessionID == m.ws.Session.ID {
			for _, ch := range msg.Changes {
				if ch.Entity == "participant" || ch.Entity == "session" {
					return m, m.loadCmd()
				}
			}
		}
		return m, nil
	case common.SavedMsg:
		pe, ok := m.pending[msg.Op.ID]
		if !ok || !msg.Final {
			return m, nil
		}
		delete(m.pending, msg.Op.ID)
		if msg.Err != nil {
			// The typed text comes back into its field with the engine's
			// reason under it, to be corrected rather than typed again.
			return m, m.refused(pe, msg.Err)
		}
		m.problem = ""
		return m, tea.Batch(m.loadCmd(), common.StatusCmd(upperFirst(pe.what)))
	case tea.KeyPressMsg:
		if !m.loaded {
			if key.Matches(msg, m.keys.Back) {
				return m, common.Pop
			}
			return m, nil
		}
		if m.editing != editNone {
			return m, m.typing(msg)
		}
		return m, m.onKey(msg)
	}
	if m.editing != editNone {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return common.Pop
	case key.Matches(msg, k.Up):
		m.row = max(0, m.row-1)
	case key.Matches(msg, k.Down):
		m.row = min(m.rows()-1, m.row+1)
	case key.Matches(msg, k.Add):
		m.row = m.rows() - 1
		return m.edit(editAdd)
	case key.Matches(msg, k.Edit):
		switch {
		case m.row == rowTitle:
			return m.edit(editTitle)
		case m.row == rowSite:
			return m.edit(editSite)
		case m.row == m.rows()-1:
			return m.edit(editAdd)
		default:
			return m.edit(editName)
		}
	}
	return nil
}

// edit opens the input line for a title, a name or a new participant.
func (m *Model) edit(e editing) tea.Cmd {
	m.editing, m.problem = e, ""
	switch e {
	case editTitle:
		m.input.Prompt, m.input.Placeholder = "Title: ", "the session's title"
		m.input.SetValue(m.ws.Session.Title)
	case editSite:
		m.input.Prompt, m.input.Placeholder = "Site: ", "where it runs, e.g. Munich, TUM (empty: none)"
		m.input.SetValue(m.ws.Session.Site)
	case editName:
		p := m.ws.Session.Participants[m.row-firstPerson]
		m.input.Prompt, m.input.Placeholder = "Name: ", "a name or an alias"
		m.input.SetValue(p.Name)
	case editAdd:
		m.input.Prompt, m.input.Placeholder = "New: ", "Name: role[: organisation], e.g. Eve: "+firstRole(m)
		m.input.SetValue("")
	}
	m.SetSize(m.width, m.height)
	m.input.CursorEnd()
	return m.input.Focus()
}

// typing handles a key while the input line is open: enter hands the
// change to the engine, esc drops it.
func (m *Model) typing(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.editing, m.problem = editNone, ""
		m.input.Blur()
		return nil
	case key.Matches(msg, m.keys.Submit):
		return m.submit()
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

// submit hands the typed change to the outbox; the engine decides.
func (m *Model) submit() tea.Cmd {
	eng, actor, id, text := m.c.Engine, m.c.Facilitator(), m.ws.Session.ID, strings.TrimSpace(m.input.Value())
	var what string
	var do func(ctx context.Context) error
	switch m.editing {
	case editTitle:
		what = fmt.Sprintf("title changed to %s", common.Quote(text))
		do = func(ctx context.Context) error { return eng.SetTitle(ctx, actor, id, text) }
	case editSite:
		if text == m.ws.Session.Site {
			m.editing = editNone
			m.input.Blur()
			return nil
		}
		what = fmt.Sprintf("site changed to %s", common.Quote(text))
		if text == "" {
			what = "site cleared"
		}
		do = func(ctx context.Context) error { return eng.SetSite(ctx, actor, id, text) }
	case editName:
		p := m.ws.Session.Participants[m.row-firstPerson]
		if text == p.Name {
			m.editing = editNone
			return nil
		}
		what = fmt.Sprintf("%s renamed %s", p.Name, text)
		do = func(ctx context.Context) error { return eng.RenameParticipant(ctx, actor, id, p.ID, text) }
	case editAdd:
		pt, err := m.parse(text)
		if err != nil {
			m.problem = err.Error()
			return nil
		}
		what = fmt.Sprintf("%s added (%s)", pt.Name, pt.Role)
		do = func(ctx context.Context) error { _, err := eng.AddParticipant(ctx, actor, id, pt); return err }
	}
	op := m.c.Submit(session.Op{What: what, Do: do})
	m.pending[op] = pendingEdit{what: what, editing: m.editing, row: m.row, text: m.input.Value()}
	m.editing, m.problem = editNone, ""
	m.input.Blur()
	return nil
}

// parse reads "Name: role[: organisation]"; the role may be a persona's
// id, short name or title, or the unambiguous start of one.
func (m *Model) parse(text string) (session.Participant, error) {
	parts := strings.SplitN(text, ":", 3)
	name := strings.TrimSpace(parts[0])
	if name == "" || len(parts) < 2 || strings.TrimSpace(parts[1]) == "" {
		return session.Participant{}, fmt.Errorf("type a name, a colon and the role, e.g. \"Eve: %s\"", firstRole(m))
	}
	role, err := m.ws.Pack.ResolveRole(parts[1])
	if err != nil {
		return session.Participant{}, err
	}
	pt := session.Participant{Name: name, Role: role}
	if len(parts) == 3 {
		pt.Organisation = strings.TrimSpace(parts[2])
	}
	return pt, nil
}

func firstRole(m *Model) string {
	if m.ws.Pack == nil || len(m.ws.Pack.Personas) == 0 {
		return "role"
	}
	return m.ws.Pack.Personas[0].ID
}
