package walkthrough

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// Notes are saved as they are typed: noteDebounce after the last key, and
// at the latest noteMaxWait after the first unsaved one while typing goes
// on, so a crash loses at most about a second of typing.
const (
	noteDebounce = 500 * time.Millisecond
	noteMaxWait  = time.Second
)

// notes are the steps' notes as typed and as stored (a note is written
// when the two differ), and the editor while one is typed.
type notes struct {
	typed  map[string]string // step key -> note as typed
	saved  map[string]string // step key -> note as stored
	editor *notesEditor      // the open step's note, being typed; nil when closed
}

func newNotes(stored map[string]session.Note) notes {
	n := notes{typed: map[string]string{}, saved: map[string]string{}}
	for k, note := range stored {
		n.typed[k], n.saved[k] = note.Body, note.Body
	}
	return n
}

// notesEditor is the note of the open step, being typed.
type notesEditor struct {
	ta      *textEditor // editor.go
	key     string      // the step key the note belongs to
	seq     int         // counts keys, so only the last debounce saves
	pending time.Time   // when the first unsaved change was typed; zero if none
}

// noteDebounceMsg fires noteDebounce after a key in the editor.
type noteDebounceMsg struct{ seq int }

// openEditor opens the note editor on the current step.
func (w *Model) openEditor() tea.Cmd {
	st := w.c.Styles.TextArea.Focused
	k := w.currentStep().Key()
	ta := newTextEditor(w.notes.typed[k], st.Text, w.c.Styles.Rating.Cursor, st.Placeholder)
	ta.holder = notePrompt(w.currentStep().Kind)
	w.notes.editor = &notesEditor{ta: ta, key: k}
	w.layout()
	return nil
}

func (e *notesEditor) setSize(width, height int) { e.ta.setSize(width, height) }

// updateEditor handles a message while the editor is open.
func (w *Model) updateEditor(msg tea.Msg) tea.Cmd {
	e := w.notes.editor
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, w.c.Keys.Back) {
		return w.closeEditor()
	}
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
	default:
		return nil
	}
	var cmd tea.Cmd
	if !e.ta.update(msg) {
		return nil
	}
	w.notes.typed[e.key] = e.ta.Value()
	e.seq++
	now := w.c.Now()
	if e.pending.IsZero() {
		e.pending = now
	}
	if now.Sub(e.pending) >= noteMaxWait {
		e.pending = time.Time{}
		return tea.Batch(cmd, w.saveNoteCmd(e.key))
	}
	seq := e.seq
	return tea.Batch(cmd, tea.Tick(noteDebounce, func(time.Time) tea.Msg { return noteDebounceMsg{seq: seq} }))
}

func (w *Model) onNoteDebounce(msg noteDebounceMsg) tea.Cmd {
	e := w.notes.editor
	if e == nil || msg.seq != e.seq {
		return nil
	}
	e.pending = time.Time{}
	return w.saveNoteCmd(e.key)
}

// closeEditor saves and closes the note editor.
func (w *Model) closeEditor() tea.Cmd {
	k := w.notes.editor.key
	w.notes.editor = nil
	w.layout()
	return w.saveNoteCmd(k)
}

// notesView is the editor, or the note of the step when it is closed.
func (w *Model) notesView(g geometry) string {
	s := w.c.Styles
	pad := strings.Repeat(" ", g.pad)
	if e := w.notes.editor; e != nil {
		title := s.Title.Render("Notes") + s.Faint.Render(" · saved as you type · esc closes")
		return pad + title + "\n" + indent(e.ta.view(), g.pad)
	}
	note := strings.TrimSpace(w.notes.typed[w.currentStep().Key()])
	lines := strings.Split(note, "\n")
	if len(lines) > g.noteH-1 {
		lines = append(lines[:max(0, g.noteH-2)], "…")
	}
	for i, l := range lines {
		lines[i] = pad + s.Subtle.Render(common.ClipText(l, g.textW))
	}
	label := " Notes (e edits)"
	if w.readOnly || w.c.ReadOnly {
		label = " Notes"
	}
	rule := pad + s.Faint.Render(strings.Repeat("─", min(g.textW, 12))+label)
	return lipgloss.JoinVertical(lipgloss.Left, rule, strings.Join(lines, "\n"))
}

// notePrompt is the note editor's placeholder for a kind of step.
func notePrompt(kind content.StepKind) string {
	switch kind {
	case content.StepElement:
		return "What does the group say? E.g. the concrete measures for this element."
	case content.StepStory:
		return "What does the group say? E.g. what this trust relation needs, examples from your organisations."
	case content.StepPersona:
		return "What does the group say? E.g. who in the room plays this role, and where it differs."
	}
	return "What does the group say?"
}
