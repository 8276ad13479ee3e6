package tui

import (
	"bytes"
	"context"
	"fmt"
	"runtime/debug"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// guarded is the root model as Run runs it. It works around a panic of
// bubbles' textinput (deleteWordForward), and it remembers the last root
// model, so that after a panic anywhere what the screens hold can still
// be saved (rescue).
type guarded struct {
	Model
	state *runState
}

// runState is what Run learns while the program runs.
type runState struct {
	model    Model // the last root model an Update returned
	panicked bool
	value    any    // what panicked in an Update or a View
	stack    []byte // where
}

// deleteWordForward holds the keys of textinput's KeyMap.DeleteWordForward
// (bubbles v2.2.1), which panic with the cursor on the last character
// (charmbracelet/bubbles#1056).
var deleteWordForward = key.NewBinding(key.WithKeys("alt+delete", "alt+d", "ctrl+delete"))

// Update implements tea.Model. A panic in the root or a screen ends the
// program (saving what it can) instead of losing what was typed.
func (g guarded) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd, r, stack := g.try(msg)
	if r != nil {
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, deleteWordForward) && bytes.Contains(stack, []byte("textinput.(*Model).deleteWordForward")) {
			// The cursor was on the last character, and textinput works on a
			// copy of itself, so nothing changed: delete that character,
			// which is what the key does there. Remove once bubbles
			// fixes #1056.
			next, cmd, r, stack = g.try(tea.KeyPressMsg{Code: tea.KeyDelete})
		}
	}
	if r != nil {
		g.state.panicked, g.state.value, g.state.stack = true, r, stack
		return g, tea.Quit
	}
	g.state.model = next
	return guarded{Model: next, state: g.state}, cmd
}

// try runs the root's Update, catching a panic.
func (g guarded) try(msg tea.Msg) (next Model, cmd tea.Cmd, r any, stack []byte) {
	defer func() {
		if r = recover(); r != nil {
			stack = debug.Stack()
		}
	}()
	m, cmd := g.Model.Update(msg)
	return m.(Model), cmd, nil, nil
}

// View implements tea.Model; a panic shows the last words instead of
// killing the program without saving.
func (g guarded) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			if !g.state.panicked {
				g.state.panicked, g.state.value, g.state.stack = true, r, debug.Stack()
			}
			v = tea.NewView("trustshop stopped on an internal error; saving what was typed…")
		}
	}()
	return g.Model.View()
}

// rescue hands what each screen holds (a note being typed) to the outbox,
// as quitting does, each screen on its own so that a broken one does not
// keep the others from saving, then waits for the outbox and returns what
// could not be saved.
func rescue(m Model) []session.Op {
	if m.common == nil {
		return nil
	}
	for _, s := range append([]common.Screen{m.active}, m.below...) {
		f, ok := s.(common.Flusher)
		if !ok {
			continue
		}
		func() {
			defer func() { _ = recover() }() // a broken screen keeps what it had
			if cmd := f.Flush(); cmd != nil {
				cmd()
			}
		}()
	}
	ctx, cancel := context.WithTimeout(context.Background(), flushWait)
	defer cancel()
	return m.common.Outbox.Flush(ctx)
}

// PanicError is returned by Run when the program stopped on a panic (a
// bug in trustshop or a library): what the screens held was handed to the
// outbox and waited for; Unsaved is what could still not be saved.
type PanicError struct {
	Value   any    // what panicked, when it was in an Update or a View
	Stack   []byte // where, then
	Unsaved []session.Op
}

func (e *PanicError) Error() string {
	if e.Value == nil {
		return "the terminal interface stopped on an internal error"
	}
	return fmt.Sprintf("the terminal interface stopped on an internal error: %v", e.Value)
}
