package devices_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/trustshop/trustshop/session"
)

// shots keeps the screenshots for a person to look at (-shots DIR).
var shots = flag.String("shots", "", "write the Chromium screenshots into this folder")

// browser starts headless Chromium (Debian's chromium package) at a
// window width; the test skips without it.
func browser(t *testing.T, width, height int64) context.Context {
	t.Helper()
	bin := "/usr/bin/chromium"
	if _, err := os.Stat(bin); err != nil {
		t.Skip("no /usr/bin/chromium (apt-get install chromium): the page is not driven in a browser")
	}
	if testing.Short() {
		t.Skip("-short: not starting Chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(int(width), int(height)))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	vp := []chromedp.EmulateViewportOption{chromedp.EmulateScale(2)}
	if width < 600 {
		vp = append(vp, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height, vp...)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// shoot saves a full-page screenshot when -shots is given.
func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 1000 {
		t.Fatalf("screenshot %s is %d bytes", name, len(png))
	}
	if *shots != "" {
		if err := os.WriteFile(filepath.Join(*shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPhoneInChromium is a participant on a phone (390 px wide) in real
// headless Chromium: join with the code, pick a name, rate, see the value
// kept after a reload, nothing of the others' values before the reveal,
// the distribution after it.
func TestPhoneInChromium(t *testing.T) {
	v := newEnv(t)
	ctx := browser(t, 390, 844)
	other := v.device()
	other.join(1)
	other.rate(1, "protect-ip", "impact", 1, "2")
	other.rate(1, "protect-ip", "effort", 1, "5")

	run := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		steps(t, ctx, actions...)
	}
	text := func(sel chromedp.CSS) string { t.Helper(); return textOf(t, ctx, sel) }
	run(chromedp.Navigate(v.srv.URL()), chromedp.WaitVisible(chromedp.ID("code")))
	shoot(t, ctx, "phone-join")
	run(chromedp.SendKeys(chromedp.ID("code"), v.code[:3]+" "+v.code[3:]), chromedp.Click(chromedp.CSS("button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".names")))
	if text := text("main"); !strings.Contains(text, "Ana") || !strings.Contains(text, "signed in on another device") {
		t.Fatalf("the names page says:\n%s", text)
	}
	shoot(t, ctx, "phone-names")
	run(chromedp.Click(`//button[strong[text()="Ana"]]`), chromedp.WaitVisible(chromedp.ID("c-protect-ip-impact")))
	// the stream is connected once the page says so
	run(chromedp.WaitVisible(`//p[@id="live" and contains(., "Live")]`))
	run(chromedp.Click(chromedp.CSS(`#c-protect-ip-impact button[value="4"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#c-protect-ip-impact button[value="4"][aria-pressed="true"]`)), settled())
	shoot(t, ctx, "phone-rated")
	run(chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#c-protect-ip-impact button[value="4"][aria-pressed="true"]`)))
	if text := text("main"); strings.Contains(text, "Median") || strings.Contains(text, "group's answers") {
		t.Fatalf("the others' values are shown before the reveal:\n%s", text)
	}
	cells, err := v.e.Cells(v.ctx, session.Viewer{Kind: session.ViewResearcher}, v.sess.ID, session.CellQuery{Element: "protect-ip"})
	if err != nil {
		t.Fatal(err)
	}
	stored := 0
	for _, c := range cells {
		if c.Participant == "Ana" && c.Value != nil && *c.Value == 4 {
			stored++
		}
	}
	if stored != 1 {
		t.Fatalf("Ana's 4 is stored %d times: %+v", stored, cells)
	}
	// The facilitator reveals to the devices: the page follows by itself.
	if err := v.e.Reveal(v.ctx, session.Facilitator(), v.sess.ID, "protect-ip", 1, session.AudienceDevices); err != nil {
		t.Fatal(err)
	}
	run(chromedp.WaitVisible(chromedp.CSS(".results")))
	text2 := text("#c-protect-ip-impact")
	for _, want := range []string{"The group's answers", "Median 3", "2 rated", "Your answer: 4 · Strongly."} {
		if !strings.Contains(text2, want) {
			t.Errorf("after the reveal the page lacks %q:\n%s", want, text2)
		}
	}
	run(chromedp.ScrollIntoView(chromedp.CSS(".results")))
	shoot(t, ctx, "phone-results")
}

// TestLaptopInChromium is a participant on a laptop (1280 px) rating
// every element at their own pace.
func TestLaptopInChromium(t *testing.T) {
	v := newEnv(t)
	if err := v.e.SetDeviceRating(v.ctx, session.Facilitator(), v.sess.ID, session.DevicesAll); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t, 1280, 800)
	run := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		steps(t, ctx, actions...)
	}
	d := v.device()
	d.join(0)
	run(chromedp.Navigate(v.srv.URL()), chromedp.WaitVisible(chromedp.ID("code")),
		chromedp.SendKeys(chromedp.ID("code"), v.code), chromedp.Submit(chromedp.ID("code")),
		chromedp.WaitVisible(chromedp.CSS(".names")))
	run(chromedp.Click(`//button[strong[text()="Ben"]]`), chromedp.WaitVisible(chromedp.ID("c-explain-impact")))
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("form.crit").length`))
	if err != nil || n != 14 {
		t.Fatalf("%d rating forms, want 7 elements x 2 criteria", n)
	}
	run(chromedp.Click(chromedp.CSS(`#c-explain-impact button[value="5"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#c-explain-impact button[value="5"][aria-pressed="true"]`)), settled(),
		chromedp.SendKeys(chromedp.ID("m-c-explain-impact"), "Needs a <b>pilot</b> first"),
		chromedp.Click(chromedp.CSS(`#c-explain-impact button[value="comment"]`)),
		chromedp.WaitVisible(`//form[@id="c-explain-impact"]//span[contains(., "Saved")]`))
	cells, err := v.e.Cells(v.ctx, session.Viewer{Kind: session.ViewResearcher}, v.sess.ID, session.CellQuery{Element: "explain"})
	if err != nil || len(cells) != 1 || cells[0].Comment != "Needs a <b>pilot</b> first" || *cells[0].Value != 5 {
		t.Fatalf("stored %+v %v", cells, err)
	}
	run(chromedp.ScrollIntoView(chromedp.ID("e-explain")))
	shoot(t, ctx, "laptop-rating")
}

// textOf is the text of the element sel picks.
func textOf(t *testing.T, ctx context.Context, sel chromedp.CSS) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// settled waits until the page has no save or refresh in flight: the
// script marks its content aria-busy from the click that starts one.
func settled() chromedp.Action[chromedp.Void] {
	return chromedp.WaitReady(chromedp.CSS(`main[aria-busy="false"], main:not([aria-busy])`))
}

// steps runs the actions one by one, each within its own time limit, and
// on failure says which step it was and what the page showed: a hang in
// the browser is then a message naming the step, not a test deadline.
func steps(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	for i, a := range actions {
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		err := chromedp.Do(sctx, a)
		cancel()
		if err != nil {
			state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " " + document.readyState + "\n" + (document.body ? document.body.innerText.slice(0, 600) : "")`))
			t.Fatalf("step %d of %d: %v\npage: %s", i+1, len(actions), err, state)
		}
	}
}
