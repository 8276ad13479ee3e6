package newsession

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// A pack folder typed but not yet checked has no pack to check the
// participants against; the preview says so instead of crashing.
func TestFormPreviewWhilePackIsChecked(t *testing.T) {
	e := tuitest.NewEnv(t)
	c := e.Common(t)
	for _, dir := range []string{"Ana: supplier", "/no/such/folder", "../../testdata/packs/minimal"} {
		f := New(c)
		f.SetSize(100, 28)
		f.v.packDir = dir
		f.v.participants = "Ana: supplier\nBen: user"
		if out := f.View(); !strings.Contains(out, "checking") {
			t.Errorf("folder %q: preview does not say it is checking:\n%s", dir, out)
		}
	}
}

// enter on an empty required field says what is missing.
func TestFormShowsWhatIsMissing(t *testing.T) {
	e := tuitest.NewEnv(t)
	c := e.Common(t)
	f := New(c)
	f.SetSize(100, 28)
	var s common.Screen = f
	if cmd := s.Init(); cmd != nil {
		s, _ = s.Update(cmd())
	}
	s, _ = s.Update(tuitest.Press("enter"))
	lines := strings.Split(tuitest.Plain(s.View()), "\n")
	at := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "give the session a title") })
	if at < 0 || at > 19 { // five fields of three lines, the group title
		t.Errorf("the message for the empty title is not under the fields (line %d):\n%s", at, strings.Join(lines, "\n"))
	}
}

// esc on a form with something typed asks before throwing it away; on an
// empty form it goes back at once.
func TestFormEscAsksFirst(t *testing.T) {
	e := tuitest.NewEnv(t)
	c := e.Common(t)
	for _, tc := range []struct {
		typed string
		keys  []string
		home  bool
		asks  bool
	}{
		{keys: []string{"esc"}, home: true},
		{typed: "Kick-off", keys: []string{"esc"}, asks: true},
		{typed: "Kick-off", keys: []string{"esc", "n"}},
		{typed: "Kick-off", keys: []string{"esc", "esc"}},
		{typed: "Kick-off", keys: []string{"esc", "y"}, home: true},
	} {
		f := New(c)
		f.SetSize(100, 28)
		f.v.title = tc.typed
		var home bool
		for _, k := range tc.keys {
			_, cmd := f.Update(tuitest.Press(k))
			home = home || containsMsg(cmd, common.GoHomeMsg{})
		}
		asks := strings.Contains(tuitest.Plain(f.View()), "Throw away what you typed?")
		if home != tc.home || asks != tc.asks {
			t.Errorf("%q then %v: home %v, asks %v; want %v, %v", tc.typed, tc.keys, home, asks, tc.home, tc.asks)
		}
		if got := f.v.title; got != tc.typed {
			t.Errorf("%q then %v: the title became %q", tc.typed, tc.keys, got)
		}
	}
}

// containsMsg runs a command tree (without waiting for ticks) and reports
// whether it sends want.
func containsMsg(cmd tea.Cmd, want tea.Msg) bool {
	if cmd == nil {
		return false
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice { // a batch, a sequence
			for i := range v.Len() {
				c, _ := v.Index(i).Interface().(tea.Cmd)
				if containsMsg(c, want) {
					return true
				}
			}
			return false
		}
		return msg == want
	case <-time.After(100 * time.Millisecond):
		return false
	}
}

// A pack folder that does not load, however long its name, keeps the
// form and its preview within the window: the preview is not squeezed.
func TestFormBadPackKeepsTheLayout(t *testing.T) {
	e := tuitest.NewEnv(t)
	c := e.Common(t)
	f := New(c)
	f.SetSize(100, 28)
	dir := "/no/such/pack/folder/with/a/rather/long/name/somewhere/deep"
	for f.form.GetFocusedField().GetKey() != "pack" {
		f.form.NextField()
	}
	for _, r := range dir {
		f.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	f.Update(checkPackCmd(dir)())
	f.Update(tuitest.Press("enter")) // the folder's error, from huh
	v := tuitest.Plain(f.View())
	for i, l := range strings.Split(v, "\n") {
		if w := ansi.StringWidth(l); w > 100 {
			t.Errorf("line %d is %d wide", i+1, w)
		}
	}
	first := strings.Split(v, "\n")[0]
	if box := strings.TrimSpace(first); ansi.StringWidth(box) < 30 {
		t.Errorf("the preview is squeezed to %d columns:\n%s", ansi.StringWidth(box), v)
	}
}

// Opening the form clears the footer's message of the screen before.
func TestFormClearsTheStatus(t *testing.T) {
	e := tuitest.NewEnv(t)
	f := New(e.Common(t))
	if !containsMsg(f.Init(), common.StatusMsg{}) {
		t.Error("the form does not clear the status line")
	}
}

func TestParseParticipants(t *testing.T) {
	p, err := content.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text     string
		want     string // name/role/org, ";"-joined
		problems int
	}{
		{"Ana: supplier: Vendor GmbH\nBen: user\n\nChi: partner", "Ana/supplier/Vendor GmbH;Ben/user/;Chi/partner/", 0},
		{"Ana: sup\nBen: USER\nChi: Partners", "Ana/supplier/;Ben/user/;Chi/partner/", 0},
		{"Ana: digital twin s", "Ana/supplier/", 0},
		{"Ana", "", 1},
		{"Ana: boss", "", 1},
		{": user", "", 1},
		{"Ana: user\nana: partner", "Ana/user/", 1},
		{"Ana: digital twin", "", 1}, // supplier or user
	}
	for _, tc := range tests {
		got, problems := parseParticipants(p, tc.text)
		var parts []string
		for _, x := range got {
			parts = append(parts, x.Name+"/"+x.Role+"/"+x.Organisation)
		}
		if strings.Join(parts, ";") != tc.want || len(problems) != tc.problems {
			t.Errorf("%q: got %v, problems %v", tc.text, parts, problems)
		}
	}
}

// The site typed into its field (the session's label in a study merged
// from several laptops) is the new session's site.
func TestFormSite(t *testing.T) {
	e := tuitest.NewEnv(t)
	c := e.Common(t)
	f := New(c)
	f.SetSize(100, 28)
	for i := 0; f.form.GetFocusedField().GetKey() != "site"; i++ {
		if i == 10 {
			t.Fatal("the form has no site field")
		}
		f.form.NextField()
	}
	for _, r := range "München, TUM" {
		f.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if !strings.Contains(tuitest.Plain(f.View()), "München, TUM") {
		t.Errorf("the form does not show the site typed:\n%s", tuitest.Plain(f.View()))
	}
	f.v.title, f.v.facilitator, f.v.participants = "Kick-off", "Dana", "Ana: supplier"
	f.form.State = huh.StateCompleted
	_, cmd := f.forward(nil)
	var created *sessionCreatedMsg
	var find func(tea.Cmd)
	find = func(cmd tea.Cmd) {
		if cmd == nil || created != nil {
			return
		}
		switch msg := cmd().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				find(c)
			}
		case sessionCreatedMsg:
			created = &msg
		}
	}
	find(cmd)
	if created == nil || created.err != nil {
		t.Fatalf("no session created: %+v", created)
	}
	if created.sess.Site != "München, TUM" {
		t.Errorf("the new session's site is %q, want %q", created.sess.Site, "München, TUM")
	}
}
