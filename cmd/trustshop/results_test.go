package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// ratedSession creates a session of Ana and Ben and rates two elements.
func ratedSession(t *testing.T, c *cli) string {
	t.Helper()
	id := c.newSession()
	for _, r := range [][]string{
		{"Ana", "explain", "impact", "--value", "4"},
		{"Ben", "explain", "impact", "--value", "5"},
		{"Ana", "explain", "effort", "--value", "2"},
		{"Ben", "explain", "effort", "--abstain"},
		{"Ana", "protect-ip", "impact", "--value", "3"},
		{"Ben", "protect-ip", "impact", "--value", "3"},
	} {
		args := append([]string{"rate", id, "--participant", r[0], "--element", r[1], "--criterion", r[2]}, r[3:]...)
		if code, _, errs := c.run("", args...); code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
	}
	return id
}

func TestStatsCommand(t *testing.T) {
	c := newCLI(t)
	id := ratedSession(t, c)

	code, out, errs := c.run("", "stats", id[:4])
	if code != 0 {
		t.Fatalf("stats: %s", errs)
	}
	for _, want := range []string{"Impact, round 1", "Effort, round 1", "Explain your twin properly!", "Kendall's W", "Ranking by Impact"} {
		if !strings.Contains(out, want) {
			t.Errorf("stats output lacks %q:\n%s", want, out)
		}
	}

	code, out, errs = c.run("", "stats", id, "--json")
	if code != 0 {
		t.Fatalf("stats --json: %s", errs)
	}
	var doc struct {
		SessionID string           `json:"session_id"`
		Elements  []map[string]any `json:"elements"`
		Criteria  []map[string]any `json:"criteria"`
		Ranking   []map[string]any `json:"ranking"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SessionID != id || len(doc.Elements) != 14 || len(doc.Criteria) != 2 || len(doc.Ranking) != 14 {
		t.Fatalf("stats --json: %s", out)
	}
	keys := func(m map[string]any) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	wantElem := []string{"abstain", "agreement", "consensus", "criterion", "element_id", "iqr", "max", "mean", "median", "min", "n", "q1", "q3", "round", "sd", "top2"}
	if got := keys(doc.Elements[0]); !slices.Equal(got, wantElem) {
		t.Errorf("element keys %v, want %v", got, wantElem)
	}
	wantCrit := []string{"alpha_interval", "alpha_nominal", "alpha_ordinal", "criterion", "kendall_w", "round"}
	if got := keys(doc.Criteria[0]); !slices.Equal(got, wantCrit) {
		t.Errorf("criterion keys %v, want %v", got, wantCrit)
	}
	for _, e := range doc.Elements {
		if e["element_id"] == "quality" && (e["n"].(float64) != 0 || e["mean"] != nil || e["consensus"] != nil) {
			t.Errorf("an unrated element has values: %v", e)
		}
		if e["element_id"] == "explain" && e["criterion"] == "effort" && (e["abstain"].(float64) != 1 || e["sd"] != nil) {
			t.Errorf("explain/effort: %v", e)
		}
	}

	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"stats", id, "--round", "2"}, 1, "no ratings in round 2 (rounds with ratings: 1)"},
		{[]string{"stats", id, "--round", "-1"}, 2, "rounds start at 1"},
		{[]string{"stats", "ffffffff"}, 1, "not found"},
		{[]string{"stats"}, 2, "accepts 1 arg"},
	} {
		code, _, errs := c.run("", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.err) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errs, tc.code, tc.err)
		}
	}
}

func TestExportCommand(t *testing.T) {
	c := newCLI(t)
	id := ratedSession(t, c)
	dir := t.TempDir()
	for _, tc := range []struct {
		format, want string
	}{
		{"md", "## Who took part"},
		{"csv", "session_id,session_title,participant,role,organisation,element_id,element_title,criterion,round,value,abstain,comment,rated_at\n"},
		{"json", `"schema_version": 1`},
		{"html", "<!DOCTYPE html>"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			code, out, errs := c.run("", "export", id, "--format", tc.format)
			if code != 0 || !strings.Contains(out, tc.want) {
				t.Fatalf("export --format %s: exit %d\n%s\n%s", tc.format, code, errs, out)
			}
			file := filepath.Join(dir, "out."+tc.format)
			code, _, errs = c.run("", "export", id, "-o", file) // the format follows the extension
			if code != 0 {
				t.Fatal(errs)
			}
			got, err := os.ReadFile(file)
			if err != nil || string(got) != out {
				t.Errorf("-o %s differs from stdout (%v)", file, err)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		t.Errorf("%d files in the output folder, want 4 (no temporary files left)", len(entries))
	}

	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"export", id, "--format", "pdf"}, 2, `--format "pdf": choose one of md|csv|json|html`},
		{[]string{"export", id, "-o", filepath.Join(dir, "missing", "x.md")}, 1, "no such file or directory"},
		{[]string{"export", id, "-o", dir}, 1, "it is a folder"},
		{[]string{"export", "ffffffff", "--format", "md"}, 1, "not found"},
	} {
		code, _, errs := c.run("", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.err) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, errs, tc.code, tc.err)
		}
	}
}

func TestImportCommand(t *testing.T) {
	c := newCLI(t)
	id := ratedSession(t, c)
	dir := t.TempDir()
	file := filepath.Join(dir, "ratings.csv")
	if code, _, errs := c.run("", "export", id, "-o", file); code != 0 {
		t.Fatal(errs)
	}
	first, _ := os.ReadFile(file)

	code, out, errs := c.run("", "import", file)
	if code != 0 {
		t.Fatalf("import: %s", errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	newID := lines[len(lines)-1]
	if newID == id || len(newID) != 8 || !strings.Contains(out, "6 ratings by 2 participants") {
		t.Fatalf("import printed %q", out)
	}
	_, second, _ := c.run("", "export", newID, "--format", "csv")
	if strings.ReplaceAll(string(first), id, "X") != strings.ReplaceAll(second, newID, "X") {
		t.Errorf("export, import, export differs:\n%s\n---\n%s", first, second)
	}
	code, out, _ = c.run("", "import", file, "--title", "Site B", "--again")
	if code != 0 || !strings.Contains(out, `"Site B"`) {
		t.Errorf("import --title: %s", out)
	}

	bad := filepath.Join(dir, "bad.csv")
	text := strings.Replace(string(first), ",impact,1,4,", ",impact,1,9,", 1)
	text = strings.Replace(text, "explain,", "nope,", 1)
	if err := os.WriteFile(bad, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	before := c.sessionCount()
	code, out, errs = c.run("", "import", bad)
	if code != 1 || out != "" || !strings.Contains(errs, bad+":2: ") || !strings.Contains(errs, "nothing imported") {
		t.Errorf("bad import: exit %d\nstdout %q\nstderr %s", code, out, errs)
	}
	if c.sessionCount() != before {
		t.Error("a bad import wrote a session")
	}
	if code, _, errs := c.run("", "import", filepath.Join(dir, "none.csv")); code != 1 || !strings.Contains(errs, "no such file") {
		t.Errorf("import of a missing file: %d %s", code, errs)
	}
}

// TestStatsStability: plain stats reports, for a session rated in two
// rounds, the stability of the answers apart from consensus, with the
// figures computed by hand (and by R: wilcox.test(c(4, 3), c(4, 5),
// paired = TRUE) gives V = 0, p = 1).
func TestStatsStability(t *testing.T) {
	c := newCLI(t)
	id := ratedSession(t, c)
	run := func(args ...string) string {
		t.Helper()
		code, out, errs := c.run("", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		return out
	}
	if out := run("stats", id); strings.Contains(out, "Stability") {
		t.Errorf("one round, yet stability:\n%s", out)
	}
	run("round", id, "--open", "2", "--element", "explain")
	for _, r := range [][]string{
		{"Ana", "impact", "--value", "4"}, // kept
		{"Ben", "impact", "--value", "3"}, // 5 → 3
		{"Ben", "effort", "--abstain"},    // as in round 1; Ana gives none
	} {
		run(append([]string{"rate", id, "--participant", r[0], "--element", "explain", "--criterion", r[1]}, r[2:]...)...)
	}
	out := run("stats", id)
	fields := func(line string) []string { return strings.Fields(strings.ReplaceAll(line, "\u00a0", "")) }
	var rows [][]string
	for _, line := range strings.Split(out[strings.Index(out, "Stability between rounds"):], "\n") {
		if strings.Contains(line, "Explain your twin properly!") {
			rows = append(rows, fields(line))
		}
	}
	// #, 4 words of the title, criterion, rounds, paired, kept, mean |Δ|, V, p, CV from → to
	want := [][]string{
		{"1", "Explain", "your", "twin", "properly!", "Impact", "1→2", "2", "50%", "1", "0", "1.000", "0.16", "→", "0.2"},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("stability rows:\n%q\nwant\n%q\n%s", rows, want, out)
	}
	for _, line := range []string{"Kendall's W of Impact, round 1 → 2 (1 element rated in both)", "No expert gave a value in both rounds: 1 element x criterion pair\n"} {
		if !strings.Contains(out, line) {
			t.Errorf("stats lacks %q:\n%s", line, out)
		}
	}
	if out := run("stats", id, "--round", "2"); strings.Contains(out, "Stability") {
		t.Errorf("one round asked for, yet stability:\n%s", out)
	}
}
