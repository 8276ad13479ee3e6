package devices

import (
	"testing"

	"charm.land/bubbles/v2/key"
)

// Each key of the devices screen means one thing: j is the join screen,
// so moving down is the arrow alone (the help said "↓/j down").
func TestKeysMeanOneThing(t *testing.T) {
	k := DefaultKeyMap()
	bindings := []key.Binding{k.Join, k.Mode, k.Close, k.RevealRoom, k.RevealDevices, k.Release, k.Serve, k.Up, k.Down}
	seen := map[string]string{}
	for _, b := range bindings {
		for _, name := range b.Keys() {
			if was, ok := seen[name]; ok {
				t.Errorf("%q is both %q and %q", name, was, b.Help().Desc)
			}
			seen[name] = b.Help().Desc
		}
	}
}
