package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// The consensus definition is the session's, overridable from the shell:
// shown, set (with a history row), reported by stats --json; a bad rule
// is a usage error that writes nothing.
func TestConsensusCommand(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	if code, out, _ := c.run("", "consensus", id); code != 0 || !strings.Contains(out, "interquartile range (IQR) of at most 1") {
		t.Fatalf("show: %d %q", code, out)
	}
	before := c.historyLen(t, id)
	for _, bad := range [][]string{
		{"--rule", "bogus"},
		{"--rule", "percent-agreement", "--min-agreement", "2"},
		{"--min-agreement", "0.8"},
	} {
		if code, _, errOut := c.run("", append([]string{"consensus", id}, bad...)...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d %q", bad, code, errOut)
		}
	}
	if n := c.historyLen(t, id); n != before {
		t.Fatalf("refused rules wrote %d history rows", n-before)
	}
	if code, out, errOut := c.run("", "consensus", id, "--rule", "percent-agreement", "--min-agreement", "0.8"); code != 0 || !strings.Contains(out, "at least 80 %") {
		t.Fatalf("set: %d %q %q", code, out, errOut)
	}
	if n := c.historyLen(t, id); n != before+1 {
		t.Errorf("the change made %d history rows, want 1", n-before)
	}
	_, out, _ := c.run("", "stats", id, "--json")
	var got struct {
		Rule map[string]any `json:"consensus_rule"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Rule["kind"] != "percent-agreement" || got.Rule["min_agreement"] != 0.8 {
		t.Errorf("consensus_rule = %v", got.Rule)
	}
}
