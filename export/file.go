package export

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile writes a file through write without ever leaving half of it:
// the bytes go to a temporary file in the same folder, which is synced and
// renamed over path only when write succeeded. A file that exists keeps its
// permissions; a new one gets 0o644; a symbolic link to a file stays a link
// and the file it points to is replaced.
//
// A path that is no regular file (a named pipe, /dev/null, /dev/stdout, a
// terminal) is written to as a stream, as the shell's > does: renaming a
// file over it would take the reader's pipe away, or as root turn a device
// into a file.
func WriteFile(path string, write func(io.Writer) error) error {
	return WriteFileContext(context.Background(), path, write)
}

// WriteFileContext is WriteFile that gives up waiting for a named pipe's
// reader when ctx ends (ctrl+c, a signal, the program quitting).
func WriteFileContext(ctx context.Context, path string, write func(io.Writer) error) (err error) {
	mode, target := fs.FileMode(0o644), path
	if info, err := os.Stat(path); err == nil {
		switch {
		case info.IsDir():
			return fmt.Errorf("write %s: it is a folder; give a file name", path)
		case !info.Mode().IsRegular():
			return writeStream(ctx, path, info, write)
		}
		mode = info.Mode().Perm()
		if resolved, err := filepath.EvalSymlinks(path); err == nil {
			target = resolved
		}
	}
	dir := filepath.Dir(target)
	f, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the temporary name means nothing to the user
		}
		return fmt.Errorf("write %s: cannot create a file in %s: %w", path, dir, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := errors.Join(bw.Flush(), f.Chmod(mode), f.Sync(), f.Close()); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), target); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeStream writes to a special file as it is: opened for writing only,
// neither created nor truncated nor replaced. Opening a named pipe waits
// for its reader, until ctx ends.
func writeStream(ctx context.Context, path string, info fs.FileInfo, write func(io.Writer) error) error {
	if info.Mode()&fs.ModeSocket != 0 {
		return fmt.Errorf("write %s: it is a socket; give a file name", path)
	}
	var f *os.File
	var err error
	if info.Mode()&fs.ModeNamedPipe != 0 {
		f, err = openPipe(ctx, path)
	} else {
		f, err = os.OpenFile(path, os.O_WRONLY, 0)
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is said once
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := errors.Join(bw.Flush(), f.Close()); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
