package newsession

import (
	"strings"
	"testing"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/tui/common"
	"github.com/trustshop/trustshop/tui/internal/tuitest"
)

// A pack folder typed but not yet checked has no pack to check the
// participants against; the preview says so instead of crashing.
func TestFormPreviewWhilePackIsChecked(t *testing.T) {
	e := tuitest.NewEnv(t)
	c := e.Common(t)
	for _, dir := range []string{"Ana: supplier", "/no/such/folder", "../../testdata/packs/minimal"} {
		f := New(c)
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
	c := e.Common(t)
	f := New(c)
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

func TestParseParticipants(t *testing.T) {
	p, err := content.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text     string
		want     string // name/role/org, ";"-joined
		problems int
	}{
		{"Ana: supplier: Vendor GmbH\nBen: user\n\nChi: partner", "Ana/supplier/Vendor GmbH;Ben/user/;Chi/partner/", 0},
		{"Ana: sup\nBen: USER\nChi: Partners", "Ana/supplier/;Ben/user/;Chi/partner/", 0},
		{"Ana: digital twin s", "Ana/supplier/", 0},
		{"Ana", "", 1},
		{"Ana: boss", "", 1},
		{": user", "", 1},
		{"Ana: user\nana: partner", "Ana/user/", 1},
		{"Ana: digital twin", "", 1}, // supplier or user
	}
	for _, tc := range tests {
		got, problems := parseParticipants(p, tc.text)
		var parts []string
		for _, x := range got {
			parts = append(parts, x.Name+"/"+x.Role+"/"+x.Organisation)
		}
		if strings.Join(parts, ";") != tc.want || len(problems) != tc.problems {
			t.Errorf("%q: got %v, problems %v", tc.text, parts, problems)
		}
	}
}
