//go:build !unix

package export

import (
	"context"
	"os"
)

// openPipe opens a named pipe for writing (no such thing off unix).
func openPipe(_ context.Context, path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY, 0)
}
