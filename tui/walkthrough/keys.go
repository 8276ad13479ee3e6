package walkthrough

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/rating"
)

// KeyMap is the keys of the walkthrough: steps, the agenda, the text,
// links, notes and the rating grid.
type KeyMap struct {
	common.NavKeys
	Tab, Open, NextStep, PrevStep, Notes, Zoom, Rate, Results, Export, Jump, Return, Devices key.Binding
	Skip, Edit                                                                               key.Binding
}

// DefaultKeyMap returns the walkthrough's keys; a review (or a read-only
// app) has no notes and no rating.
func DefaultKeyMap(c *common.Common, readOnly bool) KeyMap {
	k := KeyMap{
		NavKeys:  common.DefaultNavKeys(),
		Tab:      key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "switch pane")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		NextStep: key.NewBinding(key.WithKeys("n", "right", "l"), key.WithHelp("n/→", "next step")),
		PrevStep: key.NewBinding(key.WithKeys("p", "left", "h"), key.WithHelp("p/←", "previous step")),
		Notes:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit notes")),
		Zoom:     key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "presenter zoom")),
		Rate:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rate")),
		Results:  key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "results")),
		Export:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export")),
		Jump:     key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "open element")),
		Return:   key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
		Devices:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "rate from devices")),
		Skip:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip the step (again: take back)")),
		Edit:     key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "title and participants")),
	}
	if readOnly || c.ReadOnly {
		for _, b := range []*key.Binding{&k.Notes, &k.Rate, &k.Skip, &k.Edit, &k.Devices} {
			b.SetEnabled(false)
		}
	}
	return k
}

// onKey handles a key when neither the note editor nor the rating pane has it.
func (w *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := w.keys
	st := w.currentStep()
	switch {
	case w.detours.open() && !w.agenda.focus && key.Matches(msg, k.Return):
		w.closeDetour()
	case key.Matches(msg, w.c.Keys.Back):
		if w.agenda.focus {
			w.agenda.focus = false
			w.layout()
			return nil
		}
		return tea.Batch(w.leaveStep(), common.GoHome)
	case key.Matches(msg, k.Tab):
		if !w.zoom {
			w.agenda.focus = !w.agenda.focus
			w.agenda.cursor = w.step
			w.layout() // a narrow window shows the agenda in place of the text
		}
	case w.agenda.focus && key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom):
		w.agenda.move(msg, k, len(w.pack.Agenda))
	case w.agenda.focus && key.Matches(msg, k.Open):
		w.agenda.focus = false
		w.layout()
		return w.goTo(w.agenda.cursor)
	case w.agenda.focus && key.Matches(msg, k.Skip):
		return w.toggleSkip(w.agenda.cursor)
	case w.agenda.focus && w.width < narrowWidth:
		// The agenda stands in place of the text: a key meant for the
		// hidden pane would change it unseen.
		return common.StatusCmd("Tab returns to the text")
	case key.Matches(msg, k.Edit):
		id := w.sess.ID
		return func() tea.Msg { return common.OpenSessionEditMsg{ID: id} }
	case key.Matches(msg, k.NextStep):
		return w.goTo(w.step + 1)
	case key.Matches(msg, k.PrevStep):
		return w.goTo(w.step - 1)
	case key.Matches(msg, k.Up):
		w.page.vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		w.page.vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		w.page.vp.PageUp()
	case key.Matches(msg, k.PageDown):
		w.page.vp.PageDown()
	case key.Matches(msg, k.Top):
		w.page.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		w.page.vp.GotoBottom()
	case key.Matches(msg, k.Zoom):
		w.zoom = !w.zoom
		w.agenda.focus = false
		w.layout()
		w.saveViewCmd()
	case key.Matches(msg, k.Jump):
		w.agenda.focus = false // the element opens in the text pane, which takes the keys
		w.openLinked(int(msg.Code - '1'))
		w.layout()
	case key.Matches(msg, k.Devices) && !w.readOnly:
		id := w.sess.ID
		return func() tea.Msg { return common.OpenDevicesMsg{ID: id, Start: true} }
	case key.Matches(msg, k.Notes):
		if w.readOnly {
			return common.StatusCmd("This is a review: notes are read-only.")
		}
		w.agenda.focus = false // the editor takes the keys
		return w.openEditor()
	case key.Matches(msg, k.Rate) && st.Kind == content.StepElement && !w.detours.open():
		if w.readOnly {
			return common.StatusCmd("This is a review: ratings are read-only.")
		}
		w.agenda.focus = false // the grid takes the keys
		w.rating = rating.NewGrid(w.c, w.ws, st.Ref)
		w.layout()
		return w.rating.Init()
	default:
		return unknownKey(msg)
	}
	return nil
}

// unknownKey says so when a printable key does nothing, so a mistyped key
// is not mistaken for one that acted unseen.
func unknownKey(msg tea.KeyPressMsg) tea.Cmd {
	if msg.Text == "" || msg.Mod&^tea.ModShift != 0 {
		return nil
	}
	return common.StatusCmd(msg.Text + " does nothing here · ? lists the keys")
}

// ShortHelp implements help.KeyMap.
func (w *Model) ShortHelp() []key.Binding {
	k, g := w.keys, w.c.Keys
	switch {
	case !w.loaded:
		return []key.Binding{g.Back, g.Quit}
	case w.gate.asking:
		return w.gate.shortHelp()
	case w.reopen.asking:
		return w.reopen.shortHelp()
	case w.notes.editor != nil:
		return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close notes (saved as you type)"))}
	case w.rating != nil && w.rating.Capturing():
		return w.rating.ShortHelp() // typing a comment, confirming: esc is the grid's
	case w.rating != nil:
		return append(w.rating.ShortHelp(), key.NewBinding(key.WithKeys("r"), key.WithHelp("r/esc", "back to the text")))
	case w.agenda.focus:
		return []key.Binding{k.Up, k.Down, common.WithHelp(k.Open, "enter", "go to step"), common.WithHelp(k.Skip, "s", "skip"),
			common.WithHelp(k.Tab, "tab", "back to the text"), g.Help}
	case w.detours.open():
		keys := []key.Binding{common.WithHelp(k.Return, "esc", "back to "+w.backTitle())}
		if n := len(w.links()); n > 0 {
			keys = append(keys, common.WithHelp(k.Jump, jumpHelp(n), "open "+w.linkNoun()))
		}
		return append(keys, k.Down, k.PageDown, g.Help, g.Quit)
	}
	keys := []key.Binding{k.NextStep, k.PrevStep}
	if n := len(w.links()); n > 0 {
		keys = append(keys, common.WithHelp(k.Jump, jumpHelp(n), "open "+w.linkNoun()))
	}
	if w.currentStep().Kind == content.StepElement && !w.readOnly {
		keys = append(keys, k.Rate)
	}
	if !w.readOnly {
		keys = append(keys, k.Notes)
	}
	return append(keys, k.Zoom, g.Help, g.Quit)
}

// FullHelp implements help.KeyMap.
func (w *Model) FullHelp() [][]key.Binding {
	k, g := w.keys, w.c.Keys
	if w.rating != nil {
		return append(w.rating.FullHelp(), []key.Binding{common.WithHelp(k.Rate, "r/esc", "back to the text")})
	}
	return [][]key.Binding{
		{k.NextStep, k.PrevStep, k.Tab, common.WithHelp(k.Open, "enter", "go to the agenda step"), common.WithHelp(k.Skip, "s", "skip the agenda step"), g.Back},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{common.WithHelp(k.Jump, "1-9", "open a story's element"), common.WithHelp(k.Return, "esc", "back from it"), k.Notes, k.Rate, k.Results, k.Export, k.Devices, k.Edit},
		{k.Zoom, g.Theme, g.Pause, g.Help, g.Quit, g.ForceQuit},
	}
}

func jumpHelp(n int) string {
	if n == 1 {
		return "1"
	}
	return "1-" + string(rune('0'+min(n, 9)))
}

// linkNoun is what the numbers open now: stories on the map, elements
// of a story.
func (w *Model) linkNoun() string {
	level, _ := w.linkLevel()
	kind := w.currentStep().Kind
	if level > 0 {
		kind = w.detours.items[level-1].Kind
	}
	if kind == content.StepMap {
		return "story"
	}
	return "element"
}
