package devices_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/trustshop/trustshop/session"
)

// feedbackBlock is one Delphi feedback block of a page (it holds no div).
var feedbackBlock = regexp.MustCompile(`(?s)<div class="feedback">.*?</div>`)

// comment sets a round-1 comment as the facilitator would type it.
func (v *env) comment(who int, element, criterion, text string) {
	v.t.Helper()
	k := session.RatingKey{SessionID: v.sess.ID, ParticipantID: v.sess.Participants[who].ID, ElementID: element, CriterionID: criterion, Round: 1}
	if err := v.e.CommentRating(v.ctx, session.Facilitator(), k, text); err != nil {
		v.t.Fatal(err)
	}
}

// TestRoundTwoFeedback: in round 2 each device shows, per criterion, the
// round-1 distribution with its median and IQR, its own round-1 answer
// marked in words, why the split by role is not shown (one expert per
// role) and the comments without names, escaped; before round 2 it shows
// none of it.
func TestRoundTwoFeedback(t *testing.T) {
	v := newEnv(t)
	ds := []*device{v.device(), v.device(), v.device()}
	for i, d := range ds {
		d.join(i)
	}
	for i, val := range []string{"4", "2", "5"} { // impact: Ana 4, Ben 2, Chi 5
		ds[i].rate(i, "protect-ip", "impact", 1, val)
	}
	for i, val := range []string{"3", "abstain", "3"} { // effort: Ben can't judge
		ds[i].rate(i, "protect-ip", "effort", 1, val)
	}
	v.comment(2, "protect-ip", "impact", `only with an NDA <script>alert(1)</script>`)
	v.comment(0, "protect-ip", "impact", "depends on the contract")

	if _, body := ds[0].get("/"); strings.Contains(body, `class="feedback"`) {
		t.Fatal("feedback shown in round 1")
	}
	if err := v.e.OpenRound(v.ctx, session.Facilitator(), v.sess.ID, 2, []string{"protect-ip"}); err != nil {
		t.Fatal(err)
	}
	st, body := ds[0].get("/")
	if st != http.StatusOK {
		t.Fatalf("page: %d", st)
	}
	blocks := feedbackBlock.FindAllString(body, -1)
	if len(blocks) != 2 {
		t.Fatalf("%d feedback blocks, want one per criterion:\n%s", len(blocks), body)
	}
	impact, effort := blocks[0], blocks[1]
	for _, want := range []string{
		"Impact, round 1: the group's answers", "Median <strong>4</strong> · IQR <strong>1.5</strong> · 3 rated",
		"Your round-1 answer: 4",
		// the own answer marked in text, not by colour alone
		`<li class="mine"><b>4</b>`, "◀ you</em><span class=\"sr\">, your answer</span>",
		// one expert per role: a split would give each one's answer away
		`<p class="roles-note">By role: not shown, as a role has fewer than 3 answers.</p>`,
		"depends on the contract", "only with an NDA &lt;script&gt;",
	} {
		if !strings.Contains(impact, want) {
			t.Errorf("Ana's impact feedback lacks %q:\n%s", want, impact)
		}
	}
	if strings.Contains(impact, `class="roles"`) {
		t.Errorf("a split by role of one expert each:\n%s", impact)
	}
	if n := strings.Count(impact, `class="mine"`); n != 1 {
		t.Errorf("%d bars marked as Ana's, want 1 (not on the role table either)", n)
	}
	for _, name := range []string{"Ben", "Chi", "<script>"} {
		if strings.Contains(impact, name) {
			t.Errorf("the feedback shows %q:\n%s", name, impact)
		}
	}
	if !strings.Contains(effort, "2 rated, 1 could not judge") || strings.Contains(effort, "Comments") {
		t.Errorf("effort's feedback:\n%s", effort)
	}
	// Ben's page marks his own answers: 2, and his abstention in words
	_, ben := ds[1].get("/")
	blocks = feedbackBlock.FindAllString(ben, -1)
	if len(blocks) != 2 || !strings.Contains(blocks[0], "Your round-1 answer: 2") || !strings.Contains(blocks[0], `<li class="mine"><b>2</b>`) ||
		!strings.Contains(blocks[1], "In round 1 you could not judge it.") || strings.Contains(blocks[1], `class="mine"`) {
		t.Errorf("Ben's feedback:\n%s", strings.Join(blocks, "\n"))
	}
	// the round-2 form comes after the feedback, unanswered
	if i, j := strings.Index(body, `class="feedback"`), strings.Index(body, `name="r" value="2"`); i < 0 || j < 0 || strings.Contains(body, `aria-pressed="true"`) {
		t.Errorf("round-2 form: feedback at %d, form at %d", i, j)
	}
}

// sixExperts are three suppliers and three users: enough of each role
// for the split by role to be shown.
var sixExperts = []string{"Ana:supplier", "Ben:user", "Chi:supplier", "Dev:user", "Eva:supplier", "Fay:user"}

// TestRoundTwoFeedbackByRole: with three experts of each role the split
// is shown, behind a toggle, a row per role with its count at each point.
func TestRoundTwoFeedbackByRole(t *testing.T) {
	v := newEnv(t, sixExperts...)
	ds := make([]*device, len(sixExperts))
	for i := range ds {
		ds[i] = v.device()
		ds[i].join(i)
		ds[i].rate(i, "protect-ip", "impact", 1, []string{"4", "2", "4", "3", "5", "3"}[i])
	}
	if err := v.e.OpenRound(v.ctx, session.Facilitator(), v.sess.ID, 2, []string{"protect-ip"}); err != nil {
		t.Fatal(err)
	}
	_, body := ds[0].get("/")
	impact := feedbackBlock.FindString(body)
	for _, want := range []string{`<details class="roles"><summary>By stakeholder role</summary>`,
		"<th>Supplier<td>0<td>0<td>0<td>2<td>1<td>4<td>0.5\n", "<th>User<td>0<td>1<td>2<td>0<td>0<td>3<td>0.5\n"} {
		if !strings.Contains(impact, want) {
			t.Errorf("the feedback lacks %q:\n%s", want, impact)
		}
	}
	if strings.Contains(impact, "roles-note") {
		t.Errorf("the split is said to be withheld:\n%s", impact)
	}
}

// TestFeedbackPageSize: a big round-2 page (every element at once, each
// criterion with its feedback split by two roles and three comments) with
// its style sheet and script stays under 50 KB.
func TestFeedbackPageSize(t *testing.T) {
	v := newEnv(t, sixExperts...)
	if err := v.e.SetDeviceRating(v.ctx, session.Facilitator(), v.sess.ID, session.DevicesAll); err != nil {
		t.Fatal(err)
	}
	ds := make([]*device, len(sixExperts))
	for i := range ds {
		ds[i] = v.device()
		ds[i].join(i)
		for _, el := range v.p.Elements {
			for _, cr := range v.p.Criteria {
				ds[i].rate(i, el.ID, cr.ID, 1, []string{"2", "4", "5"}[i%3])
				if i < 3 { // half the room comments everything
					v.comment(i, el.ID, cr.ID, "A comment of a usual length: a sentence, maybe two, on why this rating and not another one.")
				}
			}
		}
	}
	if err := v.e.OpenRound(v.ctx, session.Facilitator(), v.sess.ID, 2, nil); err != nil {
		t.Fatal(err)
	}
	wire, plain := 0, 0
	for _, path := range []string{"/", "/style.css", "/app.js"} {
		st, body := ds[0].get(path) // the client unpacks what came compressed
		if st != http.StatusOK {
			t.Fatalf("%s: %d", path, st)
		}
		if path == "/" && strings.Count(body, `class="feedback"`) != len(v.p.Elements)*len(v.p.Criteria) {
			t.Fatalf("not every criterion has its feedback")
		}
		plain += len(body)
		wire += ds[0].wireSize(path)
	}
	if wire >= 50<<10 {
		t.Errorf("the round-2 page is %d bytes on the wire with its style and script, want under 50 KB", wire)
	}
	t.Logf("a big round-2 page: %d bytes with its style and script, %d on the wire", plain, wire)
}

// A browser gets the page compressed; a client that did not ask for gzip
// gets it as it is.
func TestPageIsCompressedForBrowsersOnly(t *testing.T) {
	v := newEnv(t)
	d := v.device()
	d.join(0)
	for _, enc := range []string{"gzip, deflate, br", ""} {
		req, _ := http.NewRequest(http.MethodGet, v.srv.URL()+"/", nil)
		req.Header.Set("Accept-Encoding", enc) // set by hand: the client leaves the body as sent
		resp, err := d.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		gz := resp.Header.Get("Content-Encoding") == "gzip"
		if gz != (enc != "") || gz != (len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b) {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, body starts %q", enc, resp.Header.Get("Content-Encoding"), b[:min(len(b), 8)])
		}
		if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("no Vary: Accept-Encoding")
		}
	}
}
