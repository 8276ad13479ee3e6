package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/home"
	"github.com/trustshop/trustshop/tui/results"
	"github.com/trustshop/trustshop/tui/walkthrough"
)

// Options configure Run.
type Options struct {
	Engine  *session.Engine
	Pack    *content.Pack // the pack new sessions use
	PackDir string        // its folder; "" for the embedded pack
	Theme   Theme
	// ThemeFixed: Theme was given on the command line, and a session
	// reopened keeps it rather than the theme it was left in.
	ThemeFixed bool
	Bell       bool   // ring the bell when a step runs over its time
	Session    string // open this session straight away (trustshop open ID)
	Review     bool   // review Session read-only: its summary and results (trustshop review ID)
	// Serve serves Session to participants' devices from the start
	// (trustshop open ID --serve), on ServeAddr ("" for the laptop's
	// address on the local network).
	Serve     bool
	ServeAddr string
	Now       func() time.Time

	// For tests: where the program reads and writes, and extra options.
	Input          io.Reader
	Output         io.Writer
	ProgramOptions []tea.ProgramOption
}

// NewCommon builds the shared state from options.
func NewCommon(ctx context.Context, o Options) *common.Common {
	return common.New(ctx, common.Options{
		Engine: o.Engine, Pack: o.Pack, PackDir: o.PackDir, Theme: o.Theme, Bell: o.Bell, Now: o.Now, KeepTheme: o.ThemeFixed, ServeAddr: o.ServeAddr,
		ReadOnly: o.Review || o.Engine != nil && o.Engine.ReadOnly(),
	})
}

// NewModel returns the root model: the home screen, or the session in
// o.Session.
func NewModel(ctx context.Context, o Options) Model {
	c := NewCommon(ctx, o)
	switch {
	case o.Session != "" && o.Review:
		return newModel(c, results.NewReview(c, o.Session))
	case o.Session != "":
		m := newModel(c, walkthrough.New(c, o.Session, false))
		if o.Serve && !c.ReadOnly {
			msg := common.OpenDevicesMsg{ID: o.Session, Addr: o.ServeAddr, Start: true}
			m.startup = func() tea.Msg { return msg }
		}
		return m
	}
	return newModel(c, home.New(c))
}

// ErrInterrupted is returned by Run when the user pressed ctrl+c, or a
// signal ended the program; what was typed was saved first.
var ErrInterrupted = errors.New("interrupted")

// quitGrace is how long Run waits, after a signal asked the program to
// quit, for it to save what was typed and end, before it kills it.
const quitGrace = flushWait + 5*time.Second

// Run starts the program and blocks until the user quits. When ctx ends
// (SIGINT, SIGTERM or SIGHUP in trustshop) the program quits as ctrl+c
// does: each screen's pending input goes to the outbox, which is waited
// for. It returns ErrInterrupted after ctrl+c or a signal, *UnsavedError
// when changes could not be saved before the end, and *PanicError when the
// program stopped on a panic (what the screens held was still saved where
// it could be).
func Run(ctx context.Context, o Options) error {
	// The program and the screens run on contexts a signal does not end:
	// the writes that save what was typed must still go through.
	keep := context.WithoutCancel(ctx)
	progCtx, kill := context.WithCancel(keep)
	defer kill()
	opts := []tea.ProgramOption{tea.WithContext(progCtx), tea.WithoutSignalHandler()}
	if o.Input != nil {
		opts = append(opts, tea.WithInput(o.Input))
	}
	if o.Output != nil {
		opts = append(opts, tea.WithOutput(o.Output))
	}
	opts = append(opts, o.ProgramOptions...)
	model := NewModel(keep, o)
	defer model.common.Close()
	st := &runState{model: model}
	p := tea.NewProgram(guarded{Model: model, state: st}, opts...)
	ended := make(chan struct{})
	defer close(ended)
	go func() {
		select {
		case <-ctx.Done(): // a signal: quit as ctrl+c does, saving first
			go p.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
			select {
			case <-time.After(quitGrace):
				kill()
			case <-ended:
			}
		case <-ended:
		}
	}()
	final, err := p.Run()
	m := st.model
	if g, ok := final.(guarded); ok {
		m = g.Model
	}
	if st.panicked || errors.Is(err, tea.ErrProgramPanic) {
		return &PanicError{Value: st.value, Stack: st.stack, Unsaved: rescue(m)}
	}
	if len(m.unsaved) > 0 {
		return &UnsavedError{Ops: m.unsaved}
	}
	if m.interrupted || errors.Is(err, tea.ErrInterrupted) || ctx.Err() != nil {
		return ErrInterrupted
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return fmt.Errorf("run the terminal interface: %w", err)
	}
	return nil
}

// UnsavedError is returned by Run when changes could not be saved before
// the program ended (the database stayed locked or the disk full): Ops
// say what each was, and what it held.
type UnsavedError struct{ Ops []session.Op }

func (e *UnsavedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d change(s) could not be saved:", len(e.Ops))
	for _, op := range e.Ops {
		fmt.Fprintf(&b, "\n  - %s", op.What)
		if op.LastErr != nil {
			fmt.Fprintf(&b, " (%v)", op.LastErr)
		}
	}
	return b.String()
}
