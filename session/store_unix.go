//go:build unix

package session

import "syscall"

// canWrite asks the system whether this process may create files in dir.
func canWrite(dir string) bool { return syscall.Access(dir, 2 /* W_OK */) == nil }
