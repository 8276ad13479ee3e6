package present

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// Options configure Run.
type Options struct {
	Engine  *session.Engine
	Session string       // the session to follow (a unique prefix will do)
	Theme   common.Theme // "": the theme the facilitator left the session in, followed
	Now     func() time.Time

	// For tests: where the program reads and writes, and extra options.
	Input          io.Reader
	Output         io.Writer
	ProgramOptions []tea.ProgramOption
}

// Run shows the session until q; it writes nothing to the database.
func Run(ctx context.Context, o Options) error {
	theme := o.Theme
	if theme == "" {
		theme = common.ThemeDark
	}
	c := common.New(ctx, common.Options{Engine: o.Engine, Theme: theme, Now: o.Now, ReadOnly: true, Viewer: session.Viewer{Kind: session.ViewRoom}})
	defer c.Close()
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if o.Input != nil {
		opts = append(opts, tea.WithInput(o.Input))
	}
	if o.Output != nil {
		opts = append(opts, tea.WithOutput(o.Output))
	}
	opts = append(opts, o.ProgramOptions...)
	_, err := tea.NewProgram(New(c, o.Session, o.Theme == ""), opts...).Run()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, tea.ErrInterrupted) {
		return fmt.Errorf("run the projector window: %w", err)
	}
	return nil
}
