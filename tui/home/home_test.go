package home

import (
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// openHome is the home screen on the env's database, loaded, at 100x28,
// with a driver.
func openHome(t *testing.T, e *tuitest.Env) (*Model, *tuitest.Driver) {
	t.Helper()
	h := New(e.Common(t))
	h.SetSize(100, 28)
	d := &tuitest.Driver{TB: t, Feed: func(msg tea.Msg) bool {
		switch msg.(type) {
		case sessionsLoadedMsg, sessionDeletedMsg:
			return true
		}
		return false
	}, Update: func(msg tea.Msg) tea.Cmd { _, cmd := h.Update(msg); return cmd }}
	d.Run(h.Init())
	if !h.loaded {
		t.Fatal("the home screen did not read the sessions")
	}
	return h, d
}

// The filter keeps the sessions that hold every word typed; esc clears it.
func TestHomeFilter(t *testing.T) {
	e := tuitest.NewEnv(t)
	if _, err := e.Store.CreateSession(e.Ctx, session.Facilitator(), e.Pack, session.NewSession{Title: "Kick-off", Facilitator: "Eve", Organisation: "Beta"}); err != nil {
		t.Fatal(err)
	}
	h, d := openHome(t, e)
	d.Press("/")
	d.TypeText("beta kick")
	if !h.Capturing() || len(h.shown) != 1 || h.shown[0].Title != "Kick-off" {
		t.Fatalf("filter %q: shown %+v", h.filter.Value(), h.shown)
	}
	if v := tuitest.Plain(h.View()); !strings.Contains(v, "Kick-off") || strings.Contains(v, "Pilot workshop") {
		t.Errorf("the filtered list:\n%s", v)
	}
	d.Press("esc")
	if h.Capturing() || len(h.shown) != 2 {
		t.Errorf("esc: capturing %v, %d shown", h.Capturing(), len(h.shown))
	}
}

// d asks first; only y deletes, enter does not.
func TestHomeDeleteAsksFirst(t *testing.T) {
	e := tuitest.NewEnv(t)
	h, d := openHome(t, e)
	d.Press("d", "enter")
	if h.confirm == nil || !strings.Contains(tuitest.Plain(h.View()), "Delete this session?") {
		t.Fatalf("d, enter: no question on screen:\n%s", tuitest.Plain(h.View()))
	}
	d.Press("n")
	if h.confirm != nil || d.LastStatus().Text != "Not deleted" {
		t.Fatalf("n: %+v", d.LastStatus())
	}
	d.Press("d", "y")
	if list, err := e.Store.Sessions(e.Ctx); err != nil || len(list) != 0 {
		t.Fatalf("y: %d sessions left, %v", len(list), err)
	}
	if len(h.all) != 0 || !strings.Contains(tuitest.Plain(h.View()), "No sessions yet") {
		t.Errorf("the list after deleting:\n%s", tuitest.Plain(h.View()))
	}
}

// The keys that leave the list send the root a change of screen.
func TestHomeOpensScreens(t *testing.T) {
	e := tuitest.NewEnv(t)
	for _, tc := range []struct {
		key  string
		want tea.Msg
	}{
		{"enter", common.OpenSessionMsg{ID: e.Sess.ID}},
		{"v", common.OpenSessionMsg{ID: e.Sess.ID, ReadOnly: true}},
		{"x", common.OpenExportMsg{ID: e.Sess.ID}},
		{"n", common.NewSessionMsg{}},
	} {
		_, d := openHome(t, e)
		d.Press(tc.key)
		if len(d.Others) != 1 || !reflect.DeepEqual(d.Others[0], tc.want) {
			t.Errorf("%s sent %#v, want %#v", tc.key, d.Others, tc.want)
		}
	}
}
