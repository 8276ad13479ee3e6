package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Limits on what the loader reads. A pack comes from elsewhere, so a file
// that would take the machine's memory is refused, not read.
const (
	MaxManifestBytes = 256 << 10 // pack.yaml
	MaxMarkdownBytes = 1 << 20   // each Markdown file
	MaxPackBytes     = 16 << 20  // every file of the pack together
)

// sizeText says a size in the words of the messages ("256 KiB", "1 MiB",
// "1.5 MiB").
func sizeText(n int64) string {
	if n >= 1<<20 {
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<20)), ".0") + " MiB"
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<10)), ".0") + " KiB"
}

// tooLarge reports a file over its limit.
func (l *loader) tooLarge(name string, size, limit int64) {
	what := "a Markdown file"
	if name == ManifestFile {
		what = ManifestFile
	}
	l.add(name, 0, "%s: larger than the %s trustshop reads from %s; shorten it or split it", sizeText(size), sizeText(limit), what)
}

// fileKind names what a non-regular file is, in a pack author's words.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	}
	return "not a regular file"
}

// notRegular reports name as something a pack may not hold. A symbolic link
// is named with its target, so that a link out of the pack is plain to see.
func (l *loader) notRegular(name string, m fs.FileMode) {
	what := fileKind(m)
	if m&fs.ModeSymlink != 0 {
		if to, err := fs.ReadLink(l.fsys, name); err == nil {
			what += " to " + visible(to)
		}
	}
	l.add(name, 0, "%s, not a regular file: a pack holds regular files only (copy the file into the pack instead)", what)
}

// read returns a file's bytes and adds them to the content hash. Files are
// read in a fixed order (manifest, intro, then each folder by name), so the
// hash covers every file in path order within each part.
//
// Only regular files are opened: the file is looked at with Lstat first
// (os.Lstat on the real path for an os.DirFS), because opening a FIFO blocks
// for good and a link may lead out of the pack. At most limit bytes are read.
// Every problem is reported here, a missing file with the words missing;
// read returns false when there is no text.
func (l *loader) read(name string, limit int64, missing string) ([]byte, bool) {
	info, err := fs.Lstat(l.fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.add(name, 0, "%s", missing)
		} else {
			l.add(name, 0, "cannot read: %v", err)
		}
		return nil, false
	}
	if !info.Mode().IsRegular() {
		l.notRegular(name, info.Mode())
		return nil, false
	}
	if info.Size() > limit {
		l.tooLarge(name, info.Size(), limit)
		return nil, false
	}
	b, err := l.readLimited(name, limit)
	if err != nil {
		l.add(name, 0, "cannot read: %v", err)
		return nil, false
	}
	if int64(len(b)) > limit {
		l.tooLarge(name, int64(len(b)), limit)
		return nil, false
	}
	l.total += int64(len(b))
	if l.total > MaxPackBytes {
		l.add(name, 0, "the pack's files hold more than the %s trustshop reads from a pack in all", sizeText(MaxPackBytes))
		return nil, false
	}
	l.hash.Write([]byte(name))
	l.hash.Write([]byte{0})
	l.hash.Write(b)
	l.hash.Write([]byte{0})
	return b, true
}

// readLimited reads up to limit+1 bytes, so that a file that grew since it
// was looked at is still caught. The opened file must be regular as well.
func (l *loader) readLimited(name string, limit int64) ([]byte, error) {
	f, err := l.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s, not a regular file", fileKind(info.Mode()))
	}
	return io.ReadAll(io.LimitReader(f, limit+1))
}

// markdownFiles lists the .md files of a pack folder in name order. A file
// whose name looks like a Markdown file but does not end in ".md" (say
// "01-x.markdown" or "01-x.MD") would be left out without a word, so it is
// reported (and references to the item it holds are not); other files
// (images, notes) are not read.
func (l *loader) markdownFiles(dir, kind string) []string {
	info, err := fs.Lstat(l.fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err == nil && !info.IsDir() {
		if info.Mode()&fs.ModeSymlink != 0 {
			l.add(dir, 0, "a symbolic link, not a folder: a pack holds its own folders and regular files only (copy the folder into the pack instead)")
		} else {
			l.add(dir, 0, "%s, not a folder: %s/ holds one .md file per item", fileKind(info.Mode()), dir)
		}
		l.broken(kind, "")
		return nil
	}
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.add(dir, 0, "cannot read the folder: %v", err)
		l.broken(kind, "")
		return nil
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		if hasControl(name) {
			l.add(dir, 0, "the file name %s holds a control character: rename the file", visible(name))
			l.broken(kind, "")
			continue
		}
		switch {
		case strings.HasSuffix(name, ".md"):
			names = append(names, path.Join(dir, name))
		case nearMarkdown(name):
			file := path.Join(dir, name)
			l.add(file, 0, "not read: item files end in \".md\" (lower case); rename it %s, or move it out of %s/ if it is not an item",
				strings.TrimSuffix(name, path.Ext(name))+".md", dir)
			// its id, when it has one, is not reported missing as well
			var id string
			if info, err := fs.Lstat(l.fsys, file); err == nil && info.Mode().IsRegular() {
				if b, err := l.readLimited(file, MaxMarkdownBytes); err == nil {
					id = idLine(b)
				}
			}
			l.broken(kind, id)
		}
	}
	slices.Sort(names)
	return names
}

// nearMarkdown reports whether a file name has an extension its author most
// likely meant as ".md".
func nearMarkdown(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mdwn", ".mkd", ".mkdn", ".mdtxt", ".mdtext", ".txt", ".text":
		return true
	}
	return false
}
