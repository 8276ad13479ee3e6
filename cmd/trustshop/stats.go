package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/export"
)

func (a *app) statsCommand() *cobra.Command {
	var (
		round  int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "stats ID",
		Short: "Print the statistics of a session",
		Long: `stats prints, per solution element, criterion and round, how the experts
rated: n, abstentions, median, IQR, mean, sd, agreement (the share within one
scale point of the median) and whether that is a consensus by the pack's rule;
per criterion and round the agreement across experts (Krippendorff's alpha,
Kendall's W); the ranking of the elements; and, for a session rated in more
than one round, how stable the answers were between rounds, apart from
consensus (docs/delphi.md). Undefined values print as – in the tables and null
in JSON. --json prints an object with session_id, elements, criteria, ranking,
stability, stability_kendall_w and consensus_rule (docs/export-json.md).`,
		Example: `  trustshop stats 3f9a
  trustshop stats 3f9a --round 2
  trustshop stats 3f9a --json | jq '.elements[] | select(.consensus) | .element_id'`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeSessionIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if round < 0 {
				return usageError{fmt.Errorf("--round %d: rounds start at 1", round)}
			}
			ctx := cmd.Context()
			st, w, err := a.openSession(ctx, args[0], readDB)
			if err != nil {
				return err
			}
			defer st.Close()
			sum, err := export.Load(ctx, st, w.Session.ID, export.LoadOptions{Stats: true, Round: round})
			if err != nil {
				return err
			}
			if rounds := sum.Results.Rounds; round > 0 && !slices.Contains(rounds, round) {
				return fmt.Errorf("session %s has no ratings in round %d (rounds with ratings: %s)", w.Session.ID, round, listInts(rounds))
			}
			if asJSON {
				return export.StatsJSON(a.data(), sum)
			}
			return export.StatsText(a.out, sum)
		},
	}
	cmd.Flags().IntVar(&round, "round", 0, "only this round (default: every round)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON for other tools")
	return cmd
}

func listInts(xs []int) string {
	if len(xs) == 0 {
		return "none"
	}
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}
