package sessionedit

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
)

// pendingEdit is a change on its way to the engine: what it does, and
// the field and text it came from, to give back if the engine refuses it.
type pendingEdit struct {
	what    string
	editing editing
	row     int
	text    string
}

// refused reopens the field of a refused change with the typed text and
// the engine's reason under it.
func (m *Model) refused(pe pendingEdit, err error) tea.Cmd {
	var cmd tea.Cmd
	if m.editing == editNone && pe.editing != editNone && (pe.editing != editName || pe.row-firstPerson < len(m.ws.Session.Participants)) {
		m.row = pe.row
		cmd = m.edit(pe.editing)
		m.input.SetValue(pe.text)
		m.input.CursorEnd()
	}
	m.problem = reason(err)
	return cmd
}

// reason is an engine's refusal as one sentence for the facilitator:
// without the kind of error ("conflict: ", "invalid: ") it starts with.
func reason(err error) string {
	text := err.Error()
	for _, kind := range []error{session.ErrConflict, session.ErrInvalid, session.ErrNotFound, session.ErrAmbiguous} {
		if errors.Is(err, kind) {
			text = strings.TrimPrefix(text, kind.Error()+": ")
		}
	}
	text = upperFirst(text)
	if !strings.HasSuffix(text, ".") {
		text += "."
	}
	return text
}
