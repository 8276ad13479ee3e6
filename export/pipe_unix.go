//go:build unix

package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// pipePoll is how often openPipe looks for a reader.
const pipePoll = 20 * time.Millisecond

// openPipe opens a named pipe for writing once a program reads it. A
// blocking open cannot be interrupted, so it opens without blocking
// (ENXIO while nobody reads) and tries again until ctx ends.
func openPipe(ctx context.Context, path string) (*os.File, error) {
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if err == nil || !errors.Is(err, syscall.ENXIO) {
			return f, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("nobody read the named pipe (%w)", context.Cause(ctx))
		case <-time.After(pipePoll):
		}
	}
}
