package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/trustshop/trustshop/session"
)

// TestNoDatabaseNothingWritten: the commands that read (or change a
// session, which must exist) say there is no database yet and create
// neither the file nor its folders.
func TestNoDatabaseNothingWritten(t *testing.T) {
	cases := []struct {
		args []string
		code int
		out  string // in stdout, else stderr
		err  string
	}{
		{args: []string{"sessions"}, out: "No database yet at @DB"},
		{args: []string{"sessions", "--json"}, out: "[]"},
		{args: []string{"stats", "3f9a"}, code: 1, err: "no database yet at @DB"},
		{args: []string{"export", "3f9a"}, code: 1, err: "no database yet at @DB"},
		{args: []string{"export", "3f9a", "-o", "@DIR/out.md"}, code: 1, err: "no database yet at @DB"},
		{args: []string{"review", "3f9a"}, code: 1, err: "needs a terminal"},
		{args: []string{"show"}, out: "trustshop show ITEM"},
		{args: []string{"show", "intro"}, out: "Digital Twin Trust Framework"},
		{args: []string{"delete", "3f9a", "--yes"}, code: 1, err: "no database yet at @DB"},
		{args: []string{"rate", "3f9a", "--participant", "Ana", "--element", "explain", "--criterion", "impact", "--value", "3"}, code: 1, err: "no database yet"},
		{args: []string{"round", "3f9a", "--open", "2"}, code: 1, err: "no database yet"},
		{args: []string{"reveal", "3f9a", "--element", "explain"}, code: 1, err: "no database yet"},
		{args: []string{}, err: "needs a terminal", out: "No database yet"}, // the home screen, in a pipe
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			c := newCLI(t)
			dir := filepath.Dir(c.db)
			c.db = filepath.Join(dir, "new", "folder", "t.db")
			expand := func(s string) string {
				return strings.NewReplacer("@DB", c.db, "@DIR", dir).Replace(s)
			}
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = expand(a)
			}
			code, out, errs := c.run("", args...)
			if code != tc.code || !strings.Contains(out, expand(tc.out)) || !strings.Contains(errs, expand(tc.err)) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("%v wrote %s", tc.args, entries[0].Name())
			}
		})
	}
}

// TestSessionsStepNumbering: the text counts steps from 1, the JSON from 0,
// and the help says so.
func TestSessionsStepNumbering(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	e, err := session.OpenEngine(context.Background(), c.db, session.Options{}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.MoveTo(context.Background(), session.Facilitator(), id, 4, false); err != nil {
		t.Fatal(err)
	}
	e.Close()
	_, out, _ := c.run("", "sessions", "--json")
	var list []sessionJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 {
		t.Fatalf("sessions --json: %v\n%s", err, out)
	}
	_, text, _ := c.run("", "sessions")
	if list[0].Step != 4 || !strings.Contains(text, " 5/20 ") {
		t.Errorf("json step %d, text:\n%s\nwant step 4 and 5/20", list[0].Step, text)
	}
	_, help, _ := c.run("", "sessions", "--help")
	for _, w := range []string{"STEP counts from 1", `JSON's "step"`, `"step": 4`} {
		if !strings.Contains(help, w) {
			t.Errorf("sessions --help lacks %q:\n%s", w, help)
		}
	}
}

// TestHelpTexts: every command has more than a line of help, and the flags
// of the screen only where a screen is drawn.
func TestHelpTexts(t *testing.T) {
	c := newCLI(t)
	flags := map[string][2]bool{ // --theme, --bell
		"":         {true, true},
		"open":     {true, true},
		"review":   {true, false},
		"show":     {true, false},
		"sessions": {}, "stats": {}, "export": {}, "rate": {}, "import": {}, "new": {}, "delete": {},
		"round": {}, "reveal": {}, "pack show": {}, "pack check": {},
	}
	for name, want := range flags {
		t.Run(name, func(t *testing.T) {
			args := append(strings.Fields(name), "--help")
			code, out, _ := c.run("", args...)
			if code != 0 {
				t.Fatalf("exit %d", code)
			}
			long, _, _ := strings.Cut(out, "\nUsage:")
			if lines := strings.Count(strings.TrimSpace(long), "\n"); lines < 2 {
				t.Errorf("the help says one line:\n%s", out)
			}
			if got := strings.Contains(out, "--theme"); got != want[0] {
				t.Errorf("--theme in the help: %v, want %v", got, want[0])
			}
			if got := strings.Contains(out, "--bell"); got != want[1] {
				t.Errorf("--bell in the help: %v, want %v", got, want[1])
			}
		})
	}
	if code, _, errs := c.run("", "sessions", "--theme", "light"); code != 2 || !strings.Contains(errs, "unknown flag: --theme") {
		t.Errorf("sessions --theme: exit %d, %s", code, errs)
	}
}

func TestShowWithoutItemListsThem(t *testing.T) {
	c := newCLI(t)
	code, out, errs := c.run("", "show")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, w := range []string{"intro", "map", "the stakeholder map", "supplier", "Digital Twin Supplier", "explain", "Explain your twin properly!"} {
		if !strings.Contains(out, w) {
			t.Errorf("show lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(errs, "arg(s)") {
		t.Errorf("stderr: %s", errs)
	}
}

func TestExportFormatFromExtension(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	dir := t.TempDir()
	for name, want := range map[string]string{
		"notes.txt": "# Pilot", "summary": "# Pilot", "summary.markdown": "# Pilot", "summary.MD": "# Pilot",
		"ratings.csv": "session_id,", "s.json": `"schema_version"`, "s.HTM": "<!DOCTYPE html>",
	} {
		out := filepath.Join(dir, name)
		code, _, errs := c.run("", "export", id, "-o", out)
		if code != 0 {
			t.Errorf("export -o %s: exit %d: %s", name, code, errs)
			continue
		}
		b, _ := os.ReadFile(out)
		if !strings.HasPrefix(strings.TrimSpace(string(b)), want) && !strings.Contains(string(b[:min(200, len(b))]), want) {
			t.Errorf("%s starts %q, want %q", name, b[:min(60, len(b))], want)
		}
	}
	if code, _, errs := c.run("", "export", id, "--format", "txt"); code != 2 || !strings.Contains(errs, "md|csv|json|html") {
		t.Errorf("--format txt: exit %d, %s", code, errs)
	}
}

func TestRateFollowsTheEngineRounds(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	code, _, errs := c.run("", "rate", id, "--participant", "Ana", "--element", "explain", "--criterion", "impact", "--value", "3", "--round", "3")
	if code != 1 || !strings.Contains(errs, "round 3") || !strings.Contains(errs, "not open") {
		t.Errorf("--round 3: exit %d, %s", code, errs)
	}
	code, _, errs = c.run("", "rate", id, "--participant", "Ana", "--element", "magic", "--criterion", "impact", "--value", "3")
	if code != 1 || !strings.Contains(errs, "explain, incentive, small-steps") {
		t.Errorf("unknown element: exit %d, %s", code, errs)
	}
	if n := c.sessionCount(); n != 1 {
		t.Errorf("%d sessions", n)
	}
	code, out, _ := c.run("", "stats", id, "--json")
	if code != 0 || strings.Contains(out, `"n": 1`) {
		t.Errorf("a refused rating was stored: %s", out)
	}
}

// escapes matches what a terminal acts on: ESC, BEL, a lone CR, C1.
var escapes = regexp.MustCompile("[\x1b\x07\u009b\u009d]|\r[^\n]")

// hostileCLI is a session whose title, a participant's name and a comment
// hold escape sequences, written past the engine as an older trustshop
// could have stored them.
func hostileCLI(t *testing.T) (*cli, string) {
	t.Helper()
	c := newCLI(t)
	id := c.newSession()
	if code, _, errs := c.run("", "rate", id, "--participant", "Ben", "--element", "explain", "--criterion", "impact", "--value", "4", "--comment", "fine"); code != 0 {
		t.Fatal(errs)
	}
	db, err := sql.Open("sqlite3", c.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"UPDATE sessions SET title = 'Pilot \x1b]52;c;aGVsbG8=\x07', facilitator = 'Dana\u009b2J'",
		"UPDATE participants SET name = 'Ana\x1b]8;;https://evil/\x1b\\x\x1b]8;;\x1b\\' WHERE name = 'Ana'",
		"UPDATE ratings SET comment = 'see\x1b[2J\rhere'",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return c, id
}

// TestPrintersMakeControlsVisible: whatever the database holds, the
// command line's text output shows control characters as escapes; data
// for other programs keeps its bytes, unless it goes to a terminal.
func TestPrintersMakeControlsVisible(t *testing.T) {
	c, id := hostileCLI(t)
	hostileName := "Ana\x1b]8;;https://evil/\x1b\\x\x1b]8;;\x1b\\"
	for _, tc := range []struct {
		args []string
		want string // visible, in stdout or stderr
	}{
		{[]string{"sessions"}, `Pilot \x1b]52;c;aGVsbG8=\x07`},
		{[]string{"sessions", "--json"}, `Pilot \u001b]52;c;aGVsbG8=\u0007`},
		{[]string{"stats", id}, `Pilot \x1b]52;c;aGVsbG8=\x07`},
		{[]string{"export", id, "--format", "md"}, `Pilot \\x1b\]52;c;aGVsbG8=\\x07`},
		{[]string{"export", id, "--format", "html"}, `Pilot \x1b]52;c;aGVsbG8=\x07`},
		{[]string{"rate", id, "--participant", hostileName, "--element", "explain", "--criterion", "impact", "--value", "2"}, `Ana\x1b]8;;https://evil/\x1b\x\x1b]8;;\x1b\ · explain`},
		{[]string{"rate", id, "--participant", "Nobody", "--element", "explain", "--criterion", "impact", "--value", "2"}, `it has: Ana\x1b]8;;`},
		{[]string{"import", "bad\x1b]52;c;aA==\x07.csv"}, `bad\x1b]52;c;aA==\x07.csv`},
		{[]string{"export", id, "-o", t.TempDir() + "/x\x1b]0;title\x07.md"}, `x\x1b]0;title\x07.md`},
	} {
		t.Run(tc.args[0], func(t *testing.T) {
			_, out, errs := c.run("", tc.args...)
			for what, s := range map[string]string{"stdout": out, "stderr": errs} {
				if m := escapes.FindString(s); m != "" {
					t.Errorf("%s holds %q:\n%s", what, m, s)
				}
			}
			if !strings.Contains(out+errs, tc.want) {
				t.Errorf("output lacks %q:\n%s\n%s", tc.want, out, errs)
			}
		})
	}
	// data to a pipe or a file keeps its bytes: the csv round-trips
	_, csv, _ := c.run("", "export", id, "--format", "csv")
	if !strings.Contains(csv, "see\x1b[2J\rhere") {
		t.Errorf("the csv to a pipe lost the comment's bytes:\n%q", csv)
	}
}

// TestDataToATerminalIsVisible: csv and JSON written to a terminal show
// control characters as escapes.
func TestDataToATerminalIsVisible(t *testing.T) {
	c, id := hostileCLI(t)
	for _, args := range [][]string{
		{"export", id, "--format", "csv"}, {"export", id, "--format", "json"}, {"sessions", "--json"}, {"stats", id, "--json"},
	} {
		t.Run(strings.Join(args[:2], " "), func(t *testing.T) {
			ptmx, tty, err := pty.Open()
			if err != nil {
				t.Skipf("no pty: %v", err)
			}
			defer ptmx.Close()
			got := make(chan []byte)
			go func() {
				b, _ := io.ReadAll(ptmx)
				got <- b
			}()
			var errb bytes.Buffer
			code := run(context.Background(), append([]string{"--db", c.db}, args...), streams{in: strings.NewReader(""), out: tty, err: &errb})
			tty.Close()
			out := string(<-got)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if m := escapes.FindString(strings.ReplaceAll(out, "\r\n", "\n")); m != "" {
				t.Errorf("the terminal got %q:\n%s", m, out)
			}
			if !strings.Contains(out, id) {
				t.Errorf("the terminal got:\n%s", out)
			}
		})
	}
}
