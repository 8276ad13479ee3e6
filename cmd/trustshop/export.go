package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/export"
)

func (a *app) exportCommand() *cobra.Command {
	var format, output string
	var all bool
	names := strings.Join(export.FormatNames(), "|")
	cmd := &cobra.Command{
		Use:   "export ID",
		Short: "Export a session as Markdown, csv, JSON or HTML",
		Long: `export writes a session in one of these formats (docs/exports.md):

  md    a summary participants read: who took part, notes, results per
        element, ranking, the impact x effort matrix, consensus
  csv   one row per rating, for R and pandas; trustshop import reads it back
  json  everything: session, participants, ratings with their history,
        notes, statistics (schema: docs/export-json.md)
  html  the summary as one self-contained page with charts, to mail or print

md and html of a session not finished yet show what the room saw: values
not yet revealed to the room are left out, and the header says so. --all
writes every value (the researcher's export); csv and json always do.

Without -o it writes to stdout. With -o it writes a temporary file next to
FILE and renames it when done, so a failed export never leaves half a file
(a FIFO or a device is written as a stream). Without --format the format
follows the extension of FILE (.md or .markdown, .csv, .json, .html or
.htm), and is md for any other extension or none.`,
		Example: `  trustshop export 3f9a --format md | glow -
  trustshop export 3f9a --format csv -o ratings.csv
  trustshop export 3f9a -o summary.html`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeSessionIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, ok := export.Lookup(format)
			if format == "" {
				if f, ok = export.ForFile(output); !ok {
					f, ok = export.Lookup("md")
				}
			}
			if !ok {
				return usageError{fmt.Errorf("--format %q: choose one of %s", format, names)}
			}
			ctx := cmd.Context()
			st, w, err := a.openSession(ctx, args[0], readDB)
			if err != nil {
				return err
			}
			defer st.Close()
			sess := w.Session
			sum, err := export.Load(ctx, st, sess.ID, f.Options(sess.Status, all))
			if err != nil {
				return fmt.Errorf("export session %s: %w", sess.ID, err)
			}
			write := func(w io.Writer) error {
				if err := f.Write(w, sum); err != nil {
					return fmt.Errorf("export session %s: %w", sess.ID, err)
				}
				return nil
			}
			if output == "" || output == "-" {
				bw := bufio.NewWriterSize(a.data(), 64<<10)
				if err := write(bw); err != nil {
					return err
				}
				return bw.Flush()
			}
			if err := export.WriteFileContext(cmd.Context(), output, write); err != nil {
				return err
			}
			fmt.Fprintf(a.err, "Wrote %s (%s)\n", output, f.Name)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "md, csv, json or html (default: from the -o extension, else md)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to FILE instead of stdout")
	cmd.Flags().BoolVar(&all, "all", false, "md, html: every value of a session not finished, also those not revealed to the room")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return export.FormatNames(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}
