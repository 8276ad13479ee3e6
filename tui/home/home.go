// Package home is the home screen: the sessions of the database, to
// resume, review, export or delete, filtered as you type; n starts a new
// one.
package home

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// Model lists the sessions of the database: resume, review, delete or
// start a new one.
type Model struct {
	c             *common.Common
	keys          KeyMap
	width, height int

	loaded  bool
	all     []session.Summary
	shown   []session.Summary // all, filtered
	cursor  int
	offset  int // first row shown
	filter  textinput.Model
	editing bool             // the filter has the focus
	confirm *session.Summary // the session to delete, while asking
}

// New returns the home screen; it reads the session list in Init.
func New(c *common.Common) *Model {
	f := textinput.New()
	f.Prompt = "/ "
	f.Placeholder = "title, facilitator, organisation, date or id"
	return &Model{c: c, keys: DefaultKeyMap(c), filter: f}
}

// sessionsLoadedMsg carries the session list for the home screen.
type sessionsLoadedMsg struct {
	list []session.Summary
	err  error
}

// sessionDeletedMsg reports a deletion from the home screen.
type sessionDeletedMsg struct {
	id, title string
	err       error
}

// Init implements common.Screen: it loads the session list.
func (h *Model) Init() tea.Cmd { return loadSessionsCmd(h.c) }

// loadSessionsCmd reads the session list.
func loadSessionsCmd(c *common.Common) tea.Cmd {
	return func() tea.Msg {
		list, err := c.Engine.Sessions(c.Ctx)
		return sessionsLoadedMsg{list: list, err: err}
	}
}

// deleteSessionCmd deletes a session.
func deleteSessionCmd(c *common.Common, x session.Summary) tea.Cmd {
	return func() tea.Msg {
		err := c.Engine.DeleteSession(c.Ctx, c.Facilitator(), x.ID)
		return sessionDeletedMsg{id: x.ID, title: x.Title, err: err}
	}
}

// Title implements common.Screen.
func (h *Model) Title() string { return "Sessions" }

// Capturing implements common.Screen: typing a filter or answering the delete
// question keeps q and ? local.
func (h *Model) Capturing() bool { return h.editing || h.confirm != nil }

// SetSize implements common.Screen.
func (h *Model) SetSize(w, ht int) {
	h.width, h.height = w, ht
	h.filter.SetWidth(max(10, w-6))
	h.clampOffset()
}

// Update implements common.Screen.
func (h *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	k := h.keys
	switch msg := msg.(type) {
	case sessionsLoadedMsg:
		if msg.err != nil {
			return h, common.ErrorCmd(msg.err)
		}
		h.loaded, h.all = true, msg.list
		h.applyFilter()
		return h, nil
	case sessionDeletedMsg:
		if msg.err != nil {
			return h, common.ErrorCmd(fmt.Errorf("delete session %s: %w", msg.id, msg.err))
		}
		return h, tea.Batch(common.StatusCmd(fmt.Sprintf("Deleted session %s %s", msg.id, common.Quote(msg.title))), loadSessionsCmd(h.c))
	case tea.KeyPressMsg:
		switch {
		case h.confirm != nil:
			return h.updateConfirm(msg)
		case h.editing:
			return h.updateFilter(msg)
		}
		switch {
		case key.Matches(msg, k.Up):
			h.move(-1)
		case key.Matches(msg, k.Down):
			h.move(1)
		case key.Matches(msg, k.PageUp):
			h.move(-h.rows())
		case key.Matches(msg, k.PageDown):
			h.move(h.rows())
		case key.Matches(msg, k.Top):
			h.move(-len(h.shown))
		case key.Matches(msg, k.Bottom):
			h.move(len(h.shown))
		case key.Matches(msg, k.New):
			return h, func() tea.Msg { return common.NewSessionMsg{} }
		case key.Matches(msg, k.Open, k.Review):
			if x, ok := h.selected(); ok {
				ro := key.Matches(msg, k.Review)
				return h, func() tea.Msg { return common.OpenSessionMsg{ID: x.ID, ReadOnly: ro} }
			}
		case key.Matches(msg, k.Delete):
			if x, ok := h.selected(); ok {
				h.confirm = &x
			}
		case key.Matches(msg, k.Export):
			if x, ok := h.selected(); ok {
				id := x.ID
				return h, func() tea.Msg { return common.OpenExportMsg{ID: id} }
			}
		case key.Matches(msg, k.Filter):
			h.editing = true
			return h, h.filter.Focus()
		case key.Matches(msg, k.Refresh):
			return h, tea.Batch(loadSessionsCmd(h.c), common.StatusCmd("Refreshed"))
		case key.Matches(msg, h.c.Keys.Back):
			if h.filter.Value() != "" {
				h.filter.SetValue("")
				h.applyFilter()
			}
		}
	}
	return h, nil
}

func (h *Model) updateConfirm(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	x := *h.confirm
	switch {
	case msg.String() == "y": // only y: enter must not delete by accident
		h.confirm = nil
		return h, deleteSessionCmd(h.c, x)
	case key.Matches(msg, h.c.Keys.Back) || msg.String() == "n" || key.Matches(msg, h.c.Keys.Quit):
		h.confirm = nil
		return h, common.StatusCmd("Not deleted")
	}
	return h, nil
}

func (h *Model) updateFilter(msg tea.KeyPressMsg) (common.Screen, tea.Cmd) {
	switch {
	case key.Matches(msg, h.c.Keys.Back):
		h.editing = false
		h.filter.Blur()
		h.filter.SetValue("")
		h.applyFilter()
		return h, nil
	case key.Matches(msg, h.keys.Open):
		// enter keeps the filter and gives the keys back to the list
		h.editing = false
		h.filter.Blur()
		return h, nil
	case msg.Code == tea.KeyUp, msg.Code == tea.KeyDown:
		h.editing = false
		h.filter.Blur()
		return h.Update(msg)
	}
	var cmd tea.Cmd
	h.filter, cmd = h.filter.Update(msg)
	h.applyFilter()
	return h, cmd
}

// applyFilter keeps the sessions whose text holds every word of the filter.
func (h *Model) applyFilter() {
	words := strings.Fields(strings.ToLower(h.filter.Value()))
	h.shown = h.shown[:0]
	for _, x := range h.all {
		hay := strings.ToLower(strings.Join([]string{x.ID, x.Title, x.Facilitator, x.Organisation, x.Date, string(x.Status)}, " "))
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(hay, w)
		}
		if ok {
			h.shown = append(h.shown, x)
		}
	}
	h.cursor = min(h.cursor, max(0, len(h.shown)-1))
	h.clampOffset()
}

func (h *Model) selected() (session.Summary, bool) {
	if h.cursor < 0 || h.cursor >= len(h.shown) {
		return session.Summary{}, false
	}
	return h.shown[h.cursor], true
}

func (h *Model) move(d int) {
	h.cursor = max(0, min(len(h.shown)-1, h.cursor+d))
	h.clampOffset()
}

// rows is how many sessions fit: the height less the filter, the column
// heads and the blank line under them.
func (h *Model) rows() int { return max(1, h.height-4) }

func (h *Model) clampOffset() {
	n := h.rows()
	if h.cursor < h.offset {
		h.offset = h.cursor
	}
	if h.cursor >= h.offset+n {
		h.offset = h.cursor - n + 1
	}
	h.offset = max(0, min(h.offset, len(h.shown)-n))
}

// View implements common.Screen.
func (h *Model) View() string {
	s := h.c.Styles
	if !h.loaded {
		return s.Faint.Render("  Loading sessions…")
	}
	if len(h.all) == 0 {
		return h.emptyView()
	}
	var b strings.Builder
	switch {
	case h.editing || h.filter.Value() != "":
		b.WriteString(" " + h.filter.View())
	default:
		line := fmt.Sprintf("%d session%s in %s", len(h.all), common.Plural(len(h.all)), h.c.Engine.Path())
		fmt.Fprintf(&b, " %s", s.Subtle.Render(common.ClipText(line, h.width-1)))
	}
	b.WriteString("\n\n")
	if len(h.shown) == 0 {
		b.WriteString(s.Faint.Render("   No session matches. esc clears the filter."))
		return b.String()
	}
	// the id column goes first when the window is narrow: the title matters more
	showID := h.width >= 74
	fixed := 2 + 10 + 2 + 6 + 2 + 7 + 2 + 9 + 1 + 2
	if showID {
		fixed += 10
	}
	tw := max(10, h.width-fixed)
	row := func(id, title, date, people, progress, status string) string {
		r := fmt.Sprintf("%s  %-10s  %6s  %7s  %-9s", common.PadRight(common.ClipText(title, tw), tw), date, people, progress, status)
		if showID {
			r = fmt.Sprintf("%-8s  ", id) + r
		}
		return r
	}
	b.WriteString("  " + s.Subtle.Render(row("ID", "TITLE", "DATE", "PEOPLE", "STEP", "STATUS")) + "\n")
	end := min(len(h.shown), h.offset+h.rows())
	for i := h.offset; i < end; i++ {
		x := h.shown[i]
		line := row(x.ID, x.Title, x.Date, fmt.Sprint(x.Participants), fmt.Sprintf("%d/%d", min(x.Step+1, x.Steps), x.Steps), string(x.Status))
		if i == h.cursor {
			b.WriteString(s.Accent.Render("› ") + s.Selected.Render(line))
		} else {
			b.WriteString("  " + s.App.Render(line))
		}
		if i < end-1 {
			b.WriteByte('\n')
		}
	}
	out := b.String()
	if h.confirm != nil {
		out = h.confirmView()
	}
	return out
}

func (h *Model) emptyView() string {
	s := h.c.Styles
	text := s.Title.Render("No sessions yet") + "\n\n" +
		s.App.Render(common.WrapText("Press n to set up your first workshop: a title, who facilitates, and the participants with their stakeholder roles.", min(66, h.width-2))) + "\n\n" +
		s.Faint.Render("Press ? for every key, q to quit.")
	// the database path stays out of the centred block, whose place would
	// otherwise move with the length of the path
	db := s.Faint.Render(common.ClipText(" Database: "+h.c.Engine.Path(), h.width))
	return lipgloss.Place(h.width, h.height-1, lipgloss.Center, lipgloss.Center, text) + "\n" + db
}

func (h *Model) confirmView() string {
	s := h.c.Styles
	x := h.confirm
	text := s.ErrorTitle.Render("Delete this session?") + "\n\n" +
		s.Bold.Render(x.Title) + "\n" +
		s.Subtle.Render(fmt.Sprintf("%s · %s · %d participant%s · %d rating%s", x.ID, x.Date, x.Participants, common.Plural(x.Participants), x.Ratings, common.Plural(x.Ratings))) + "\n\n" +
		s.App.Render("Its ratings, notes and history go with it. This cannot be undone.") + "\n\n" +
		s.Warn.Render("y") + s.App.Render(" delete   ") + s.Accent.Render("n/esc") + s.App.Render(" keep it")
	return lipgloss.Place(h.width, h.height, lipgloss.Center, lipgloss.Center, s.Dialog.Render(text))
}
