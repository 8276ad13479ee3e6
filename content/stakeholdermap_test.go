package content_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/trustshop/trustshop/content"
)

// mapPack builds a pack with n personas p0..p(n-1) and the given stories,
// each "from>to".
func mapPack(n int, stories ...string) *content.Pack {
	p := &content.Pack{}
	for i := range n {
		id := fmt.Sprintf("p%d", i)
		p.Personas = append(p.Personas, content.Persona{ID: id, Title: "Persona " + id, Short: "Persona " + id})
	}
	for i, s := range stories {
		from, to, _ := strings.Cut(s, ">")
		p.Stories = append(p.Stories, content.Story{ID: fmt.Sprintf("s%d", i), Title: "Story " + s, From: from, To: to})
	}
	return p
}

func TestStakeholderMap(t *testing.T) {
	def, err := content.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		pack  *content.Pack
		width int
		want  []string // substrings that must appear
		exact string   // the whole diagram, when given
	}{
		{name: "default at 80", pack: def, width: 80, want: []string{
			"Supplier", "User", "Partners", "1 Suppliers trusting their users", "├───╮", "◀──╯",
			"7 Trust from the partners to the user", "▶│", "│◀",
		}},
		{name: "default at 60", pack: def, width: 60, want: []string{"Supplier", "Partners", "├───╮", "6 Users trusting their partners"}},
		{name: "default at 100", pack: def, width: 100, want: []string{"3 Suppliers trusting partners of the user"}},
		{name: "narrow falls back to a list", pack: def, width: 20, want: []string{"1 Supplier → User", "2 Supplier → Suppli…"}},
		{name: "two personas both ways", pack: mapPack(2, "p0>p1", "p1>p0"), width: 30, exact: "" +
			" ╭───────────╮  ╭───────────╮\n" +
			" │  Persona  │  │  Persona  │\n" +
			" │    p0     │  │    p1     │\n" +
			" ╰─────┬─────╯  ╰─────┬─────╯\n" +
			"       │              │\n" +
			"       │ 1 Story p0>p1│\n" +
			"       ├─────────────▶│\n" +
			"       │              │\n" +
			"       │ 2 Story p1>p0│\n" +
			"       │◀─────────────┤\n" +
			"       │              │"},
		{name: "self loop only", pack: mapPack(1, "p0>p0"), width: 40, want: []string{"├───╮", "◀──╯", "1 Story p0>p0"}},
		{name: "five personas at 80", pack: mapPack(5, "p0>p4", "p4>p0", "p2>p2"), width: 80, want: []string{"▶│", "│◀", "├───╮"}},
		{name: "no stories", pack: mapPack(3), width: 80, want: []string{"Persona", "┬"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.pack.StakeholderMap(tc.width)
			for i, line := range strings.Split(got, "\n") {
				if w := utf8.RuneCountInString(line); w > tc.width {
					t.Errorf("line %d is %d wide, more than %d: %q", i+1, w, tc.width, line)
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("map lacks %q:\n%s", w, got)
				}
			}
			if tc.exact != "" && got != tc.exact {
				t.Errorf("map =\n%s\nwant\n%s", got, tc.exact)
			}
		})
	}
}

func TestStakeholderMapEmpty(t *testing.T) {
	if got := (&content.Pack{}).StakeholderMap(80); got != "" {
		t.Errorf("map of a pack without personas = %q, want empty", got)
	}
}

// Text that is not ASCII keeps the map's lines straight: widths are
// display widths (CJK and most emoji take two columns, combining marks
// none, a ZWJ family is one emoji), so every line fits and each lane line
// stays in its column on every row.
func TestStakeholderMapDisplayWidths(t *testing.T) {
	names := []string{"供应商", "Café\u0301 users", "👩‍👩‍👧 partners"}
	titles := []string{"信任用户的供应商", "Nutzer vertrauen Partnern 🤝", "Ünïcödé with combining e\u0301 and 👩🏽‍💻", "供应商信任供应商"}
	p := &content.Pack{}
	for i, n := range names {
		p.Personas = append(p.Personas, content.Persona{ID: fmt.Sprintf("p%d", i), Title: n, Short: n})
	}
	for i, s := range []string{"p0>p1", "p1>p2", "p2>p0", "p0>p0"} {
		from, to, _ := strings.Cut(s, ">")
		p.Stories = append(p.Stories, content.Story{ID: fmt.Sprintf("s%d", i), Title: titles[i], From: from, To: to})
	}
	for _, width := range []int{40, 60, 80, 100} {
		m := p.StakeholderMap(width)
		lines := strings.Split(m, "\n")
		var laneCols []int
		for i, l := range lines {
			if w := uniseg.StringWidth(l); w > width {
				t.Errorf("width %d: line %d is %d columns: %q", width, i, w, l)
			}
			// the columns of the lane lines on a row with nothing else
			if strings.Trim(l, " │") == "" && strings.Contains(l, "│") {
				cols := columnsOf(l, '│')
				if laneCols == nil {
					laneCols = cols
				} else if fmt.Sprint(cols) != fmt.Sprint(laneCols) {
					t.Errorf("width %d: lanes at %v on line %d, at %v before", width, cols, i, laneCols)
				}
			}
		}
		// the arrows and box edges meet the lanes in those columns
		for i, l := range lines {
			for _, c := range columnsOf(l, '├') {
				if !slices.Contains(laneCols, c) {
					t.Errorf("width %d: line %d: an arrow starts at column %d, off the lanes %v\n%s", width, i, c, laneCols, m)
				}
			}
			for _, c := range columnsOf(l, '┬') {
				if !slices.Contains(laneCols, c) {
					t.Errorf("width %d: line %d: a box meets its lane at column %d, off the lanes %v", width, i, c, laneCols)
				}
			}
		}
		if !strings.Contains(m, "供应商") || !strings.Contains(m, "👩‍👩‍👧") {
			t.Errorf("width %d: names lost:\n%s", width, m)
		}
	}
}

// columnsOf lists the display columns at which r stands in s.
func columnsOf(s string, r rune) []int {
	var out []int
	col := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		if g.Str() == string(r) {
			out = append(out, col)
		}
		col += g.Width()
	}
	return out
}
