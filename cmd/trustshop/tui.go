package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui"
)

// tuiFlags adds the flags of the terminal interface to the root, for every
// command that opens it (and show, which renders like it).
func tuiFlags(root *cobra.Command) {
	f := root.PersistentFlags()
	f.String("theme", string(tui.ThemeDark), "colour theme: dark, light or high-contrast (for projectors)")
	f.Bool("bell", false, "ring the terminal bell once when a step runs over its suggested time")
	_ = root.RegisterFlagCompletionFunc("theme", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		out := make([]string, len(tui.Themes))
		for i, t := range tui.Themes {
			out[i] = string(t)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
}

func themeFlag(cmd *cobra.Command) (tui.Theme, error) {
	s, _ := cmd.Flags().GetString("theme")
	t, err := tui.ParseTheme(s)
	if err != nil {
		return "", usageError{fmt.Errorf("--theme: %w", err)}
	}
	return t, nil
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// noColor reports whether the user asked for no colour (https://no-color.org:
// any non-empty value).
func noColor() bool { return os.Getenv("NO_COLOR") != "" }

// runHome starts the workshop screen. Without a terminal (a pipe, CI) it
// says so and prints the session list instead.
func (a *app) runHome(cmd *cobra.Command, _ []string) error {
	if !isTerminal(a.out) {
		fmt.Fprintln(a.err, "trustshop: the workshop screen needs a terminal; here is the session list instead (see trustshop --help)")
		return a.listSessions(cmd, false)
	}
	return a.runTUI(cmd, "", false)
}

func (a *app) openCommand() *cobra.Command {
	var serve bool
	var addr string
	cmd := &cobra.Command{
		Use:   "open ID",
		Short: "Open a session's walkthrough where it was left",
		Long: `open jumps straight into a session's walkthrough, at the step, scroll position
and notes it was left with. ID may be a unique prefix of at least four
characters.

--serve also serves the session to the participants' own phones and laptops
on the room's network (see docs/devices.md): the screen shows the address,
a join code and a QR code. It listens on the laptop's address on the local
network, port 8080 or the next free one, or where --addr says, and only
while the walkthrough runs.`,
		Example: "  trustshop open 3f9a\n  trustshop open 3f9a --theme high-contrast --bell\n" +
			"  trustshop open 3f9a --serve\n  trustshop open 3f9a --serve --addr 192.168.43.10:8080",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeSessionIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("addr") && !serve {
				return usageError{fmt.Errorf("--addr needs --serve")}
			}
			return a.runTUIWith(cmd, args[0], false, func(o *tui.Options) { o.Serve, o.ServeAddr = serve, addr })
		},
	}
	cmd.Flags().BoolVar(&serve, "serve", false, "serve the session to participants' phones and laptops on the local network")
	cmd.Flags().StringVar(&addr, "addr", "", "with --serve: listen on HOST:PORT (default: this laptop's local network address, port 8080)")
	return cmd
}

func (a *app) reviewCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "review ID",
		Short: "Look through a session read-only: its summary and results",
		Long: `review opens a session read-only: its summary (who took part, the notes, the
results), each element's distribution of ratings, the ranking and the impact x
effort matrix, and (enter) the walkthrough of its steps. Nothing is editable
and nothing is written to the database; it also works on a read-only database
file. x exports the session to a file.`,
		Example:           "  trustshop review 3f9a",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeSessionIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runTUI(cmd, args[0], true)
		},
	}
}

// runTUI opens the store and runs the terminal interface, on the home
// screen or straight in session id.
func (a *app) runTUI(cmd *cobra.Command, id string, review bool) error {
	return a.runTUIWith(cmd, id, review, nil)
}

// runTUIWith is runTUI with more options set by opt.
func (a *app) runTUIWith(cmd *cobra.Command, id string, review bool, opt func(*tui.Options)) error {
	if !isTerminal(a.out) {
		return fmt.Errorf("the workshop screen needs a terminal, and standard output is not one")
	}
	theme, err := themeFlag(cmd)
	if err != nil {
		return err
	}
	bell, _ := cmd.Flags().GetBool("bell")
	ctx := cmd.Context()
	st, err := a.openEngine(ctx, review)
	if errors.Is(err, session.ErrReadOnly) && !review {
		// A read-only database can still be looked through: everything
		// opens as a review, and the header says so.
		review = true
		st, err = a.openEngine(ctx, true)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	if id != "" {
		sess, err := st.Session(ctx, id)
		if err != nil {
			return err
		}
		id = sess.ID
	}
	p, err := a.pack()
	if err != nil {
		return err
	}
	dir := a.packDir
	if dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
	}
	o := tui.Options{Engine: st, Pack: p, PackDir: dir, Theme: theme, Bell: bell, Session: id, Review: review}
	if opt != nil {
		opt(&o)
	}
	if noColor() {
		// colorprofile honours NO_COLOR only when it parses as true; the
		// convention is any non-empty value
		o.ProgramOptions = append(o.ProgramOptions, tea.WithColorProfile(colorprofile.Ascii))
	}
	return tui.Run(ctx, o)
}

func (a *app) showCommand() *cobra.Command {
	var width int
	cmd := &cobra.Command{
		Use:   "show ITEM",
		Short: "Print one item of the pack, rendered, like the walkthrough shows it",
		Long: `show prints one item of the content pack (--pack, or the embedded one) rendered
from Markdown: the intro, a persona, a user story or a solution element by its
id, or "map" for the stakeholder map. Participants can read the material in
any terminal. Without a terminal, or with NO_COLOR set, it prints plain text
with no colour. The width defaults to the terminal's, at most 100 columns
(80 without a terminal).`,
		Example: `  trustshop show intro
  trustshop show explain --width 72
  trustshop show map | less`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			p, err := a.pack()
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return tui.ItemIDs(p), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			// a short-lived process that allocates a few MB loading the pack
			// and rendering: collecting garbage along the way costs more
			// (about a fifth of the run) than the memory it would free
			debug.SetGCPercent(800)
			theme, err := themeFlag(cmd)
			if err != nil {
				return err
			}
			if width < 0 || cmd.Flags().Changed("width") && width < 20 {
				return usageError{fmt.Errorf("--width %d: give at least 20 columns", width)}
			}
			p, err := a.pack()
			if err != nil {
				return err
			}
			tty := isTerminal(a.out)
			if width == 0 {
				width = 80
				if tty {
					if w, _, err := term.GetSize(a.out.(*os.File).Fd()); err == nil && w > 0 {
						width = w
					}
				}
				width = min(width, tui.MaxTextWidth)
			}
			plain := !tty || noColor()
			out, err := tui.RenderItem(p, strings.TrimSpace(args[0]), width, theme, plain)
			if err != nil {
				return usageError{err}
			}
			if plain {
				_, err = io.WriteString(a.out, out)
			} else {
				_, err = lipgloss.Fprint(a.out, out)
			}
			return err
		},
	}
	cmd.Flags().IntVar(&width, "width", 0, "wrap at this many columns (default: the terminal's width, at most 100)")
	return cmd
}
