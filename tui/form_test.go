package tui

import (
	"strings"
	"testing"

	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// A pack folder typed but not yet checked has no pack to check the
// participants against; the preview says so instead of crashing.
func TestFormPreviewWhilePackIsChecked(t *testing.T) {
	e := tuitest.NewEnv(t)
	c := NewCommon(e.Ctx, options(e, ""))
	for _, dir := range []string{"Ana: supplier", "/no/such/folder", "../testdata/packs/minimal"} {
		f := newFormScreen(c)
		f.SetSize(100, 28)
		f.v.packDir = dir
		f.v.participants = "Ana: supplier\nBen: user"
		if out := f.View(); !strings.Contains(out, "checking") {
			t.Errorf("folder %q: preview does not say it is checking:\n%s", dir, out)
		}
	}
}

// enter on an empty required field says what is missing.
func TestFormShowsWhatIsMissing(t *testing.T) {
	e := tuitest.NewEnv(t)
	c := NewCommon(e.Ctx, options(e, ""))
	f := newFormScreen(c)
	f.SetSize(100, 28)
	var s common.Screen = f
	if cmd := s.Init(); cmd != nil {
		s, _ = s.Update(cmd())
	}
	s, _ = s.Update(tuitest.Press("enter"))
	if v := tuitest.Plain(s.View()); !strings.Contains(v, "✗ give the session a title") {
		t.Errorf("no message for the empty title:\n%s", v)
	}
}
