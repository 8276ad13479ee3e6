package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session/ingest"
)

// importFlags are the flags of `trustshop import`.
type importFlags struct {
	title, facilitator, date string
	check, again             bool
}

func (a *app) importCommand() *cobra.Command {
	var fl importFlags
	cmd := &cobra.Command{
		Use:   "import FILE.csv",
		Short: "Create a session from a csv file of ratings (an export, or paper forms)",
		Long: `import reads a csv file of ratings and creates a finished session from it
on the pack (--pack, or the embedded one): an export of trustshop, or ratings
collected on paper and typed into a spreadsheet (docs/exports.md).

The columns may come in any order; session_id, element_title, organisation
and comment may be left out. Commas, semicolons or tabs separate the cells;
values may be written 4, 4.0 or 4,0. An empty value cell (no abstention) is
a question not answered: no rating, counted in the report. A row whose
rated_at is empty, or a date alone, takes --date; without --date it is an
error. Every row is checked first: if any is bad, each bad row is reported
as FILE:LINE and nothing is written.

After an import it says what it did (rows read, ratings stored, cells left
empty, rows skipped and why) and prints the new session's id as the last line
of stdout. --check does all of it but write. The same file imported twice is
refused unless --again. FILE may be - for stdin.`,
		Example: `  trustshop import paper-forms.csv --date 2026-11-25T09:00:00+01:00 --check
  trustshop import paper-forms.csv --date 2026-11-25T09:00:00+01:00
  id=$(trustshop import site-b.csv --title "Site B, March" | tail -n1)`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runImport(cmd.Context(), args[0], fl)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.title, "title", "", "the session's title (default: the file's session_title)")
	f.StringVar(&fl.facilitator, "facilitator", "(imported)", "who ran the workshop; the csv does not say")
	f.StringVar(&fl.date, "date", "", "the time of rows without one, e.g. 2026-11-25T09:00:00+01:00 (a date alone: midnight UTC)")
	f.BoolVar(&fl.check, "check", false, "check the file and report, but write nothing")
	f.BoolVar(&fl.again, "again", false, "import a file that was imported before once more")
	return cmd
}

func (a *app) runImport(ctx context.Context, name string, fl importFlags) error {
	opt := ingest.Options{Title: fl.title, Now: time.Now()}
	if fl.date != "" {
		d, err := ingest.ParseDate(fl.date)
		if err != nil {
			return usageError{err}
		}
		opt.Date = d
	}
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
	file, err := ingest.Read(r, p, opt)
	var bad *ingest.Error
	if errors.As(err, &bad) {
		for _, e := range bad.Rows {
			fmt.Fprintf(a.err, "%s:%d: %s\n", name, e.Line, e.Msg)
		}
		if bad.More > 0 {
			fmt.Fprintf(a.err, "%s: … and %d more\n", name, bad.More)
		}
		return fmt.Errorf("%s: %d bad row%s against pack %s; nothing imported", name, bad.Bad(), plural(bad.Bad()), p.ID)
	}
	if err != nil {
		return fmt.Errorf("import %s: %w", name, err)
	}
	file.Session.Facilitator, file.Session.PackDir = fl.facilitator, a.packDir
	if fl.check {
		return a.checkImport(ctx, name, p, file)
	}
	e, err := a.openEngine(ctx, createDB)
	if err != nil {
		return err
	}
	defer e.Close()
	sess, err := ingest.Save(ctx, e, p, file, fl.again)
	if err != nil {
		return fmt.Errorf("import %s: %w", name, err)
	}
	if err := file.Report.Write(a.out, name); err != nil {
		return err
	}
	n := file.Report.Ratings()
	fmt.Fprintf(a.out, "Imported %q: %d rating%s by %d participant%s on %s %s into %s\n", sess.Title,
		n, plural(n), len(sess.Participants), plural(len(sess.Participants)), p.ID, p.Version, e.Path())
	fmt.Fprintln(a.out, sess.ID)
	return nil
}

// checkImport reports what an import of the file would do, and whether it
// was imported before, without writing anything (not even a database).
func (a *app) checkImport(ctx context.Context, name string, p *content.Pack, file *ingest.File) error {
	if err := file.Report.Write(a.out, name); err != nil {
		return err
	}
	if _, err := os.Stat(a.databasePath()); err == nil {
		e, err := a.openEngine(ctx, readDB)
		if err != nil {
			return err
		}
		defer e.Close()
		earlier, err := ingest.Earlier(ctx, e, file)
		if err != nil {
			return err
		}
		if len(earlier) > 0 {
			fmt.Fprintf(a.out, "%s\n", (&ingest.ImportedBefore{Sessions: earlier}).Error())
		}
	}
	fmt.Fprintf(a.out, "Checked against %s %s: nothing written (--check)\n", p.ID, p.Version)
	return nil
}
