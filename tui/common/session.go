package common

import (
	"fmt"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// OpenSession reads session id and the pack it ran on: the app's pack when
// the session used its folder, else the one in the session's folder. warn
// is not empty when the pack's text changed since the session was created.
// It reads the store and the disk, so it runs in a tea.Cmd.
func (c *Common) OpenSession(id string) (sess session.Session, p *content.Pack, warn string, err error) {
	sess, err = c.Store.Session(c.Ctx, id)
	if err != nil {
		return session.Session{}, nil, "", err
	}
	p = c.Pack
	if p == nil || sess.PackDir != c.PackDir {
		if p, err = c.LoadPack(sess.PackDir); err != nil {
			return session.Session{}, nil, "", fmt.Errorf("open the pack of session %s: %w", sess.ID, err)
		}
	}
	if p.ID != sess.PackID {
		return session.Session{}, nil, "", fmt.Errorf("session %s ran on pack %q, but the pack found is %q: open it with --pack and the session's pack folder", sess.ID, sess.PackID, p.ID)
	}
	if p.ContentHash != sess.PackHash {
		warn = fmt.Sprintf("The text of pack %s changed since this session was created (version %s then, %s now).", p.ID, sess.PackVersion, p.Version)
	}
	return sess, p, warn, nil
}
