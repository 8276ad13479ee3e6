package export

import "testing"

func TestNeutraliseAndRestore(t *testing.T) {
	cases := []struct{ text, cell string }{
		{"plain", "plain"},
		{"=1+1", "'=1+1"},
		{"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
		{"+49 89 1234", "'+49 89 1234"},
		{"-", "'-"},
		{"@here", "'@here"},
		{"\tindented", "'\tindented"},
		{"\rreturn", "'\rreturn"},
		{"'quoted'", "'quoted'"},
		{"'=already quoted", "''=already quoted"},
		{"''+", "'''+"},
		{"''", "''"},
		{"'", "'"},
		{"", ""},
		{"a=b", "a=b"},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			if got := neutralise(c.text); got != c.cell {
				t.Errorf("neutralise(%q) = %q, want %q", c.text, got, c.cell)
			}
			if got := Restore(c.cell); got != c.text {
				t.Errorf("Restore(%q) = %q, want %q", c.cell, got, c.text)
			}
		})
	}
}

// FuzzNeutralise checks the neutraliser on any text: a neutralised cell
// never starts like a formula, differs from the text by one leading quote
// at most, and Restore gives the text back. The seeds are the table above
// and the hostile names of the export tests.
func FuzzNeutralise(f *testing.F) {
	for _, s := range []string{"plain", "=1+1", "=cmd|' /C calc'!A0", "+49 89 1234", "-", "-2+3", "@here", "@SUM(A1)",
		"\tindented", "\tTab Ltd", "\rreturn", "'quoted'", "'=already quoted", "''+", "''", "'", "", "a=b",
		"<script>alert(1)</script>", `Ben "the quote" O'Brien`, "=cmd|' /C calc'!A0\nsecond line", "\x1b]52;c;aGk=\x07", "\xff'=", "''''''''-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cell := neutralise(s)
		if cell != s && cell != "'"+s {
			t.Fatalf("neutralise(%q) = %q: more than a leading quote", s, cell)
		}
		if cell != "" && formulaStart(cell[0]) {
			t.Fatalf("neutralise(%q) = %q starts like a formula", s, cell)
		}
		if got := Restore(cell); got != s {
			t.Fatalf("Restore(neutralise(%q)) = %q", s, got)
		}
	})
}
