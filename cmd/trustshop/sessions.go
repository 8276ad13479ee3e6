package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

func (a *app) newCommand() *cobra.Command {
	var (
		in           session.NewSession
		participants []string
	)
	cmd := &cobra.Command{
		Use:   "new",
		Short: "Create a workshop session",
		Long: `new creates a session on the pack (--pack, or the embedded one) and prints its
id as the last line. Each --participant is "Name:role" or "Name:role:organisation",
where role is a persona id of the pack (for the embedded pack: supplier, user,
partner). A name may be an alias.`,
		Example: `  trustshop new --title "Pilot workshop" --facilitator Dana --organisation Acme \
    --participant "Ana:supplier:Vendor GmbH" --participant "Ben:user" --participant "Chi:partner"
  id=$(trustshop new --title Dry-run --facilitator Dana | tail -n1)`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, spec := range participants {
				pt, err := parseParticipant(spec)
				if err != nil {
					return usageError{err}
				}
				in.Participants = append(in.Participants, pt)
			}
			p, err := a.pack()
			if err != nil {
				return err
			}
			for i, pt := range in.Participants { // "sup" for supplier, as in the form
				if in.Participants[i].Role, err = p.ResolveRole(pt.Role); err != nil {
					return fmt.Errorf("participant %q: %w", pt.Name, err)
				}
			}
			if err := in.Validate(p); err != nil {
				return err
			}
			in.PackDir = a.packDir
			st, err := a.openEngine(cmd.Context(), createDB)
			if err != nil {
				return err
			}
			defer st.Close()
			sess, err := st.CreateSession(cmd.Context(), session.CommandLine(), p, in)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.out, "Created %q on %s %s with %d participant%s in %s\n",
				sess.Title, p.ID, p.Version, len(sess.Participants), plural(len(sess.Participants)), st.Path())
			fmt.Fprintln(a.out, sess.ID)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&in.Title, "title", "", "the session's title (required)")
	f.StringVar(&in.Facilitator, "facilitator", "", "who runs the workshop (required)")
	f.StringVar(&in.Organisation, "organisation", "", "the organisation hosting it")
	f.StringVar(&in.Date, "date", "", "the workshop's day, YYYY-MM-DD (default today)")
	f.StringVar(&in.Site, "site", "", "where the workshop runs, e.g. \"Munich, TUM\" (kept apart when studies are merged)")
	f.StringArrayVar(&participants, "participant", nil, `a participant, "Name:role[:organisation]" (repeat the flag)`)
	_ = cmd.MarkFlagRequired("title")
	_ = cmd.MarkFlagRequired("facilitator")
	return cmd
}

// parseParticipant reads "Name:role[:organisation]".
func parseParticipant(spec string) (session.Participant, error) {
	parts := strings.SplitN(spec, ":", 3)
	if len(parts) < 2 || strings.TrimSpace(parts[0]) == "" || strings.TrimSpace(parts[1]) == "" {
		return session.Participant{}, fmt.Errorf(`--participant %q: write "Name:role" or "Name:role:organisation"`, spec)
	}
	pt := session.Participant{Name: strings.TrimSpace(parts[0]), Role: strings.TrimSpace(parts[1])}
	if len(parts) == 3 {
		pt.Organisation = strings.TrimSpace(parts[2])
	}
	return pt, nil
}

// sessionJSON is a session in `trustshop sessions --json`.
type sessionJSON struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Facilitator  string `json:"facilitator"`
	Organisation string `json:"organisation"`
	Date         string `json:"date"`
	PackID       string `json:"pack_id"`
	Status       string `json:"status"`
	Step         int    `json:"step"`
	Steps        int    `json:"steps"`
	Participants int    `json:"participants"`
	Ratings      int    `json:"ratings"`
	UpdatedAt    string `json:"updated_at"`
}

func (a *app) sessionsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "sessions",
		Aliases: []string{"ls", "list"},
		Short:   "List the sessions in the database",
		Long: `sessions lists the sessions in the database (--db, else $TRUSTSHOP_DB, else
the default file), the most recently changed first: id, date, title,
facilitator, how many people take part, the agenda step the session is at,
the ratings given, and its status (planned, running or finished). Use the
id, or a unique prefix of four characters or more, with open, review,
stats, export, rate, round, reveal and delete.

STEP counts from 1: "5/20" is the fifth of twenty steps. The JSON's "step"
counts from 0, as in the JSON export (docs/export-json.md): the same
session has "step": 4 and "steps": 20.

Where there is no database yet it says so and writes nothing (--json prints
an empty list).`,
		Example: `  trustshop sessions
  trustshop sessions --json | jq -r '.[] | select(.status == "finished") | .id'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.listSessions(cmd, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON for other tools")
	return cmd
}

func (a *app) listSessions(cmd *cobra.Command, asJSON bool) error {
	st, err := a.openEngine(cmd.Context(), readDB)
	if errors.Is(err, session.ErrNoDatabase) {
		if asJSON {
			_, err := io.WriteString(a.data(), "[]\n")
			return err
		}
		fmt.Fprintf(a.out, "No database yet at %s, so no sessions (nothing was written).\n%s", a.databasePath(), startHint)
		return nil
	}
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Sessions(cmd.Context())
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]sessionJSON, len(list))
		for i, x := range list {
			out[i] = sessionJSON{x.ID, x.Title, x.Facilitator, x.Organisation, x.Date, x.PackID, string(x.Status),
				x.Step, x.Steps, x.Participants, x.Ratings, x.UpdatedAt.UTC().Format(time.RFC3339)}
		}
		return export.NewJSONEncoder(a.data()).Encode(out)
	}
	return printSessions(a.out, list, st.Path())
}

func printSessions(w io.Writer, list []session.Summary, path string) error {
	if len(list) == 0 {
		fmt.Fprintf(w, "No sessions yet in %s.\n%s", path, startHint)
		return nil
	}
	bw := bufio.NewWriter(w)
	tw := export.NewTableWriter(bw, 2) // display widths: CJK titles keep the columns
	fmt.Fprintln(tw, "ID\tDATE\tTITLE\tFACILITATOR\tPEOPLE\tSTEP\tRATINGS\tSTATUS")
	for _, x := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d/%d\t%d\t%s\n", x.ID, x.Date, oneLine(x.Title, 40), oneLine(x.Facilitator, 20),
			x.Participants, min(x.Step+1, x.Steps), x.Steps, x.Ratings, x.Status)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// startHint says how to start a session.
const startHint = "Start one with: trustshop new --title \"Pilot\" --facilitator \"Your name\" --participant \"Ana:supplier\"\n"

// oneLine keeps a user-written text on one line and at most n columns
// wide (display width), cut between grapheme clusters.
func oneLine(s string, n int) string {
	return ansi.Truncate(strings.Join(strings.Fields(s), " "), n, "…")
}

func (a *app) deleteCommand() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete a session with its ratings, notes and history",
		Long: `delete removes a session and everything recorded in it. It asks first; --yes
skips the question (for scripts). ID may be a unique prefix of at least four
characters.`,
		Example:           "  trustshop delete 3f9a\n  trustshop delete 3f9a0c12 --yes",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: a.completeSessionIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.openEngine(cmd.Context(), changeDB)
			if err != nil {
				return err
			}
			defer st.Close()
			sess, err := st.Session(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if !yes {
				fmt.Fprintf(a.err, "Delete session %s %q (%s, %d participants) with all its ratings and notes? This cannot be undone. [y/N] ",
					sess.ID, sess.Title, sess.Date, len(sess.Participants))
				answer, _ := bufio.NewReader(a.in).ReadString('\n')
				if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
					return fmt.Errorf("not deleted (answer y to delete, or pass --yes)")
				}
			}
			if err := st.DeleteSession(cmd.Context(), session.CommandLine(), sess.ID); err != nil {
				return err
			}
			fmt.Fprintf(a.out, "Deleted session %s %q\n", sess.ID, sess.Title)
			return nil
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "delete without asking")
	return cmd
}
