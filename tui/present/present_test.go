package present

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// openPresent is the window of the env's session at w x h, loaded and
// following the feed (pumped by the driver).
func openPresent(t *testing.T, e *tuitest.Env, w, h int) (*Model, *tuitest.Driver) {
	t.Helper()
	o := e.Options()
	o.ReadOnly = true
	c := common.New(e.Ctx, o)
	t.Cleanup(c.Close)
	m := New(c, e.Sess.ID, true)
	d := &tuitest.Driver{TB: t, C: c, Feed: func(msg tea.Msg) bool { _, ok := msg.(loadedMsg); return ok },
		Update: func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd }}
	d.Send(tea.WindowSizeMsg{Width: w, Height: h})
	d.Run(m.loadCmd())
	if !m.loaded {
		t.Fatalf("not loaded: %v", m.err)
	}
	return m, d
}

func frame(m *Model) string { return tuitest.Plain(m.render()) }

// What the room sees of an element: its text while its round is blind,
// with nothing of who has rated; its results once revealed to the room;
// never the notes.
func TestPresentShowsOnlyWhatTheRoomMaySee(t *testing.T) {
	e := tuitest.NewEnv(t)
	e.AtStep(t, "element:explain")
	fac := session.Facilitator()
	if err := e.Store.SaveNote(e.Ctx, fac, e.Sess.ID, "element:explain", "Secret: Ana disagrees with Ben"); err != nil {
		t.Fatal(err)
	}
	m, d := openPresent(t, e, 100, 30)
	for i, p := range e.Sess.Participants {
		for _, c := range []string{"impact", "effort"} {
			v := 2 + i
			in := session.RatingInput{RatingKey: session.RatingKey{SessionID: e.Sess.ID, ParticipantID: p.ID, ElementID: "explain", CriterionID: c, Round: 1}, Value: &v}
			if err := e.Store.RecordRating(e.Ctx, fac, in); err != nil {
				t.Fatal(err)
			}
		}
	}
	d.Settle()
	blind := frame(m)
	for _, never := range []string{"Secret", "Ana", "given", "6/6", "Results of round", "median"} {
		if strings.Contains(blind, never) {
			t.Errorf("while blind the room sees %q:\n%s", never, blind)
		}
	}
	if !strings.Contains(blind, "Explain your twin properly!") || !strings.Contains(blind, "Definitions of the digital twin") {
		t.Errorf("the element's text is not shown:\n%s", blind)
	}
	if err := e.Store.Reveal(e.Ctx, fac, e.Sess.ID, "explain", 1, session.AudienceRoom); err != nil {
		t.Fatal(err)
	}
	d.Settle()
	shown := frame(m)
	for _, want := range []string{"Results of round 1", "median 3", "n 3", "✓ consensus"} {
		if !strings.Contains(shown, want) {
			t.Errorf("revealed: no %q:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "Secret") || strings.Contains(shown, "Ana") {
		t.Errorf("revealed: the room sees a note or a name:\n%s", shown)
	}
}

// The step's clock, a pause and the summary's results for the room.
func TestPresentClockAndSummary(t *testing.T) {
	e := tuitest.NewRatedEnv(t, 3)
	e.Running(t)
	fac := session.Facilitator()
	if err := e.Store.StartClock(e.Ctx, fac, e.Sess.ID); err != nil {
		t.Fatal(err)
	}
	m, d := openPresent(t, e, 100, 30)
	if h := strings.SplitN(frame(m), "\n", 2)[0]; !strings.Contains(h, "5:00 left") {
		t.Errorf("head %q", h)
	}
	if err := e.Store.PauseClock(e.Ctx, fac, e.Sess.ID, true); err != nil {
		t.Fatal(err)
	}
	d.Settle()
	if h := strings.SplitN(frame(m), "\n", 2)[0]; !strings.Contains(h, "paused · 5:00 left") {
		t.Errorf("paused: head %q", h)
	}
	e.AtStep(t, "summary")
	d.Settle()
	f := frame(m)
	for _, want := range []string{"Summary: Pilot workshop", "Impact, each element in its latest round", "Step 20 of 20"} {
		if !strings.Contains(f, want) {
			t.Errorf("summary: no %q:\n%s", want, f)
		}
	}
	if strings.Contains(f, "Press R") {
		t.Errorf("the room is told the facilitator's keys:\n%s", f)
	}
}

// A session deleted by the facilitator ends what the window can show, and
// it says so.
func TestPresentSessionDeleted(t *testing.T) {
	e := tuitest.NewEnv(t)
	m, d := openPresent(t, e, 80, 24)
	if err := e.Store.DeleteSession(e.Ctx, session.Facilitator(), e.Sess.ID); err != nil {
		t.Fatal(err)
	}
	d.Settle()
	if f := frame(m); !strings.Contains(f, "cannot be shown") {
		t.Errorf("after the delete:\n%s", f)
	}
}

// The join screen shows while the facilitator shows it (d, then j, in the
// facilitator's window): the address, the code and the QR code; then the
// item again.
func TestPresentJoinScreen(t *testing.T) {
	e := tuitest.NewEnv(t)
	m, d := openPresent(t, e, 100, 40)
	fac := session.Facilitator()
	info, err := e.Store.StartServing(e.Ctx, fac, e.Sess.ID, "http://192.0.2.7:8080")
	if err != nil {
		t.Fatal(err)
	}
	d.Settle()
	if strings.Contains(frame(m), "Join code") {
		t.Fatal("the join screen shows before the facilitator shows it")
	}
	if err := e.Store.ShowJoin(e.Ctx, fac, e.Sess.ID, true); err != nil {
		t.Fatal(err)
	}
	d.Settle()
	f := frame(m)
	for _, want := range []string{"http://192.0.2.7:8080", "Join code", info.Code[:3] + " " + info.Code[3:], "█"} {
		if !strings.Contains(f, want) {
			t.Errorf("the join screen lacks %q:\n%s", want, f)
		}
	}
	if err := e.Store.ShowJoin(e.Ctx, fac, e.Sess.ID, false); err != nil {
		t.Fatal(err)
	}
	d.Settle()
	if f := frame(m); strings.Contains(f, "Join code") || !strings.Contains(f, "Digital Twin Trust Framework") {
		t.Errorf("hidden again:\n%s", f)
	}
}

// An element the room never saw revealed shows its text, not an empty
// "Results of round 1", whatever else was revealed; one blind rating
// given while the window is open changes nothing the room sees.
func TestPresentShowsNoResultsOfARoundNeverRevealed(t *testing.T) {
	e := tuitest.NewEnv(t)
	fac := session.Facilitator()
	rate := func(el string, p int) {
		v := 4
		in := session.RatingInput{RatingKey: session.RatingKey{SessionID: e.Sess.ID, ParticipantID: e.Sess.Participants[p].ID, ElementID: el, CriterionID: "impact", Round: 1}, Value: &v}
		if err := e.Store.RecordRating(e.Ctx, fac, in); err != nil {
			t.Fatal(err)
		}
	}
	rate("explain", 0)
	if err := e.Store.Reveal(e.Ctx, fac, e.Sess.ID, "explain", 1, session.AudienceRoom); err != nil {
		t.Fatal(err)
	}
	e.AtStep(t, "element:small-steps")
	m, d := openPresent(t, e, 100, 30)
	rate("small-steps", 1)
	d.Settle()
	f := frame(m)
	for _, never := range []string{"Results of round", "no ratings", "median"} {
		if strings.Contains(f, never) {
			t.Errorf("the room sees %q of a round never revealed:\n%s", never, f)
		}
	}
	if !strings.Contains(f, "Make one step at a time!") {
		t.Errorf("the element's text is not shown:\n%s", f)
	}
}

// The projector's map shows the map and its stories, not the
// facilitator's instruction to press a story's number.
func TestPresentMapHasNoFacilitatorInstruction(t *testing.T) {
	e := tuitest.NewEnv(t)
	e.AtStep(t, "map")
	m, _ := openPresent(t, e, 100, 30)
	got := strings.Join(strings.Fields(frame(m)), " ")
	if !strings.Contains(got, "Stakeholder map") || strings.Contains(got, "Press a story") {
		t.Errorf("the projector's map:\n%s", frame(m))
	}
}
