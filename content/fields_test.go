package content_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/trustshop/trustshop/content"
)

// loadEdited loads a copy of the minimal pack after the edits.
func loadEdited(t *testing.T, edits ...func(*testing.T, string)) *content.Pack {
	t.Helper()
	dir := copyPack(t, filepath.Join(packs, "minimal"))
	all(edits...)(t, dir)
	p, err := content.LoadDir(dir)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return p
}

// TestOptionalFields checks the fields a pack may leave out (better, matrix,
// the consensus rule) and that leaving them out keeps today's behaviour.
func TestOptionalFields(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		p := loadEdited(t)
		c := p.Criteria[0]
		if c.LowerIsBetter || p.Matrix != (content.Matrix{}) || p.Consensus != content.DefaultConsensus {
			t.Errorf("criterion %+v, matrix %+v, consensus %+v", c, p.Matrix, p.Consensus)
		}
		if p.Consensus.Rule != content.ConsensusIQRAgreement {
			t.Errorf("default rule %q", p.Consensus.Rule)
		}
		if _, _, ok := p.MatrixAxes(); ok {
			t.Error("a matrix with one criterion")
		}
	})
	t.Run("better", func(t *testing.T) {
		for better, lower := range map[string]bool{"higher": false, "lower": true} {
			p := loadEdited(t, edit("pack.yaml", "    label: Impact", "    label: Impact\n    better: "+better))
			if p.Criteria[0].LowerIsBetter != lower {
				t.Errorf("better: %s gives LowerIsBetter %v", better, p.Criteria[0].LowerIsBetter)
			}
		}
	})
	t.Run("consensus rules", func(t *testing.T) {
		for _, rule := range []string{content.ConsensusIQRAgreement, content.ConsensusPercentAgreement, content.Consensus7015} {
			p := loadEdited(t, edit("pack.yaml", "  max_iqr: 1", "  rule: "+rule+"\n  max_iqr: 1.5"))
			want := content.Consensus{Rule: rule, MaxIQR: 1.5, MinAgreement: 0.75}
			if p.Consensus != want {
				t.Errorf("rule %s: %+v, want %+v", rule, p.Consensus, want)
			}
		}
	})
	t.Run("matrix", func(t *testing.T) {
		p := loadEdited(t, twoCriteria, edit("pack.yaml", "criteria:", "matrix: {x: impact, y: effort}\ncriteria:"))
		x, y, ok := p.MatrixAxes()
		if p.Matrix != (content.Matrix{X: "impact", Y: "effort"}) || !ok || x.ID != "impact" || y.ID != "effort" {
			t.Errorf("matrix %+v, axes %s, %s, %v", p.Matrix, x.ID, y.ID, ok)
		}
		if !y.LowerIsBetter {
			t.Error("effort is better lower")
		}
	})
	t.Run("anchors only", func(t *testing.T) {
		p := loadEdited(t, edit("pack.yaml", "    min: 1\n    max: 3\n", "    min: 0\n    max: 10.0\n"),
			edit("pack.yaml", "      1: Little\n      2: Some\n      3: Much", "      0: None\n      5: Fair\n      10: Full\n      7:"))
		c := p.Criteria[0]
		got := []string{c.PointLabel(0), c.PointLabel(3), c.PointLabel(5), c.PointLabel(7), c.PointLabel(10)}
		if c.Min != 0 || c.Max != 10 || strings.Join(got, ",") != "None,,Fair,,Full" {
			t.Errorf("scale %d..%d, labels %q", c.Min, c.Max, got)
		}
	})
	t.Run("Windows line ends", func(t *testing.T) {
		dir := copyPack(t, filepath.Join(packs, "minimal"))
		for _, f := range []string{"pack.yaml", "intro.md", "elements/02-document.md"} {
			b := readFile(t, filepath.Join(dir, f))
			writeFile(f, strings.ReplaceAll(string(b), "\n", "\r\n"))(t, dir)
		}
		if _, err := content.LoadDir(dir); err != nil {
			t.Error(err)
		}
	})
}

func TestMatrixAxes(t *testing.T) {
	crit := func(ids ...string) []content.Criterion {
		var out []content.Criterion
		for _, id := range ids {
			out = append(out, content.Criterion{ID: id})
		}
		return out
	}
	cases := []struct {
		name     string
		criteria []content.Criterion
		matrix   content.Matrix
		x, y     string
		ok       bool
	}{
		{"none", nil, content.Matrix{}, "", "", false},
		{"one criterion", crit("impact"), content.Matrix{}, "", "", false},
		{"the manifest's pair", crit("impact", "effort", "risk"), content.Matrix{X: "risk", Y: "impact"}, "risk", "impact", true},
		{"effort across, impact up", crit("impact", "cost", "effort"), content.Matrix{}, "effort", "impact", true},
		{"impact and effort in any order", crit("effort", "impact"), content.Matrix{}, "effort", "impact", true},
		{"the second across, the first up", crit("value", "cost", "risk"), content.Matrix{}, "cost", "value", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := &content.Pack{Criteria: tc.criteria, Matrix: tc.matrix}
			x, y, ok := p.MatrixAxes()
			if x.ID != tc.x || y.ID != tc.y || ok != tc.ok {
				t.Errorf("MatrixAxes() = %q, %q, %v; want %q, %q, %v", x.ID, y.ID, ok, tc.x, tc.y, tc.ok)
			}
		})
	}
}

func TestDefaultPackDirections(t *testing.T) {
	p, err := content.Default()
	if err != nil {
		t.Fatal(err)
	}
	impact, _ := p.Criterion("impact")
	effort, _ := p.Criterion("effort")
	if impact.LowerIsBetter || !effort.LowerIsBetter {
		t.Errorf("impact lower is better %v, effort %v", impact.LowerIsBetter, effort.LowerIsBetter)
	}
	x, y, ok := p.MatrixAxes()
	if p.Matrix != (content.Matrix{X: "effort", Y: "impact"}) || !ok || x.ID != "effort" || y.ID != "impact" {
		t.Errorf("matrix %+v, axes %s, %s", p.Matrix, x.ID, y.ID)
	}
	if p.Consensus.Rule != content.ConsensusIQRAgreement {
		t.Errorf("rule %q", p.Consensus.Rule)
	}
}

// TestOutlineNewFields checks the keys pack show --json gained.
func TestOutlineNewFields(t *testing.T) {
	p, err := content.Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p.Outline())
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		Criteria []struct {
			ID, Better string
		}
		Matrix    *struct{ X, Y string }
		Consensus struct {
			Rule         string
			MaxIQR       *float64 `json:"max_iqr"`
			MinAgreement *float64 `json:"min_agreement"`
		}
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Criteria) != 2 || o.Criteria[0].Better != "higher" || o.Criteria[1].Better != "lower" {
		t.Errorf("criteria %+v", o.Criteria)
	}
	if o.Matrix == nil || o.Matrix.X != "effort" || o.Matrix.Y != "impact" {
		t.Errorf("matrix %+v", o.Matrix)
	}
	if o.Consensus.Rule != "iqr-agreement" || o.Consensus.MaxIQR == nil || o.Consensus.MinAgreement == nil {
		t.Errorf("consensus %+v", o.Consensus)
	}
	one := loadEdited(t).Outline()
	if one.Matrix != nil {
		t.Errorf("a one-criterion pack has matrix %+v", one.Matrix)
	}
}

// TestSpecialFilesInFS checks the regular-file rule through any fs.FS, not
// only a folder on disk (the embedded pack goes through the same loader).
func TestSpecialFilesInFS(t *testing.T) {
	for mode, words := range map[fs.FileMode]string{
		fs.ModeNamedPipe:                  "a named pipe (FIFO)",
		fs.ModeSymlink:                    "a symbolic link to ../../etc/passwd",
		fs.ModeDevice | fs.ModeCharDevice: "a device",
		fs.ModeSocket:                     "a socket",
	} {
		t.Run(words, func(t *testing.T) {
			m := packFS(t, filepath.Join(packs, "minimal"))
			m["elements/03-x.md"] = &fstest.MapFile{Data: []byte("../../etc/passwd"), Mode: mode}
			_, err := content.Load(m)
			var ps content.Problems
			if !errors.As(err, &ps) || len(ps) != 1 || ps[0].File != "elements/03-x.md" || !strings.Contains(ps[0].Msg, words) {
				t.Errorf("err = %v, want one problem in elements/03-x.md saying %q", err, words)
			}
		})
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
