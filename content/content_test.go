package content_test

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/trustshop/trustshop/content"
)

const packs = "../testdata/packs"

func TestDefaultPackIsComplete(t *testing.T) {
	p, err := content.Default()
	if err != nil {
		t.Fatalf("default pack: %v", err)
	}
	wantIDs := func(kind string, got []string, want ...string) {
		t.Helper()
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s = %v, want %v", kind, got, want)
		}
	}
	var personas, elements, criteria []string
	for _, x := range p.Personas {
		personas = append(personas, x.ID)
	}
	for _, x := range p.Elements {
		elements = append(elements, x.Title)
	}
	for _, x := range p.Criteria {
		criteria = append(criteria, x.ID)
	}
	wantIDs("personas", personas, "supplier", "user", "partner")
	wantIDs("elements", elements, "Explain your twin properly!", "Create a common (economic) incentive!",
		"Make one step at a time!", "Protect the IP!", "Prove your quality!", "Ensure a uniform environment!", "Document thoroughly!")
	wantIDs("criteria", criteria, "impact", "effort")

	// the two detailed stories and the six connected ones
	relations := map[string]bool{}
	detailed := 0
	for _, s := range p.Stories {
		relations[s.From+">"+s.To] = true
		if s.Detailed {
			detailed++
		}
	}
	for _, r := range []string{"user>supplier", "partner>user", "supplier>user", "supplier>supplier", "supplier>partner", "user>user", "user>partner"} {
		if !relations[r] {
			t.Errorf("no story %s", r)
		}
	}
	if detailed != 2 {
		t.Errorf("%d detailed stories, want 2", detailed)
	}
	for _, c := range p.Criteria {
		if c.Min != 1 || c.Max != 5 || len(c.Points) != 5 {
			t.Errorf("criterion %s: scale %d..%d with %d labels", c.ID, c.Min, c.Max, len(c.Points))
		}
	}
	if !strings.HasPrefix(p.ContentHash, "sha256:") || len(p.ContentHash) != 7+64 {
		t.Errorf("content hash %q", p.ContentHash)
	}
	if !strings.Contains(p.Source, "Trauer") {
		t.Errorf("source does not cite the framework: %q", p.Source)
	}
}

func TestMinimalPack(t *testing.T) {
	p, err := content.LoadDir(filepath.Join(packs, "minimal"))
	if err != nil {
		t.Fatalf("minimal pack: %v", err)
	}
	kinds := map[content.StepKind]bool{}
	for _, s := range p.Agenda {
		kinds[s.Kind] = true
	}
	if len(kinds) != 6 {
		t.Errorf("the example pack should use every step kind, uses %v", kinds)
	}
}

// TestBrokenPacks checks every kind of problem against the file and line
// listed in testdata/packs/broken/cases.txt.
func TestBrokenPacks(t *testing.T) {
	f, err := os.Open(filepath.Join(packs, "broken", "cases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		fields := strings.SplitN(strings.TrimSpace(sc.Text()), " ", 3)
		if len(fields) < 3 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		n++
		name, where, words := fields[0], fields[1], fields[2]
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(packs, "broken", name)
			_, err := content.LoadDir(dir)
			var ps content.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("err = %v, want Problems", err)
			}
			// each broken pack holds one problem: no follow-on reports
			if len(ps) != 1 {
				t.Errorf("%d problems, want 1:\n%v", len(ps), ps)
			}
			want := filepath.Join(dir, where) + ":"
			for _, p := range ps {
				if strings.HasPrefix(p.Error(), want) && strings.Contains(p.Msg, words) {
					return
				}
			}
			t.Errorf("no problem at %s mentioning %q; got:\n%v", where, words, ps)
		})
	}
	if n < 10 {
		t.Fatalf("only %d cases read", n)
	}
}

func TestContentHashFollowsEveryByte(t *testing.T) {
	base := packFS(t, filepath.Join(packs, "minimal"))
	p1, err := content.Load(base)
	if err != nil {
		t.Fatal(err)
	}
	changed := fstest.MapFS{}
	for k, v := range base {
		changed[k] = &fstest.MapFile{Data: v.Data}
	}
	changed["intro.md"].Data = append(changed["intro.md"].Data, '.')
	p2, err := content.Load(changed)
	if err != nil {
		t.Fatal(err)
	}
	if p1.ContentHash == p2.ContentHash {
		t.Error("hash did not change with the text")
	}
	p3, _ := content.Load(base)
	if p1.ContentHash != p3.ContentHash {
		t.Error("hash is not stable")
	}
}

func TestSplitIntoSections(t *testing.T) {
	p, err := content.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, _ := p.Persona("supplier")
	var heads []string
	for _, s := range x.Sections {
		heads = append(heads, s.Heading)
	}
	if len(heads) < 3 || !strings.EqualFold(heads[0], "Typical profile") {
		t.Errorf("sections = %v", heads)
	}
}

func packFS(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func BenchmarkLoadDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := content.Default(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestResolveRole(t *testing.T) {
	p, err := content.Default()
	if err != nil {
		t.Fatal(err)
	}
	for typed, want := range map[string]string{
		"supplier": "supplier", "SUP": "supplier", " us ": "user", "par": "partner",
		"Partners": "partner", "digital twin user": "user", "digital twin": "", "ceo": "", "": "",
	} {
		got, err := p.ResolveRole(typed)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("ResolveRole(%q) = %q, %v; want %q", typed, got, err, want)
		}
	}
}
