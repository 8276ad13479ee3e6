package tui

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// testNow is the fixed clock of the TUI tests: goldens show no real time.
var testNow = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

func fixedClock() time.Time { return testNow }

// tsEnv is a database with one session on the default pack.
type tsEnv struct {
	ctx   context.Context
	store *session.Store
	pack  *content.Pack
	sess  session.Session
	path  string
}

func newTSEnv(tb testing.TB) *tsEnv {
	tb.Helper()
	ctx := context.Background()
	p, err := content.Default()
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "trustshop.db")
	st, err := session.Open(ctx, path, session.Options{Now: fixedClock})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	sess, err := st.CreateSession(ctx, p, session.NewSession{
		Title: "Pilot workshop", Facilitator: "Dana", Organisation: "Acme",
		Participants: []session.Participant{
			{Name: "Ana", Role: "supplier", Organisation: "Vendor GmbH"},
			{Name: "Ben", Role: "user"},
			{Name: "Chi", Role: "partner"},
		},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return &tsEnv{ctx: ctx, store: st, pack: p, sess: sess, path: path}
}

// options opens the session (or the home screen when id is "").
func (e *tsEnv) options(id string) Options {
	return Options{Store: e.store, Pack: e.pack, Theme: ThemeDark, Now: fixedClock, Session: id}
}

// atStep moves the stored session to the agenda step of the given key.
func (e *tsEnv) atStep(tb testing.TB, key string) {
	tb.Helper()
	for i, st := range e.pack.Agenda {
		if st.Key() == key {
			if err := e.store.SetStep(e.ctx, e.sess.ID, i); err != nil {
				tb.Fatal(err)
			}
			return
		}
	}
	tb.Fatalf("no step %s", key)
}

// start runs the model in teatest at w x h with a fixed colour profile.
func start(tb testing.TB, m tea.Model, w, h int) *teatest.TestModel {
	tb.Helper()
	return teatest.NewTestModel(tb, m, teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
}

// waitFor waits until the program has drawn text.
func waitFor(tb testing.TB, tm *teatest.TestModel, text string) {
	tb.Helper()
	teatest.WaitFor(tb, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(text))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// finalScreen quits and returns the last frame as plain text.
func finalScreen(tb testing.TB, tm *teatest.TestModel) string {
	tb.Helper()
	if err := tm.Quit(); err != nil {
		tb.Fatal(err)
	}
	m := tm.FinalModel(tb, teatest.WithFinalTimeout(5*time.Second))
	return screenText(m.(Model))
}

var trailing = regexp.MustCompile(`[ \t]+\n`)

// screenText is a frame without escape sequences or trailing blanks.
func screenText(m Model) string {
	s := ansi.Strip(m.View().Content)
	return trailing.ReplaceAllString(s+"\n", "\n")
}

// scrub replaces what differs between runs (the random session id and the
// temporary database path) with fixed text.
func (e *tsEnv) scrub(s string) string {
	s = strings.ReplaceAll(s, e.sess.ID, "5e551011")
	return strings.ReplaceAll(s, e.path, "/data/trustshop.db")
}

// press is a key press as the terminal sends it.
func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+o":
		return tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl}
	case "ctrl+r":
		return tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// loadedWalkthrough returns a walkthrough of the env's session, loaded
// synchronously and sized, for key tests without a program.
func loadedWalkthrough(tb testing.TB, e *tsEnv, readOnly bool, w, h int) (*walkthrough, *common.Common) {
	tb.Helper()
	c := NewCommon(e.ctx, e.options(e.sess.ID))
	wt := newWalkthrough(c, e.sess.ID, readOnly)
	msg := wt.Init()()
	wt.Update(msg)
	if wt.err != nil {
		tb.Fatal(wt.err)
	}
	wt.SetSize(w, h-2)
	return wt, c
}
