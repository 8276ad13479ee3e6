package main

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

const intlPack = "../../testdata/packs/intl"

// lastCellColumn is the display column where a table line's last cell
// starts (after the last run of two or more spaces).
func lastCellColumn(line string) int {
	i := strings.LastIndex(line, "  ")
	if i < 0 {
		return -1
	}
	return ansi.StringWidth(line[:i+2])
}

// TestTablesAlignByDisplayWidth: with CJK and emoji titles (the intl pack)
// the last column of each table starts at one display column, which
// text/tabwriter (it counts runes) did not keep.
func TestTablesAlignByDisplayWidth(t *testing.T) {
	cases := []struct {
		name string
		args []string
		rows func(line string) bool // the lines of one table
	}{
		{"pack show: agenda", []string{"pack", "show", intlPack}, func(l string) bool { return strings.HasSuffix(l, " min") && strings.Contains(l, ". ") }},
		{"pack show: criteria", []string{"pack", "show", intlPack}, func(l string) bool { return strings.Contains(l, "is better") }},
		{"show: items", []string{"--pack", intlPack, "show"}, func(l string) bool { return strings.HasPrefix(l, "  ") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := newCLI(t).run("", tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			cols := map[int][]string{}
			n := 0
			for _, l := range strings.Split(out, "\n") {
				if tc.rows(l) {
					cols[lastCellColumn(l)] = append(cols[lastCellColumn(l)], l)
					n++
				}
			}
			if n < 3 || len(cols) != 1 {
				t.Errorf("%d rows, last cells start at %d different columns:\n%s", n, len(cols), out)
			}
		})
	}
}
