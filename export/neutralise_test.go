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
