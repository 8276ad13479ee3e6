package devices_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/devices"
	"github.com/trustshop/trustshop/session"
)

// TestAttacks tries what the issue lists against a served session where
// Ana's device is signed in and Ben has rated: each attack is refused and
// the database (ratings, devices, history) is unchanged.
func TestAttacks(t *testing.T) {
	v := newEnv(t)
	ana, ben := v.device(), v.device()
	ana.join(0)
	ben.join(1)
	ben.rate(1, "protect-ip", "impact", 1, "3")
	// A second session served on the same laptop, with a device of its own.
	other := newEnvOn(t, v, "Eve:user")
	eve := other.device()
	eve.join(0)

	wrongCode := "000000"
	if v.code == wrongCode {
		wrongCode = "111111"
	}
	rateForm := func(who int) url.Values {
		return url.Values{"s": {v.sess.ID}, "p": {v.sess.Participants[who].UUID}, "e": {"protect-ip"}, "c": {"impact"}, "r": {"1"}, "v": {"5"}, "m": {""}}
	}
	cases := []struct {
		name   string
		run    func() (int, string)
		status int
		absent string // must not be in the answer
	}{
		{"join without a code", func() (int, string) {
			d := v.device()
			d.get("/")
			return d.post("/join", url.Values{"code": {""}})
		}, http.StatusForbidden, "Ana"},
		{"join with a wrong code", func() (int, string) {
			d := v.device()
			d.get("/")
			return d.post("/join", url.Values{"code": {wrongCode}})
		}, http.StatusForbidden, "Ana"},
		{"a hostile join code", func() (int, string) {
			d := v.device()
			d.get("/")
			return d.post("/join", url.Values{"code": {"<script>alert('x')</script>\"\x1b[2J"}})
		}, http.StatusForbidden, "<script>"},
		{"a hostile name picked", func() (int, string) {
			d := v.device()
			d.get("/")
			return d.post("/claim", url.Values{"code": {v.code}, "p": {"<script>alert(1)</script>\"'\x1b]0;x\x07"}})
		}, http.StatusConflict, "<script>"},
		{"a hostile CSRF token", func() (int, string) {
			f := rateForm(0)
			f.Set("csrf", "<script>alert(1)</script>")
			return ana.post("/rate", f, "X-Requested-With", "trustshop")
		}, http.StatusForbidden, "<script>"},
		{"a hostile round", func() (int, string) {
			f := rateForm(0)
			f.Set("r", "1<script>")
			return ana.post("/rate", f)
		}, http.StatusBadRequest, "<script>"},
		{"a hostile value", func() (int, string) {
			f := rateForm(0)
			f.Set("v", "<script>alert(1)</script>")
			return ana.post("/rate", f)
		}, http.StatusBadRequest, "<script>"},
		{"claim without the code", func() (int, string) {
			d := v.device()
			d.get("/")
			return d.post("/claim", url.Values{"code": {wrongCode}, "p": {v.sess.Participants[2].UUID}})
		}, http.StatusForbidden, "Chi"},
		{"claim a claimed name", func() (int, string) {
			d := v.device()
			d.get("/")
			return d.post("/claim", url.Values{"code": {v.code}, "p": {v.sess.Participants[0].UUID}})
		}, http.StatusConflict, ""},
		{"claim a participant of another session", func() (int, string) {
			d := v.device()
			d.get("/")
			return d.post("/claim", url.Values{"code": {v.code}, "p": {other.sess.Participants[0].UUID}})
		}, http.StatusConflict, ""},
		{"rate for another participant", func() (int, string) {
			return ana.post("/rate", rateForm(1), "X-Requested-With", "trustshop")
		}, http.StatusForbidden, ""},
		{"rate for another participant, plain form", func() (int, string) {
			return ana.post("/rate", rateForm(1))
		}, http.StatusForbidden, ""},
		{"rate for a participant of another session", func() (int, string) {
			f := rateForm(0)
			f.Set("p", other.sess.Participants[0].UUID)
			return ana.post("/rate", f, "X-Requested-With", "trustshop")
		}, http.StatusForbidden, ""},
		{"rate without signing in", func() (int, string) {
			d := v.device()
			d.get("/")
			return d.post("/rate", rateForm(0), "X-Requested-With", "trustshop")
		}, http.StatusForbidden, ""},
		{"post to another session", func() (int, string) {
			f := rateForm(0)
			f.Set("s", other.sess.ID)
			return ana.post("/rate", f, "X-Requested-With", "trustshop")
		}, http.StatusNotFound, ""},
		{"a device of another session", func() (int, string) {
			// Eve's cookie, sent to this session's server
			d := v.device()
			u, _ := url.Parse(v.srv.URL())
			eu, _ := url.Parse(other.srv.URL())
			d.c.Jar.SetCookies(u, eve.c.Jar.Cookies(eu))
			d.csrf = eve.csrf
			return d.post("/rate", rateForm(0), "X-Requested-With", "trustshop")
		}, http.StatusForbidden, ""},
		{"post without the CSRF token", func() (int, string) {
			f := rateForm(0)
			f.Set("csrf", "")
			return ana.post("/rate", f, "X-Requested-With", "trustshop")
		}, http.StatusForbidden, ""},
		{"post with another device's CSRF token", func() (int, string) {
			f := rateForm(0)
			f.Set("csrf", ben.csrf)
			return ana.post("/rate", f, "X-Requested-With", "trustshop")
		}, http.StatusForbidden, ""},
		{"a cross-site post", func() (int, string) {
			return ana.post("/rate", rateForm(0), "Sec-Fetch-Site", "cross-site", "Origin", "http://evil.example")
		}, http.StatusForbidden, ""},
		{"a cross-site sign-out", func() (int, string) {
			return ana.post("/leave", url.Values{}, "Origin", "http://evil.example")
		}, http.StatusForbidden, ""},
		{"a name as Host (DNS rebinding)", func() (int, string) {
			req, _ := http.NewRequest(http.MethodGet, v.srv.URL()+"/", nil)
			req.Host = "evil.example"
			resp, err := ana.c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			return ana.read(resp)
		}, http.StatusMisdirectedRequest, "Join"},
		{"a value off the scale", func() (int, string) {
			f := rateForm(0)
			f.Set("v", "9")
			return ana.post("/rate", f, "X-Requested-With", "trustshop")
		}, http.StatusBadRequest, ""},
		{"an element of no pack", func() (int, string) {
			f := rateForm(0)
			f.Set("e", `<script>alert(1)</script>`)
			return ana.post("/rate", f, "X-Requested-With", "trustshop")
		}, http.StatusBadRequest, "<script>"},
		{"an element not open to devices", func() (int, string) {
			f := rateForm(0)
			f.Set("e", "quality")
			return ana.post("/rate", f, "X-Requested-With", "trustshop")
		}, http.StatusConflict, ""},
		{"a round not open", func() (int, string) {
			f := rateForm(0)
			f.Set("r", "2")
			return ana.post("/rate", f, "X-Requested-With", "trustshop")
		}, http.StatusConflict, ""},
		{"a comment with a terminal escape sequence", func() (int, string) {
			f := rateForm(0)
			f.Set("m", "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J")
			return ana.post("/rate", f, "X-Requested-With", "trustshop")
		}, http.StatusBadRequest, "\x1b"},
		{"a comment too long", func() (int, string) {
			f := rateForm(0)
			f.Set("m", strings.Repeat("x", 2001))
			return ana.post("/rate", f, "X-Requested-With", "trustshop")
		}, http.StatusBadRequest, ""},
		{"a form too big", func() (int, string) {
			f := rateForm(0)
			f.Set("m", strings.Repeat("x", 64<<10))
			return ana.post("/rate", f, "X-Requested-With", "trustshop")
		}, http.StatusBadRequest, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := v.state()
			status, body := c.run()
			if status != c.status {
				t.Errorf("status %d, want %d: %s", status, c.status, body)
			}
			if c.absent != "" && strings.Contains(body, c.absent) {
				t.Errorf("the answer holds %q:\n%s", c.absent, body)
			}
			if after := v.state(); after != before {
				t.Errorf("the database changed:\n%s\n%s", before, after)
			}
		})
	}
}

// TestClosedRoundTakesNothing: a closed round, a revealed one, a finished
// session and a reopened one (finishing revealed the rated round) refuse
// a device's answer, comment and clear; the reopened page still shows the
// results.
func TestClosedRoundTakesNothing(t *testing.T) {
	for _, how := range []string{"closed", "revealed", "finished", "reopened"} {
		t.Run(how, func(t *testing.T) {
			v := newEnv(t)
			ana := v.device()
			ana.join(0)
			ana.rate(0, "protect-ip", "impact", 1, "2")
			var err error
			switch how {
			case "closed":
				err = v.e.CloseRound(v.ctx, session.Facilitator(), v.sess.ID, 1, []string{"protect-ip"})
			case "revealed":
				err = v.e.Reveal(v.ctx, session.Facilitator(), v.sess.ID, "protect-ip", 1, session.AudienceDevices)
			default:
				err = v.e.Finish(v.ctx, session.Facilitator(), v.sess.ID, true)
			}
			if err != nil {
				t.Fatal(err)
			}
			if how == "reopened" {
				w, _ := v.e.Workshop(v.ctx, v.sess.ID)
				if err := v.e.Reopen(v.ctx, session.Facilitator(), v.sess.ID, w.Session.Step); err != nil {
					t.Fatal(err)
				}
				if _, body := ana.get("/"); !strings.Contains(body, "closed, results shown") {
					t.Errorf("the reopened page hides the results shown at the finish:\n%s", body)
				}
			}
			before := v.state()
			for _, f := range []url.Values{
				{"v": {"5"}}, {"v": {"abstain"}}, {"v": {"clear"}}, {"op": {"comment"}, "m": {"late"}},
			} {
				f.Set("s", v.sess.ID)
				f.Set("e", "protect-ip")
				f.Set("c", "impact")
				f.Set("r", "1")
				if st, msg := ana.post("/rate", f, "X-Requested-With", "trustshop"); st != http.StatusConflict {
					t.Errorf("%v: %d %s", f, st, msg)
				}
			}
			if after := v.state(); after != before {
				t.Errorf("the database changed:\n%s\n%s", before, after)
			}
		})
	}
}

// TestGuessingIsSlowed: after a few wrong codes even the right one waits.
func TestGuessingIsSlowed(t *testing.T) {
	v := newEnv(t)
	d := v.device()
	d.get("/")
	wrong := "000000"
	if v.code == wrong {
		wrong = "111111"
	}
	for range 5 {
		if st, _ := d.post("/join", url.Values{"code": {wrong}}); st != http.StatusForbidden {
			t.Fatalf("a wrong code: %d", st)
		}
	}
	st, body := d.post("/join", url.Values{"code": {v.code}})
	if st != http.StatusTooManyRequests || strings.Contains(body, "Who are you?") {
		t.Fatalf("the sixth try: %d", st)
	}
	if st, _ := d.post("/claim", url.Values{"code": {v.code}, "p": {v.sess.Participants[2].UUID}}); st != http.StatusTooManyRequests {
		t.Errorf("a claim while slowed down: %d", st)
	}
}

// TestHostileText puts markup, quotes and ampersands in every text a page
// shows (the title, names, organisations, a comment) and checks they come
// back escaped; text with terminal escape sequences is refused by the
// engine before it reaches a page or a terminal.
func TestHostileText(t *testing.T) {
	const script = `<script>alert("x")</script>`
	v := newEnv(t, script+":supplier", `"Ben" & 'co' <b>:user`, "Chi:partner")
	if err := v.e.SetTitle(v.ctx, session.Facilitator(), v.sess.ID, `Pilot </title><script>alert(1)</script> "&"`); err != nil {
		t.Fatal(err)
	}
	if _, err := v.e.AddParticipant(v.ctx, session.Facilitator(), v.sess.ID, session.Participant{Name: "Dee\x1b[31m", Role: "user"}); err == nil {
		t.Error("a name with an escape sequence was taken")
	}
	if err := v.e.SetTitle(v.ctx, session.Facilitator(), v.sess.ID, "T\x1b]0;pwned\x07"); err == nil {
		t.Error("a title with an escape sequence was taken")
	}
	d := v.device()
	d.get("/")
	_, names := d.post("/join", url.Values{"code": {v.code}})
	d.post("/claim", url.Values{"code": {v.code}, "p": {v.sess.Participants[0].UUID}})
	d.post("/rate", url.Values{"s": {v.sess.ID}, "e": {"protect-ip"}, "c": {"impact"}, "r": {"1"}, "v": {"3"},
		"m": {`</textarea><script>alert('c')</script> "quoted" & more`}})
	_, page := d.get("/")
	for _, body := range []string{names, page} {
		for _, bad := range []string{"<script>", "</title><", `"Ben" & 'co' <b>`, "</textarea><script>"} {
			if strings.Contains(body, bad) {
				t.Errorf("unescaped %q in:\n%s", bad, body)
			}
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "&#34;Ben&#34; &amp; &#39;co&#39; &lt;b&gt;"} {
		if !strings.Contains(names, want) {
			t.Errorf("the names page lacks %q", want)
		}
	}
	if !strings.Contains(page, "&lt;/textarea&gt;&lt;script&gt;alert(&#39;c&#39;)&lt;/script&gt; &#34;quoted&#34; &amp; more</textarea>") {
		t.Errorf("the comment is not escaped back:\n%s", page)
	}
	if !strings.Contains(page, "Pilot &lt;/title&gt;&lt;script&gt;") {
		t.Errorf("the title is not escaped")
	}
}

// TestListensOnlyWhereChosen: the server listens on the address given
// and nowhere else, and not at all once closed.
func TestListensOnlyWhereChosen(t *testing.T) {
	v := newEnv(t)
	u, _ := url.Parse(v.srv.URL())
	if u.Hostname() != "127.0.0.1" {
		t.Fatalf("listening on %s", u.Host)
	}
	// The same port on another loopback address is not served.
	c := &http.Client{}
	if resp, err := c.Get("http://127.0.0.2:" + u.Port() + "/"); err == nil {
		resp.Body.Close()
		t.Errorf("127.0.0.2:%s answers: the server listens on more than the address chosen", u.Port())
	}
}

// newEnvOn serves another session on the engine of v.
func newEnvOn(t *testing.T, v *env, names ...string) *env {
	t.Helper()
	in := session.NewSession{Title: "Other", Facilitator: "Dana", Date: "2026-11-25"}
	for _, n := range names {
		name, role, _ := strings.Cut(n, ":")
		in.Participants = append(in.Participants, session.Participant{Name: name, Role: role})
	}
	sess, err := v.e.CreateSession(context.Background(), session.Facilitator(), v.p, in)
	if err != nil {
		t.Fatal(err)
	}
	o := &env{t: t, ctx: v.ctx, e: v.e, p: v.p, sess: sess}
	o.moveTo("protect-ip")
	o.srv, err = devices.Start(v.ctx, devices.Options{Engine: v.e, Session: sess.ID, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { o.srv.Close() })
	o.code = o.srv.Info().Code
	return o
}
