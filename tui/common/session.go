package common

import (
	"github.com/trustshop/trustshop/session"
)

// OpenSession reads session id (a unique prefix will do) with the pack it
// ran on, its rounds, notes and step states, through the engine: the one
// way every screen opens a session. Workshop.Warning is set when the
// pack's text changed since. It reads the database and the disk, so it
// runs in a tea.Cmd.
func (c *Common) OpenSession(id string) (session.Workshop, error) {
	return c.Engine.Workshop(c.Ctx, id)
}
