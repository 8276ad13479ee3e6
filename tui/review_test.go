package tui

import (
	"bytes"
	"crypto/sha256"
	"os"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/home"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
	"github.com/trustshop/trustshop/tui/rating"
	"github.com/trustshop/trustshop/tui/results"
	"github.com/trustshop/trustshop/tui/walkthrough"
)

// reviewEnv is a rated session with a note, its database closed and
// reopened the way trustshop review opens it (ReadOnly accepted).
func reviewEnv(t *testing.T, chmod bool) (*tuitest.Env, []byte) {
	t.Helper()
	e := tuitest.NewRatedEnv(t, 3)
	if err := e.Store.SaveNote(e.Ctx, session.Facilitator(), e.Sess.ID, "element:explain", "Show the model's limits."); err != nil {
		t.Fatal(err)
	}
	e.Store.Close() // checkpoints the WAL into the file
	if chmod {
		if err := os.Chmod(e.Path, 0o444); err != nil {
			t.Fatal(err)
		}
	}
	before, err := os.ReadFile(e.Path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := session.OpenEngine(e.Ctx, e.Path, session.Options{ReadOnly: true, Now: tuitest.FixedClock}, session.EngineOptions{Pack: e.Pack})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.Store = st
	return e, before
}

// everyKey is every key of the key maps of the screens a review leads to
// (and of the rating grid), digits and letters, in an order that visits
// every screen of a review.
func everyKey(c *common.Common, p *content.Pack) []string {
	var keys []string
	for _, km := range []any{common.DefaultKeyMap(), common.DefaultNavKeys(), home.DefaultKeyMap(c), walkthrough.DefaultKeyMap(c, false), rating.DefaultKeyMap(c, p)} {
		for _, b := range tuitest.Bindings(km) {
			keys = append(keys, b.Keys()...)
		}
	}
	for r := 'a'; r <= 'z'; r++ {
		keys = append(keys, string(r), strings.ToUpper(string(r)))
	}
	for r := '0'; r <= '9'; r++ {
		keys = append(keys, string(r))
	}
	return keys
}

// editingKeys are the help texts of the keys that change a session.
var editingKeys = []string{"edit notes", "rate", "new session", "delete", "abstain", "clear", "comment", "undo", "reveal results", "pass the laptop"}

// offers reports whether a screen lists an enabled key with the help text
// desc.
func offers(s common.Screen, desc string) bool {
	shown := s.ShortHelp()
	for _, g := range s.FullHelp() {
		shown = append(shown, g...)
	}
	return slices.ContainsFunc(shown, func(b key.Binding) bool { return b.Enabled() && b.Help().Desc == desc })
}

// checkNoEditingKeys fails when the active screen offers a key that changes
// the session, in its bindings or in the help.
func checkNoEditingKeys(t *testing.T, d *rootDriver, where string) {
	t.Helper()
	s := d.screen()
	shown := s.ShortHelp()
	for _, g := range s.FullHelp() {
		shown = append(shown, g...)
	}
	for _, b := range shown {
		if b.Enabled() && slices.Contains(editingKeys, b.Help().Desc) {
			t.Errorf("%s: %s is enabled", where, b.Help().Desc)
		}
	}
	d.Press("?")
	help := d.text()
	d.Press("?")
	for _, w := range editingKeys {
		if strings.Contains(help, " "+w+" ") || strings.Contains(help, " "+w+"\n") {
			t.Errorf("%s: the help lists %q:\n%s", where, w, help)
		}
	}
}

// TestReviewCannotWrite presses every key on every screen a review leads
// to (the summary and results, the walkthrough of the steps, the home
// screen it goes back to) and checks that the database file is unchanged.
func TestReviewCannotWrite(t *testing.T) {
	t.Parallel()
	e, before := reviewEnv(t, false)
	d := newRootDriver(t, NewModel(e.Ctx, reviewOptions(e)), 100, 30)
	if _, ok := d.screen().(*results.Model); !ok || !strings.Contains(d.text(), "(review, read-only)") {
		t.Fatalf("review opened %T:\n%s", d.screen(), d.text())
	}
	skip := map[string]bool{"q": true, "ctrl+c": true, "esc": true, "backspace": true, "x": true, "?": true}
	pressAll := func(where string) {
		for _, k := range everyKey(d.model().common, e.Pack) {
			if skip[k] {
				continue
			}
			d.Press(k)
			// answer any question yes, then get back to where we were
			d.Press("y", "enter")
			if d.Quit {
				t.Fatalf("%s: %s quit", where, k)
			}
			if d.model().showHelp {
				d.Press("?")
			}
		}
	}
	d.Press("1", "2", "3", "4")
	d.Press("enter") // walk through the steps
	if _, ok := d.screen().(*walkthrough.Model); !ok || !strings.Contains(d.text(), "(review, read-only)") {
		t.Fatalf("enter opened %T", d.screen())
	}
	d.Press("x", "esc")
	for range len(e.Pack.Agenda) {
		d.Press("n", "e", "h", "i", "esc", "r", "4", "a", "ctrl+o", "y", "P", "u", "c", "o", "k", "enter")
	}
	pressAll("walkthrough")
	for range 5 {
		d.Press("esc")
	}
	pressAll("home")
	if err := e.Store.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(e.Path)
	if err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(before) != sha256.Sum256(after) {
		t.Error("the review changed the database file")
	}
	for _, st := range d.Statuses {
		if st.IsErr && !strings.Contains(st.Text, "export") {
			t.Errorf("error: %s", st.Text)
		}
	}
}

// TestReviewReadOnlyFile: trustshop review on a database file nobody may
// write shows the summary and results and stays quiet.
func TestReviewReadOnlyFile(t *testing.T) {
	t.Parallel()
	e, before := reviewEnv(t, true)
	if !e.Store.ReadOnly() {
		t.Fatal("the store is not read-only")
	}
	d := newRootDriver(t, NewModel(e.Ctx, reviewOptions(e)), 100, 30)
	text := d.text()
	for _, w := range []string{"Pilot workshop (review, read-only)", "1 Summary", "Who took part"} {
		if !strings.Contains(text, w) {
			t.Errorf("lacks %q:\n%s", w, text)
		}
	}
	d.Press("2", "3", "4", "enter", "n", "n", "p", "R", "esc", "esc", "esc", "enter")
	for _, st := range d.Statuses {
		if st.IsErr {
			t.Errorf("error: %s", st.Text)
		}
	}
	after, _ := os.ReadFile(e.Path)
	if !bytes.Equal(before, after) {
		t.Error("the file changed")
	}
}

// TestReviewHidesEditingKeys: in a review no editing key is enabled, so
// the help lists none; the home screen of a review has no new or delete.
func TestReviewHidesEditingKeys(t *testing.T) {
	t.Parallel()
	e, _ := reviewEnv(t, false)
	d := newRootDriver(t, NewModel(e.Ctx, reviewOptions(e)), 120, 40)
	check := func(where string) { t.Helper(); checkNoEditingKeys(t, d, where) }
	check("review")
	d.Press("enter")
	check("walkthrough")
	d.Press("e")
	if strings.Contains(d.text(), "saved as you type") {
		t.Error("e opened the note editor")
	}
	d.Press("esc", "esc")
	if _, ok := d.screen().(*home.Model); !ok {
		t.Fatalf("esc esc: %T", d.screen())
	}
	check("home")
	d.Press("enter")
	if r, ok := d.screen().(*results.Model); !ok || !strings.Contains(r.Title(), "(review, read-only)") {
		t.Errorf("enter on the home screen of a review opened %T", d.screen())
	}
}

// TestReviewFromHome: v opens the review; the app stays writable, and the
// keys come back on the home screen.
func TestReviewFromHome(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 3)
	d := newRootDriver(t, NewModel(e.Ctx, options(e, "")), 100, 30)
	d.Press("v")
	r, ok := d.screen().(*results.Model)
	if !ok || !strings.Contains(r.Title(), "(review, read-only)") {
		t.Fatalf("v opened %T", d.screen())
	}
	checkNoEditingKeys(t, d, "review")
	d.Press("enter")
	if _, ok := d.screen().(*walkthrough.Model); !ok || !strings.Contains(d.text(), "(review, read-only)") || offers(d.screen(), "edit notes") {
		t.Fatalf("enter in the review opened %T with notes", d.screen())
	}
	d.Press("esc", "esc")
	if _, ok := d.screen().(*home.Model); !ok {
		t.Fatalf("esc: %T", d.screen())
	}
	if !offers(d.screen(), "delete") || !offers(d.screen(), "new session") {
		t.Error("the keys stay disabled after the review")
	}
	d.Press("enter")
	if _, ok := d.screen().(*walkthrough.Model); !ok || strings.Contains(d.text(), "read-only") || !offers(d.screen(), "edit notes") {
		t.Errorf("the session opened from home after a review: %T without notes", d.screen())
	}
}

// TestReviewSummaryRenderedInTheCmd: the review's first frame uses the
// summary rendered while the session was read, not a glamour run in
// Update; a new width renders it again.
func TestReviewSummaryRenderedInTheCmd(t *testing.T) {
	t.Parallel()
	e := tuitest.NewRatedEnv(t, 3)
	c := NewCommon(e.Ctx, reviewOptions(e))
	d := newRootDriver(t, newModel(c, results.NewReview(c, e.Sess.ID)), 100, 30)
	r := d.screen().(*results.Model)
	if r.Renders != 0 || c.Markdown.Misses != 0 || !strings.Contains(d.text(), "Who took part") {
		t.Errorf("%d renders, %d markdown misses:\n%s", r.Renders, c.Markdown.Misses, d.text())
	}
	d.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if r.Renders != 1 || c.Markdown.Misses != 1 {
		t.Errorf("a resize: %d renders, %d markdown misses", r.Renders, c.Markdown.Misses)
	}
}
