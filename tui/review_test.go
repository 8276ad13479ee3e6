package tui

import (
	"bytes"
	"crypto/sha256"
	"os"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
)

// reviewEnv is a rated session with a note, its database closed and
// reopened the way trustshop review opens it (ReadOnly accepted).
func reviewEnv(t *testing.T, chmod bool) (*tsEnv, []byte) {
	t.Helper()
	e := newRatedEnv(t, 3)
	if err := e.store.SaveNote(e.ctx, e.sess.ID, "element:explain", "Show the model's limits."); err != nil {
		t.Fatal(err)
	}
	e.store.Close() // checkpoints the WAL into the file
	if chmod {
		if err := os.Chmod(e.path, 0o444); err != nil {
			t.Fatal(err)
		}
	}
	before, err := os.ReadFile(e.path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := session.Open(e.ctx, e.path, session.Options{ReadOnly: true, Now: fixedClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e.store = st
	return e, before
}

func (e *tsEnv) reviewOptions() Options {
	o := e.options(e.sess.ID)
	o.Review = true
	return o
}

// everyKey is every key of the KeyMap, digits and letters, and the keys
// that answer questions, in an order that visits every screen of a review.
func everyKey() []string {
	var keys []string
	for _, b := range allBindings(DefaultKeyMap()) {
		keys = append(keys, b.Keys()...)
	}
	for r := 'a'; r <= 'z'; r++ {
		keys = append(keys, string(r), strings.ToUpper(string(r)))
	}
	for r := '0'; r <= '9'; r++ {
		keys = append(keys, string(r))
	}
	return keys
}

// allBindings lists the fields of a KeyMap.
func allBindings(k KeyMap) []key.Binding {
	return []key.Binding{k.Quit, k.ForceQuit, k.Help, k.Back, k.Up, k.Down, k.Left, k.Right, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Tab,
		k.Open, k.New, k.Review, k.Delete, k.Filter, k.Refresh, k.NextStep, k.PrevStep, k.Notes, k.Zoom, k.Follow, k.Rate, k.Results,
		k.Export, k.Jump, k.Return, k.Theme, k.Abstain, k.Clear, k.Comment, k.Undo, k.Reveal, k.PassLaptop, k.Confirm}
}

// TestReviewCannotWrite presses every key on every screen a review leads
// to (the summary and results, the walkthrough of the steps, the home
// screen it goes back to) and checks that the database file is unchanged.
func TestReviewCannotWrite(t *testing.T) {
	t.Parallel()
	e, before := reviewEnv(t, false)
	d := newRootDriver(t, NewModel(e.ctx, e.reviewOptions()), 100, 30)
	if _, ok := d.screen().(*resultsScreen); !ok || !strings.Contains(d.text(), "(review, read-only)") {
		t.Fatalf("review opened %T:\n%s", d.screen(), d.text())
	}
	skip := map[string]bool{"q": true, "ctrl+c": true, "esc": true, "backspace": true, "x": true, "?": true}
	pressAll := func(where string) {
		for _, k := range everyKey() {
			if skip[k] {
				continue
			}
			d.press(k)
			// answer any question yes, then get back to where we were
			d.press("y", "enter")
			if d.quit {
				t.Fatalf("%s: %s quit", where, k)
			}
			if d.model().showHelp {
				d.press("?")
			}
		}
	}
	d.press("1", "2", "3", "4")
	d.press("enter") // walk through the steps
	w, ok := d.screen().(*walkthrough)
	if !ok || !w.readOnly {
		t.Fatalf("enter opened %T", d.screen())
	}
	d.press("x", "esc")
	for range len(e.pack.Agenda) {
		d.press("n", "e", "h", "i", "esc", "r", "4", "a", "ctrl+o", "y", "P", "u", "c", "o", "k", "enter")
	}
	pressAll("walkthrough")
	for range 5 {
		d.press("esc")
	}
	pressAll("home")
	if err := e.store.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(e.path)
	if err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(before) != sha256.Sum256(after) {
		t.Error("the review changed the database file")
	}
	for _, st := range d.statuses {
		if st.isErr && !strings.Contains(st.text, "export") {
			t.Errorf("error: %s", st.text)
		}
	}
}

// TestReviewReadOnlyFile: trustshop review on a database file nobody may
// write shows the summary and results and stays quiet.
func TestReviewReadOnlyFile(t *testing.T) {
	t.Parallel()
	e, before := reviewEnv(t, true)
	if !e.store.ReadOnly() {
		t.Fatal("the store is not read-only")
	}
	d := newRootDriver(t, NewModel(e.ctx, e.reviewOptions()), 100, 30)
	text := d.text()
	for _, w := range []string{"Pilot workshop (review, read-only)", "1 Summary", "Who took part"} {
		if !strings.Contains(text, w) {
			t.Errorf("lacks %q:\n%s", w, text)
		}
	}
	d.press("2", "3", "4", "enter", "n", "n", "p", "R", "esc", "esc", "esc", "enter")
	for _, st := range d.statuses {
		if st.isErr {
			t.Errorf("error: %s", st.text)
		}
	}
	after, _ := os.ReadFile(e.path)
	if !bytes.Equal(before, after) {
		t.Error("the file changed")
	}
}

// TestReviewHidesEditingKeys: in a review no editing key is enabled, so
// the help lists none; the home screen of a review has no new or delete.
func TestReviewHidesEditingKeys(t *testing.T) {
	t.Parallel()
	e, _ := reviewEnv(t, false)
	d := newRootDriver(t, NewModel(e.ctx, e.reviewOptions()), 120, 40)
	editing := []string{"edit notes", "rate", "abstain", "undo", "reveal", "pass the laptop", "new session", "delete"}
	check := func(where string) {
		t.Helper()
		k := d.model().common.Keys
		for _, b := range []key.Binding{k.Notes, k.Rate, k.New, k.Delete, k.Abstain, k.Clear, k.Comment, k.Undo, k.Reveal, k.PassLaptop} {
			if b.Enabled() {
				t.Errorf("%s: %s is enabled", where, b.Help().Desc)
			}
		}
		d.press("?")
		help := d.text()
		d.press("?")
		for _, w := range editing {
			if strings.Contains(help, " "+w+" ") || strings.Contains(help, " "+w+"\n") {
				t.Errorf("%s: the help lists %q:\n%s", where, w, help)
			}
		}
	}
	check("review")
	d.press("enter")
	check("walkthrough")
	d.press("e")
	if w := d.screen().(*walkthrough); w.editor != nil {
		t.Error("e opened the note editor")
	}
	d.press("esc", "esc")
	if _, ok := d.screen().(*homeScreen); !ok {
		t.Fatalf("esc esc: %T", d.screen())
	}
	check("home")
	d.press("enter")
	if r, ok := d.screen().(*resultsScreen); !ok || !r.review {
		t.Errorf("enter on the home screen of a review opened %T", d.screen())
	}
}

// TestReviewFromHome: v opens the review; the app stays writable, and the
// keys come back on the home screen.
func TestReviewFromHome(t *testing.T) {
	t.Parallel()
	e := newRatedEnv(t, 3)
	d := newRootDriver(t, NewModel(e.ctx, e.options("")), 100, 30)
	d.press("v")
	r, ok := d.screen().(*resultsScreen)
	if !ok || !r.review || !r.ReadOnly() {
		t.Fatalf("v opened %T", d.screen())
	}
	if d.model().common.Keys.Notes.Enabled() {
		t.Error("notes enabled in a review")
	}
	d.press("esc")
	if _, ok := d.screen().(*homeScreen); !ok {
		t.Fatalf("esc: %T", d.screen())
	}
	if !d.model().common.Keys.Delete.Enabled() || !d.model().common.Keys.Notes.Enabled() {
		t.Error("the keys stay disabled after the review")
	}
}

// TestReviewSummaryRenderedInTheCmd: the review's first frame uses the
// summary rendered while the session was read, not a glamour run in
// Update; a new width renders it again.
func TestReviewSummaryRenderedInTheCmd(t *testing.T) {
	t.Parallel()
	e := newRatedEnv(t, 3)
	c := NewCommon(e.ctx, e.reviewOptions())
	d := newRootDriver(t, newModel(c, newReviewScreen(c, e.sess.ID)), 100, 30)
	r := d.screen().(*resultsScreen)
	if r.Renders != 0 || c.Markdown.Misses != 0 || !strings.Contains(d.text(), "Who took part") {
		t.Errorf("%d renders, %d markdown misses:\n%s", r.Renders, c.Markdown.Misses, d.text())
	}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if r.Renders != 1 || c.Markdown.Misses != 1 {
		t.Errorf("a resize: %d renders, %d markdown misses", r.Renders, c.Markdown.Misses)
	}
}
