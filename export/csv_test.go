package export_test

import (
	"encoding/csv"
	"strings"
	"testing"
)

func TestCSVNeutralisesFormulas(t *testing.T) {
	st, p, sess := fixture(t, hostile)
	out := render(t, st, p, sess.ID, "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "session_id,session_title,participant,role,organisation,element_id,element_title,criterion,round,value,abstain,comment,rated_at" {
		t.Fatalf("header %s", got)
	}
	// Free-text cells: title, participant, organisation, comment.
	for _, row := range rows[1:] {
		for _, col := range []int{1, 2, 4, 11} {
			if c := row[col]; c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q of column %d would run as a formula", c, col)
			}
		}
	}
	cases := map[string]string{ // participant -> the cell written
		"=cmd|' /C calc'!A0":        "'=cmd|' /C calc'!A0",
		"-2+3":                      "'-2+3",
		"<script>alert(1)</script>": "<script>alert(1)</script>",
	}
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		seen[row[2]] = true
	}
	for name, want := range cases {
		if !seen[want] {
			t.Errorf("participant %q: no cell %q", name, want)
		}
	}
}
