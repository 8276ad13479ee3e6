package tui

import (
	"strings"
	"sync"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/common"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Notes are saved as they are typed: noteDebounce after the last key, and
// at the latest noteMaxWait after the first unsaved one while typing goes
// on, so a crash loses at most about a second of typing.
const (
	noteDebounce = 500 * time.Millisecond
	noteMaxWait  = time.Second
)

// notesEditor is the note of the open step, being typed.
type notesEditor struct {
	ta      textarea.Model
	key     string    // the step key the note belongs to
	seq     int       // counts keys, so only the last debounce saves
	pending time.Time // when the first unsaved change was typed; zero if none
}

// noteDebounceMsg fires noteDebounce after a key in the editor.
type noteDebounceMsg struct{ seq int }

// noteSavedMsg reports a note write.
type noteSavedMsg struct {
	key, body string
	err       error
}

// writeFailedMsg reports a failed background write.
type writeFailedMsg struct{ err error }

// openEditor opens the note editor on the current step.
func (w *walkthrough) openEditor() tea.Cmd {
	ta := textarea.New()
	ta.Placeholder = notePrompt(w.currentStep().Kind)
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0
	ta.SetStyles(textarea.DefaultStyles(w.c.Styles.Theme != ThemeLight))
	k := w.currentStep().Key()
	ta.SetValue(w.notes[k])
	w.editor = &notesEditor{ta: ta, key: k}
	w.layout()
	return w.editor.ta.Focus()
}

func (e *notesEditor) setSize(width, height int) {
	e.ta.SetWidth(width)
	e.ta.SetHeight(max(1, height))
}

// updateEditor handles a message while the editor is open.
func (w *walkthrough) updateEditor(msg tea.Msg) tea.Cmd {
	e := w.editor
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, w.c.Keys.Back) {
		return w.closeEditor()
	}
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
	default:
		var cmd tea.Cmd
		e.ta, cmd = e.ta.Update(msg)
		return cmd
	}
	before := e.ta.Value()
	var cmd tea.Cmd
	e.ta, cmd = e.ta.Update(msg)
	if e.ta.Value() == before {
		return cmd
	}
	w.notes[e.key] = e.ta.Value()
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

func (w *walkthrough) onNoteDebounce(msg noteDebounceMsg) tea.Cmd {
	if w.editor == nil || msg.seq != w.editor.seq {
		return nil
	}
	w.editor.pending = time.Time{}
	return w.saveNoteCmd(w.editor.key)
}

// closeEditor saves and closes the note editor.
func (w *walkthrough) closeEditor() tea.Cmd {
	k := w.editor.key
	w.editor = nil
	w.layout()
	return w.saveNoteCmd(k)
}

// saveNoteCmd writes the note of step k if it differs from what is stored.
func (w *walkthrough) saveNoteCmd(k string) tea.Cmd {
	body, ok := w.notes[k]
	if w.readOnly || !ok || body == w.saved[k] {
		return nil
	}
	w.seq++
	seq, wr, c, id := w.seq, w.writer, w.c, w.sess.ID
	return func() tea.Msg {
		err := wr.write("note:"+k, seq, func() error { return c.Store.SaveNote(c.Ctx, id, k, body) })
		return noteSavedMsg{key: k, body: body, err: err}
	}
}

func (w *walkthrough) onNoteSaved(msg noteSavedMsg) tea.Cmd {
	if msg.err != nil {
		// the text stays in the editor and in w.notes; the next key or
		// closing the editor tries again
		return common.ErrorCmd(msg.err)
	}
	w.saved[msg.key] = msg.body
	return nil
}

// notesView is the editor, or the note of the step when it is closed.
func (w *walkthrough) notesView(g geometry) string {
	s := w.c.Styles
	pad := strings.Repeat(" ", g.pad)
	if w.editor != nil {
		title := s.Title.Render("Notes") + s.Faint.Render(" · saved as you type · esc closes")
		return pad + title + "\n" + indent(w.editor.ta.View(), g.pad)
	}
	note := strings.TrimSpace(w.notes[w.currentStep().Key()])
	lines := strings.Split(note, "\n")
	if len(lines) > g.noteH-1 {
		lines = append(lines[:max(0, g.noteH-2)], "…")
	}
	for i, l := range lines {
		lines[i] = pad + s.Subtle.Render(common.ClipText(l, g.textW))
	}
	rule := pad + s.Faint.Render(strings.Repeat("─", min(g.textW, 12))+" Notes (e edits)")
	return lipgloss.JoinVertical(lipgloss.Left, rule, strings.Join(lines, "\n"))
}

// sessionWriter orders a walkthrough's store writes. Commands run on their
// own goroutines, so two saves of the same note may finish out of order; a
// write older than one already done for the same target is skipped, so
// the newest text always wins.
type sessionWriter struct {
	mu   sync.Mutex
	done map[string]int64
}

func newSessionWriter() *sessionWriter { return &sessionWriter{done: map[string]int64{}} }

func (s *sessionWriter) write(target string, seq int64, fn func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done[target] > seq {
		return nil
	}
	if err := fn(); err != nil {
		return err
	}
	s.done[target] = seq
	return nil
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
