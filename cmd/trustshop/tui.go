package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui"
	"github.com/trustshop/trustshop/tui/common"
)

// screenFlags adds the flags of the terminal interface to a command that
// draws a screen (or, like show, renders as one): --theme, and --bell where
// a step's timer runs. Commands that print text have neither.
func screenFlags(cmd *cobra.Command, bell bool) {
	f := cmd.Flags()
	f.String("theme", string(tui.ThemeDark), "colour theme: dark, light or high-contrast (for projectors)")
	if bell {
		f.Bool("bell", false, "ring the terminal bell once when a step runs over its suggested time")
	}
	_ = cmd.RegisterFlagCompletionFunc("theme", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		out := make([]string, len(tui.Themes))
		for i, t := range tui.Themes {
			out[i] = string(t)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
}

// themeFlag is --theme of a command that has it (screenFlags), else the
// default theme.
func themeFlag(cmd *cobra.Command) (tui.Theme, error) {
	if cmd.Flags().Lookup("theme") == nil {
		return tui.ThemeDark, nil
	}
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
	if !isTerminal(a.stdout) {
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
	screenFlags(cmd, true)
	return cmd
}

func (a *app) reviewCommand() *cobra.Command {
	cmd := &cobra.Command{
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
	screenFlags(cmd, false)
	return cmd
}

// runTUI opens the store and runs the terminal interface, on the home
// screen or straight in session id.
func (a *app) runTUI(cmd *cobra.Command, id string, review bool) error {
	return a.runTUIWith(cmd, id, review, nil)
}

// runTUIWith is runTUI with more options set by opt.
func (a *app) runTUIWith(cmd *cobra.Command, id string, review bool, opt func(*tui.Options)) error {
	if !isTerminal(a.stdout) {
		return fmt.Errorf("the workshop screen needs a terminal, and standard output is not one")
	}
	theme, err := themeFlag(cmd)
	if err != nil {
		return err
	}
	bell, _ := cmd.Flags().GetBool("bell")
	ctx := cmd.Context()
	use := createDB // the home screen starts a database
	switch {
	case review:
		use = readDB
	case id != "":
		use = changeDB
	}
	st, err := a.openEngine(ctx, use)
	if errors.Is(err, session.ErrReadOnly) && !review {
		// A read-only database can still be looked through: everything
		// opens as a review, and the header says so.
		review = true
		st, err = a.openEngine(ctx, readDB)
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
	o := tui.Options{Engine: st, Pack: p, PackDir: dir, Theme: theme, ThemeFixed: cmd.Flags().Changed("theme"), Bell: bell,
		Session: id, Review: review, ProgramOptions: colorOptions()}
	if opt != nil {
		opt(&o)
	}
	return tuiEnd(tui.Run(ctx, o), st.Path(), rescueDirs(st.Path()), time.Now())
}

// colorOptions are the program options for NO_COLOR: colorprofile
// honours it only when it parses as true; the convention is any
// non-empty value.
func colorOptions() []tea.ProgramOption {
	if noColor() {
		return []tea.ProgramOption{tea.WithColorProfile(colorprofile.Ascii)}
	}
	return nil
}

func (a *app) showCommand() *cobra.Command {
	var width int
	cmd := &cobra.Command{
		Use:   "show [ITEM]",
		Short: "Print one item of the pack, rendered, like the walkthrough shows it",
		Long: `show prints one item of the content pack (--pack, or the embedded one) rendered
from Markdown: the intro, a persona, a user story or a solution element by its
id, or "map" for the stakeholder map. Without ITEM it lists the items.
Participants can read the material in any terminal. Without a terminal, or
with NO_COLOR set, it prints plain text with no colour. The width defaults to
the terminal's, at most 100 columns (80 without a terminal).`,
		Example: `  trustshop show
  trustshop show intro
  trustshop show explain --width 72
  trustshop show map | less`,
		Args: cobra.MaximumNArgs(1),
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
			if len(args) == 0 {
				return printItems(a.out, p)
			}
			tty := isTerminal(a.stdout)
			if width == 0 {
				width = 80
				if tty {
					if w, _, err := term.GetSize(a.stdout.(*os.File).Fd()); err == nil && w > 0 {
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
				_, err = lipgloss.Fprint(a.stdout, common.Inert(out)) // colours, and nothing else a terminal acts on
			}
			return err
		},
	}
	cmd.Flags().IntVar(&width, "width", 0, "wrap at this many columns (default: the terminal's width, at most 100)")
	screenFlags(cmd, false)
	return cmd
}

// printItems lists what show can print: each item's id and title.
func printItems(w io.Writer, p *content.Pack) error {
	tw := export.NewTableWriter(w, 2) // display widths: CJK titles
	fmt.Fprintf(tw, "%s %s: trustshop show ITEM prints one of\n", oneLine(p.Title, 60), p.Version)
	fmt.Fprintf(tw, "  %s\t%s\n", content.IntroID, oneLine(p.Intro.Title, 60))
	fmt.Fprintf(tw, "  %s\t%s\n", tui.MapID, "the stakeholder map")
	for _, it := range p.Items()[1:] {
		fmt.Fprintf(tw, "  %s\t%s\n", it.ID, oneLine(it.Title, 60))
	}
	return tw.Flush()
}
