package devices

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/trustshop/trustshop/session"
)

// The server follows its session through ONE change feed and fans what
// changed out to the connected pages, each told only what concerns it: a
// change of the session, its rounds or its participants makes every page
// read itself again ("refresh"); a participant's own answer goes to their
// own pages only ("rating", with the value, which is theirs to see); the
// others' answers go to nobody (a page shows them only after a reveal,
// which is a change of a round).

// event is one server-sent event.
type event struct{ name, data string }

// client is one connected page.
type client struct {
	uuid string
	ch   chan event
	lost bool // events were dropped: a refresh is owed
}

// hub holds the connected pages.
type hub struct {
	mu      sync.Mutex
	clients map[*client]struct{}
}

func newHub() *hub { return &hub{clients: map[*client]struct{}{}} }

func (h *hub) add(uuid string) *client {
	c := &client{uuid: uuid, ch: make(chan event, 16)}
	h.mu.Lock()
	h.clients[c] = struct{}{}
	h.mu.Unlock()
	return c
}

func (h *hub) remove(c *client) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

// Connected is how many pages follow the session now.
func (s *Server) Connected() int {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	return len(s.hub.clients)
}

// send queues ev for the pages of uuid ("" every page); a page that does
// not keep up gets one refresh instead of the events it missed.
func (h *hub) send(uuid string, ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		if uuid != "" && c.uuid != uuid {
			continue
		}
		select {
		case c.ch <- ev:
		default:
			c.lost = true
		}
	}
}

// follow reads the session's changes until ctx ends and tells the pages.
func (s *Server) follow(ctx context.Context, after int64) {
	defer close(s.done)
	feed := s.eng.Feed(s.id, after)
	defer feed.Close()
	for {
		changes, err := feed.Next(ctx)
		switch {
		case ctx.Err() != nil || errors.Is(err, session.ErrClosed):
			return
		case errors.Is(err, session.ErrNotFound): // the session was deleted
			s.hub.send("", event{name: "refresh"})
			return
		case err != nil: // the database is busy: try again shortly
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
			continue
		}
		s.pages.invalidate()
		s.tell(changes)
	}
}

// tell sends the pages what a batch of changes means to them.
func (s *Server) tell(changes []session.Change) {
	refresh := false
	owners := map[string]bool{}
	for _, c := range changes {
		switch c.Entity {
		case "rating":
			uuid, k, ok := c.CellOf()
			if !ok {
				continue
			}
			d := map[string]any{"e": k.ElementID, "c": k.CriterionID, "r": k.Round}
			switch c.Field {
			case "value":
				var v any
				if c.New != nil {
					v = *c.New
				}
				d["v"] = v
			case "comment":
				m := ""
				if c.New != nil {
					m = *c.New
				}
				d["m"] = m
			default:
				continue
			}
			data, _ := json.Marshal(d)
			s.hub.send(uuid, event{name: "rating", data: string(data)})
		case "device":
			owners[c.Key] = true // signed in or out: that participant's pages
		case "note", "serving":
			// nothing a participant's page shows
		default: // the session (its step, device rating, title), rounds, participants
			refresh = true
		}
	}
	if refresh {
		s.hub.send("", event{name: "refresh"})
		return
	}
	for uuid := range owners {
		s.hub.send(uuid, event{name: "refresh"})
	}
}

// heartbeat keeps a quiet stream open through Wi-Fi access points and
// lets a page notice a dead connection.
const heartbeat = 20 * time.Second

// events is a signed-in page's stream of server-sent events.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	me, err := s.eng.DeviceParticipant(r.Context(), s.id, tokenOf(r))
	if err != nil {
		http.Error(w, "not signed in", http.StatusForbidden)
		return
	}
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	c := s.hub.add(me.UUID)
	defer s.hub.remove(c)
	if _, err := fmt.Fprint(w, "retry: 2000\n\n"); err != nil || rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case ev := <-c.ch:
			if ev.data == "" {
				ev.data = "1"
			}
			_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
			s.hub.mu.Lock()
			lost := c.lost
			c.lost = false
			s.hub.mu.Unlock()
			if lost && err == nil {
				_, err = fmt.Fprint(w, "event: refresh\ndata: 1\n\n")
			}
		case <-tick.C:
			_, err = fmt.Fprint(w, ": ping\n\n")
		}
		if err != nil || rc.Flush() != nil {
			return
		}
	}
}
