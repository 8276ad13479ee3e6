package session

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// writeBehind has the kernel write the file's new pages to disk while it
// is being filled, every interval, rather than all of them at the sync
// at the end: the disk then works while the merge computes. stop ends it.
func writeBehind(path string, interval time.Duration) (stop func()) {
	f, err := os.Open(path)
	if err != nil {
		return func() {} // only an optimisation: the sync at the end writes them
	}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		defer f.Close()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				// starts the writing of every dirty page, waiting for none
				_ = unix.SyncFileRange(int(f.Fd()), 0, 0, unix.SYNC_FILE_RANGE_WRITE)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
