package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// history is the json export's history of a session's ratings.
func (c *cli) ratingHistory(t *testing.T, id string) []map[string]any {
	t.Helper()
	code, out, errs := c.run("", "export", id, "--format", "json")
	if code != 0 {
		t.Fatalf("export: %s", errs)
	}
	var doc struct {
		Ratings []struct {
			History []map[string]any `json:"history"`
		} `json:"ratings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var h []map[string]any
	for _, r := range doc.Ratings {
		h = append(h, r.History...)
	}
	return h
}

// After a reveal, `trustshop rate` is refused on the revealed round
// without --correction (exit 1, the flag named, nothing written), and
// with it the change is a correction in the history and the exports.
func TestRateOnARevealedRoundNeedsACorrection(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	rate := []string{"rate", id, "--participant", "Ana", "--element", "explain", "--criterion", "impact"}
	if code, _, errs := c.run("", append(rate, "--value", "4")...); code != 0 {
		t.Fatal(errs)
	}
	if code, out, errs := c.run("", "reveal", id, "--element", "explain"); code != 0 || !strings.Contains(out, "Revealed round 1 of explain") {
		t.Fatalf("reveal: %d %s %s", code, out, errs)
	}
	before := len(c.ratingHistory(t, id))
	code, _, errs := c.run("", append(rate, "--value", "5")...)
	if code != 1 || !strings.Contains(errs, "is revealed, so it takes no new rating") || !strings.Contains(errs, "--correction") {
		t.Fatalf("rate on a revealed round: exit %d, %q", code, errs)
	}
	if after := len(c.ratingHistory(t, id)); after != before {
		t.Fatalf("a refused rating was written: %d history rows, were %d", after, before)
	}
	code, out, errs := c.run("", append(rate, "--value", "5", "--correction", "misread the paper form")...)
	if code != 0 || !strings.Contains(out, "a correction: misread the paper form") {
		t.Fatalf("rate --correction: %d %s %s", code, out, errs)
	}
	h := c.ratingHistory(t, id)
	last := h[len(h)-1]
	if last["correction"] != true || last["reason"] != "misread the paper form" || last["actor"] != "cli" || last["new"] != "5" {
		t.Errorf("the correction in the json history: %v", last)
	}
	if _, md, _ := c.run("", "export", id, "--format", "md"); !strings.Contains(md, "## Corrections") || !strings.Contains(md, "misread the paper form") {
		t.Errorf("the md export lists no correction:\n%s", md)
	}
}

// `trustshop reveal` and `trustshop round` refuse an unknown session,
// element or round with exit 1 and write nothing.
func TestRevealAndRoundRefuseWhatIsNotThere(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"reveal", "feedbeef", "--element", "explain"}, "not found"},
		{[]string{"reveal", id, "--element", "nope"}, `unknown element "nope"`},
		{[]string{"reveal", id, "--element", "explain", "--round", "2"}, "has no round 2"},
		{[]string{"round", id, "--open", "2", "--element", "explain"}, "holds no ratings yet"},
		{[]string{"round", id, "--open", "3", "--element", "explain"}, "cannot open"},
		{[]string{"rate", id, "--participant", "Ana", "--element", "explain", "--criterion", "impact", "--value", "4", "--round", "3"}, "round 3"},
		{[]string{"rate", id, "--participant", "Ana", "--element", "explain", "--criterion", "impact", "--value", "4", "--round", "0"}, "round 0: rounds start at 1"},
		{[]string{"reveal", id, "--element", "explain"}, `round 1 of "Explain your twin properly!" holds no ratings yet: nothing to reveal`},
		{[]string{"reveal", id, "--element", "explain", "--to", "devices"}, "holds no ratings yet: nothing to reveal"},
		{[]string{"reveal", id, "--element", "explain", "--round", "0"}, "round 0: rounds start at 1"},
	} {
		before := c.historyLen(t, id)
		code, _, errs := c.run("", tc.args...)
		if code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, %q; want 1 and %q", tc.args, code, errs, tc.want)
		}
		if after := c.historyLen(t, id); after != before {
			t.Errorf("%v wrote history", tc.args)
		}
	}
}

// historyLen counts the history rows of a session (ratings, rounds, all).
func (c *cli) historyLen(t *testing.T, id string) int {
	t.Helper()
	code, out, errs := c.run("", "export", id, "--format", "json")
	if code != 0 {
		t.Fatalf("export: %s", errs)
	}
	var doc struct {
		History []json.RawMessage `json:"history"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	return len(doc.History)
}

// An import whose rounds skip one (round 3 of an element without round 2)
// is refused with the line and the fix, exit 1, and writes nothing.
func TestImportRefusesARoundGap(t *testing.T) {
	c := newCLI(t)
	file := filepath.Join(t.TempDir(), "gap.csv")
	body := "session_title,participant,role,element_id,criterion,round,value,abstain,rated_at\n" +
		"Gap,Ana,supplier,explain,impact,1,4,FALSE,2026-11-25T09:00:00Z\n" +
		"Gap,Ana,supplier,explain,impact,3,5,FALSE,2026-11-25T09:00:00Z\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"import", file}, {"import", file, "--check"}} {
		code, _, errs := c.run("", args...)
		if code != 1 || !strings.Contains(errs, ":3: element \"explain\" has ratings in round 3 but none in round 2") {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
	if _, err := os.Stat(c.db); err == nil && c.sessionCount() != 0 {
		t.Errorf("a session was imported")
	}
}

// A partial round 2 from the shell leaves the other elements in round 1.
func TestRoundOpensSomeElements(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	for _, el := range []string{"explain", "quality"} {
		if code, _, errs := c.run("", "rate", id, "--participant", "Ana", "--element", el, "--criterion", "impact", "--value", "3"); code != 0 {
			t.Fatal(errs)
		}
	}
	if code, out, errs := c.run("", "round", id, "--open", "2", "--element", "explain"); code != 0 || !strings.Contains(out, "Opened round 2 of explain") {
		t.Fatalf("round: %d %s %s", code, out, errs)
	}
	// rate follows each element's current round
	for el, want := range map[string]string{"explain": "(round 2)", "quality": "(round 1)"} {
		code, out, errs := c.run("", "rate", id, "--participant", "Ben", "--element", el, "--criterion", "impact", "--value", "4")
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("rate %s: %d %s %s, want %s", el, code, out, errs, want)
		}
	}
}

// The md and html summaries of a running session follow the room: a
// blind value is left out and the header says so; --all writes it.
func TestExportOfARunningSessionFollowsTheRoom(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	if code, _, errs := c.run("", "rate", id, "--participant", "Ana", "--element", "explain", "--criterion", "impact", "--value", "4"); code != 0 {
		t.Fatal(errs)
	}
	const note = "values not yet revealed to the room are left out"
	for _, tc := range []struct {
		args      []string
		room      bool
		valueText string
	}{
		{[]string{"--format", "md"}, true, "| Impact | 1 |"},
		{[]string{"--format", "md", "--all"}, false, "| Impact | 1 |"},
		{[]string{"--format", "html"}, true, `<td class="n">1</td>`},
		{[]string{"--format", "html", "--all"}, false, `<td class="n">1</td>`},
	} {
		code, out, errs := c.run("", append([]string{"export", id}, tc.args...)...)
		if code != 0 {
			t.Fatalf("export %v: %s", tc.args, errs)
		}
		if strings.Contains(out, note) != tc.room {
			t.Errorf("export %v: the header's note %v, want %v", tc.args, !tc.room, tc.room)
		}
		if strings.Contains(out, tc.valueText) == tc.room {
			t.Errorf("export %v: the blind value shown: %v, want %v", tc.args, tc.room, !tc.room)
		}
	}
	if _, out, _ := c.run("", "export", id, "--format", "csv"); !strings.Contains(out, ",explain,") {
		t.Errorf("the csv of a running session lacks the rating:\n%s", out)
	}
}

// --correction on a round still open: the rating is taken as usual (exit
// 0), no correction is recorded, and the message says so.
func TestRateCorrectionOnAnOpenRound(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	code, out, errs := c.run("", "rate", id, "--participant", "Ana", "--element", "explain", "--criterion", "impact", "--value", "4", "--correction", "typo")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(out, "a correction") || !strings.Contains(errs, "is open: rated as usual, not a correction") {
		t.Errorf("stdout %q, stderr %q: want a plain rating and a note", out, errs)
	}
	h := c.ratingHistory(t, id)
	if len(h) == 0 || h[len(h)-1]["new"] != "4" {
		t.Fatalf("the rating was not recorded: %v", h)
	}
	for _, row := range h {
		if row["correction"] == true || row["reason"] != nil && row["reason"] != "" {
			t.Errorf("a correction was recorded on an open round: %v", row)
		}
	}
}
