//go:build unix

package content

import "syscall"

// openNonBlock opens a FIFO without waiting for a writer to come.
const openNonBlock = syscall.O_NONBLOCK
