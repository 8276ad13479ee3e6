package session_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
)

// Bad input is ErrInvalid and reads as the sentence alone: front ends
// (the import's messages, the CLI, the devices' page) show it as it is,
// without an "invalid:" before it.
func TestInvalidReadsAsItsSentence(t *testing.T) {
	f := newFixture(t)
	cases := map[string]error{
		"off the scale":  f.rate(session.Facilitator(), f.key(0, "explain", "impact", 1), 9, ""),
		"round 0":        f.rate(session.Facilitator(), f.key(0, "explain", "impact", 0), 3, ""),
		"reveal round 0": f.e.Reveal(f.ctx, session.Facilitator(), f.sess.ID, "explain", 0, session.AudienceRoom),
	}
	_, err := f.e.ImportSession(f.ctx, session.Importer(), f.p, session.NewSession{Title: strings.Repeat("x", 300), Facilitator: "D"}, nil)
	cases["a long title"] = err
	for name, err := range cases {
		if !errors.Is(err, session.ErrInvalid) {
			t.Errorf("%s: %v is not ErrInvalid", name, err)
			continue
		}
		if strings.Contains(err.Error(), "invalid") {
			t.Errorf("%s: %q", name, err)
		}
	}
}
