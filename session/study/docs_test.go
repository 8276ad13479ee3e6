package study_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestVerifyRecipeInPython runs the Python recipe of docs/verify.md on a
// json export: a reviewer without trustshop gets the same chain head.
func TestVerifyRecipeInPython(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed")
	}
	doc, err := os.ReadFile("../../docs/verify.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```python\n")
	script, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/verify.md has no python block")
	}
	p := defaultPack(t)
	dir := t.TempDir()
	e := openEngine(t, dir+"/w.db", p)
	sess := workshop(t, e, p, "Leeds", [3][4]int{{3, 2, 4, 1}, {4, 0, 5, 2}, {5, 3, 4, 2}})
	exportAs(t, e, sess.ID, "json", dir+"/w.json")
	head, err := e.ChainHead(t.Context(), sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("python3", "-c", script, dir+"/w.json").CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "True "+head {
		t.Errorf("python says %q, the chain head is %s", got, head)
	}
}
