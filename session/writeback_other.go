//go:build !linux

package session

import "time"

// writeBehind is nothing where the kernel cannot be asked to start writing
// a file's pages: the sync at the end writes them all.
func writeBehind(string, time.Duration) (stop func()) { return func() {} }
