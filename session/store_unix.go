//go:build unix

package session

import (
	"os"
	"syscall"
)

// canWrite asks the system whether this process may create files in dir.
func canWrite(dir string) bool { return syscall.Access(dir, 2 /* W_OK */) == nil }

// syncDir makes a file's new name in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
