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
	Bell    bool   // ring the bell when a step runs over its time
	Session string // open this session straight away (trustshop open ID)
	Review  bool   // review Session read-only: its summary and results (trustshop review ID)
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
		Engine: o.Engine, Pack: o.Pack, PackDir: o.PackDir, Theme: o.Theme, Bell: o.Bell, Now: o.Now,
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

// ErrInterrupted is returned by Run when the user pressed ctrl+c.
var ErrInterrupted = errors.New("interrupted")

// Run starts the program and blocks until the user quits.
func Run(ctx context.Context, o Options) error {
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if o.Input != nil {
		opts = append(opts, tea.WithInput(o.Input))
	}
	if o.Output != nil {
		opts = append(opts, tea.WithOutput(o.Output))
	}
	opts = append(opts, o.ProgramOptions...)
	model := NewModel(ctx, o)
	defer model.common.Close()
	final, err := tea.NewProgram(model, opts...).Run()
	m, _ := final.(Model)
	if len(m.unsaved) > 0 {
		return &UnsavedError{Ops: m.unsaved}
	}
	if m.interrupted || errors.Is(err, tea.ErrInterrupted) {
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
