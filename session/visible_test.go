package session_test

import (
	"testing"

	"github.com/trustshop/trustshop/session"
)

func TestVisible(t *testing.T) {
	for name, tc := range map[string]struct{ in, want string }{
		"plain":          {"Ana Müller, 李, 👩‍🔬", "Ana Müller, 李, 👩‍🔬"},
		"tab and lines":  {"a\tb\nc", "a\tb\nc"},
		"crlf":           {"first\r\nsecond", "first\nsecond"},
		"lone cr":        {"paid\rfree", `paid\x0dfree`},
		"osc 52":         {"Ana\x1b]52;c;aGVsbG8=\x07", `Ana\x1b]52;c;aGVsbG8=\x07`},
		"osc 8":          {"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", `\x1b]8;;http://x\x1b\link\x1b]8;;\x1b\`},
		"csi":            {"\x1b[2J", `\x1b[2J`},
		"c1":             {"a\u009b2Jb\u009d0;t\u009c", `a\u009b2Jb\u009d0;t\u009c`},
		"del and nul":    {"a\x7fb\x00", `a\x7fb\x00`},
		"not utf-8":      {"Min\xffimal \xc3\x28", `Min\xffimal \xc3(`},
		"bidi override":  {"abc\u202edcba", `abc\u202edcba`},
		"bidi isolate":   {"\u2066x\u2069", `\u2066x\u2069`},
		"line separator": {"a\u2028b", `a\u2028b`},
		"empty":          {"", ""},
	} {
		t.Run(name, func(t *testing.T) {
			if got := session.Visible(tc.in); got != tc.want {
				t.Errorf("Visible(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := session.Visible(session.Visible(tc.in)); got != tc.want {
				t.Errorf("Visible is not idempotent: %q", got)
			}
		})
	}
}
