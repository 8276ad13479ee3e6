package tui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// The keys of bubbles' textinput that delete the word after the cursor.
var wordForwardKeys = map[string]tea.KeyPressMsg{
	"alt+d":       {Code: 'd', Mod: tea.ModAlt},
	"alt+delete":  {Code: tea.KeyDelete, Mod: tea.ModAlt},
	"ctrl+delete": {Code: tea.KeyDelete, Mod: tea.ModCtrl},
}

// guardedDriver drives the root as Run runs it (guarded).
func guardedDriver(t *testing.T, o Options) (*tuitest.RootDriver, *runState) {
	t.Helper()
	m := NewModel(context.Background(), o)
	m.common.Pumped = true
	t.Cleanup(m.common.Close)
	st := &runState{model: m}
	return tuitest.NewRootDriver(t, guarded{Model: m, state: st}, 120, 40, isTimer), st
}

func typeText(d *tuitest.RootDriver, s string) {
	for _, r := range s {
		d.Send(tuitest.Press(string(r)))
	}
}

// TestDeleteWordForwardOnLastCharacter: the keys that panic inside
// bubbles' textinput with the cursor on the last character (bubbles#1056)
// delete that character instead, in every single-line input.
func TestDeleteWordForwardOnLastCharacter(t *testing.T) {
	t.Parallel()
	for name, k := range wordForwardKeys {
		t.Run("comment/"+name, func(t *testing.T) {
			t.Parallel()
			e := tuitest.NewEnv(t)
			e.AtStep(t, "element:explain")
			d, st := guardedDriver(t, options(e, e.Sess.ID))
			d.Press("r", "c") // the grid, a comment on Ana's impact
			typeText(d, "see legal")
			d.Press("left")
			d.Send(k)
			d.Press("enter")
			if st.panicked {
				t.Fatalf("panicked: %v\n%s", st.value, st.stack)
			}
			ws, err := e.Store.Workshop(e.Ctx, e.Sess.ID)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			e.Store.EachCell(e.Ctx, session.Viewer{Kind: session.ViewResearcher}, ws.Session.ID, func(c session.Cell) error {
				got = append(got, c.Comment)
				return nil
			})
			if len(got) != 1 || got[0] != "see lega" {
				t.Errorf("comments = %q, want the last character deleted: [\"see lega\"]", got)
			}
		})
		t.Run("filter/"+name, func(t *testing.T) {
			t.Parallel()
			e := tuitest.NewEnv(t)
			d, st := guardedDriver(t, options(e, ""))
			d.Press("/")
			typeText(d, "pilot")
			d.Press("left")
			d.Send(k)
			if st.panicked {
				t.Fatalf("panicked: %v\n%s", st.value, st.stack)
			}
			if text := tuitest.ScreenText(d.M); !strings.Contains(text, "pilo") || strings.Contains(text, "pilot") {
				t.Errorf("the filter is not \"pilo\":\n%s", text)
			}
		})
		t.Run("form/"+name, func(t *testing.T) {
			t.Parallel()
			e := tuitest.NewEnv(t)
			d, st := guardedDriver(t, options(e, ""))
			d.Press("n")
			typeText(d, "Pilot")
			d.Press("left")
			d.Send(k)
			if st.panicked {
				t.Fatalf("panicked: %v\n%s", st.value, st.stack)
			}
			if text := tuitest.ScreenText(d.M); !strings.Contains(text, "Pilo") || strings.Contains(text, "Pilot") {
				t.Errorf("the title is not \"Pilo\":\n%s", text)
			}
		})
	}
}

// panicky is a screen that panics on any key: a bug in a screen.
type panicky struct{ recorder }

func (p *panicky) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		panic("a bug in a screen")
	}
	return p, nil
}

// TestPanicInAScreenSavesTheOthers: a screen that panics ends the program
// instead of killing it; the note typed in the walkthrough underneath is
// saved, and Run's state says what panicked.
func TestPanicInAScreenSavesTheOthers(t *testing.T) {
	t.Parallel()
	e := tuitest.NewEnv(t)
	d, st := guardedDriver(t, options(e, e.Sess.ID))
	d.Press("e")
	typeText(d, "kept")
	g := d.M.(guarded)
	g.below = append(g.below, g.active)
	g.active = &panicky{}
	d.M = g
	d.Press("x")
	if !st.panicked || st.value != "a bug in a screen" || !bytes.Contains(st.stack, []byte("panicky")) || !d.Quit {
		t.Fatalf("panicked %v (%v), quit %v", st.panicked, st.value, d.Quit)
	}
	if unsaved := rescue(st.model); len(unsaved) > 0 {
		t.Errorf("unsaved: %+v", unsaved)
	}
	ws, _ := e.Store.Workshop(e.Ctx, e.Sess.ID)
	if got := ws.Notes["intro"].Body; got != "kept" {
		t.Errorf("note after the panic = %q, want kept", got)
	}
}

// screenWriter collects what the program draws and tells when a text
// appeared.
type screenWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	seen chan struct{}
}

func (w *screenWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if w.seen != nil && strings.Contains(w.buf.String(), w.want) {
		close(w.seen)
		w.seen = nil
	}
	return len(p), nil
}

// runTyping runs the program (Run) on the env's session, types keys once
// the step is drawn, and calls at with the program's messages; it returns
// what Run returned.
func runTyping(t *testing.T, e *tuitest.Env, ctx context.Context, keys string, at func(tea.Msg)) error {
	t.Helper()
	in, typing := io.Pipe()
	out := &screenWriter{want: "Step 1 of", seen: make(chan struct{})}
	seen := out.seen
	o := options(e, e.Sess.ID)
	o.Input, o.Output = in, out
	o.ProgramOptions = []tea.ProgramOption{tea.WithWindowSize(100, 30), tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
		at(msg)
		return msg
	})}
	done := make(chan error, 1)
	go func() { done <- Run(ctx, o) }()
	select {
	case <-seen:
	case <-time.After(10 * time.Second):
		t.Fatalf("no first frame:\n%q", out.buf.String())
	}
	go typing.Write([]byte(keys))
	select {
	case err := <-done:
		typing.Close()
		return err
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not end")
	}
	return nil
}

// TestSignalSavesWhatWasTyped: when ctx ends (SIGTERM, SIGHUP or SIGINT in
// trustshop), Run quits as ctrl+c does: the note being typed is saved.
func TestSignalSavesWhatWasTyped(t *testing.T) {
	e := tuitest.NewEnv(t)
	ctx, signal := context.WithCancel(context.Background())
	defer signal()
	var once sync.Once
	err := runTyping(t, e, ctx, "eSaved on SIGTERM!", func(msg tea.Msg) {
		if k, ok := msg.(tea.KeyPressMsg); ok && k.Text == "!" {
			once.Do(signal) // the signal comes in right after the last key
		}
	})
	if !errors.Is(err, ErrInterrupted) {
		t.Errorf("Run = %v, want ErrInterrupted", err)
	}
	ws, _ := e.Store.Workshop(e.Ctx, e.Sess.ID)
	if got := ws.Notes["intro"].Body; got != "Saved on SIGTERM!" {
		t.Errorf("note after the signal = %q", got)
	}
}

// TestPanicSavesWhatWasTyped: a panic the program itself catches (here in
// its message filter, as in a command) still leaves the note saved, and
// Run says it was a panic, not a normal end.
func TestPanicSavesWhatWasTyped(t *testing.T) {
	e := tuitest.NewEnv(t)
	err := runTyping(t, e, context.Background(), "eSaved despite a bug\x1b[24~", func(msg tea.Msg) {
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, key.NewBinding(key.WithKeys("f12"))) {
			panic("a bug")
		}
	})
	var pe *PanicError
	if !errors.As(err, &pe) || len(pe.Unsaved) > 0 {
		t.Fatalf("Run = %v, want a PanicError with nothing unsaved", err)
	}
	ws, _ := e.Store.Workshop(e.Ctx, e.Sess.ID)
	if got := ws.Notes["intro"].Body; got != "Saved despite a bug" {
		t.Errorf("note after the panic = %q", got)
	}
}
