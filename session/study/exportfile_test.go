package study_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/session/study"
)

// TestExportWhereItCannotWrite: the message names the folder as export's
// does and never the temporary file's name.
func TestExportWhereItCannotWrite(t *testing.T) {
	p := defaultPack(t)
	dir := t.TempDir()
	e := openEngine(t, dir+"/study.db", p)
	workshop(t, e, p, "Leeds", [3][4]int{{3, 2, 4, 1}, {4, 2, 5, 2}, {5, 3, 4, 2}})
	os.Mkdir(dir+"/taken.csv", 0o755)
	cases := []struct{ name, path, want string }{
		{"a missing folder", filepath.Join(dir, "out", "study.csv"), "cannot create a file in " + filepath.Join(dir, "out")},
		{"a folder as the file", dir + "/taken.csv", "it is a folder; give a file name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := study.Export(context.Background(), e, p, c.path, time.Now())
			if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), ".study.csv.") {
				t.Errorf("err = %v; want %q and no temporary name", err, c.want)
			}
		})
	}
}
