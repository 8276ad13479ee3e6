package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/study"
)

func (a *app) studyCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "study",
		Short: "Merge workshops from several sites into one study and report on it",
		Long: `study merges sessions run on different laptops into one study database,
computes its statistics per site and pooled, and exports it for R and Python
with a Frictionless data package (docs/study.md).`,
		Example: `  trustshop study merge study.db leeds.db graz.json munich.db
  trustshop study stats study.db
  trustshop study export study.db -o study.csv`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(a.studyMergeCommand(), a.studyStatsCommand(), a.studyExportCommand())
	return cmd
}

func (a *app) studyMergeCommand() *cobra.Command {
	var allow []string
	cmd := &cobra.Command{
		Use:   "merge OUT.db SOURCE...",
		Short: "Merge databases and json exports into a study database",
		Long: `merge imports every session of each SOURCE (a trustshop database or a
session's json export) into the study database OUT.db, created if needed. Each
session keeps its id, its site and its participants' stable ids, and its
history exactly as recorded, followed by one row saying where it came from; a
source whose history was changed after the fact is refused (see trustshop
verify). An element whose text differs between sessions is reported and not
pooled: merge refuses until --allow-changed names it. Nothing is written
unless everything can be.`,
		Example: `  trustshop study merge study.db leeds.db graz.json
  trustshop study merge study.db leeds.db graz.json --allow-changed explain`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			p, err := a.pack()
			if err != nil {
				return err
			}
			for _, src := range args[1:] {
				if same, _ := samePath(src, args[0]); same {
					return usageError{fmt.Errorf("%s is both the study and a source: merge into another file", src)}
				}
			}
			rep, err := study.MergeFile(ctx, args[0], p, args[1:], study.MergeOptions{AllowChanged: allow},
				session.EngineOptions{Pack: p, PackDir: a.packDir})
			if err != nil {
				return err
			}
			sites := map[string]int{}
			for _, s := range rep.Sessions {
				sites[s.Site]++
			}
			fmt.Fprintf(a.out, "merged %s from %s (%s, %s) into %s\n",
				count(len(rep.Sessions), "session", "sessions"), count(len(sites), "site", "sites"),
				count(rep.Participants, "participant", "participants"), count(rep.Ratings, "rating row", "rating rows"), args[0])
			for _, c := range rep.Allowed {
				fmt.Fprintf(a.out, "pooled %s although its text differs between sessions (--allow-changed)\n", c.ElementID)
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&allow, "allow-changed", nil, "pool this element although its text differs between sessions (repeatable)")
	return cmd
}

// samePath reports whether two paths name the same file.
func samePath(a, b string) (bool, error) {
	x, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	y, err := filepath.Abs(b)
	return x == y, err
}

// openStudy opens a study database for reading.
func (a *app) openStudy(cmd *cobra.Command, path string) (*session.Engine, *study.Result, error) {
	ctx := cmd.Context()
	p, err := a.pack()
	if err != nil {
		return nil, nil, err
	}
	e, err := session.OpenEngine(ctx, path, session.Options{Inspect: true}, session.EngineOptions{Pack: p, PackDir: a.packDir})
	if err != nil {
		return nil, nil, err
	}
	res, err := study.Compute(ctx, e, p)
	if err != nil {
		e.Close()
		return nil, nil, err
	}
	return e, res, nil
}

func (a *app) studyStatsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats STUDY.db",
		Short: "Print a study's statistics per site and pooled",
		Long: `stats prints, per site and pooled over every site, each element x
criterion x round (n, median, IQR, agreement, consensus), Krippendorff's alpha
per criterion and round (pooled across sites: the participants of every site
are its raters) and Kendall's W per site (it needs the same raters for every
element). --json prints everything, stability between rounds included
(docs/study.md).`,
		Example: `  trustshop study stats study.db
  trustshop study stats study.db --json | jq '.pooled.criteria'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			e, res, err := a.openStudy(cmd, args[0])
			if err != nil {
				return err
			}
			defer e.Close()
			if asJSON {
				return export.NewJSONEncoder(a.out).Encode(res)
			}
			return studyText(a.out, res)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON for other tools")
	return cmd
}

func (a *app) studyExportCommand() *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "export STUDY.db -o FILE.csv",
		Short: "Write a study's ratings as a tidy csv with a Frictionless data package",
		Long: `export writes one row per rating of every session (site, session_id,
session_date, participant_uuid, role, element_id, criterion, round, value,
abstain, rated_at) to FILE.csv, the sessions to FILE-sessions.csv, and a
Frictionless data package, datapackage.json, beside them: each file's size,
sha256 and table schema, which R's frictionless::read_package() and Python's
frictionless read (docs/study.md).`,
		Example: `  trustshop study export study.db -o out/study.csv`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if output == "" || filepath.Ext(output) != ".csv" {
				return usageError{fmt.Errorf("-o FILE.csv: name the csv file to write, e.g. -o study.csv")}
			}
			ctx := cmd.Context()
			p, err := a.pack()
			if err != nil {
				return err
			}
			e, err := session.OpenEngine(ctx, args[0], session.Options{Inspect: true}, session.EngineOptions{Pack: p, PackDir: a.packDir})
			if err != nil {
				return err
			}
			defer e.Close()
			files, err := study.Export(ctx, e, p, output, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(a.out, "wrote %s, %s and %s\n", files.CSV, files.Sessions, files.DataPackage)
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "the csv file to write; its sessions and datapackage.json go beside it")
	return cmd
}

// studyText prints a study's statistics as tables.
func studyText(w io.Writer, res *study.Result) error {
	tw := export.NewTableWriter(w, 2) // display widths; a Flush ends each table
	for _, s := range res.Sites {
		fmt.Fprintf(tw, "Site %s: %s\n", siteName(s.Site), counts(0, len(s.Sessions), s.Participants, s.Ratings))
		fmt.Fprintf(tw, "  element\tcriterion\tround\tn\tabstain\tmedian\tIQR\tagreement\tconsensus\n")
		for _, es := range s.Elements {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n", es.ElementID, es.Criterion, es.Round, es.N, es.Abstain,
				export.Number(es.Median), export.Number(es.IQR), export.Number(es.Agreement), yesNo(es.Consensus))
		}
		tw.Flush()
		fmt.Fprintf(tw, "  criterion\tround\tα ordinal\tKendall's W\n")
		for _, c := range s.Criteria {
			fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\n", c.Criterion, c.Round, export.Number(c.AlphaOrdinal), export.Number(c.KendallW))
		}
		tw.Flush()
		fmt.Fprintln(tw)
	}
	pl := res.Pooled
	fmt.Fprintf(tw, "Pooled: %s\n", counts(pl.Sites, pl.Sessions, pl.Participants, pl.Ratings))
	fmt.Fprintf(tw, "  element\tcriterion\tround\tn\tabstain\tmedian\tIQR\tagreement\tconsensus\n")
	for _, es := range pl.Elements {
		fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n", es.ElementID, es.Criterion, es.Round, es.N, es.Abstain,
			export.Number(es.Median), export.Number(es.IQR), export.Number(es.Agreement), yesNo(es.Consensus))
	}
	tw.Flush()
	fmt.Fprintf(tw, "  criterion\tround\tα nominal\tα ordinal\tα interval\n")
	for _, c := range pl.Criteria {
		fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t%s\n", c.Criterion, c.Round, export.Number(c.AlphaNominal), export.Number(c.AlphaOrdinal), export.Number(c.AlphaInterval))
	}
	for _, warn := range res.Warnings {
		fmt.Fprintf(tw, "warning: %s\n", warn)
	}
	return tw.Flush()
}

// counts says "2 sites, 1 session, 3 participants, 12 ratings" (no sites
// when sites is 0: a site's own line).
func counts(sites, sessions, participants, ratings int) string {
	parts := []string{count(sessions, "session", "sessions"), count(participants, "participant", "participants"), count(ratings, "rating", "ratings")}
	if sites > 0 {
		parts = append([]string{count(sites, "site", "sites")}, parts...)
	}
	return strings.Join(parts, ", ")
}

func siteName(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(no site)"
	}
	return s
}

func yesNo(b *bool) string {
	switch {
	case b == nil:
		return "–"
	case *b:
		return "yes"
	}
	return "no"
}
