package rating

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

func newLaptopDriver(t *testing.T, env *tuitest.RatingEnv) (*Laptop, *tuitest.Driver) {
	t.Helper()
	ws := env.Workshop(t)
	m := NewLaptop(env.C, ws)
	m.SetSize(100, 30)
	env.C.Follow(ws.Session.ID, ws.Seq)
	d := &tuitest.Driver{TB: t, C: env.C, Feed: isRatingMsg, Update: func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd }}
	d.Run(m.Init())
	if !m.ed.loaded {
		t.Fatal("pass-the-laptop did not read the store")
	}
	return m, d
}

func TestLaptopRatesEveryElementForEachExpert(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newLaptopDriver(t, env)
	if m.stage != stageHandover || !strings.Contains(tuitest.Plain(m.View()), "Pass the laptop to Ana (supplier)") {
		t.Fatalf("does not start with the hand-over to Ana:\n%s", tuitest.Plain(m.View()))
	}
	for turn, p := range env.Sess.Participants {
		d.Press("enter")
		if m.stage != stageRating || m.expert().ID != p.ID {
			t.Fatalf("turn %d: stage %v, expert %s", turn, m.stage, m.expert().Name)
		}
		for i := range env.Pack.Elements {
			if i == 3 {
				d.Press("a", "down", "5") // an abstention counts as rated
			} else {
				d.Press("4", "down", "2")
			}
			d.Press("n")
		}
		if turn < len(env.Sess.Participants)-1 {
			next := env.Sess.Participants[turn+1]
			if m.stage != stageHandover || m.expert().ID != next.ID {
				t.Fatalf("after %s: stage %v, expert %s", p.Name, m.stage, m.expert().Name)
			}
			v := tuitest.Plain(m.View())
			if !strings.Contains(v, "Pass the laptop to "+participantLabel(next)) || strings.Contains(v, "Strongly") {
				t.Errorf("hand-over to %s:\n%s", next.Name, v)
			}
		}
	}
	if m.stage != stageDone || len(m.missing) != 0 || !strings.Contains(tuitest.Plain(m.View()), "All 3 experts rated every element") {
		t.Fatalf("end: stage %v, missing %v\n%s", m.stage, m.missing, tuitest.Plain(m.View()))
	}
	rows, err := env.Ratings(t)
	if err != nil {
		t.Fatal(err)
	}
	if want := 3 * 7 * 2; len(rows) != want {
		t.Errorf("%d ratings stored, want %d", len(rows), want)
	}
	d.Press("enter")
	if len(d.Others) != 1 {
		t.Fatalf("enter at the end sent %v", d.Others)
	}
	if msg, ok := d.Others[0].(common.OpenSessionMsg); !ok || msg.ID != env.Sess.ID {
		t.Errorf("enter at the end sent %#v, want back to the walkthrough", d.Others[0])
	}
}

func TestLaptopShowsOnlyOwnValues(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	m, d := newLaptopDriver(t, env)
	d.Press("enter", "4", "esc") // Ana rates one cell and stops early
	if m.stage != stageTurnEnd {
		t.Fatalf("stage %v, want the question whether to hand over", m.stage)
	}
	v := tuitest.Plain(m.View())
	if !strings.Contains(v, "Ana, you have not rated everything yet:") || !strings.Contains(v, "Explain your twin properly! (Effort)") {
		t.Errorf("turn end does not list Ana's open cells:\n%s", v)
	}
	d.Press("n") // keep rating
	if m.stage != stageRating {
		t.Fatalf("n: stage %v", m.stage)
	}
	d.Press("esc", "y")
	if m.stage != stageHandover || m.expert().Name != "Ben" {
		t.Fatalf("y: stage %v, expert %s", m.stage, m.expert().Name)
	}
	d.Press("u")
	if got := tuitest.CellString(env.StoredCell(t, env.Sess.Participants[0].ID, "explain", "impact", 1)); got != "4" {
		t.Errorf("u at the hand-over touched Ana's rating: %q", got)
	}
	d.Press("enter")
	v = tuitest.Plain(m.View())
	if strings.Contains(v, "Strongly ") && strings.Contains(v, "Your rating:  4") {
		t.Errorf("Ben sees Ana's value:\n%s", v)
	}
	if !strings.Contains(v, "Ben (user) · element 1 of 7") {
		t.Errorf("not Ben's turn:\n%s", v)
	}
	d.Press("u")
	if len(d.Statuses) == 0 || !strings.Contains(d.LastStatus().Text, "nothing to undo") {
		t.Errorf("Ben could undo Ana's change: %v", d.Statuses)
	}
	if got := tuitest.CellString(env.StoredCell(t, env.Sess.Participants[0].ID, "explain", "impact", 1)); got != "4" {
		t.Errorf("Ana's rating after Ben's u: %q", got)
	}
}

func TestLaptopKeys(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.EdgePack(t))
	m, d := newLaptopDriver(t, env)
	ana := env.Sess.Participants[0].ID
	d.Press("n") // skip Ana
	if m.expert().Name != "Ben" {
		t.Fatalf("n at the hand-over: %s", m.expert().Name)
	}
	d.Press("p", "enter")
	if m.expert().Name != "Ana" || m.stage != stageRating {
		t.Fatalf("p, enter: %s %v", m.expert().Name, m.stage)
	}
	d.Press("1", "0") // 0..10: composed
	if got := tuitest.CellString(env.StoredCell(t, ana, "explain", "score", 1)); got != "10" {
		t.Errorf("1 0 = %q, want 10", got)
	}
	d.Press("down", "8") // 7 points: refused
	if !d.LastStatus().IsErr || m.ed.cells[cellKey{ana, "explain", "seven", 1}].given() {
		t.Errorf("8 on a 7-point scale: %+v", d.LastStatus())
	}
	d.Press("7", "c")
	d.TypeText("sure")
	d.Press("enter")
	if got := tuitest.CellString(env.StoredCell(t, ana, "explain", "seven", 1)); got != "7|sure" {
		t.Errorf("7 + comment = %q", got)
	}
	d.Press("x")
	if got := tuitest.CellString(env.StoredCell(t, ana, "explain", "seven", 1)); got != "|sure" {
		t.Errorf("x = %q", got)
	}
	d.Press("u")
	if got := tuitest.CellString(env.StoredCell(t, ana, "explain", "seven", 1)); got != "7|sure" {
		t.Errorf("u after x = %q", got)
	}
	d.Press("n", "a", "p")
	if m.el != 0 {
		t.Errorf("p: element %d", m.el)
	}
	if got := tuitest.CellString(env.StoredCell(t, ana, "incentive", "score", 1)); got != "abstain" {
		t.Errorf("a on the second element = %q", got)
	}
	d.Press("u") // takes back the abstention and shows that element again
	if m.el != 1 || hasCell(env, t, ana, "incentive", "score") {
		t.Errorf("u: element %d", m.el)
	}
	if !m.Capturing() {
		t.Error("pass-the-laptop lets q quit")
	}
}

// An element revealed in the grid is closed in pass-the-laptop too, and a
// turn starts at the first element still open.
func TestLaptopKeepsRevealedElementsClosed(t *testing.T) {
	env := tuitest.NewRatingEnv(t, tuitest.DefaultPack(t))
	first := env.Pack.Elements[0].ID
	// a round is revealed once someone rated it
	in := tuitest.RatingInput(env.Sess.ID, env.Sess.Participants[1].ID, first, env.Pack.Criteria[0].ID, 3)
	if err := env.St.RecordRating(env.C.Ctx, session.Facilitator(), in); err != nil {
		t.Fatal(err)
	}
	if err := env.St.Reveal(env.C.Ctx, session.Facilitator(), env.Sess.ID, first, 1, session.AudienceRoom); err != nil {
		t.Fatal(err)
	}
	m, d := newLaptopDriver(t, env)
	d.Press("enter")
	if m.el != 1 {
		t.Fatalf("the turn starts at element %d, want the first open one (1)", m.el)
	}
	d.Press("p", "4", "a")
	if rows, _ := env.Ratings(t); len(rows) != 1 { // Ben's, from before the reveal
		t.Fatalf("a revealed element was rated: %+v", rows)
	}
	if last := d.Statuses[len(d.Statuses)-1].Text; !strings.Contains(last, "is revealed, so it takes no new rating: go on with n") {
		t.Errorf("status %q", last)
	}
	d.Press("n", "4") // the next element is open
	if rows, _ := env.Ratings(t); len(rows) != 2 || rows[0].ElementID == first || rows[0].ParticipantID != env.Sess.Participants[0].ID {
		t.Errorf("after n: %+v", rows)
	}
}

func hasCell(env *tuitest.RatingEnv, t *testing.T, pid int64, element, criterion string) bool {
	t.Helper()
	_, ok := env.StoredCell(t, pid, element, criterion, 1)
	return ok
}
