package tui

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// Text an older trustshop let into the database: the engine refuses it
// now, but what is stored must still reach no terminal as a sequence.
const (
	osc52 = "\x1b]52;c;aGVsbG8=\x07"
	osc8  = "\x1b]8;;https://evil.example/\x1b\\"
	dcs   = "\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\"
)

// hostileEnv is the rated env with escape sequences written straight into
// its database, past the engine: in the session's title, a participant's
// name and a comment.
func hostileEnv(t *testing.T) *tuitest.Env {
	t.Helper()
	e := tuitest.NewRatedEnv(t, 3)
	db, err := sql.Open("sqlite3", e.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"UPDATE sessions SET title = 'Pilot " + osc52 + "\u009b2J'",
		"UPDATE participants SET name = '" + osc8 + "Ana" + "\x1b]8;;\x1b\\' WHERE position = 0",
		"UPDATE participants SET name = 'Ben" + dcs + "\rX' WHERE position = 1",
		"UPDATE ratings SET comment = 'see " + osc8 + "here\x1b]8;;\x1b\\" + osc52 + "'",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return e
}

// inert fails when s holds anything a terminal acts on but SGR colours.
func inert(t *testing.T, where, s string) {
	t.Helper()
	for _, bad := range []string{"\x1b]", "\x1bP", "\x1b_", "\x07", "\r", "\u009b", "\u009d"} {
		if strings.Contains(s, bad) {
			t.Errorf("%s holds %q", where, bad)
		}
	}
	for i := 0; i+1 < len(s); i++ {
		if s[i] == 0x1b && s[i+1] != '[' {
			t.Errorf("%s holds ESC %q", where, s[i:min(len(s), i+8)])
			return
		}
	}
}

func TestHostileTextReachesNoTerminal(t *testing.T) {
	t.Parallel()
	e := hostileEnv(t)
	e.Running(t)
	e.AtStep(t, "element:explain")
	for name, o := range map[string]Options{"home": options(e, ""), "walkthrough": options(e, e.Sess.ID), "review": reviewOptions(e)} {
		t.Run(name, func(t *testing.T) {
			d := newRootDriver(t, NewModel(e.Ctx, o), 120, 40)
			check := func(what string) {
				v := d.M.View()
				inert(t, what+" frame", v.Content)
				inert(t, what+" window title", v.WindowTitle)
			}
			check(name)
			if name == "walkthrough" {
				d.Press("r") // the rating grid, names and comments
				if !strings.Contains(d.text(), "r: back to the text") {
					t.Fatalf("r did not open the grid:\n%s", d.text())
				}
				check("grid")
				d.Press("R")
				check("results")
			}
		})
	}
}
