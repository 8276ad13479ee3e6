// Package devices serves a session to the participants' own phones and
// laptops on the room's network, from the facilitator's trustshop: a web
// page where a participant types the join code, picks their name and
// rates, served by the standard library's net/http from templates and
// assets embedded in the binary. Nothing is fetched from anywhere and
// nothing is sent anywhere but the laptop's database.
//
// The page holds no rule: who may write which cell, what a participant may
// see, which elements devices may rate are the engine's answers
// (session.Engine, Workshop.MayWrite, Workshop.See, DeviceElements), and
// every change is an engine command as session.ParticipantActor. The
// server follows the session through one change feed and tells each
// connected page what changed by server-sent events; a page without
// scripts works too, reloading after each answer.
//
// Start listens only on the address the facilitator chose (or the
// laptop's address on the local network), records it in the engine (the
// projector window reads it there), and Close stops it all.
package devices

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/session"
)

// Options configure Start.
type Options struct {
	Engine *session.Engine
	// Session is the full id of the session served.
	Session string
	// Addr is where to listen, HOST:PORT. "" listens on the laptop's
	// address on the local network, port 8080 or the next free one; a
	// HOST of 0.0.0.0 listens on every network, and the join address
	// names the local network's.
	Addr string
	// Actor starts and stops serving; the zero value is the facilitator.
	Actor session.Actor
}

// Server is a session served to devices. Close stops it.
type Server struct {
	eng    *session.Engine
	id     string
	pack   *content.Pack
	actor  session.Actor
	info   session.ServeInfo
	ln     net.Listener
	srv    *http.Server
	hub    *hub
	guard  *limiter
	pages  *pageCache
	cancel context.CancelFunc
	done   chan struct{} // the feed's goroutine ended
	once   sync.Once
	err    error
}

// Start serves session o.Session: it listens, records the join address
// and a new join code in the engine, and follows the session's changes
// for the connected pages.
func Start(ctx context.Context, o Options) (*Server, error) {
	if o.Actor.Kind == "" {
		o.Actor = session.Facilitator()
	}
	w, err := o.Engine.Workshop(ctx, o.Session)
	if err != nil {
		return nil, err
	}
	ln, host, err := listen(o.Addr)
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	url := fmt.Sprintf("http://%s", net.JoinHostPort(host, fmt.Sprint(port)))
	info, err := o.Engine.StartServing(ctx, o.Actor, w.Session.ID, url)
	if err != nil {
		ln.Close()
		return nil, err
	}
	fctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		eng: o.Engine, id: w.Session.ID, pack: w.Pack, actor: o.Actor, info: info, ln: ln,
		hub: newHub(), guard: newLimiter(time.Now), pages: newPageCache(w.Pack),
		cancel: cancel, done: make(chan struct{}),
	}
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    8 << 10,
		BaseContext:       func(net.Listener) context.Context { return fctx },
	}
	go s.follow(fctx, w.Seq)
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Info is what participants need to join: the address, the code.
func (s *Server) Info() session.ServeInfo { return s.info }

// URL is the join address.
func (s *Server) URL() string { return s.info.URL }

// Close stops serving: the engine records it (the join screen goes), the
// connected pages are closed and the port is released.
func (s *Server) Close() error {
	s.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		s.cancel() // ends the feed and every event stream
		err := s.srv.Shutdown(ctx)
		if errors.Is(err, context.DeadlineExceeded) {
			err = s.srv.Close()
		}
		<-s.done
		stop := s.eng.StopServing(ctx, s.actor, s.id)
		if errors.Is(stop, session.ErrClosed) {
			stop = nil // the program is ending: the engine went first
		}
		s.err = errors.Join(err, stop)
	})
	return s.err
}
