package sessionedit

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// The keys of the screen, each case from a fresh session of Ana, Ben and
// Chi: what the engine holds afterwards, and what the screen says.
func TestSessionEditKeys(t *testing.T) {
	for _, tc := range []struct {
		name    string
		keys    []string
		text    string // typed after the keys, then enter
		want    string // the session afterwards: title | names (roles)
		problem string // shown on the screen
		then    string // typed after ctrl+u once text was entered, then enter
		absent  string // not on the screen
		field   string // left in the input line
	}{
		{name: "a late participant", keys: []string{"a"}, text: "Eve: us: Acme AG",
			want: "Pilot workshop | Ana (supplier, Vendor GmbH), Ben (user), Chi (partner), Eve (user, Acme AG)"},
		{name: "from the add row", keys: []string{"down", "down", "down", "down", "down", "enter"}, text: "Dev: partner",
			want: "Pilot workshop | Ana (supplier, Vendor GmbH), Ben (user), Chi (partner), Dev (partner)"},
		{name: "a name spelled wrong", keys: []string{"down", "down", "enter", "ctrl+u"}, text: "Ana Albers",
			want: "Pilot workshop | Ana Albers (supplier, Vendor GmbH), Ben (user), Chi (partner)"},
		{name: "the title", keys: []string{"enter", "ctrl+u"}, text: "Kick-off with Acme",
			want: "Kick-off with Acme | Ana (supplier, Vendor GmbH), Ben (user), Chi (partner)"},
		{name: "the site", keys: []string{"down", "enter"}, text: "München, TUM",
			want: "Pilot workshop @ München, TUM | Ana (supplier, Vendor GmbH), Ben (user), Chi (partner)"},
		{name: "a name taken: the engine refuses", keys: []string{"a"}, text: "ben: user",
			want: "Pilot workshop | Ana (supplier, Vendor GmbH), Ben (user), Chi (partner)", problem: `participant called "Ben" already`},
		{name: "no role", keys: []string{"a"}, text: "Eve",
			want: "Pilot workshop | Ana (supplier, Vendor GmbH), Ben (user), Chi (partner)", problem: "a colon and the role"},
		{name: "a rename to a taken name keeps the text", keys: []string{"down", "down", "down", "enter", "ctrl+u"}, text: "Chi",
			want:    "Pilot workshop | Ana (supplier, Vendor GmbH), Ben (user), Chi (partner)",
			problem: `The session has a participant called "Chi" already.`, absent: "conflict", field: "Chi"},
		{name: "a success clears the problem", keys: []string{"a"}, text: "Eve: boss", then: "Eve: user",
			want:   "Pilot workshop | Ana (supplier, Vendor GmbH), Ben (user), Chi (partner), Eve (user)",
			absent: "boss"},
		{name: "esc drops what was typed", keys: []string{"a", "E", "v", "e", ":", "u", "esc"},
			want: "Pilot workshop | Ana (supplier, Vendor GmbH), Ben (user), Chi (partner)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := tuitest.NewEnv(t)
			c := e.Common(t)
			m := New(c, e.Sess.ID)
			m.SetSize(100, 28)
			d := &tuitest.Driver{TB: t, C: c, Feed: func(msg tea.Msg) bool { _, ok := msg.(loadedMsg); return ok },
				Update: func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd }}
			d.Run(m.Init())
			d.Press(tc.keys...)
			if tc.text != "" {
				d.TypeText(tc.text)
				d.Press("enter")
			}
			if tc.then != "" {
				d.Press("ctrl+u")
				d.TypeText(tc.then)
				d.Press("enter")
			}
			sess, err := e.Store.Session(e.Ctx, e.Sess.ID)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range sess.Participants {
				n := p.Name + " (" + p.Role
				if p.Organisation != "" {
					n += ", " + p.Organisation
				}
				names = append(names, n+")")
			}
			title := sess.Title
			if sess.Site != "" {
				title += " @ " + sess.Site
			}
			if got := title + " | " + strings.Join(names, ", "); got != tc.want {
				t.Errorf("session\n got %s\nwant %s", got, tc.want)
			}
			view := tuitest.Plain(m.View())
			if tc.problem != "" && !strings.Contains(strings.Join(strings.Fields(view), " "), tc.problem) {
				t.Errorf("the screen does not say %q:\n%s", tc.problem, view)
			}
			if tc.absent != "" && strings.Contains(view, tc.absent) {
				t.Errorf("the screen still says %q:\n%s", tc.absent, view)
			}
			if got := m.input.Value(); tc.field != "" && (m.editing == editNone || got != tc.field) {
				t.Errorf("the input line holds %q (open: %v), want %q", got, m.editing != editNone, tc.field)
			}
			if tc.problem == "" && tc.text != "" && !strings.Contains(view, strings.Split(tc.text, ":")[0]) {
				t.Errorf("the screen does not show the change:\n%s", view)
			}
		})
	}
}

// In a short window the box stays whole, its bottom border too: the
// participants scroll around the selection.
func TestSessionEditFitsShortWindows(t *testing.T) {
	e := tuitest.NewEnv(t)
	for _, name := range []string{"Dee", "Eli", "Fay", "Gus", "Hal"} {
		if _, err := e.Store.AddParticipant(e.Ctx, session.Facilitator(), e.Sess.ID, session.Participant{Name: name, Role: "user"}); err != nil {
			t.Fatal(err)
		}
	}
	c := e.Common(t)
	for _, h := range []int{13, 16, 22} {
		m := New(c, e.Sess.ID)
		m.SetSize(60, h)
		d := &tuitest.Driver{TB: t, C: c, Feed: func(msg tea.Msg) bool { _, ok := msg.(loadedMsg); return ok },
			Update: func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd }}
		d.Run(m.Init())
		d.Press("down", "down", "down", "down", "down", "down") // Eli, the fifth
		lines := strings.Split(strings.TrimRight(tuitest.Plain(m.View()), "\n "), "\n")
		last := strings.TrimSpace(lines[len(lines)-1])
		if len(lines) > h || !strings.HasPrefix(last, "╰") || !strings.Contains(strings.Join(lines, "\n"), "› Eli") {
			t.Errorf("height %d: %d lines, the box cut or the selection hidden:\n%s", h, len(lines), strings.Join(lines, "\n"))
		}
	}
}
