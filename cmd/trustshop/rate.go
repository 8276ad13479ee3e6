package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/session"
)

func (a *app) rateCommand() *cobra.Command {
	var (
		participant, element, criterion, comment, correction string
		value, round                                         int
		abstain                                              bool
	)
	cmd := &cobra.Command{
		Use:   "rate ID",
		Short: "Record one rating from the shell (e.g. ratings given on paper)",
		Long: `rate records one participant's rating of one solution element on one
criterion: either --value (a point of the criterion's scale) or --abstain
("can't judge", which is not the same as a missing rating). Rating a cell
again replaces its value; the old one stays in the session's history.

The rating goes into the element's current round (--round picks another).
A round that is closed or revealed takes no new rating: the group has seen
its results. To correct one anyway (a value misread from a paper form),
give the reason with --correction; the change is marked as a correction in
the history and the exports.`,
		Example: `  trustshop rate 3f9a --participant Ana --element protect-ip --criterion impact --value 5
  trustshop rate 3f9a --participant Ben --element explain --criterion effort --abstain --comment "not my field"
  trustshop rate 3f9a --participant Ana --element explain --criterion impact --value 4 --correction "misread the form"`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeSessionIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			if f.Changed("value") == abstain {
				return usageError{fmt.Errorf("give exactly one of --value and --abstain")}
			}
			if f.Changed("correction") && strings.TrimSpace(correction) == "" {
				return usageError{fmt.Errorf(`--correction needs the reason, e.g. --correction "misread the paper form"`)}
			}
			ctx := cmd.Context()
			e, w, err := a.openSession(ctx, args[0], changeDB)
			if err != nil {
				return err
			}
			defer e.Close()
			sess := w.Session
			pt, ok := sess.Participant(participant)
			if !ok {
				names := make([]string, len(sess.Participants))
				for i, x := range sess.Participants {
					names[i] = x.Name
				}
				return fmt.Errorf("session %s has no participant %q (it has: %s)", sess.ID, participant, strings.Join(names, ", "))
			}
			if !f.Changed("round") { // --round 0 goes to the engine, which refuses it
				round = w.Rounds.Current(element).Round
			}
			in := session.RatingInput{
				RatingKey: session.RatingKey{SessionID: sess.ID, ParticipantID: pt.ID, ElementID: element, CriterionID: criterion, Round: round},
				Abstain:   abstain, Reason: correction,
			}
			if f.Changed("value") {
				in.Value = &value
			}
			if f.Changed("comment") {
				in.Comment = &comment
			}
			// An open round takes the rating as it is: there is nothing to
			// correct, and the engine records no correction (nor its reason).
			plain := correction != "" && w.MayWrite(session.CommandLine(), in.RatingKey) == nil
			if err := e.RecordRating(ctx, session.CommandLine(), in); err != nil {
				if errors.Is(err, session.ErrRoundClosed) {
					return fmt.Errorf(`rate: %w; to correct it anyway, give the reason with --correction "why"`, err)
				}
				return fmt.Errorf("rate: %w", err)
			}
			what := fmt.Sprint(value)
			if abstain {
				what = "abstains"
			}
			switch {
			case plain:
				fmt.Fprintf(a.err, "Round %d of %s is open: rated as usual, not a correction (--correction is for a closed or revealed round); the reason is not recorded.\n", round, element)
			case correction != "":
				what += " (a correction: " + correction + ")"
			}
			fmt.Fprintf(a.out, "%s · %s · %s (round %d): %s\n", pt.Name, element, criterion, round, what)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&participant, "participant", "", "the participant's name (required)")
	f.StringVar(&element, "element", "", "the solution element's id (required)")
	f.StringVar(&criterion, "criterion", "", "the criterion's id (required)")
	f.IntVar(&value, "value", 0, "the rating, a point of the criterion's scale")
	f.BoolVar(&abstain, "abstain", false, "record an abstention instead of a value")
	f.IntVar(&round, "round", 0, "the rating round (default: the element's current round)")
	f.StringVar(&comment, "comment", "", "a comment on the rating")
	f.StringVar(&correction, "correction", "", "why a closed or revealed round is changed (required to change one)")
	for _, name := range []string{"participant", "element", "criterion"} {
		_ = cmd.MarkFlagRequired(name)
	}
	return cmd
}
