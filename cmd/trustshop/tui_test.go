package main

import (
	"strings"
	"testing"
)

func TestShow(t *testing.T) {
	c := newCLI(t)
	tests := []struct {
		name     string
		args     []string
		code     int
		want     []string // in stdout (or stderr when code != 0)
		maxWidth int
	}{
		{name: "element", args: []string{"show", "explain"}, want: []string{"Explain your twin properly!", "Solution element"}, maxWidth: 80},
		{name: "intro", args: []string{"show", "intro"}, want: []string{"Digital Twin Trust Framework", "Source:"}, maxWidth: 80},
		{name: "persona", args: []string{"show", "supplier"}, want: []string{"Digital Twin Supplier", "Stakeholder persona"}, maxWidth: 80},
		{name: "story", args: []string{"show", "user-supplier"}, want: []string{"Trust from the user to the supplier", "Explain your twin properly!", "Solution elements"}, maxWidth: 80},
		{name: "map", args: []string{"show", "map"}, want: []string{"Stakeholder map", "┬", "├───╮", "7. **Trust from the partners to the user**"}, maxWidth: 80},
		{name: "narrow", args: []string{"show", "explain", "--width", "40"}, want: []string{"Explain your twin"}, maxWidth: 40},
		{name: "unknown item lists the ids", args: []string{"show", "nope"}, code: 2, want: []string{`unknown item "nope"`, "intro, map, supplier", "explain"}},
		{name: "too narrow", args: []string{"show", "intro", "--width", "5"}, code: 2, want: []string{"at least 20"}},
		{name: "bad theme", args: []string{"show", "intro", "--theme", "pink"}, code: 2, want: []string{"unknown theme"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := c.run("", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, errs)
			}
			text := out
			if code != 0 {
				text = errs
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("output lacks %q:\n%s", w, text)
				}
			}
			if strings.Contains(out, "\x1b") {
				t.Error("output to a pipe holds escape sequences")
			}
			for i, l := range strings.Split(out, "\n") {
				if n := len([]rune(l)); tc.maxWidth > 0 && n > tc.maxWidth {
					t.Errorf("line %d is %d wide: %q", i+1, n, l)
				}
			}
		})
	}
}

func TestHomeWithoutTerminal(t *testing.T) {
	c := newCLI(t)
	id := c.newSession()
	code, out, errs := c.run("")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "needs a terminal") || !strings.Contains(out, id) {
		t.Errorf("without a terminal: stderr %q, stdout %q", errs, out)
	}
	for _, cmd := range []string{"open", "review"} {
		code, _, errs = c.run("", cmd, id)
		if code != 1 || !strings.Contains(errs, "needs a terminal") {
			t.Errorf("%s without a terminal: exit %d, %q", cmd, code, errs)
		}
	}
}
