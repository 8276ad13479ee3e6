package content

import (
	"io/fs"
	"os"
	"path/filepath"
)

// packDir is the file system of a pack folder on disk: os.DirFS, whose Lstat
// and ReadLink look at the real path, except that files are opened without
// blocking. The loader looks at every file with Lstat before it opens it;
// opening without blocking means that a file swapped for a FIFO in between
// is refused as well, instead of hanging the command for good.
type packDir struct {
	root string
	dir  fs.FS // os.DirFS(root)
}

func newPackDir(root string) packDir { return packDir{root: root, dir: os.DirFS(root)} }

// Open implements fs.FS.
func (d packDir) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := os.OpenFile(filepath.Join(d.root, filepath.FromSlash(name)), os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// ReadDir implements fs.ReadDirFS.
func (d packDir) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.dir, name) }

// Lstat implements fs.ReadLinkFS: os.Lstat on the real path.
func (d packDir) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(d.dir, name) }

// ReadLink implements fs.ReadLinkFS.
func (d packDir) ReadLink(name string) (string, error) { return fs.ReadLink(d.dir, name) }
