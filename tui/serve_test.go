package tui

import (
	"strings"
	"testing"

	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// TestServingAgainKeepsTheChosenAddress: serving stopped and started
// again from the walkthrough (d, s y, s) listens where the facilitator
// chose with --addr, never on the laptop's network address.
func TestServingAgainKeepsTheChosenAddress(t *testing.T) {
	env := tuitest.NewEnv(t)
	o := options(env, env.Sess.ID)
	o.ServeAddr = "127.0.0.1:0"
	d := newRootDriver(t, NewModel(env.Ctx, o), 100, 30)
	for round := range 2 {
		// as the walkthrough's d key asks: no address of its own
		d.Send(common.OpenDevicesMsg{ID: env.Sess.ID, Start: true})
		info, ok, err := env.Store.Serving(env.Ctx, env.Sess.ID)
		if err != nil || !ok || !strings.HasPrefix(info.URL, "http://127.0.0.1:") {
			t.Fatalf("serving %d: %+v %v %v", round+1, info, ok, err)
		}
		d.Press("s", "y") // stop
		if _, ok, _ := env.Store.Serving(env.Ctx, env.Sess.ID); ok {
			t.Fatalf("serving %d did not stop", round+1)
		}
		d.Press("esc")
	}
}
