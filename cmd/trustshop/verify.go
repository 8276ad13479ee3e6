package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/session/study"
)

// errChanged is verify's verdict that something was changed after the
// fact (exit status 1, after the report).
var errChanged = errors.New("changed after the fact: see above")

func (a *app) verifyCommand() *cobra.Command {
	var opt study.VerifyOptions
	cmd := &cobra.Command{
		Use:   "verify FILE",
		Short: "Check that a database or an export was not changed after the fact",
		Long: `verify recomputes the hash chain of each session's history, holds what FILE
says the session holds (its ratings, notes, participants, title, site) against
what the history recorded, and recomputes the statistics. FILE is a trustshop
database, a session's json export, a csv export (checked against its json:
--json, or the .json beside it) or a study's datapackage.json (each file's size
and sha256). Corrections made through trustshop are in the history and pass;
a value edited with sqlite3, a row deleted, rows reordered or a csv cell
changed is reported. --head checks that the history ends at the chain head you
were given (a report's footer, a paper). Exit status 1 when anything was
changed. Nothing in FILE is changed (docs/verify.md).`,
		Example: `  trustshop verify session.json
  trustshop verify ratings.csv --json session.json
  trustshop verify trustshop.db
  trustshop verify session.json --head 3f9a…`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.packDir != "" {
				p, err := a.pack()
				if err != nil {
					return err
				}
				opt.Pack, opt.PackDir = p, a.packDir
			}
			rep, err := study.Verify(cmd.Context(), args[0], opt)
			if err != nil {
				return err
			}
			printVerify(a.out, rep)
			if !rep.OK() {
				return errChanged
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&opt.JSON, "json", "", "the json export a csv export is checked against")
	cmd.Flags().StringVar(&opt.CSV, "csv", "", "a csv export to check against the json export FILE")
	cmd.Flags().StringVar(&opt.Head, "head", "", "the chain head the history must end at")
	return cmd
}

// printVerify writes the verdict: a line per session, its problems below.
func printVerify(w io.Writer, rep *study.Report) {
	for _, s := range rep.Sessions {
		if s.HeadOnly {
			fmt.Fprintf(w, "session %s (site %s): chain head %s as recorded; the history is not in this file, so the chain was not checked (verify the study database for that)\n",
				s.SessionID, siteName(s.Site), s.Head)
			continue
		}
		verdict := "ok"
		if len(s.Problems) > 0 {
			verdict = "CHANGED"
		}
		fmt.Fprintf(w, "session %s (site %s): %s: %d history rows, chain head %s\n", s.SessionID, siteName(s.Site), verdict, s.Rows, s.Head)
		if s.Statistics != "" {
			fmt.Fprintf(w, "  statistics %s\n", s.Statistics)
		}
		for _, p := range s.Problems {
			fmt.Fprintf(w, "  - %s\n", p)
		}
	}
	for _, c := range rep.Checked {
		fmt.Fprintf(w, "%s\n", c)
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "- %s\n", p)
	}
	if rep.OK() {
		fmt.Fprintf(w, "%s: nothing was changed after the fact\n", rep.File)
	} else {
		fmt.Fprintf(w, "%s: CHANGED after the fact\n", rep.File)
	}
}
