package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/session"
)

func (a *app) revealCommand() *cobra.Command {
	var (
		element, to string
		round       int
	)
	cmd := &cobra.Command{
		Use:   "reveal ID",
		Short: "Reveal the results of an element's round to the room or the devices",
		Long: `reveal shows the results of one element's round, as the facilitator's
ctrl+o does in the rating grid: to the room (the projector and the
facilitator's screens) or, with --to devices, to the participants' own
devices. Revealing closes the round: ratings given after the group saw the
results would be anchored on them. A reveal cannot be taken back.`,
		Example: `  trustshop reveal 3f9a --element protect-ip
  trustshop reveal 3f9a --element protect-ip --round 2 --to devices`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeSessionIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			audience := session.Audience(to)
			if audience != session.AudienceRoom && audience != session.AudienceDevices {
				return usageError{fmt.Errorf("--to %q: room or devices", to)}
			}
			ctx := cmd.Context()
			e, w, err := a.openSession(ctx, args[0], changeDB)
			if err != nil {
				return err
			}
			defer e.Close()
			if !cmd.Flags().Changed("round") { // --round 0 goes to the engine, which refuses it
				round = w.Rounds.Current(element).Round
			}
			if err := e.Reveal(ctx, session.CommandLine(), w.Session.ID, element, round, audience); err != nil {
				return fmt.Errorf("reveal: %w", err)
			}
			fmt.Fprintf(a.out, "Revealed round %d of %s to the %s\n", round, element, audience)
			return nil
		},
	}
	cmd.Flags().StringVar(&element, "element", "", "the solution element's id (required)")
	cmd.Flags().IntVar(&round, "round", 0, "the round (default: the element's current round)")
	cmd.Flags().StringVar(&to, "to", string(session.AudienceRoom), "room or devices")
	_ = cmd.MarkFlagRequired("element")
	return cmd
}

func (a *app) roundCommand() *cobra.Command {
	var (
		open, closeR int
		elements     []string
	)
	cmd := &cobra.Command{
		Use:   "round ID",
		Short: "Open or close a rating round for some or every element",
		Long: `round opens (--open R) or closes (--close R) round R for the named elements,
or for every element when none is named, as the facilitator's keys do.
Rounds are per element: a Delphi round 2 on the contested elements leaves
the others in round 1. Round R+1 of an element opens once round R holds a
rating of it; it closes round R and shows its results as the feedback of
the new round. All named elements change, or none.`,
		Example: `  trustshop round 3f9a --open 2 --element protect-ip --element quality
  trustshop round 3f9a --open 2
  trustshop round 3f9a --close 2 --element quality`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeSessionIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			if f.Changed("open") == f.Changed("close") {
				return usageError{fmt.Errorf("give exactly one of --open R and --close R")}
			}
			r, verb := open, "Opened"
			if f.Changed("close") {
				r, verb = closeR, "Closed"
			}
			if r < 1 {
				return usageError{fmt.Errorf("round %d: rounds start at 1", r)}
			}
			ctx := cmd.Context()
			e, w, err := a.openSession(ctx, args[0], changeDB)
			if err != nil {
				return err
			}
			defer e.Close()
			if f.Changed("open") {
				err = e.OpenRound(ctx, session.CommandLine(), w.Session.ID, r, elements)
			} else {
				err = e.CloseRound(ctx, session.CommandLine(), w.Session.ID, r, elements)
			}
			if err != nil {
				return fmt.Errorf("round: %w", err)
			}
			which := "every element"
			if len(elements) > 0 {
				which = strings.Join(elements, ", ")
			}
			fmt.Fprintf(a.out, "%s round %d of %s\n", verb, r, which)
			return nil
		},
	}
	cmd.Flags().IntVar(&open, "open", 0, "open this round")
	cmd.Flags().IntVar(&closeR, "close", 0, "close this round")
	cmd.Flags().StringArrayVar(&elements, "element", nil, "an element's id (repeat the flag; default: every element)")
	return cmd
}
