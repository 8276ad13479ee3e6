package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs trustshop in-process against a database in dir.
type cli struct {
	t  *testing.T
	db string
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	t.Setenv("TRUSTSHOP_DB", "")
	return &cli{t: t, db: filepath.Join(t.TempDir(), "t.db")}
}

// run returns the exit status, stdout and stderr of one command.
func (c *cli) run(stdin string, args ...string) (int, string, string) {
	c.t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"--db", c.db}, args...), streams{in: strings.NewReader(stdin), out: &out, err: &errb})
	return code, out.String(), errb.String()
}

// newSession creates a session and returns its id, the last line of stdout.
func (c *cli) newSession(args ...string) string {
	c.t.Helper()
	base := []string{"new", "--title", "Pilot", "--facilitator", "Dana", "--participant", "Ana:supplier:Vendor", "--participant", "Ben:user"}
	code, out, errs := c.run("", append(base, args...)...)
	if code != 0 {
		c.t.Fatalf("new: exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

func (c *cli) sessionCount() int {
	c.t.Helper()
	code, out, errs := c.run("", "sessions", "--json")
	if code != 0 {
		c.t.Fatalf("sessions: %s", errs)
	}
	var list []sessionJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		c.t.Fatalf("sessions --json: %v\n%s", err, out)
	}
	return len(list)
}

func TestCommands(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		out, err string // substrings expected
		sessions int    // sessions left in the database afterwards (one exists before)
	}{
		{name: "version", args: []string{"--version"}, out: "trustshop version", sessions: 1},
		{name: "help has examples", args: []string{"new", "--help"}, out: "Examples:", sessions: 1},
		{name: "unknown flag", args: []string{"sessions", "--colour"}, code: 2, err: "unknown flag: --colour", sessions: 1},
		{name: "unknown command", args: []string{"sesions"}, code: 2, err: "unknown command", sessions: 1},
		{name: "new unknown role", args: []string{"new", "--title", "T", "--facilitator", "F", "--participant", "Eve:ceo"}, code: 1,
			err: `unknown role "ceo"`, sessions: 1},
		{name: "new bad participant", args: []string{"new", "--title", "T", "--facilitator", "F", "--participant", "Eve"}, code: 2,
			err: "Name:role", sessions: 1},
		{name: "new missing title", args: []string{"new", "--facilitator", "F"}, code: 1, err: `"title" not set`, sessions: 1},
		{name: "new", args: []string{"new", "--title", "Second", "--facilitator", "F", "--participant", "Eve:partner:Pumps Ltd"}, out: "Created", sessions: 2},
		{name: "new abbreviated role", args: []string{"new", "--title", "Third", "--facilitator", "F", "--participant", "Eve:par"}, out: "Created", sessions: 2},
		{name: "new ambiguous role", args: []string{"new", "--title", "T", "--facilitator", "F", "--participant", "Eve:digital twin"}, code: 1, err: "could be", sessions: 1},
		{name: "delete unknown", args: []string{"delete", "ffffffff", "--yes"}, code: 1, err: "not found", sessions: 1},
		{name: "delete answered no", args: []string{"delete", "@ID"}, stdin: "n\n", code: 1, err: "not deleted", sessions: 1},
		{name: "delete without answer", args: []string{"delete", "@ID"}, code: 1, err: "not deleted", sessions: 1},
		{name: "delete answered yes", args: []string{"delete", "@ID"}, stdin: "y\n", out: "Deleted", sessions: 0},
		{name: "delete --yes", args: []string{"delete", "@ID", "--yes"}, out: "Deleted", sessions: 0},
		{name: "rate", args: []string{"rate", "@ID", "--participant", "ana", "--element", "explain", "--criterion", "impact", "--value", "4"}, out: "Ana · explain · impact (round 1): 4", sessions: 1},
		{name: "rate out of scale", args: []string{"rate", "@ID", "--participant", "Ana", "--element", "explain", "--criterion", "impact", "--value", "9"}, code: 1, err: "outside the impact scale 1..5", sessions: 1},
		{name: "rate both", args: []string{"rate", "@ID", "--participant", "Ana", "--element", "explain", "--criterion", "impact", "--value", "3", "--abstain"}, code: 2, err: "exactly one", sessions: 1},
		{name: "rate unknown participant", args: []string{"rate", "@ID", "--participant", "Zed", "--element", "explain", "--criterion", "impact", "--abstain"}, code: 1, err: `no participant "Zed"`, sessions: 1},
		{name: "rate unknown element", args: []string{"rate", "@ID", "--participant", "Ana", "--element", "magic", "--criterion", "impact", "--value", "3"}, code: 1, err: `unknown element "magic"`, sessions: 1},
		{name: "rate unknown session", args: []string{"rate", "00000000", "--participant", "Ana", "--element", "explain", "--criterion", "impact", "--value", "3"}, code: 1, err: "not found", sessions: 1},
		{name: "pack check embedded", args: []string{"pack", "check"}, out: "is valid", sessions: 1},
		{name: "pack check broken", args: []string{"pack", "check", "../../testdata/packs/broken/story-missing-element"}, code: 1,
			out: "stories/01-user-supplier.md:10: unknown element", sessions: 1},
		{name: "pack check missing dir", args: []string{"pack", "check", "/nonexistent"}, code: 1, err: "no such file", sessions: 1},
		{name: "new on broken pack", args: []string{"--pack", "../../testdata/packs/broken/bad-id", "new", "--title", "T", "--facilitator", "F"}, code: 1,
			err: "Extra Element", sessions: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			id := c.newSession()
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = strings.ReplaceAll(a, "@ID", id)
			}
			code, out, errs := c.run(tc.stdin, args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			if !strings.Contains(out, tc.out) {
				t.Errorf("stdout %q does not contain %q", out, tc.out)
			}
			if !strings.Contains(errs, tc.err) {
				t.Errorf("stderr %q does not contain %q", errs, tc.err)
			}
			if n := c.sessionCount(); n != tc.sessions {
				t.Errorf("%d sessions afterwards, want %d", n, tc.sessions)
			}
		})
	}
}

func TestNewPrintsIDLast(t *testing.T) {
	c := newCLI(t)
	id := c.newSession("--organisation", "Acme", "--date", "2026-11-25")
	code, out, _ := c.run("", "sessions", "--json")
	var list []sessionJSON
	json.Unmarshal([]byte(out), &list)
	if code != 0 || len(list) != 1 || list[0].ID != id || list[0].Organisation != "Acme" || list[0].Participants != 2 {
		t.Fatalf("sessions --json = %+v (id %q)", list, id)
	}
	// the text list names the session
	_, out, _ = c.run("", "sessions")
	if !strings.Contains(out, id) || !strings.Contains(out, "Pilot") {
		t.Errorf("sessions:\n%s", out)
	}
}

func TestPackShowJSON(t *testing.T) {
	c := newCLI(t)
	code, out, errs := c.run("", "pack", "show", "--json")
	if code != 0 {
		t.Fatal(errs)
	}
	var o map[string]any
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "title", "version", "content_hash", "personas", "stories", "elements", "criteria", "agenda"} {
		if _, ok := o[k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	story := o["stories"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "title", "from", "to", "elements"} {
		if _, ok := story[k]; !ok {
			t.Errorf("story key %q missing", k)
		}
	}
	crit := o["criteria"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "label", "min", "max"} {
		if _, ok := crit[k]; !ok {
			t.Errorf("criterion key %q missing", k)
		}
	}
	code, out, _ = c.run("", "--pack", "../../testdata/packs/minimal", "pack", "show")
	if code != 0 || !strings.Contains(out, "minimal") {
		t.Errorf("pack show --pack minimal: %d %s", code, out)
	}
}

func TestReadOnlyDatabaseMessage(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	os.Chmod(c.db, 0o444)
	defer os.Chmod(c.db, 0o644)
	before, _ := os.ReadFile(c.db)
	code, _, errs := c.run("", "rate", id, "--participant", "Ana", "--element", "explain", "--criterion", "impact", "--value", "3")
	if code != 1 || !strings.Contains(errs, "read-only") || !strings.Contains(errs, c.db) {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if after, _ := os.ReadFile(c.db); !bytes.Equal(before, after) {
		t.Error("database changed")
	}
	// reading still works
	if code, out, errs := c.run("", "sessions"); code != 0 || !strings.Contains(out, id) {
		t.Errorf("sessions on a read-only database: %d %s %s", code, out, errs)
	}
}
