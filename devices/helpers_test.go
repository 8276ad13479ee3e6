package devices_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/devices"
	"github.com/trustshop/trustshop/session"
)

// env is a session served on 127.0.0.1, with the engine behind it.
type env struct {
	t    testing.TB
	ctx  context.Context
	e    *session.Engine
	p    *content.Pack
	sess session.Session
	srv  *devices.Server
	code string
	db   string // the database file
}

// newEnv serves a new session of the default pack with the participants
// (name:role), on an element step with devices rating it.
func newEnv(t testing.TB, names ...string) *env {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "t.db")
	e, err := session.OpenEngine(ctx, db, session.Options{}, session.EngineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	p, err := content.Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		names = []string{"Ana:supplier", "Ben:user", "Chi:partner"}
	}
	in := session.NewSession{Title: "Pilot workshop", Facilitator: "Dana", Date: "2026-11-25"}
	for _, n := range names {
		name, role, _ := strings.Cut(n, ":")
		in.Participants = append(in.Participants, session.Participant{Name: name, Role: role})
	}
	sess, err := e.CreateSession(ctx, session.Facilitator(), p, in)
	if err != nil {
		t.Fatal(err)
	}
	v := &env{t: t, ctx: ctx, e: e, p: p, sess: sess, db: db}
	v.moveTo("protect-ip")
	v.srv, err = devices.Start(ctx, devices.Options{Engine: e, Session: sess.ID, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.srv.Close() })
	v.code = v.srv.Info().Code
	return v
}

// moveTo puts the facilitator's agenda on an element's step.
func (v *env) moveTo(element string) {
	v.t.Helper()
	i := slices.IndexFunc(v.p.Agenda, func(s content.Step) bool { return s.Kind == content.StepElement && s.Ref == element })
	if err := v.e.MoveTo(v.ctx, session.Facilitator(), v.sess.ID, i, false); err != nil {
		v.t.Fatal(err)
	}
}

// device is a browser without scripts: a cookie jar, and no redirects
// followed unless asked.
type device struct {
	v    *env
	c    *http.Client
	csrf string
}

func (v *env) device() *device {
	jar, _ := cookiejar.New(nil)
	return &device{v: v, c: &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// get fetches a page and remembers its CSRF token.
func (d *device) get(path string) (int, string) {
	d.v.t.Helper()
	resp, err := d.c.Get(d.v.srv.URL() + path)
	if err != nil {
		d.v.t.Fatal(err)
	}
	return d.read(resp)
}

// wireSize is how many bytes a browser (one that takes gzip) receives
// for path.
func (d *device) wireSize(path string) int {
	d.v.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, d.v.srv.URL()+path, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := d.c.Do(req)
	if err != nil {
		d.v.t.Fatal(err)
	}
	defer resp.Body.Close()
	n, _ := io.Copy(io.Discard, resp.Body)
	return int(n)
}

func (d *device) read(resp *http.Response) (int, string) {
	d.v.t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		d.v.t.Fatal(err)
	}
	if m := csrfField.FindStringSubmatch(string(b)); m != nil {
		d.csrf = m[1]
	}
	return resp.StatusCode, string(b)
}

// post sends a form with the device's CSRF token (unless the form sets
// its own csrf) and returns the status and body.
func (d *device) post(path string, form url.Values, header ...string) (int, string) {
	d.v.t.Helper()
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", d.csrf)
	}
	req, err := http.NewRequest(http.MethodPost, d.v.srv.URL()+path, strings.NewReader(form.Encode()))
	if err != nil {
		d.v.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := d.c.Do(req)
	if err != nil {
		d.v.t.Fatal(err)
	}
	return d.read(resp)
}

// join signs the device in as participant i.
func (d *device) join(i int) {
	d.v.t.Helper()
	d.get("/")
	if st, body := d.post("/join", url.Values{"code": {d.v.code}}); st != http.StatusOK || !strings.Contains(body, "Who are you?") {
		d.v.t.Fatalf("join: %d\n%s", st, body)
	}
	st, body := d.post("/claim", url.Values{"code": {d.v.code}, "p": {d.v.sess.Participants[i].UUID}})
	if st != http.StatusSeeOther {
		d.v.t.Fatalf("claim: %d\n%s", st, body)
	}
	d.get("/")
}

// rate posts an answer as the page's form would, for participant who.
func (d *device) rate(who int, element, criterion string, round int, v string) (int, string) {
	d.v.t.Helper()
	return d.post("/rate", url.Values{"s": {d.v.sess.ID}, "p": {d.v.sess.Participants[who].UUID},
		"e": {element}, "c": {criterion}, "r": {fmt.Sprint(round)}, "v": {v}, "m": {""}}, "X-Requested-With", "trustshop")
}

// state is everything a forged request must leave alone: the ratings, the
// devices and the history.
func (v *env) state() string {
	v.t.Helper()
	var b strings.Builder
	err := v.e.EachCell(v.ctx, session.Viewer{Kind: session.ViewResearcher}, v.sess.ID, func(c session.Cell) error {
		val := "-"
		if c.Value != nil {
			val = fmt.Sprint(*c.Value)
		}
		fmt.Fprintf(&b, "%s/%s/%s/%d=%s,%v,%q\n", c.Participant, c.ElementID, c.CriterionID, c.Round, val, c.Abstain, c.Comment)
		return nil
	})
	if err != nil {
		v.t.Fatal(err)
	}
	devs, err := v.e.Devices(v.ctx, v.sess.ID)
	if err != nil {
		v.t.Fatal(err)
	}
	for _, d := range devs {
		fmt.Fprintf(&b, "device %s\n", d.Participant.Name)
	}
	h, err := v.e.History(v.ctx, v.sess.ID)
	if err != nil {
		v.t.Fatal(err)
	}
	fmt.Fprintf(&b, "history %d\n", len(h))
	return b.String()
}
