package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The rules of a workshop live in the engine (package session); a screen
// asks it (Workshop.MayWrite, Workshop.See, session.MissingRatings,
// session.ResultsView) and renders the answer. This test fails when code
// under tui/ reaches for what only a rule needs: a round's state, the
// consensus thresholds, a criterion by a hard-coded id, or a rule function
// of its own.
func TestNoWorkshopRuleInTheTUI(t *testing.T) {
	banned := map[string]string{
		"RevealedToRoom":    "whether a round was revealed is the engine's: ask Workshop.See",
		"RevealedToDevices": "whether a round was revealed is the engine's: ask Workshop.See",
		"RevealedRoomAt":    "a round's state is the engine's: ask Workshop.See or MayWrite",
		"RevealedDevicesAt": "a round's state is the engine's: ask Workshop.See or MayWrite",
		"ClosedAt":          "a round's state is the engine's: ask Workshop.MayWrite",
		"MaxIQR":            "consensus is computed by the engine's read-model (session.ResultsView)",
		"MinAgreement":      "consensus is computed by the engine's read-model (session.ResultsView)",
		"Thresholds":        "consensus is computed by the engine's read-model (session.ResultsView)",
		"ComputeStats":      "results come from the engine's read-model (session.ResultsView)",
		"RankElements":      "rankings come from the engine's read-model (session.ResultsView)",
		"RankElementsOn":    "rankings come from the engine's read-model (session.ResultsView)",
		"MissingRatings":    "", // calling session.MissingRatings is fine; defining one is not (below)
	}
	var problems []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			strings.Contains(path, "internal/tuitest") {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if why := banned[n.Sel.Name]; why != "" {
					problems = append(problems, fset.Position(n.Pos()).String()+": "+n.Sel.Name+": "+why)
				}
			case *ast.FuncDecl:
				if name := n.Name.Name; strings.Contains(strings.ToLower(name), "missingratings") || strings.HasPrefix(name, "checkWrite") {
					problems = append(problems, fset.Position(n.Pos()).String()+": func "+name+": the check is the engine's (session.MissingRatings, Workshop.MayWrite)")
				}
			case *ast.BasicLit:
				if n.Kind == token.STRING {
					if v, _ := strconv.Unquote(n.Value); v == "impact" || v == "effort" {
						problems = append(problems, fset.Position(n.Pos()).String()+": criterion id "+n.Value+" written in the TUI: the pack says which criteria and which way is better")
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
