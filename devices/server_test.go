package devices_test

import (
	"bufio"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/trustshop/trustshop/devices"
	"github.com/trustshop/trustshop/session"
)

func TestJoinRateAndReload(t *testing.T) {
	v := newEnv(t)
	if !strings.HasPrefix(v.srv.URL(), "http://127.0.0.1:") {
		t.Fatalf("serving at %s, want 127.0.0.1", v.srv.URL())
	}
	info, ok, err := v.e.Serving(v.ctx, v.sess.ID)
	if err != nil || !ok || info.URL != v.srv.URL() || info.Code != v.code {
		t.Fatalf("the engine says %+v %v %v", info, ok, err)
	}
	d := v.device()
	st, body := d.get("/")
	if st != http.StatusOK || !strings.Contains(body, "Join the workshop") || strings.Contains(body, "Ana") {
		t.Fatalf("first page: %d\n%s", st, body)
	}
	d.join(0)
	_, body = d.get("/")
	for _, want := range []string{"You are <strong>Ana</strong>", "Protect the IP!", "How much would putting this element", "Hardly at all", "Can't judge"} {
		if !strings.Contains(body, want) {
			t.Errorf("the rating page lacks %q", want)
		}
	}
	if st, msg := d.rate(0, "protect-ip", "impact", 1, "4"); st != http.StatusNoContent {
		t.Fatalf("rate: %d %s", st, msg)
	}
	// A form without scripts is answered with the page again.
	st, _ = d.post("/rate", url.Values{"s": {v.sess.ID}, "e": {"protect-ip"}, "c": {"effort"}, "r": {"1"}, "v": {"abstain"}, "m": {"hard to say"}})
	if st != http.StatusSeeOther {
		t.Fatalf("plain form: %d", st)
	}
	_, body = d.get("/")
	if !strings.Contains(body, `value="4" aria-pressed="true"`) || !strings.Contains(body, `value="abstain" class="abstain" aria-pressed="true"`) ||
		!strings.Contains(body, ">hard to say</textarea>") {
		t.Errorf("after a reload the answers are not shown:\n%s", body)
	}
	cells, err := v.e.Cells(v.ctx, session.Viewer{Kind: session.ViewResearcher}, v.sess.ID, session.CellQuery{Element: "protect-ip"})
	if err != nil || len(cells) != 2 || cells[0].Participant != "Ana" {
		t.Fatalf("stored: %+v %v", cells, err)
	}
	h, _ := v.e.History(v.ctx, v.sess.ID)
	if last := h[len(h)-1]; last.Actor != session.ParticipantActor(v.sess.Participants[0].UUID) {
		t.Errorf("the history names %v, not the participant", last.Actor)
	}
}

func TestPageFollowsByEvents(t *testing.T) {
	v := newEnv(t)
	d := v.device()
	d.join(1)
	req, _ := http.NewRequest(http.MethodGet, v.srv.URL()+"/events", nil)
	ctx, cancel := context.WithCancel(v.ctx)
	defer cancel()
	resp, err := d.c.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: %d %s", resp.StatusCode, ct)
	}
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	waitFor := func(want string) {
		t.Helper()
		deadline := time.After(time.Second) // the issue: within a second
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("the stream ended before %q", want)
				}
				if strings.Contains(l, want) {
					return
				}
			case <-deadline:
				t.Fatalf("no %q within a second", want)
			}
		}
	}
	waitFor("retry:")
	for v.srv.Connected() == 0 {
		time.Sleep(time.Millisecond)
	}
	// Another participant's answer is not sent to this page.
	other := v.device()
	other.join(0)
	other.rate(0, "protect-ip", "impact", 1, "2")
	// The facilitator moves on: the page reads itself again.
	v.moveTo("quality")
	waitFor("event: refresh")
	// Its own answer, from another of its tabs, comes with its value.
	d.rate(1, "quality", "impact", 1, "5")
	waitFor(`"v":"5"`)
}

func TestRevealToDevices(t *testing.T) {
	v := newEnv(t)
	a, b := v.device(), v.device()
	a.join(0)
	b.join(1)
	a.rate(0, "protect-ip", "impact", 1, "4")
	b.rate(1, "protect-ip", "impact", 1, "2")
	_, body := a.get("/")
	if strings.Contains(body, "The group's answers") || strings.Contains(body, "Median") {
		t.Fatal("the group's answers are shown before the reveal")
	}
	// Revealed to the room only: the devices still see nothing.
	if err := v.e.Reveal(v.ctx, session.Facilitator(), v.sess.ID, "protect-ip", 1, session.AudienceRoom); err != nil {
		t.Fatal(err)
	}
	_, body = a.get("/")
	if strings.Contains(body, "Median") || !strings.Contains(body, "Your answer: 4 · Strongly.") || strings.Contains(body, "<fieldset>") {
		t.Fatalf("after the room's reveal the device shows:\n%s", body)
	}
	if err := v.e.Reveal(v.ctx, session.Facilitator(), v.sess.ID, "protect-ip", 1, session.AudienceDevices); err != nil {
		t.Fatal(err)
	}
	_, body = a.get("/")
	for _, want := range []string{"The group's answers", "Median <strong>3</strong>", "IQR <strong>1</strong>", "2 rated", "Your answer: 4 · Strongly.", `1 <em aria-hidden="true">◀ you</em>`} {
		if !strings.Contains(body, want) {
			t.Errorf("after the reveal the page lacks %q", want)
		}
	}
}

func TestCloseStopsServing(t *testing.T) {
	v := newEnv(t)
	url := v.srv.URL()
	if err := v.srv.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := v.e.Serving(v.ctx, v.sess.ID); ok {
		t.Error("the engine still says serving")
	}
	c := &http.Client{Timeout: time.Second}
	if resp, err := c.Get(url); err == nil {
		resp.Body.Close()
		t.Errorf("%s still answers after Close", url)
	}
	if _, err := devices.Start(v.ctx, devices.Options{Engine: v.e, Session: v.sess.ID, Addr: "localhost-is-not:80:80"}); err == nil {
		t.Error("a malformed --addr was taken")
	}
}

// TestPageSize: the biggest page (every element at once, each answered
// and revealed) with its style sheet and script is under 50 KB, and
// nothing on it comes from another address.
func TestPageSize(t *testing.T) {
	v := newEnv(t)
	if err := v.e.SetDeviceRating(v.ctx, session.Facilitator(), v.sess.ID, session.DevicesAll); err != nil {
		t.Fatal(err)
	}
	d := v.device()
	d.join(0)
	for _, el := range v.p.Elements {
		for _, cr := range v.p.Criteria {
			d.rate(0, el.ID, cr.ID, 1, "3")
		}
		if err := v.e.Reveal(v.ctx, session.Facilitator(), v.sess.ID, el.ID, 1, session.AudienceDevices); err != nil {
			t.Fatal(err)
		}
	}
	total := 0
	for _, path := range []string{"/", "/style.css", "/app.js"} {
		st, body := d.get(path)
		if st != http.StatusOK {
			t.Fatalf("%s: %d", path, st)
		}
		total += len(body)
		// fetched: scripts, styles, images, fonts; a link in the pack's
		// text is only followed if the participant taps it
		for _, far := range []string{`src="http`, `src="//`, `<link rel="stylesheet" href="http`, "url(", "@import", "fetch(\"http"} {
			if i := strings.Index(body, far); i >= 0 {
				t.Errorf("%s fetches from elsewhere: %.60s", path, body[i:])
			}
		}
	}
	if total >= 50<<10 {
		t.Errorf("the page is %d bytes with its style and script, want under 50 KB", total)
	}
	t.Logf("the biggest page: %d bytes with its style and script", total)
}

// TestContentVersion: the page and its content alone carry the same
// version while nothing changes, so the script leaves a page alone on a
// refresh that changes nothing, and a new one once the participant's
// answer changed what the page shows.
func TestContentVersion(t *testing.T) {
	v := newEnv(t)
	d := v.device()
	d.join(0)
	version := func(path string) (string, string) {
		t.Helper()
		resp, err := d.c.Get(v.srv.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		_, body := d.read(resp)
		return resp.Header.Get("X-Version"), body
	}
	whole, page := version("/")
	part, main := version("/?part=main")
	again, _ := version("/?part=main")
	if whole == "" || whole != part || part != again {
		t.Fatalf("versions %q (page), %q and %q (content twice), want one", whole, part, again)
	}
	if !strings.Contains(page, `data-version="`+whole+`">`+main+`</main>`) {
		t.Fatalf("the page does not hold its content and version %q:\n%s", whole, page)
	}
	if st, body := d.rate(0, "protect-ip", "impact", 1, "4"); st != http.StatusNoContent {
		t.Fatalf("rate: %d %s", st, body)
	}
	if after, _ := version("/?part=main"); after == part {
		t.Fatalf("the version %q stays after an answer changed the page", after)
	}
}
