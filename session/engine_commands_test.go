package session_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/session/stats"
)

func TestRoundCommands(t *testing.T) {
	fac := session.Facilitator()
	type step func(f *fixture) error
	rate := func(who int, el string, round int) step {
		return func(f *fixture) error { return f.rate(fac, f.key(who, el, "impact", round), 3, "") }
	}
	open := func(round int, els ...string) step {
		return func(f *fixture) error { return f.e.OpenRound(f.ctx, fac, f.sess.ID, round, els) }
	}
	reveal := func(el string, round int, to session.Audience) step {
		return func(f *fixture) error { return f.e.Reveal(f.ctx, fac, f.sess.ID, el, round, to) }
	}
	closeR := func(round int, els ...string) step {
		return func(f *fixture) error { return f.e.CloseRound(f.ctx, fac, f.sess.ID, round, els) }
	}
	cases := []struct {
		name  string
		setup []step
		try   step
		want  error
		check func(t *testing.T, w session.Workshop)
	}{
		{name: "round 2 of an element rated in round 1", setup: []step{rate(0, "explain", 1)}, try: open(2, "explain"),
			check: func(t *testing.T, w session.Workshop) {
				r1, _ := w.Rounds.Get("explain", 1)
				if r1.Open() || !r1.RevealedToRoom() || !r1.RevealedToDevices() {
					t.Errorf("round 1 after round 2 opened: %+v (closed and shown as feedback)", r1)
				}
				if cur := w.Rounds.Current("explain"); cur.Round != 2 || !cur.Open() {
					t.Errorf("current round %+v", cur)
				}
				if cur := w.Rounds.Current("quality"); cur.Round != 1 || !cur.Open() {
					t.Errorf("another element moved to %+v", cur)
				}
			}},
		{name: "round 2 of an element nobody rated", try: open(2, "explain"), want: session.ErrEmptyRound},
		{name: "round 3 before round 2", setup: []step{rate(0, "explain", 1)}, try: open(3, "explain"), want: session.ErrRoundNotOpen},
		{name: "round 2 of every element, some unrated: none opens", setup: []step{rate(0, "explain", 1)}, try: open(2), want: session.ErrEmptyRound},
		{name: "an unknown element", try: open(2, "explain", "nope"), want: session.ErrInvalid},
		{name: "reopen a closed round", setup: []step{closeR(1, "explain")}, try: open(1, "explain"),
			check: func(t *testing.T, w session.Workshop) {
				if !w.Rounds.Current("explain").Open() {
					t.Error("not reopened")
				}
			}},
		{name: "a revealed round does not reopen", setup: []step{rate(0, "explain", 1), reveal("explain", 1, session.AudienceRoom)}, try: open(1, "explain"), want: session.ErrRoundClosed},
		{name: "reveal a round nobody rated", try: reveal("explain", 1, session.AudienceRoom), want: session.ErrEmptyRound},
		{name: "reveal a round nobody rated to devices", try: reveal("explain", 1, session.AudienceDevices), want: session.ErrEmptyRound},
		{name: "reveal round 0", setup: []step{rate(0, "explain", 1)}, try: reveal("explain", 0, session.AudienceRoom), want: session.ErrInvalid},
		{name: "reveal to the room closes the round", setup: []step{rate(0, "explain", 1)}, try: reveal("explain", 1, session.AudienceRoom),
			check: func(t *testing.T, w session.Workshop) {
				r := w.Rounds.Current("explain")
				if r.Open() || !r.RevealedToRoom() || r.RevealedToDevices() {
					t.Errorf("after a reveal to the room: %+v", r)
				}
			}},
		{name: "reveal to devices is apart from the room", setup: []step{rate(0, "explain", 1), reveal("explain", 1, session.AudienceDevices)},
			try: reveal("explain", 1, session.AudienceRoom),
			check: func(t *testing.T, w session.Workshop) {
				if r := w.Rounds.Current("explain"); !r.RevealedToRoom() || !r.RevealedToDevices() {
					t.Errorf("%+v", r)
				}
			}},
		{name: "reveal a round never opened", try: reveal("explain", 2, session.AudienceRoom), want: session.ErrRoundNotOpen},
		{name: "reveal an unknown element", try: reveal("nope", 1, session.AudienceRoom), want: session.ErrInvalid},
		{name: "reveal to nobody", try: reveal("explain", 1, "everyone"), want: session.ErrInvalid},
		{name: "a device cannot reveal", try: func(f *fixture) error {
			return f.e.Reveal(f.ctx, session.ParticipantActor(f.sess.Participants[0].UUID), f.sess.ID, "explain", 1, session.AudienceRoom)
		}, want: session.ErrNotYours},
		{name: "close a round that is not current", setup: []step{rate(0, "explain", 1), open(2, "explain")}, try: closeR(1, "explain"), want: session.ErrRoundNotOpen},
		{name: "an unknown session", try: func(f *fixture) error {
			return f.e.Reveal(f.ctx, fac, "feedbeef", "explain", 1, session.AudienceRoom)
		}, want: session.ErrNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			for _, s := range tc.setup {
				f.must(s(f))
			}
			before := f.snapshot()
			err := tc.try(f)
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if err != nil {
				if after := f.snapshot(); after != before {
					t.Fatalf("a refused command changed the database:\nbefore %s\nafter  %s", before, after)
				}
				return
			}
			if tc.check != nil {
				w, err := f.e.Workshop(f.ctx, f.sess.ID)
				f.must(err)
				tc.check(t, w)
			}
		})
	}
}

func TestFinishingAsksWhileCellsAreOpen(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	summary := len(f.p.Agenda) - 1
	// Everything rated in round 1 but one cell; then a round 2 on one
	// element, fully rated.
	for who := range f.sess.Participants {
		for _, el := range f.p.Elements {
			for _, cr := range f.p.Criteria {
				if who == 2 && el.ID == "document" && cr.ID == "effort" {
					continue
				}
				f.must(f.rate(fac, f.key(who, el.ID, cr.ID, 1), 3, ""))
			}
		}
	}
	f.must(f.e.MoveTo(f.ctx, fac, f.sess.ID, 3, false))
	before := f.snapshot()
	// A jump from step 4 straight to the summary asks too.
	err := f.e.MoveTo(f.ctx, fac, f.sess.ID, summary, false)
	var missing *session.MissingRatingsError
	if !errors.As(err, &missing) || !errors.Is(err, session.ErrMissingRatings) {
		t.Fatalf("jump to the summary with a cell open: %v", err)
	}
	if missing.Cells() != 1 || missing.Missing[0].Participant.Name != "Chi" || missing.Missing[0].Elements[0].ElementID != "document" {
		t.Errorf("missing %+v", missing.Missing)
	}
	if after := f.snapshot(); after != before {
		t.Fatalf("the refused move changed the session:\n%s\n%s", before, after)
	}
	f.must(f.rate(fac, f.key(2, "document", "effort", 1), 2, ""))
	f.must(f.e.OpenRound(f.ctx, fac, f.sess.ID, 2, []string{"explain"}))
	// Round 2 on one element: only its cells are asked about.
	err = f.e.MoveTo(f.ctx, fac, f.sess.ID, summary, false)
	if !errors.As(err, &missing) || missing.Cells() != 3*2 {
		t.Fatalf("with round 2 open on one element: %v", err)
	}
	for _, m := range missing.Missing {
		if len(m.Elements) != 1 || m.Elements[0].ElementID != "explain" || m.Elements[0].Round != 2 {
			t.Errorf("asked about %+v", m.Elements)
		}
	}
	f.must(f.e.MoveTo(f.ctx, fac, f.sess.ID, summary, true))
	w, _ := f.e.Workshop(f.ctx, f.sess.ID)
	if w.Session.Status != session.StatusFinished || w.Session.Step != summary {
		t.Fatalf("after yes: %s at %d", w.Session.Status, w.Session.Step)
	}
	// Going back is a reopen; round 2 held no rating, so finishing did not
	// reveal it and it takes ratings again.
	if err := f.e.MoveTo(f.ctx, fac, f.sess.ID, 2, false); !errors.Is(err, session.ErrFinished) {
		t.Fatalf("plain move back from the finished summary: %v", err)
	}
	f.must(f.e.Reopen(f.ctx, fac, f.sess.ID, 2))
	if w, _ = f.e.Workshop(f.ctx, f.sess.ID); w.Session.Status != session.StatusRunning {
		t.Fatalf("after reopening: %s", w.Session.Status)
	}
	f.must(f.rate(fac, f.key(0, "explain", "impact", 2), 5, ""))
}

func TestParticipantsAndSessionCommands(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	late, err := f.e.AddParticipant(f.ctx, fac, f.sess.ID, session.Participant{Name: "Dev", Role: "user", Organisation: "Acme"})
	f.must(err)
	if late.UUID == "" || late.ID == 0 {
		t.Fatalf("late participant %+v", late)
	}
	f.must(f.rate(fac, session.RatingKey{SessionID: f.sess.ID, ParticipantID: late.ID, ElementID: "explain", CriterionID: "impact", Round: 1}, 4, ""))
	f.must(f.e.RenameParticipant(f.ctx, fac, f.sess.ID, late.ID, "Devi"))
	f.must(f.e.SetTitle(f.ctx, fac, f.sess.ID, "Pilot, second day"))
	f.must(f.e.SetSite(f.ctx, fac, f.sess.ID, "Munich"))
	w, _ := f.e.Workshop(f.ctx, f.sess.ID)
	if got := w.Session.Participants[3]; got.Name != "Devi" || got.UUID != late.UUID {
		t.Errorf("renamed: %+v", got)
	}
	if w.Session.Title != "Pilot, second day" || w.Session.Site != "Munich" {
		t.Errorf("session: %q at %q", w.Session.Title, w.Session.Site)
	}
	refused := map[string]struct {
		err  error
		want error
	}{
		"a name taken in another case": {f.e.RenameParticipant(f.ctx, fac, f.sess.ID, late.ID, "ANA"), session.ErrConflict},
		"a late arrival twice":         {second(f.e.AddParticipant(f.ctx, fac, f.sess.ID, session.Participant{Name: "devi", Role: "user"})), session.ErrConflict},
		"an unknown role":              {second(f.e.AddParticipant(f.ctx, fac, f.sess.ID, session.Participant{Name: "Eve", Role: "ceo"})), session.ErrInvalid},
		"an escape in a name":          {second(f.e.AddParticipant(f.ctx, fac, f.sess.ID, session.Participant{Name: "Eve\x1b]52;c;aGk=\a", Role: "user"})), session.ErrInvalid},
		"a name of 5 MB":               {second(f.e.AddParticipant(f.ctx, fac, f.sess.ID, session.Participant{Name: strings.Repeat("x", 5<<20), Role: "user"})), session.ErrInvalid},
		"an empty title":               {f.e.SetTitle(f.ctx, fac, f.sess.ID, "  "), session.ErrInvalid},
		"a title with a C1 control":    {f.e.SetTitle(f.ctx, fac, f.sess.ID, "Pilot\u009b31m"), session.ErrInvalid},
		"invalid UTF-8 in a comment":   {f.e.CommentRating(f.ctx, fac, f.key(0, "explain", "impact", 1), "caf\xe9"), session.ErrInvalid},
		"a device adds a participant":  {second(f.e.AddParticipant(f.ctx, session.ParticipantActor(late.UUID), f.sess.ID, session.Participant{Name: "Eve", Role: "user"})), session.ErrNotYours},
		"a device renames itself":      {f.e.RenameParticipant(f.ctx, session.ParticipantActor(late.UUID), f.sess.ID, late.ID, "Boss"), session.ErrNotYours},
	}
	for name, tc := range refused {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: err = %v, want %v", name, tc.err, tc.want)
		}
	}
	if w2, _ := f.e.Workshop(f.ctx, f.sess.ID); len(w2.Session.Participants) != 4 {
		t.Errorf("refused participants were added: %+v", w2.Session.Participants)
	}
	h, _ := f.e.History(f.ctx, f.sess.ID)
	var trail []string
	for _, c := range h[len(h)-5:] {
		trail = append(trail, c.Entity+"."+c.Field)
	}
	if got := strings.Join(trail, " "); got != "rating.value session.status participant.name session.title session.site" {
		t.Errorf("history: %s", got)
	}
}

func second[T any](_ T, err error) error { return err }

func TestUndoChecksTheCell(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	k := f.key(0, "explain", "impact", 1)
	f.must(f.rate(fac, k, 4, ""))
	four, five := 4, 5
	// someone else changed it meanwhile
	f.must(f.rate(session.CommandLine(), k, 5, ""))
	err := f.e.UndoRating(f.ctx, fac, session.UndoInput{RatingKey: k, Expect: session.CellState{Value: &four}, Restore: session.CellState{}})
	if !errors.Is(err, session.ErrChangedSince) {
		t.Fatalf("undo of a changed cell: %v", err)
	}
	f.must(f.e.UndoRating(f.ctx, fac, session.UndoInput{RatingKey: k, Expect: session.CellState{Value: &five}, Restore: session.CellState{Value: &four}}))
	rows, _ := ratingsOf(f.ctx, f.e, f.sess.ID)
	if len(rows) != 1 || *rows[0].Value != 4 {
		t.Fatalf("after undo: %+v", rows)
	}
	// an undo is a rating like any other: a revealed round refuses it
	f.must(f.e.Reveal(f.ctx, fac, f.sess.ID, "explain", 1, session.AudienceRoom))
	err = f.e.UndoRating(f.ctx, fac, session.UndoInput{RatingKey: k, Expect: session.CellState{Value: &four}, Restore: session.CellState{}})
	if !errors.Is(err, session.ErrRoundClosed) {
		t.Fatalf("undo in a revealed round: %v", err)
	}
}

func TestConsensusRuleIsFixedWithTheSessionAndChangesAreRecorded(t *testing.T) {
	f := newFixture(t)
	fac := session.Facilitator()
	w, _ := f.e.Workshop(f.ctx, f.sess.ID)
	if w.Session.Consensus.EffectiveKind() != "iqr-agreement" || w.Session.Consensus.MaxIQR != 1 || w.Session.Consensus.MinAgreement != 0.75 {
		t.Fatalf("a new session's rule: %+v (want the pack's)", w.Session.Consensus)
	}
	// 3, 3, 5: IQR 1, two of three within one point of the median 3
	for who, v := range []int{3, 3, 5} {
		f.must(f.rate(fac, f.key(who, "explain", "impact", 1), v, ""))
	}
	consensus := func() *bool {
		r, err := f.e.Results(f.ctx, session.Viewer{Kind: session.ViewResearcher}, f.sess.ID)
		f.must(err)
		return r.Cell("explain", "impact", 1).Consensus
	}
	if c := consensus(); c == nil || *c {
		t.Fatalf("under iqr-agreement 0.75: %v", c)
	}
	f.must(f.e.SetConsensusRule(f.ctx, fac, f.sess.ID, stats.ConsensusRule{Kind: stats.ConsensusPercentAgreement, MinAgreement: 0.6}))
	if c := consensus(); c == nil || !*c {
		t.Fatalf("under percent agreement 0.6: %v", c)
	}
	h, _ := f.e.History(f.ctx, f.sess.ID)
	last := h[len(h)-1]
	if last.Field != "consensus" || !strings.Contains(*last.Old, "iqr-agreement") || !strings.Contains(*last.New, "percent-agreement") {
		t.Errorf("the change is not recorded: %+v", last)
	}
	for _, bad := range []stats.ConsensusRule{{Kind: "majority"}, {Kind: "iqr-agreement", MaxIQR: math.NaN(), MinAgreement: 0.5}} {
		if err := f.e.SetConsensusRule(f.ctx, fac, f.sess.ID, bad); !errors.Is(err, session.ErrInvalid) {
			t.Errorf("rule %+v: %v", bad, err)
		}
	}
	if got := session.DescribeConsensus(stats.ConsensusRule{MaxIQR: 1, MinAgreement: 0.75}); got !=
		"an interquartile range (IQR) of at most 1 and at least 75 % of the ratings within one scale point of the median" {
		t.Errorf("describe: %q", got)
	}
}
