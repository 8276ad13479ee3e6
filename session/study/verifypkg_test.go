package study_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session/study"
)

// TestVerifyDataPackage checks what verify says of a study's
// datapackage.json: each session with its site and the head as recorded
// (its chain is not in the package), a changed cell of the same size by
// its sha256, and a resource path outside the package's folder refused.
func TestVerifyDataPackage(t *testing.T) {
	_, files := mergedStudy(t)

	pkg := string(mustRead(t, files.DataPackage))
	csvName := filepath.Base(files.CSV)
	outside := filepath.Join(t.TempDir(), "elsewhere.csv")
	os.WriteFile(outside, mustRead(t, files.CSV), 0o644)
	cases := []struct {
		name      string
		csv, desc func(string) string // edits of the csv and the descriptor
		want      []string
		ok        bool
	}{
		{"untouched", nil, nil, []string{"(site Leeds)", "(site Graz)", "the chain was not checked", "has the size"}, true},
		{"a cell changed, same size", func(s string) string { return strings.Replace(s, "Leeds", "Leedz", 1) }, nil,
			[]string{"same size, but its sha256 differs"}, false},
		{"a row added", func(s string) string { return s + "x\n" }, nil, []string{"bytes, not"}, false},
		{"a path with ..", nil, func(s string) string { return strings.Replace(s, `"path": "`+csvName, `"path": "../`+csvName, 1) },
			[]string{`path "../` + csvName + `" is not a file in the package's folder`}, false},
		{"an absolute path", nil, func(s string) string { return strings.Replace(s, `"path": "`+csvName, `"path": "`+outside, 1) },
			[]string{"is not a file in the package's folder"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			for _, f := range []string{files.CSV, files.Sessions, files.DataPackage} {
				copyFile(t, f, filepath.Join(work, filepath.Base(f)))
			}
			if tc.csv != nil {
				os.WriteFile(filepath.Join(work, csvName), []byte(tc.csv(string(mustRead(t, files.CSV)))), 0o644)
			}
			if tc.desc != nil {
				d := tc.desc(pkg)
				if d == pkg {
					t.Fatal("the edit of the descriptor changed nothing")
				}
				os.WriteFile(filepath.Join(work, "datapackage.json"), []byte(d), 0o644)
			}
			rep, err := study.Verify(context.Background(), filepath.Join(work, "datapackage.json"), study.VerifyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, s := range rep.Sessions {
				b.WriteString("(site " + s.Site + ") head " + s.Head + "\n")
				if !s.HeadOnly {
					b.WriteString("the chain was checked\n")
				} else {
					b.WriteString("the chain was not checked\n")
				}
			}
			b.WriteString(strings.Join(rep.Checked, "\n") + "\n" + report(rep))
			text := b.String()
			if rep.OK() != tc.ok {
				t.Errorf("OK() = %v:\n%s", rep.OK(), text)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("report does not say %q:\n%s", w, text)
				}
			}
		})
	}

}
