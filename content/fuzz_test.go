package content_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/trustshop/trustshop/content"
)

// The fuzz tests feed the loader a manifest or an item file of any bytes,
// in place of the minimal pack's. Whatever comes in, the loader must return
// (no panic, no endless loop, no memory blow-up) either a pack whose text
// holds no control character and whose numbers are within their limits, or
// problems whose messages hold none either. The seeds are the hostile
// inputs of issues 11 and 13; `go test` replays them and testdata/fuzz.

func FuzzManifest(f *testing.F) {
	base := readMinimal(f)
	manifest := string(base["pack.yaml"].Data)
	for _, seed := range []string{
		manifest,
		"",
		"- a\n- b\n",
		strings.Replace(manifest, "min: 1", "min: -9223372036854775808", 1),
		strings.Replace(manifest, "max: 3", "max: 9223372036854775807", 1),
		strings.Replace(strings.Replace(manifest, "min: 1", "min: -9223372036854775808", 1), "max: 3", "max: 9223372036854775807", 1),
		strings.Replace(manifest, "max: 3", "max: 4.5", 1),
		strings.Replace(manifest, "max: 3", "max: 1e300", 1),
		strings.Replace(manifest, "max: 3", "max: .inf", 1),
		strings.Replace(manifest, "max: 3", "max: 0x3", 1),
		strings.Replace(manifest, "minutes: 2", "minutes: 9223372036854775807", 1),
		strings.Replace(manifest, "minutes: 2", "minutes: 7.5", 1),
		strings.Replace(manifest, "minutes: 2", "minutes: -1", 1),
		strings.Replace(manifest, "max_iqr: 1", "max_iqr: .nan", 1),
		strings.Replace(manifest, "max_iqr: 1", "max_iqr: -.inf", 1),
		strings.Replace(manifest, "min_agreement: 0.75", "min_agreement: .inf", 1),
		strings.Replace(manifest, "max_iqr: 1", "rule: 70-15\n  max_iqr: 1", 1),
		strings.Replace(manifest, "max_iqr: 1", "rule: nonsense\n  max_iqr: 1", 1),
		strings.Replace(manifest, "      1: Little\n      2: Some\n      3: Much", "      - Little\n      - Some\n      - Much", 1),
		strings.Replace(manifest, "1: Little", `"1": Little`, 1),
		strings.Replace(manifest, "1: Little", "1.5: Little", 1),
		strings.Replace(manifest, "2: Some\n", "", 1),
		strings.Replace(manifest, "title: Minimal example pack", "title: Minimal: example", 1),
		strings.Replace(manifest, "title: Minimal example pack", "title: \x1b]52;c;aGVsbG8=\x07pack", 1),
		strings.Replace(manifest, "title: Minimal example pack", `title: "\e]52;c;aGVsbG8=\a"`, 1),
		strings.Replace(manifest, "title: Minimal example pack", `title: "\x9b2J \u009d0;x\u0007"`, 1),
		strings.Replace(manifest, "title: Minimal example pack", "title: &#27;]52;c;aGVsbG8=&#x7;", 1),
		strings.Replace(manifest, "title: Minimal example pack", "title: Min\xffimal", 1),
		strings.Replace(manifest, "title: Minimal example pack", "title: !!binary G10yOztoaQc=", 1),
		strings.Replace(manifest, "1: Little", "1: !!binary G10yOztoaQc=", 1),
		strings.Replace(manifest, "    label: Impact", "\tlabel: Impact", 1),
		strings.Replace(manifest, "    label: Impact", "    label: Impact\n    better: lower", 1),
		strings.Replace(manifest, "criteria:", "matrix: {x: impact, y: impact}\ncriteria:", 1),
		strings.Replace(manifest, "criteria:", "matrix: [impact]\ncriteria:", 1),
		"id: a\ntitle: &a [*a, *a]\n",
		"a: &a [x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n",
		strings.Repeat("[", 200) + strings.Repeat("]", 200),
		manifest + "\n" + manifest,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m := clonePack(base)
		m["pack.yaml"] = &fstest.MapFile{Data: data}
		p, err := content.Load(m)
		checkLoad(t, p, err)
	})
}

func FuzzItem(f *testing.F) {
	base := readMinimal(f)
	front, body, _ := strings.Cut(strings.TrimPrefix(string(base["elements/02-document.md"].Data), "---\n"), "---\n")
	for _, seed := range [][2]string{
		{front, body},
		{"", ""},
		{"id: document\n", "## Description\nx\n"},
		{strings.Replace(front, "title: Document thoroughly!", "title: Document: thoroughly!", 1), body},
		{strings.Replace(front, "title: Document thoroughly!", "title: \x1b]52;c;aGVsbG8=\x07", 1), body},
		{strings.Replace(front, "title: Document thoroughly!", `title: "\e]8;;http://x\e\\link\e]8;;\e\\"`, 1), body},
		{strings.Replace(front, "title: Document thoroughly!", "title: A &#x1b;[2J title", 1), body},
		{front, strings.Replace(body, "Write down", "Write \x1b]52;c;aGVsbG8=\x1b\\ down", 1)},
		{front, strings.Replace(body, "Write down", "Write \u009b2J\u009d0;t\u009c down", 1)},
		{front, strings.Replace(body, "Write down", "Write &#27;]52;c;aGVsbG8=&#7; down", 1)},
		{front, strings.Replace(body, "Write down", "Write\x00\x7f\r down", 1)},
		{front, strings.Replace(body, "Write down", "Write \xc3\x28 down", 1)},
		{front + "title: Again\n", body},
		{front + "testimonals: []\n", body},
		{front + "references:\n  - text: \"\\x1b[31m\"\n", body},
		{front + "testimonials: x\n", body},
		{strings.Replace(front, "title: Document thoroughly!", "title: !!binary G10yOztoaQc=", 1), body},
		{front + "testimonials:\n  - quote: !!binary G10yOztoaQc=\n", body},
		{"id: document\ntitle: T\n---\nid: explain\n", "## Description\n"},
		{"\tid: document\n", body},
		{strings.ReplaceAll(front, "\n", "\r\n"), strings.ReplaceAll(body, "\n", "\r\n")},
		{front, strings.Repeat("## Description\n", 1000)},
	} {
		f.Add([]byte(seed[0]), []byte(seed[1]))
	}
	f.Fuzz(func(t *testing.T, front, body []byte) {
		m := clonePack(base)
		file := append(append(append([]byte("---\n"), front...), "\n---\n"...), body...)
		m["elements/02-document.md"] = &fstest.MapFile{Data: file}
		p, err := content.Load(m)
		checkLoad(t, p, err)
	})
}

// checkLoad checks what Load returned for any input.
func checkLoad(t *testing.T, p *content.Pack, err error) {
	t.Helper()
	if err != nil {
		var ps content.Problems
		if !errors.As(err, &ps) || len(ps) == 0 {
			t.Fatalf("err = %v, want Problems", err)
		}
		for _, pr := range ps {
			if controlIn(pr.Error(), false) {
				t.Fatalf("a message holds a control character: %q", pr.Error())
			}
			if pr.Line < 0 || pr.File == "" {
				t.Fatalf("problem without a place: %+v", pr)
			}
		}
		return
	}
	walkStrings(reflect.ValueOf(p).Elem(), func(s string) {
		if controlIn(s, true) {
			t.Fatalf("pack text holds a control character: %q", s)
		}
	})
	for _, c := range p.Criteria {
		if c.Min >= c.Max || c.Min < -content.ScaleLimit || c.Max > content.ScaleLimit || c.Max-c.Min+1 > content.MaxScalePoints ||
			c.PointLabel(c.Min) == "" || c.PointLabel(c.Max) == "" {
			t.Fatalf("criterion %+v", c)
		}
	}
	for _, s := range p.Agenda {
		if s.Minutes < 1 || s.Minutes > content.MaxStepMinutes {
			t.Fatalf("step %+v", s)
		}
	}
	c := p.Consensus
	if !(c.MaxIQR >= 0 && c.MaxIQR <= 2*content.ScaleLimit && c.MinAgreement >= 0 && c.MinAgreement <= 1) ||
		(c.Rule != content.ConsensusIQRAgreement && c.Rule != content.ConsensusPercentAgreement && c.Rule != content.Consensus7015) {
		t.Fatalf("consensus %+v", c)
	}
	if p.Matrix != (content.Matrix{}) {
		x, okx := p.Criterion(p.Matrix.X)
		y, oky := p.Criterion(p.Matrix.Y)
		if !okx || !oky || x.ID == y.ID {
			t.Fatalf("matrix %+v", p.Matrix)
		}
	}
}

// controlIn reports a character a terminal acts on: C0 but tab and newline,
// DEL, C1, or bytes that are not UTF-8; with markdown, also a character
// reference to ESC, which rendering the Markdown would turn into one.
func controlIn(s string, markdown bool) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f {
			return true
		}
	}
	return markdown && (strings.Contains(s, "&#27;") || strings.Contains(strings.ToLower(s), "&#x1b;"))
}

// walkStrings calls fn with every string in v: fields, slices, map values.
func walkStrings(v reflect.Value, fn func(string)) {
	switch v.Kind() {
	case reflect.String:
		fn(v.String())
	case reflect.Struct:
		for i := range v.NumField() {
			walkStrings(v.Field(i), fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), fn)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			walkStrings(it.Value(), fn)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), fn)
		}
	}
}

func readMinimal(f *testing.F) fstest.MapFS {
	m := fstest.MapFS{}
	dir := filepath.Join(packs, "minimal")
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
		f.Fatal(err)
	}
	return m
}

func clonePack(m fstest.MapFS) fstest.MapFS {
	out := make(fstest.MapFS, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
