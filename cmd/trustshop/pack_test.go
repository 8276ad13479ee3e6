package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const minimalPack = "../../testdata/packs/minimal"

// TestPackFolderArgument checks that pack check and pack show both take the
// folder as an argument and as --pack.
func TestPackFolderArgument(t *testing.T) {
	cases := []struct {
		name string
		args []string
		out  string
	}{
		{"check DIR", []string{"pack", "check", minimalPack}, "pack minimal 0.1.0 is valid"},
		{"check --pack", []string{"--pack", minimalPack, "pack", "check"}, "pack minimal 0.1.0 is valid"},
		{"show DIR", []string{"pack", "show", minimalPack}, "Minimal example pack"},
		{"show --pack", []string{"--pack", minimalPack, "pack", "show"}, "Minimal example pack"},
		{"show DIR --json", []string{"pack", "show", minimalPack, "--json"}, `"id": "minimal"`},
		{"show embedded", []string{"pack", "show"}, "Matrix: effort across, impact up"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			code, out, errs := c.run("", tc.args...)
			if code != 0 || !strings.Contains(out, tc.out) {
				t.Errorf("exit %d, stdout does not contain %q:\n%s\n%s", code, tc.out, out, errs)
			}
		})
	}
}

// TestPackShowJSONNewFields checks the keys pack show --json gained for
// issues 8 and 12, beside the ones it had.
func TestPackShowJSONNewFields(t *testing.T) {
	c := newCLI(t)
	for _, tc := range []struct {
		args   []string
		better []string
		matrix map[string]any
	}{
		{[]string{"pack", "show", "--json"}, []string{"higher", "lower"}, map[string]any{"x": "effort", "y": "impact"}},
		{[]string{"pack", "show", minimalPack, "--json"}, []string{"higher"}, nil},
	} {
		code, out, errs := c.run("", tc.args...)
		if code != 0 {
			t.Fatalf("%v: %s", tc.args, errs)
		}
		var o map[string]any
		if err := json.Unmarshal([]byte(out), &o); err != nil {
			t.Fatal(err)
		}
		var better []string
		for _, c := range o["criteria"].([]any) {
			better = append(better, c.(map[string]any)["better"].(string))
		}
		if strings.Join(better, ",") != strings.Join(tc.better, ",") {
			t.Errorf("%v: better = %v, want %v", tc.args, better, tc.better)
		}
		m, _ := o["matrix"].(map[string]any)
		if v, present := o["matrix"]; !present || (tc.matrix == nil) != (v == nil) || (m != nil && (m["x"] != tc.matrix["x"] || m["y"] != tc.matrix["y"])) {
			t.Errorf("%v: matrix = %v, want %v", tc.args, o["matrix"], tc.matrix)
		}
		cons := o["consensus"].(map[string]any)
		for _, k := range []string{"rule", "max_iqr", "min_agreement"} {
			if _, ok := cons[k]; !ok {
				t.Errorf("%v: consensus key %q missing", tc.args, k)
			}
		}
		if cons["rule"] != "iqr-agreement" {
			t.Errorf("%v: rule %v", tc.args, cons["rule"])
		}
	}
}

// TestPackCheckHostile runs pack check on packs that once hung, printed an
// escape sequence or reported one mistake several times.
func TestPackCheckHostile(t *testing.T) {
	cases := []struct {
		name, file, old, new string
		out                  string
	}{
		{"OSC 52 in a title", "intro.md", "title: A minimal workshop", "title: \x1b]52;c;aGVsbG8=\x07Hi",
			"intro.md:3: control character U+001B (ESC)"},
		{"YAML escape in a title", "intro.md", "title: A minimal workshop", `title: "\e]52;c;aGVsbG8=\a"`,
			"intro.md:3: a quoted value writes control character U+001B (ESC) as an escape"},
		{"colon in an element title", "elements/02-document.md", "title: Document thoroughly!", "title: Document: thoroughly!",
			`elements/02-document.md:3: front matter: the value of "title" holds ": "`},
		{"scale at the int64 limit", "pack.yaml", "max: 3", "max: 9223372036854775807",
			`pack.yaml:19: criterion "impact": scale max 9223372036854775807 is outside -1000..1000`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyDir(t, minimalPack)
			p := filepath.Join(dir, tc.file)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(strings.Replace(string(b), tc.old, tc.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			c := newCLI(t)
			code, out, errs := c.run("", "pack", "check", dir)
			if code != 1 || !strings.Contains(out, tc.out) || !strings.Contains(errs, ": 1 problem") {
				t.Errorf("exit %d, want 1 problem %q:\nstdout: %s\nstderr: %s", code, tc.out, out, errs)
			}
			if strings.ContainsAny(out+errs, "\x1b\x07") {
				t.Errorf("control characters printed: %q", out+errs)
			}
		})
	}
}

// copyDir copies a pack folder into a temporary one.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
