package content_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/content"
)

// packCase is a copy of the minimal pack with something changed, and the
// problem the loader must report for it.
type packCase struct {
	name  string
	setup func(t *testing.T, dir string)
	where string // "file:line", or "file" when the file as a whole is meant
	words string // a substring of the message
	count int    // the number of problems; 0 means exactly 1, -1 any number
}

// TestPackProblems checks what the loader reports for hostile packs and for
// the mistakes pack authors make, each with its file:line and, where one
// mistake used to cause follow-on reports, that it is reported once.
func TestPackProblems(t *testing.T) {
	cases := []packCase{
		// numbers that overflowed, looped or were rounded down in silence
		{"scale max overflow", edit("pack.yaml", "max: 3", "max: 9223372036854775807"), "pack.yaml:19", "outside -1000..1000", 0},
		{"scale min overflow", edit("pack.yaml", "min: 1", "min: -9223372036854775808"), "pack.yaml:18", "outside -1000..1000", 0},
		{"scale min and max at the int64 limits", all(edit("pack.yaml", "min: 1", "min: -9223372036854775808"), edit("pack.yaml", "max: 3", "max: 9223372036854775807")),
			"pack.yaml:19", "max 9223372036854775807 is outside", 2},
		{"scale beyond the limit", edit("pack.yaml", "max: 3", "max: 1001"), "pack.yaml:19", "1001 is outside -1000..1000", 0},
		{"scale too long", all(edit("pack.yaml", "min: 1", "min: -1000"), edit("pack.yaml", "max: 3", "max: 1000")), "pack.yaml:15", "2001 points", 0},
		{"scale max not whole", edit("pack.yaml", "max: 3", "max: 3.5"), "pack.yaml:19", "max 3.5 is not a whole number", 0},
		{"scale max in quotes", edit("pack.yaml", "max: 3", `max: "3"`), "pack.yaml:19", "is text, not a number", 0},
		{"scale max infinite", edit("pack.yaml", "max: 3", "max: .inf"), "pack.yaml:19", "not a number trustshop can use", 0},
		{"minutes overflow", edit("pack.yaml", "minutes: 2\n  - kind: map", "minutes: 9223372036854775807\n  - kind: map"), "pack.yaml:27", "outside 1..600", 0},
		{"minutes not whole", edit("pack.yaml", "minutes: 2\n  - kind: map", "minutes: 7.5\n  - kind: map"), "pack.yaml:27", "minutes 7.5 is not a whole number", 0},
		{"minutes zero", edit("pack.yaml", "minutes: 2\n  - kind: map", "minutes: 0\n  - kind: map"), "pack.yaml:27", "0 is outside 1..600", 0},
		{"minutes missing", edit("pack.yaml", "    minutes: 2\n  - kind: map", "  - kind: map"), "pack.yaml:26", "missing minutes", 0},
		{"max_iqr NaN", edit("pack.yaml", "max_iqr: 1", "max_iqr: .nan"), "pack.yaml:11", "max_iqr .nan is not a number", 0},
		{"max_iqr infinite", edit("pack.yaml", "max_iqr: 1", "max_iqr: .inf"), "pack.yaml:11", "not a number", 0},
		{"max_iqr negative", edit("pack.yaml", "max_iqr: 1", "max_iqr: -1"), "pack.yaml:11", "outside 0..2000", 0},
		{"min_agreement minus infinity", edit("pack.yaml", "min_agreement: 0.75", "min_agreement: -.inf"), "pack.yaml:12", "not a number", 0},
		{"min_agreement as a percentage", edit("pack.yaml", "min_agreement: 0.75", "min_agreement: 75"), "pack.yaml:12", "0.75 for 75 %", 0},
		{"consensus rule unknown", edit("pack.yaml", "  max_iqr: 1", "  rule: majority\n  max_iqr: 1"), "pack.yaml:11", "use iqr-agreement, percent-agreement, 70-15", 0},
		{"better unknown", edit("pack.yaml", "    label: Impact", "    label: Impact\n    better: more"), "pack.yaml:17", "use higher (the default) or lower", 0},
		{"matrix unknown criterion", all(twoCriteria, edit("pack.yaml", "criteria:", "matrix: {x: effort, y: cost}\ncriteria:")), "pack.yaml:14", `unknown criterion "cost"`, 0},
		{"matrix one criterion twice", all(twoCriteria, edit("pack.yaml", "criteria:", "matrix:\n  x: impact\n  y: impact\ncriteria:")), "pack.yaml:16", "two different criteria", 0},
		{"matrix without y", all(twoCriteria, edit("pack.yaml", "criteria:", "matrix:\n  x: effort\ncriteria:")), "pack.yaml:15", "missing y", 0},

		// scale points as people write them
		{"points as a list", edit("pack.yaml", "      1: Little\n      2: Some\n      3: Much", "      - Little\n      - Some\n      - Much"),
			"pack.yaml:21", `write one "value: label" a line instead, e.g. 1: Little`, 0},
		{"point key in quotes", edit("pack.yaml", "1: Little", `"1": Little`), "pack.yaml:21", `point "1" is in quotes, so YAML reads it as text: write 1: without quotes`, 0},
		{"point key a word", edit("pack.yaml", "2: Some", "two: Some"), "pack.yaml:22", `point "two" is not a number`, 0},
		{"point key not whole", edit("pack.yaml", "2: Some", "2.5: Some"), "pack.yaml:22", "point 2.5 is not a whole number", 0},
		{"point outside the scale", edit("pack.yaml", "3: Much", "3: Much\n      4: More"), "pack.yaml:24", "outside the scale 1..3", 0},
		{"point labelled twice", edit("pack.yaml", "3: Much", "3: Much\n      2.0: Again"), "pack.yaml:24", "point 2 is labelled twice", 0},
		{"end point without a label", edit("pack.yaml", "      1: Little\n", ""), "pack.yaml:15", "missing label for scale point 1", 0},

		// YAML mistakes
		{"title with an unquoted colon", edit("elements/02-document.md", "title: Document thoroughly!", "title: Document: thoroughly!"),
			"elements/02-document.md:3", `put the value in quotes, title: "Document: thoroughly!"`, 0},
		{"manifest title with an unquoted colon", edit("pack.yaml", "title: Minimal example pack", "title: Minimal: an example"),
			"pack.yaml:5", `title: "Minimal: an example"`, 0},
		{"tab indentation", edit("pack.yaml", "    label: Impact", "\tlabel: Impact"), "pack.yaml:16", "YAML indents with spaces only", 0},
		{"a field twice", edit("elements/02-document.md", "title: Document thoroughly!", "title: Document thoroughly!\ntitle: Again"),
			"elements/02-document.md:4", `"title" is given twice (first on line 3)`, 0},
		{"text where a list belongs", edit("personas/02-user.md", "stories:                     # the connected user stories, by id\n  - user-supplier", "stories: user-supplier"),
			"personas/02-user.md:5", `is text where a list is expected`, 0},

		// files a pack would ignore in silence
		{".markdown file", rename("elements/02-document.md", "elements/02-document.markdown"), "elements/02-document.markdown", "rename it 02-document.md", 0},
		{".MD file", rename("elements/02-document.md", "elements/02-document.MD"), "elements/02-document.MD", `end in ".md" (lower case)`, 0},
		{".txt file", rename("elements/02-document.md", "elements/02-document.txt"), "elements/02-document.txt", "rename it 02-document.md", 0},

		// references listed twice
		{"story lists an element twice", edit("stories/01-user-supplier.md", "  - document\n", "  - document\n  - explain\n"),
			"stories/01-user-supplier.md:10", `element "explain" is listed twice in elements (first on line 8)`, 0},
		{"persona lists a story twice", edit("personas/02-user.md", "  - user-supplier\n", "  - user-supplier\n  - user-supplier\n"),
			"personas/02-user.md:7", `story "user-supplier" is listed twice in stories (first on line 6)`, 0},

		// text a terminal would act on
		{"OSC 52 in a title", edit("intro.md", "title: A minimal workshop", "title: A minimal \x1b]52;c;aGVsbG8=\x07workshop"), "intro.md:3", "U+001B (ESC)", 0},
		{"OSC 52 in a body", edit("elements/02-document.md", "Write down", "Write \x1b]52;c;aGVsbG8=\x1b\\ down"), "elements/02-document.md:7", "U+001B (ESC)", 0},
		{"C1 CSI in a body", edit("elements/02-document.md", "Write down", "Write \u009b2J down"), "elements/02-document.md:7", "U+009B (CSI)", 0},
		{"DEL in a label", edit("pack.yaml", "1: Little", "1: Lit\x7ftle"), "pack.yaml:21", "U+007F (DEL)", 0},
		{"NUL in a body", edit("elements/02-document.md", "Write down", "Write\x00 down"), "elements/02-document.md:7", "U+0000 (NUL)", 0},
		{"carriage return alone", edit("elements/02-document.md", "Write down", "Write\rdown"), "elements/02-document.md:7", "carriage return", 0},
		{"not UTF-8", edit("elements/02-document.md", "Write down", "Write \xff down"), "elements/02-document.md:7", "not UTF-8", 0},
		{"ESC written as a YAML escape", edit("intro.md", "title: A minimal workshop", `title: "A minimal \e]52;c;aGVsbG8=\a workshop"`), "intro.md:3", "U+001B (ESC) as an escape", 0},
		{"CSI written as a YAML escape", edit("pack.yaml", "1: Little", `1: "\x9b2J"`), "pack.yaml:21", "U+009B (CSI) as an escape", 0},
		{"ESC in a !!binary value", edit("intro.md", "title: A minimal workshop", "title: !!binary G10yOztoaQc="), "intro.md:3", "a !!binary value", 0},
		{"ESC as a character reference", edit("elements/02-document.md", "Write down", "Write &#27;]52;c;aGVsbG8=&#7; down"), "elements/02-document.md:7", "&#27; is a character reference to control character U+001B", 0},
		{"ESC as a hex character reference in a title", edit("intro.md", "title: A minimal workshop", "title: A &#x1B;[2J workshop"), "intro.md:3", "U+001B (ESC)", 0},
		{"control character in a file name", rename("elements/02-document.md", "elements/02-doc\x1b]0;x\x07.md"), "elements", `02-doc\x1b]0;x\a.md holds a control character`, 0},

		// size limits
		{"Markdown file over 1 MiB", edit("elements/02-document.md", "Write down", "Write "+strings.Repeat("x", content.MaxMarkdownBytes)+" down"),
			"elements/02-document.md", "larger than the 1 MiB", 0},
		{"pack.yaml over 256 KiB", edit("pack.yaml", "agenda:", strings.Repeat("# padding\n", content.MaxManifestBytes/10+1)+"agenda:"),
			"pack.yaml", "larger than the 256 KiB", 0},
		{"pack over 16 MiB", bigElements(17), "elements/18-big.md", "more than the 16 MiB", -1},
	}
	runPackCases(t, cases)
}

// runPackCases loads each case from a fresh copy of the minimal pack.
func runPackCases(t *testing.T, cases []packCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyPack(t, filepath.Join(packs, "minimal"))
			tc.setup(t, dir)
			err := loadWithin(t, dir, 10*time.Second)
			var ps content.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("err = %v, want Problems", err)
			}
			want := tc.count
			if want == 0 {
				want = 1
			}
			if want > 0 && len(ps) != want {
				t.Errorf("%d problems, want %d:\n%v", len(ps), want, ps)
			}
			at := filepath.Join(dir, filepath.FromSlash(tc.where)) + ":"
			for _, p := range ps {
				if strings.HasPrefix(p.Error(), at) && strings.Contains(p.Msg, tc.words) {
					return
				}
			}
			t.Errorf("no problem at %s mentioning %q; got:\n%v", tc.where, tc.words, ps)
		})
	}
}

// loadWithin loads the pack in dir and fails the test if that blocks.
func loadWithin(t *testing.T, dir string, limit time.Duration) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := content.LoadDir(dir)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		t.Fatalf("loading %s blocked for %v", dir, limit)
		return nil
	}
}

func copyPack(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// edit replaces old by new (once) in a file of the pack.
func edit(file, old, new string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(file))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s does not hold %q", file, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func rename(from, to string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := os.Rename(filepath.Join(dir, filepath.FromSlash(from)), filepath.Join(dir, filepath.FromSlash(to))); err != nil {
			t.Fatal(err)
		}
	}
}

func writeFile(file, text string) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(file)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func all(fns ...func(*testing.T, string)) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		for _, f := range fns {
			f(t, dir)
		}
	}
}

// twoCriteria adds an effort criterion after impact.
var twoCriteria = edit("pack.yaml", "      3: Much\n", `      3: Much
  - id: effort
    label: Effort
    question: How hard is it?
    better: lower
    min: 1
    max: 3
    points: {1: Little, 3: Much}
`)

// bigElements adds n elements of just under 1 MiB each.
func bigElements(n int) func(*testing.T, string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		body := strings.Repeat(strings.Repeat("x", 99)+"\n", (content.MaxMarkdownBytes-200)/100)
		for i := range n {
			id := "big-" + string(rune('a'+i))
			writeFile("elements/"+string(rune('0'+(i+2)/10))+string(rune('0'+(i+2)%10))+"-big.md",
				"---\nid: "+id+"\ntitle: Big\n---\n## Description\n"+body)(t, dir)
		}
	}
}
