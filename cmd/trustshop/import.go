package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

func (a *app) importCommand() *cobra.Command {
	var title, facilitator string
	cmd := &cobra.Command{
		Use:   "import FILE.csv",
		Short: "Create a session from a csv file of ratings",
		Long: `import reads a csv file in the format of 'trustshop export --format csv'
(ratings collected on paper or at another site) and creates a finished
session from it on the pack (--pack, or the embedded one). Every row is
checked against the pack first; if any row is bad, each bad row is reported
with the line its record starts on (the header is line 1) and nothing is
written. The session keeps the file's session_title unless --title is given,
participants come from the distinct participant, role and organisation
cells, and every rating keeps its rated_at. The new session's id is the last
line of stdout. FILE may be - for stdin.`,
		Example: `  trustshop import paper-round.csv
  id=$(trustshop import site-b.csv --title "Site B, March" | tail -n1)`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			var r io.Reader = a.in
			if name != "-" {
				f, err := os.Open(name)
				if err != nil {
					return fmt.Errorf("import: %w", err)
				}
				defer f.Close()
				r = f
			}
			p, err := a.pack()
			if err != nil {
				return err
			}
			im, err := export.ReadCSV(r, p)
			var bad export.RowErrors
			if errors.As(err, &bad) {
				for _, e := range bad {
					fmt.Fprintf(a.err, "%s:%d: %s\n", name, e.Line, e.Msg)
				}
				return fmt.Errorf("%s: %d bad row%s against pack %s; nothing imported", name, len(bad), plural(len(bad)), p.ID)
			}
			if err != nil {
				return fmt.Errorf("import %s: %w", name, err)
			}
			in := im.Session
			if title != "" {
				in.Title = title
			}
			if strings.TrimSpace(in.Title) == "" {
				return fmt.Errorf("import %s: the session_title cells are empty: give a title with --title", name)
			}
			in.Facilitator, in.PackDir = facilitator, a.packDir
			st, err := a.openEngine(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer st.Close()
			sess, err := st.ImportSession(cmd.Context(), session.Importer(), p, in, im.Ratings)
			if err != nil {
				return fmt.Errorf("import %s: %w", name, err)
			}
			fmt.Fprintf(a.out, "Imported %q: %d rating%s by %d participant%s on %s %s into %s\n", sess.Title,
				len(im.Ratings), plural(len(im.Ratings)), len(sess.Participants), plural(len(sess.Participants)), p.ID, p.Version, st.Path())
			fmt.Fprintln(a.out, sess.ID)
			return nil
		},
	}
	cmd.Flags().StringVar(&title, "title", "", "the session's title (default: the file's session_title)")
	cmd.Flags().StringVar(&facilitator, "facilitator", "(imported)", "who ran the workshop; the csv does not say")
	return cmd
}
