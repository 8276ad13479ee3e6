package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
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
	Store    *session.Store
	Pack     *content.Pack // the pack new sessions use
	PackDir  string        // its folder; "" for the embedded pack
	LoadPack func(dir string) (*content.Pack, error)
	Theme    Theme
	Bell     bool   // ring the bell when a step runs over its time
	Session  string // open this session straight away (trustshop open ID)
	Review   bool   // review Session read-only: its summary and results (trustshop review ID)
	Now      func() time.Time

	// For tests: where the program reads and writes, and extra options.
	Input          io.Reader
	Output         io.Writer
	ProgramOptions []tea.ProgramOption
}

// NewCommon builds the shared state from options.
func NewCommon(ctx context.Context, o Options) *common.Common {
	return common.New(ctx, common.Options{
		Store: o.Store, Pack: o.Pack, PackDir: o.PackDir, LoadPack: o.LoadPack, Theme: o.Theme, Bell: o.Bell, Now: o.Now,
		ReadOnly: o.Review || o.Store != nil && o.Store.ReadOnly(),
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
		return newModel(c, walkthrough.New(c, o.Session, false))
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
	final, err := tea.NewProgram(NewModel(ctx, o), opts...).Run()
	if m, ok := final.(Model); ok && m.interrupted || errors.Is(err, tea.ErrInterrupted) {
		return ErrInterrupted
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return fmt.Errorf("run the terminal interface: %w", err)
	}
	return nil
}
