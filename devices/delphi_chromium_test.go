package devices_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/trustshop/trustshop/session"
)

// TestDelphiRoundsInChromium is a two-round (Delphi) session on devices
// in real headless Chromium: Ana rates round 1 on a phone, the others on
// theirs; the facilitator shows the results to the devices and opens
// round 2; Ana's page shows, per criterion, the round-1 distribution with
// her own answer marked, and why the split by role is not shown (one
// expert per role); everyone rates round 2, some changing their answers; and
// `trustshop stats ID --json` reports the stability computed by hand.
//
// The answers (round 1 → round 2) and the hand computation, as R's
// wilcox.test(to, from, paired = TRUE) does it:
//
//	impact: Ana 4→3, Ben 2→3, Chi 5→5; differences −1, +1, 0
//	  n_paired 3; unchanged 1/3; mean_abs_change (1+1+0)/3 = 2/3
//	  zeros dropped: −1, +1, ranks 1.5 and 1.5 (a tie), so V = 1.5 (the
//	  positive ranks) and the normal approximation: z = V − n(n+1)/4 =
//	  1.5 − 1.5 = 0, its continuity correction sign(0)·0.5 = 0, so z = 0
//	  and p = 2·min(Φ(0), 1−Φ(0)) = 1.
//	  Round 1 shows median 4, IQR 1.5 (R type 7: Q1 3, Q3 4.5).
//	effort: Ana 2→3, Ben 3→5, Chi 1→4; differences +1, +2, +3
//	  n_paired 3; unchanged 0; mean_abs_change (1+2+3)/3 = 2
//	  no zero, no tie, n < 50: exact. V = 1+2+3 = 6; of the 2³ = 8 sign
//	  patterns only all-positive reaches 6, so P(V ≥ 6) = 1/8 and the
//	  two-sided p = 2/8 = 0.25.
//	  cv_from: {2,3,1} mean 2, sd 1 → 0.5; cv_to: {3,5,4} mean 4, sd 1 → 0.25.
//	  Round 1 shows median 2, IQR 1 (Q1 1.5, Q3 2.5).
func TestDelphiRoundsInChromium(t *testing.T) {
	v := newEnv(t)
	ctx := browser(t, 390, 844)
	run := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		steps(t, ctx, actions...)
	}
	text := func(sel chromedp.CSS) string { t.Helper(); return textOf(t, ctx, sel) }
	rate := func(crit, val string) {
		t.Helper()
		run(chromedp.Click(chromedp.CSS(`#c-protect-ip-`+crit+` button[value="`+val+`"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#c-protect-ip-`+crit+` button[value="`+val+`"][aria-pressed="true"]`)), settled())
	}
	ben, chi := v.device(), v.device()
	ben.join(1)
	chi.join(2)

	// round 1: Ana on her phone
	run(chromedp.Navigate(v.srv.URL()), chromedp.WaitVisible(chromedp.ID("code")),
		chromedp.SendKeys(chromedp.ID("code"), v.code), chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".names")))
	run(chromedp.Click(`//button[strong[text()="Ana"]]`), chromedp.WaitVisible(chromedp.ID("c-protect-ip-impact")),
		chromedp.WaitVisible(`//p[@id="live" and contains(., "Live")]`))
	rate("impact", "4")
	rate("effort", "2")
	for _, r := range []struct {
		d       *device
		who     int
		crit, v string
	}{{ben, 1, "impact", "2"}, {ben, 1, "effort", "3"}, {chi, 2, "impact", "5"}, {chi, 2, "effort", "1"}} {
		if st, body := r.d.rate(r.who, "protect-ip", r.crit, 1, r.v); st != 204 {
			t.Fatalf("round 1 %s: %d %s", r.crit, st, body)
		}
	}
	v.comment(1, "protect-ip", "impact", "Only with an NDA in place")

	// the facilitator shows round 1 to the devices and opens round 2:
	// the page follows by itself
	fac := session.Facilitator()
	if err := v.e.Reveal(v.ctx, fac, v.sess.ID, "protect-ip", 1, session.AudienceDevices); err != nil {
		t.Fatal(err)
	}
	if err := v.e.OpenRound(v.ctx, fac, v.sess.ID, 2, []string{"protect-ip"}); err != nil {
		t.Fatal(err)
	}
	run(chromedp.WaitVisible(chromedp.CSS(`#c-protect-ip-impact .feedback`)))
	for crit, wants := range map[string][]string{
		"impact": {"Impact, round 1: the group's answers", "Median 4 · IQR 1.5 · 3 rated", "Your round-1 answer: 4 · Strongly.", "Only with an NDA in place"},
		"effort": {"Median 2 · IQR 1 · 3 rated", "Your round-1 answer: 2"},
	} {
		got := text(chromedp.CSS(`#c-protect-ip-` + crit + ` .feedback`))
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s's feedback lacks %q:\n%s", crit, w, got)
			}
		}
		if strings.Contains(got, "Ben") {
			t.Errorf("%s's feedback names Ben:\n%s", crit, got)
		}
	}
	// her own answer is marked on the bar, visibly and in words
	if mine := text(chromedp.CSS(`#c-protect-ip-impact .feedback li.mine`)); !strings.HasPrefix(mine, "4") || !strings.Contains(mine, "◀ you") {
		t.Errorf("the marked bar reads %q", mine)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".feedback li.mine").length`))
	if err != nil || n != 2 {
		t.Errorf("%d bars marked as hers, want one per criterion (%v)", n, err)
	}
	// one expert per role: the split by role is not shown, and the page
	// says why
	if note := text(chromedp.CSS(`#c-protect-ip-impact .roles-note`)); !strings.Contains(note, "fewer than 3 answers") {
		t.Errorf("the note on the roles reads %q", note)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".feedback .roles").length`)); err != nil || n != 0 {
		t.Errorf("%d splits by role of one expert each (%v)", n, err)
	}
	// no wider than the phone
	if w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); err != nil || w > 390 {
		t.Errorf("the round-2 page is %d px wide on a 390 px phone (%v)", w, err)
	}
	run(chromedp.ScrollIntoView(chromedp.ID("c-protect-ip-impact")))
	shoot(t, ctx, "round2-390")
	shootElement(t, ctx, "round2-390-impact", "#c-protect-ip-impact")

	// round 2: Ana changes both answers, Chi keeps his impact
	rate("impact", "3")
	rate("effort", "3")
	for _, r := range []struct {
		d       *device
		who     int
		crit, v string
	}{{ben, 1, "impact", "3"}, {ben, 1, "effort", "5"}, {chi, 2, "impact", "5"}, {chi, 2, "effort", "4"}} {
		if st, body := r.d.rate(r.who, "protect-ip", r.crit, 2, r.v); st != 204 {
			t.Fatalf("round 2 %s: %d %s", r.crit, st, body)
		}
	}
	// the same page on a laptop's width
	run(chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)), chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(`#c-protect-ip-impact .feedback`)),
		chromedp.WaitVisible(chromedp.CSS(`#c-protect-ip-impact button[value="3"][aria-pressed="true"]`)),
		chromedp.ScrollIntoView(chromedp.ID("c-protect-ip-impact")))
	shoot(t, ctx, "round2-1280")

	checkStability(t, v, map[string]stability{
		"impact": {n: 3, unchanged: 1.0 / 3, meanAbs: 2.0 / 3, v: 1.5, p: 1},
		"effort": {n: 3, unchanged: 0, meanAbs: 2, v: 6, p: 0.25, cvFrom: 0.5, cvTo: 0.25},
	})
}

// stability is one element x criterion's figures computed by hand.
type stability struct {
	n                  int
	unchanged, meanAbs float64
	v, p               float64
	cvFrom, cvTo       float64 // 0: not checked
}

// checkStability runs `trustshop stats ID --json` on the test's database
// and compares the stability of protect-ip between rounds 1 and 2.
func checkStability(t *testing.T, v *env, want map[string]stability) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "trustshop")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/trustshop/trustshop/cmd/trustshop").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--db", v.db, "stats", v.sess.ID, "--json").Output()
	if err != nil {
		t.Fatalf("trustshop stats --json: %v\n%s", err, out)
	}
	var got struct {
		Stability []struct {
			ElementID     string   `json:"element_id"`
			Criterion     string   `json:"criterion"`
			FromRound     int      `json:"from_round"`
			ToRound       int      `json:"to_round"`
			NPaired       int      `json:"n_paired"`
			Unchanged     *float64 `json:"unchanged"`
			MeanAbsChange *float64 `json:"mean_abs_change"`
			WilcoxonV     *float64 `json:"wilcoxon_v"`
			WilcoxonP     *float64 `json:"wilcoxon_p"`
			CVFrom        *float64 `json:"cv_from"`
			CVTo          *float64 `json:"cv_to"`
		} `json:"stability"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("stats --json: %v\n%s", err, out)
	}
	near := func(p *float64, x float64) bool { return p != nil && math.Abs(*p-x) < 1e-9 }
	seen := 0
	for _, s := range got.Stability {
		w, ok := want[s.Criterion]
		if s.ElementID != "protect-ip" || !ok {
			continue
		}
		seen++
		if s.FromRound != 1 || s.ToRound != 2 || s.NPaired != w.n || !near(s.Unchanged, w.unchanged) || !near(s.MeanAbsChange, w.meanAbs) ||
			!near(s.WilcoxonV, w.v) || !near(s.WilcoxonP, w.p) ||
			w.cvFrom != 0 && (!near(s.CVFrom, w.cvFrom) || !near(s.CVTo, w.cvTo)) {
			b, _ := json.Marshal(s)
			t.Errorf("stability of %s: %s\nwant %+v", s.Criterion, b, w)
		}
	}
	if seen != len(want) {
		t.Errorf("stats --json has %d stability rows for protect-ip, want %d:\n%s", seen, len(want), out)
	}
}

// shootElement saves a screenshot of one element when -shots is given.
func shootElement(t *testing.T, ctx context.Context, name, sel string) {
	t.Helper()
	if *shots == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*shots, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRoleSplitInChromium: with three experts of each role the split by
// role is shown behind a toggle that opens without script.
func TestRoleSplitInChromium(t *testing.T) {
	v := newEnv(t, sixExperts...)
	for i := 1; i < len(sixExperts); i++ {
		d := v.device()
		d.join(i)
		if st, body := d.rate(i, "protect-ip", "impact", 1, []string{"4", "2", "4", "3", "5", "3"}[i]); st != 204 {
			t.Fatalf("round 1: %d %s", st, body)
		}
	}
	ctx := browser(t, 390, 844)
	steps(t, ctx, chromedp.Navigate(v.srv.URL()), chromedp.WaitVisible(chromedp.ID("code")),
		chromedp.SendKeys(chromedp.ID("code"), v.code), chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".names")), chromedp.Click(`//button[strong[text()="Ana"]]`),
		chromedp.WaitVisible(chromedp.ID("c-protect-ip-impact")), chromedp.WaitVisible(`//p[@id="live" and contains(., "Live")]`),
		chromedp.Click(chromedp.CSS(`#c-protect-ip-impact button[value="4"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#c-protect-ip-impact button[value="4"][aria-pressed="true"]`)), settled())
	if err := v.e.OpenRound(v.ctx, session.Facilitator(), v.sess.ID, 2, []string{"protect-ip"}); err != nil {
		t.Fatal(err)
	}
	steps(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#c-protect-ip-impact .roles summary`)), settled())
	// round 1's "Saved" is not carried onto the round-2 form
	if saved, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#c-protect-ip-impact .saved`))); err != nil || saved != "" {
		t.Errorf("the round-2 form says %q (%v)", saved, err)
	}
	visible := func() bool {
		t.Helper()
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#c-protect-ip-impact .roles table").checkVisibility()`))
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if visible() {
		t.Error("the split is open before it is asked for")
	}
	steps(t, ctx, chromedp.Click(chromedp.CSS(`#c-protect-ip-impact .roles summary`)))
	if !visible() {
		t.Error("the split does not open")
	}
	roles, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#c-protect-ip-impact .roles table`)))
	if err != nil || !strings.Contains(roles, "Supplier") || !strings.Contains(roles, "User") || strings.Contains(roles, "Partners") {
		t.Errorf("the split reads (%v):\n%s", err, roles)
	}
	steps(t, ctx, chromedp.ScrollIntoView(chromedp.CSS(`#c-protect-ip-impact .roles`)))
	shoot(t, ctx, "round2-roles-390")
}
