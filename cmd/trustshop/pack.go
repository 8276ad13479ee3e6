package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
)

func (a *app) packCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pack",
		Short: "Check and outline content packs",
		Long: `A content pack is a folder of Markdown files with YAML front matter and a
pack.yaml manifest: the personas, user stories, solution elements, rating
criteria and agenda of a workshop. The format is described in
docs/content-packs.md.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(a.packCheckCommand(), a.packShowCommand())
	return cmd
}

func (a *app) packCheckCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "check [DIR]",
		Short: "Validate a content pack and list every problem with file:line",
		Long: `check reads every file of the pack in DIR (or --pack, or the embedded pack)
and prints each problem as file:line: message. It exits with status 1 when
there is any problem, so it fits in a CI job or a pre-commit hook.`,
		Example: `  trustshop pack check ./my-pack
  trustshop pack check            # the embedded Digital Twin Trust Framework`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := a.packDir
			if len(args) == 1 {
				dir = args[0]
			}
			p, err := content.Open(dir)
			var ps content.Problems
			if errors.As(err, &ps) {
				for _, pr := range ps {
					fmt.Fprintln(a.out, pr.Error())
				}
				return fmt.Errorf("%s: %d problem%s", describePack(dir), len(ps), plural(len(ps)))
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.out, "%s: pack %s %s is valid: %s, %s, %s, %s, %s\n", describePack(dir), p.ID, p.Version,
				count(len(p.Personas), "persona", "personas"), count(len(p.Stories), "story", "stories"),
				count(len(p.Elements), "element", "elements"), count(len(p.Criteria), "criterion", "criteria"),
				count(len(p.Agenda), "agenda step", "agenda steps"))
			return nil
		},
	}
}

func (a *app) packShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show [DIR]",
		Short: "Print the outline of a content pack",
		Long: `show prints the outline of the pack in DIR (or --pack, or the embedded pack):
its personas, user stories, solution elements, rating criteria (with which
way is better), the matrix's two criteria, the consensus rule and the
agenda. With --json it prints the same as one JSON object for other tools
(the "pack" object of docs/export-json.md).`,
		Example: `  trustshop pack show
  trustshop pack show ./my-pack
  trustshop pack show --pack ./my-pack --json | jq '.elements[].title'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := a.packDir
			if len(args) == 1 {
				dir = args[0]
			}
			p, err := content.Open(dir)
			if err != nil {
				return err
			}
			if asJSON {
				return export.NewJSONEncoder(a.data()).Encode(p.Outline())
			}
			return printOutline(a.out, p)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON for other tools")
	return cmd
}

func printOutline(w io.Writer, p *content.Pack) error {
	minutes := 0
	for _, s := range p.Agenda {
		minutes += s.Minutes
	}
	fmt.Fprintf(w, "%s\n%s %s · %s\n", p.Title, p.ID, p.Version, p.ContentHash)
	if p.Source != "" {
		fmt.Fprintf(w, "Source: %s\n", p.Source)
	}
	// Display widths: CJK and emoji titles would shift tabwriter's columns.
	// Each section is a table of its own.
	tw := export.NewTableWriter(w, 2)
	fmt.Fprintf(tw, "\nPersonas (%d)\n", len(p.Personas))
	for _, x := range p.Personas {
		fmt.Fprintf(tw, "  %s\t%s\n", x.ID, x.Title)
	}
	tw.Flush()
	fmt.Fprintf(tw, "\nUser stories (%d)\n", len(p.Stories))
	for _, x := range p.Stories {
		fmt.Fprintf(tw, "  %s\t%s → %s\t%s\t%s\n", x.ID, x.From, x.To, x.Title, strings.Join(x.Elements, ", "))
	}
	tw.Flush()
	fmt.Fprintf(tw, "\nSolution elements (%d)\n", len(p.Elements))
	for _, x := range p.Elements {
		fmt.Fprintf(tw, "  %s\t%s\n", x.ID, x.Title)
	}
	tw.Flush()
	fmt.Fprintf(tw, "\nRating criteria (%d)\n", len(p.Criteria))
	for _, x := range p.Criteria {
		better := "higher is better"
		if x.LowerIsBetter {
			better = "lower is better"
		}
		fmt.Fprintf(tw, "  %s\t%s %d..%d\t%s\t%s\n", x.ID, x.Label, x.Min, x.Max, better, x.Question)
	}
	tw.Flush()
	fmt.Fprintln(tw)
	if x, y, ok := p.MatrixAxes(); ok {
		fmt.Fprintf(tw, "Matrix: %s across, %s up\n", x.ID, y.ID)
	}
	fmt.Fprintf(tw, "Consensus: %s\n", consensusText(p.Consensus))
	fmt.Fprintf(tw, "\nAgenda (%d steps, %d min)\n", len(p.Agenda), minutes)
	for i, s := range p.Agenda {
		fmt.Fprintf(tw, "  %2d. %s\t%s\t%d min\n", i+1, s.Key(), p.StepTitle(s), s.Minutes)
	}
	return tw.Flush()
}

// consensusText says the pack's consensus rule in a line.
func consensusText(c content.Consensus) string {
	switch c.Rule {
	case content.ConsensusPercentAgreement:
		return fmt.Sprintf("%s (agreement >= %g)", c.Rule, c.MinAgreement)
	case content.Consensus7015:
		return c.Rule + " (>= 70 % of ratings in the best third of the scale, < 15 % in the worst)"
	}
	return fmt.Sprintf("%s (IQR <= %g and agreement >= %g)", c.Rule, c.MaxIQR, c.MinAgreement)
}

// count says "1 story" or "3 stories".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
