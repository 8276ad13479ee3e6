package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
)

func (a *app) consensusCommand() *cobra.Command {
	var (
		rule                 string
		maxIQR, minAgreement float64
	)
	cmd := &cobra.Command{
		Use:   "consensus ID",
		Short: "Show or set the session's definition of a consensus",
		Long: `consensus says which definition of a consensus the session uses, or with
--rule sets it. A session takes its pack's rule when it is created (the
pack's consensus: block; without one, iqr-agreement with IQR <= 1 and 75 %
agreement); set it here before round 1 when this study fixes another. The
rules:

  iqr-agreement      IQR <= --max-iqr and at least --min-agreement of the
                     ratings within one scale point of the median
  percent-agreement  at least --min-agreement within one point of the
                     median (Diamond et al. 2014: 75 % is the usual cut)
  70-15              >= 70 % in the best third of the scale and < 15 % in
                     the worst third

A change after ratings were given is allowed but recorded in the history
with the old and the new rule, so a reader of the exports sees that the
definition moved. stats --json reports the rule in force as consensus_rule.`,
		Example: `  trustshop consensus 3f9a
  trustshop consensus 3f9a --rule percent-agreement --min-agreement 0.8
  trustshop consensus 3f9a --rule 70-15`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeSessionIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			f := cmd.Flags()
			use := readDB
			if f.Changed("rule") {
				use = changeDB
			} else if f.Changed("max-iqr") || f.Changed("min-agreement") {
				return usageError{fmt.Errorf("--max-iqr and --min-agreement go with --rule")}
			}
			e, w, err := a.openSession(ctx, args[0], use)
			if err != nil {
				return err
			}
			defer e.Close()
			if use == readDB {
				fmt.Fprintf(a.out, "%s: consensus is %s.\n", w.Session.ID, session.DescribeConsensus(w.Session.Consensus))
				return nil
			}
			r := stats.ConsensusRule{Kind: rule, MaxIQR: maxIQR, MinAgreement: minAgreement}
			if err := r.Validate(); err != nil {
				return usageError{fmt.Errorf("--rule %s: %w", rule, err)}
			}
			if err := e.SetConsensusRule(ctx, session.CommandLine(), w.Session.ID, r); err != nil {
				return fmt.Errorf("consensus: %w", err)
			}
			fmt.Fprintf(a.out, "%s: consensus is now %s (recorded in the history).\n", w.Session.ID, session.DescribeConsensus(r))
			return nil
		},
	}
	cmd.Flags().StringVar(&rule, "rule", "", "iqr-agreement, percent-agreement or 70-15")
	cmd.Flags().Float64Var(&maxIQR, "max-iqr", 1, "iqr-agreement: the largest IQR that is a consensus")
	cmd.Flags().Float64Var(&minAgreement, "min-agreement", 0.75, "iqr-agreement, percent-agreement: the share (0..1) within one point of the median")
	return cmd
}
