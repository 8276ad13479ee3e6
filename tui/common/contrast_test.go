package common

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

var allThemes = []Theme{ThemeDark, ThemeLight, ThemeHighContrast}

func TestContrastRatio(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#777777", "#ffffff", 4.48}, // the classic just-below-AA grey
		{"#ffff00", "#000000", 19.56},
	} {
		got := ContrastRatio(lipgloss.Color(tc.a), lipgloss.Color(tc.b))
		if got < tc.want-0.01 || got > tc.want+0.01 {
			t.Errorf("%s on %s = %.2f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}

// The checker reads the colours lipgloss and glamour write: true colour,
// 256 colours, the 16 basic ones, reverse video, resets.
func TestContrastIssuesReadsSGR(t *testing.T) {
	white, black := lipgloss.Color("#ffffff"), lipgloss.Color("#000000")
	for _, tc := range []struct {
		name, in string
		issues   int
	}{
		{"plain text in the terminal's colours", "hello", 0},
		{"true colour, too dim", "\x1b[38;2;40;40;40mdim\x1b[m ok", 1},
		{"256 colours, fine", "\x1b[38;5;231mwhite\x1b[0m", 0},
		{"a basic colour on a basic background", "\x1b[97;103mwhite on yellow\x1b[m", 1},
		{"reverse video of the defaults", "\x1b[7mreversed\x1b[27m", 0},
		{"dim text", "\x1b[2mfaint\x1b[22m", 1},
		{"a background reset after a coloured one", "\x1b[48;5;231mx\x1b[49my", 1},
	} {
		got := ContrastIssues(tc.in, white, black, 4.5)
		if len(got) != tc.issues {
			t.Errorf("%s: %d issues, want %d: %v", tc.name, len(got), tc.issues, got)
		}
	}
}

// Every style of every theme, rendered, reads against the theme's
// background (or its own): WCAG AA, and AAA for high-contrast.
func TestContrastOfEveryStyle(t *testing.T) {
	for _, th := range allThemes {
		t.Run(string(th), func(t *testing.T) {
			s := NewStyles(th)
			n := 0
			walkStyles(reflect.ValueOf(s), "Styles", func(name string, st lipgloss.Style) {
				n++
				out := st.Render("Aa1 ✓")
				for _, is := range ContrastIssues(out, s.Foreground, s.Background, MinContrast(th)) {
					t.Errorf("%s: %s", name, is)
				}
			})
			if n < 60 {
				t.Errorf("walked %d styles only", n)
			}
		})
	}
}

// Markdown as glamour renders it in each theme: headings, emphasis, code,
// links, lists, quotes, tables, the matrix's text block.
func TestContrastOfMarkdown(t *testing.T) {
	src := "# Heading one\n\nBody *emph* **strong** `code` [a link](https://example.org).\n\n## Heading two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n\n" +
		"- item one\n- item two\n\n1. first\n2. second\n\n> a quote\n> on two lines\n\n```text\n  ↑ Impact\n5 ┤ ·  4\n```\n\n| # | Element | Consensus |\n|--:|---|---|\n| 1 | Explain | ✓ |\n\n---\n\nThe end.\n"
	for _, th := range allThemes {
		t.Run(string(th), func(t *testing.T) {
			s := NewStyles(th)
			out, err := RenderMarkdown(src, 80, s.Markdown)
			if err != nil {
				t.Fatal(err)
			}
			for _, is := range ContrastIssues(out, s.Foreground, s.Background, MinContrast(th)) {
				t.Errorf("%s", is)
			}
			if strings.Contains(out, "##") {
				t.Errorf("a heading keeps its ## marks:\n%s", out)
			}
		})
	}
}

// walkStyles calls fn for every lipgloss.Style in v: fields, nested
// structs, slices, and the form's theme (a func of isDark, called).
func walkStyles(v reflect.Value, name string, fn func(string, lipgloss.Style)) {
	if st, ok := v.Interface().(lipgloss.Style); ok {
		fn(name, st)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkStyles(v.Elem(), name, fn)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			walkStyles(v.Field(i), name+"."+v.Type().Field(i).Name, fn)
		}
	case reflect.Interface:
		if !v.IsNil() {
			walkStyles(v.Elem(), name, fn)
		}
	case reflect.Func:
		if v.Type().NumIn() == 1 && v.Type().In(0).Kind() == reflect.Bool && v.Type().NumOut() == 1 && !v.IsNil() {
			walkStyles(v.Call([]reflect.Value{reflect.ValueOf(true)})[0], name+"()", fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkStyles(v.Index(i), fmt.Sprintf("%s[%d]", name, i), fn)
		}
	}
}
