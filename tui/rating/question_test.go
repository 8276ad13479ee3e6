package rating

import "testing"

func TestQuestionMark(t *testing.T) {
	for title, want := range map[string]string{
		"Explain your twin properly!": "",
		"Who pays?":                   "",
		"Protect the IP":              "?",
	} {
		if got := questionMark(title); got != want {
			t.Errorf("questionMark(%q) = %q, want %q", title, got, want)
		}
	}
}
