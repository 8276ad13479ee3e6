package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/present"
)

// presentCommand is the second window for the room: run it in another
// terminal, the one on the projector.
func (a *app) presentCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "present ID",
		Short: "Show a session to the room in a second window (the projector)",
		Long: `present shows a session to the room while the facilitator runs it in another
terminal on the same laptop (the database is the same file):
the current agenda item large and clean, the step's clock (paused for a break,
or over its time), an element's results once they were revealed to the room,
the summary's results, and the join screen (address, code and QR code for the
participants' devices) while the facilitator shows it. It follows the facilitator's window within a second
of each change. It never shows the notes, who has rated, or a value before its
reveal, and it writes nothing.

Without --theme it takes the theme the facilitator left the session in, and
follows it; t switches the theme, the arrows scroll a long item, q quits.`,
		Example:           "  trustshop open 3f9a                 # the facilitator's window\n  trustshop present 3f9a --theme high-contrast   # on the projector",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeSessionIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !isTerminal(a.stdout) {
				return fmt.Errorf("the projector window needs a terminal, and standard output is not one")
			}
			var theme common.Theme
			if cmd.Flags().Changed("theme") {
				t, err := themeFlag(cmd)
				if err != nil {
					return err
				}
				theme = t
			}
			e, w, err := a.openSession(cmd.Context(), args[0], readDB)
			if err != nil {
				return err
			}
			defer e.Close()
			return present.Run(cmd.Context(), present.Options{Engine: e, Session: w.Session.ID, Theme: theme, ProgramOptions: colorOptions()})
		},
	}
	screenFlags(cmd, false)
	return cmd
}
