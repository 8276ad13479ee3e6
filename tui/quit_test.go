package tui

import "testing"

// q quits normally; ctrl+c quits too, but marks the program as interrupted
// so that the shell sees exit status 130.
func TestQuitKeys(t *testing.T) {
	for _, tc := range []struct {
		key         string
		interrupted bool
	}{{"q", false}, {"ctrl+c", true}} {
		e := newTSEnv(t)
		m := NewModel(e.ctx, e.options(""))
		next, cmd := m.Update(press(tc.key))
		if cmd == nil {
			t.Fatalf("%s: no quit command", tc.key)
		}
		if got := next.(Model).interrupted; got != tc.interrupted {
			t.Errorf("%s: interrupted = %v, want %v", tc.key, got, tc.interrupted)
		}
	}
}
