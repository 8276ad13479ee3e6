package common

import "io"

// The session served to participants' devices lives as long as the
// program, not as long as the screen that started it: the facilitator
// goes back to the walkthrough while devices rate. Common keeps it, and
// Close stops it when the program ends (serving stops when the
// facilitator quits).

// SetServer keeps the server of the session served now (nil: none); the
// one it replaces is the caller's to close.
func (c *Common) SetServer(s io.Closer) { c.server = s }

// Server is the server of the session served now, or nil.
func (c *Common) Server() io.Closer { return c.server }
