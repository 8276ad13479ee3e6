//go:build !unix

package content

// openNonBlock is 0 where FIFOs do not live among the files of a folder.
const openNonBlock = 0
