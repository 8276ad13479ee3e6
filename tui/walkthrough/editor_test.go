package walkthrough

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// The note editor's keys, each case from a note and the cursor at its
// end: the text afterwards, with | where the cursor is.
func TestTextEditorKeys(t *testing.T) {
	for _, tc := range []struct {
		name, from string
		keys       []string // "text:…" types text, "paste:…" pastes
		want       string
	}{
		{"typing", "", []string{"text:Trust grows"}, "Trust grows|"},
		{"a new line", "one", []string{"enter", "text:two"}, "one\ntwo|"},
		{"backspace", "one", []string{"backspace"}, "on|"},
		{"backspace joins lines", "one\ntwo", []string{"home", "backspace"}, "one|two"},
		{"delete joins the next line", "one\ntwo", []string{"up", "end", "delete"}, "one|two"},
		{"a word back", "shared glossary", []string{"ctrl+w"}, "shared |"},
		{"to the line's start", "one\nshared glossary", []string{"ctrl+u"}, "one\n|"},
		{"to the line's end", "shared glossary", []string{"home", "alt+f", "ctrl+k"}, "shared|"},
		{"left and right across lines", "ab\ncd", []string{"home", "left", "left", "left", "right", "text:X"}, "aX|b\ncd"},
		{"up keeps the column", "abcdef\nxy\nqrs", []string{"up", "up", "text:!"}, "abc!|def\nxy\nqrs"},
		{"a paste keeps its lines", "", []string{"paste:one\r\ntwo\tthree"}, "one\ntwo three|"},
		{"control characters are not typed", "", []string{"text:a\x07b"}, "ab|"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTextEditor(tc.from, lipgloss.NewStyle(), lipgloss.NewStyle(), lipgloss.NewStyle())
			e.setSize(40, 5)
			for _, k := range tc.keys {
				switch {
				case strings.HasPrefix(k, "text:"):
					for _, r := range strings.TrimPrefix(k, "text:") {
						e.update(tea.KeyPressMsg{Code: r, Text: string(r)})
					}
				case strings.HasPrefix(k, "paste:"):
					e.update(tea.PasteMsg{Content: strings.TrimPrefix(k, "paste:")})
				default:
					e.update(tuitest.Press(k))
				}
			}
			got := e.Value()
			if strings.Contains(tc.want, "|") {
				lines := strings.Split(got, "\n")
				l := []rune(lines[e.row])
				lines[e.row] = string(l[:e.col]) + "|" + string(l[e.col:])
				got = strings.Join(lines, "\n")
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// A long line wraps at word boundaries, a word wider than the row is
// cut, up and down move by screen rows, and the view shows the rows
// around the cursor.
func TestTextEditorWraps(t *testing.T) {
	e := newTextEditor("the group wants a shared glossary of twin terms "+strings.Repeat("x", 25), lipgloss.NewStyle(), lipgloss.NewStyle(), lipgloss.NewStyle())
	e.setSize(20, 2)
	var rows []string
	for _, s := range e.wrap(0) {
		rows = append(rows, string(e.lines[0][s.start:s.end]))
	}
	want := []string{"the group wants a ", "shared glossary of ", "twin terms ", strings.Repeat("x", 20), "xxxxx"}
	if strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Fatalf("rows %q, want %q", rows, want)
	}
	if v := tuitest.Plain(e.view()); v != strings.Repeat("x", 20)+"\nxxxxx " {
		t.Errorf("the view at the end:\n%q", v)
	}
	e.update(tuitest.Press("up"))
	e.update(tuitest.Press("up"))
	e.update(tuitest.Press("up"))
	if r, c := e.screenPos(); r != 1 || c != 5 || e.top != 1 {
		t.Errorf("after three ups: row %d col %d top %d", r, c, e.top)
	}
}

// Typing changes only the edited line's wrap.
func TestTextEditorKeepsOtherWraps(t *testing.T) {
	e := newTextEditor("first line\nsecond line", lipgloss.NewStyle(), lipgloss.NewStyle(), lipgloss.NewStyle())
	e.setSize(20, 5)
	e.view()
	first := e.wraps[0]
	e.update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	if e.wraps[0] == nil || &e.wraps[0][0] != &first[0] {
		t.Error("typing on the second line wrapped the first again")
	}
	if s := e.wraps[1]; len(s) != 1 || s[0].end != len("second linex") {
		t.Errorf("the second line's wrap %v", s)
	}
}
