package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/adrg/xdg"
	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui"
)

// streams are the process's standard files; tests pass buffers.
type streams struct {
	in       io.Reader
	out, err io.Writer
}

// app is what every command shares: the streams and the global flags. out
// and err make control characters visible (visibleWriter); stdout is the
// standard output as it is, for data (see data) and to ask whether it is
// a terminal.
type app struct {
	streams
	stdout  io.Writer
	dbPath  string
	packDir string
}

// usageError marks an error in how the command was called (exit status 2).
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// Exit statuses.
const (
	exitOK        = 0
	exitError     = 1
	exitUsage     = 2
	exitInterrupt = 130
)

// run executes the command line and returns the exit status.
func run(ctx context.Context, args []string, s streams) int {
	out, errw := newVisibleWriter(s.out), newVisibleWriter(s.err)
	defer out.Flush()
	defer errw.Flush()
	a := &app{streams: streams{in: s.in, out: out, err: errw}, stdout: s.out}
	return a.run(ctx, args)
}

func (a *app) run(ctx context.Context, args []string) int {
	s := a.streams
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, tui.ErrInterrupted) { // ctrl+c: everything typed was saved first
		if err != tui.ErrInterrupted { // it says where
			fmt.Fprintln(s.err, "trustshop:", err)
		}
		return exitInterrupt
	}
	fmt.Fprintln(s.err, "trustshop:", err)
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(s.err, "Run '%s --help' for usage.\n", cmd.CommandPath())
		return exitUsage
	case errors.Is(err, context.Canceled):
		return exitInterrupt
	}
	return exitError
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "trustshop",
		Short: "Run Digital Twin Trust Framework workshops in the terminal",
		Long: `trustshop runs trust workshops from a laptop. It walks a group through the
personas, user stories and solution elements of a content pack (by default the
embedded Digital Twin Trust Framework, Trauer et al., TUM 2021), records every
expert's rating and the group's notes in a local SQLite database as they
happen, and computes and exports the results. Nothing leaves the machine.

Run it without a command to open the workshop screen.`,
		Example: `  trustshop                                   open the workshop screen
  trustshop new --title "Pilot" --facilitator Dana --participant "Ana:supplier:Acme"
  trustshop sessions
  trustshop pack show`,
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE:          a.runHome,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.PersistentFlags().StringVar(&a.dbPath, "db", "", "database file (default $TRUSTSHOP_DB, else "+defaultDBPath()+")")
	root.PersistentFlags().StringVar(&a.packDir, "pack", "", "content pack folder (default: the embedded Digital Twin Trust Framework)")
	_ = root.MarkPersistentFlagDirname("pack")
	screenFlags(root, true)
	root.AddCommand(
		a.newCommand(),
		a.sessionsCommand(),
		a.deleteCommand(),
		a.rateCommand(),
		a.revealCommand(),
		a.roundCommand(),
		a.consensusCommand(),
		a.packCommand(),
		a.openCommand(),
		a.reviewCommand(),
		a.presentCommand(),
		a.showCommand(),
		a.statsCommand(),
		a.exportCommand(),
		a.importCommand(),
		a.studyCommand(), a.verifyCommand(),
	)
	wrapArgErrors(root)
	return root
}

// wrapArgErrors marks wrong positional arguments as usage errors in every
// command.
func wrapArgErrors(c *cobra.Command) {
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return usageError{err}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgErrors(sub)
	}
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func defaultDBPath() string {
	return filepath.Join(xdg.DataHome, "trustshop", "trustshop.db")
}

// databasePath is --db, else $TRUSTSHOP_DB, else the XDG data folder.
func (a *app) databasePath() string {
	if a.dbPath != "" {
		return a.dbPath
	}
	if p := strings.TrimSpace(os.Getenv("TRUSTSHOP_DB")); p != "" {
		return p
	}
	return defaultDBPath()
}

// dbUse says what a command does with the database, which decides what
// opening it may do.
type dbUse int

const (
	// readDB: it only reads. A missing database is not created (nothing is
	// written), and a read-only file or folder is read as it is.
	readDB dbUse = iota
	// changeDB: it changes a session, which must be in an existing
	// database.
	changeDB
	// createDB: it may start the database (new, import, the workshop
	// screen), creating the file and its folder.
	createDB
)

// openEngine opens the database and its workshop engine for a use. The
// caller closes the engine.
func (a *app) openEngine(ctx context.Context, use dbUse) (*session.Engine, error) {
	return session.OpenEngine(ctx, a.databasePath(), session.Options{ReadOnly: use == readDB, MustExist: use == changeDB},
		session.EngineOptions{PackDir: a.packDir})
}

// openSession opens the engine and the session id names (a unique prefix
// will do) with the pack it ran on, warning once when the pack's text
// changed since. The caller closes the engine.
func (a *app) openSession(ctx context.Context, id string, use dbUse) (*session.Engine, session.Workshop, error) {
	e, err := a.openEngine(ctx, use)
	if err != nil {
		return nil, session.Workshop{}, err
	}
	w, err := e.Workshop(ctx, id)
	if err != nil {
		e.Close()
		return nil, session.Workshop{}, err
	}
	if w.Warning != "" {
		fmt.Fprintln(a.err, "warning:", w.Warning)
	}
	return e, w, nil
}

// pack loads --pack, or the embedded pack.
func (a *app) pack() (*content.Pack, error) {
	return content.Open(a.packDir)
}

func describePack(dir string) string {
	if dir == "" {
		return "the embedded pack"
	}
	return dir
}

// completeSessionIDs offers the ids of the sessions in the database.
func (a *app) completeSessionIDs(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	s, err := a.openEngine(cmd.Context(), readDB)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer s.Close()
	list, _ := s.Sessions(cmd.Context())
	ids := make([]string, len(list))
	for i, x := range list {
		ids[i] = x.ID + "\t" + x.Title
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}
