package export_test

import (
	"bytes"
	"context"
	"html"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/trustshop/trustshop/content"
	"github.com/trustshop/trustshop/export"
	"github.com/trustshop/trustshop/session"
)

// scalesManifest is a pack with a 1..5, a 1..4 and a 0..10 criterion (the
// last labelled at its anchors only) and the matrix on the first two.
const scalesManifest = `id: scales
title: Three scales
version: 0.1.0
matrix: {x: effort, y: impact}
criteria:
  - id: impact
    label: Impact
    question: How much would it raise trust?
    min: 1
    max: 5
    points: {1: Hardly, 2: A little, 3: Noticeably, 4: Strongly, 5: Decisively}
  - id: effort
    label: Effort
    question: How much work is it?
    better: lower
    min: 1
    max: 4
    points: {1: Little, 2: Some, 3: Much, 4: Very much}
  - id: trust
    label: Trust
    question: How far would you trust it?
    min: 0
    max: 10
    points: {0: Not at all, 5: Halfway, 10: Fully}
agenda:
  - kind: intro
    minutes: 2
  - kind: element
    ref: explain
    minutes: 5
  - kind: element
    ref: document
    minutes: 5
  - kind: summary
    minutes: 5
`

// scalesReport exports a session of seven experts on the three scales as
// html.
func scalesReport(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	files := fstest.MapFS{}
	minimal := os.DirFS("../testdata/packs/minimal")
	fs.WalkDir(minimal, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(minimal, p)
			files[p] = &fstest.MapFile{Data: b}
		}
		return nil
	})
	files["pack.yaml"] = &fstest.MapFile{Data: []byte(scalesManifest)}
	p, err := content.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	e, err := session.OpenEngine(ctx, filepath.Join(t.TempDir(), "t.db"), session.Options{}, session.EngineOptions{Pack: p})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	in := session.NewSession{Title: "Scales", Facilitator: "Dana", Date: "2026-11-25"}
	for i := range 7 {
		in.Participants = append(in.Participants, session.Participant{Name: "Expert " + strconv.Itoa(i+1), Role: p.Personas[i%2].ID})
	}
	sess, err := e.CreateSession(ctx, session.Facilitator(), p, in)
	if err != nil {
		t.Fatal(err)
	}
	for pi, pt := range sess.Participants {
		for ei, el := range p.Elements {
			for _, c := range p.Criteria {
				v := c.Min + (pi*3+ei)%(c.Max-c.Min+1)
				k := session.RatingKey{SessionID: sess.ID, ParticipantID: pt.ID, ElementID: el.ID, CriterionID: c.ID, Round: 1}
				if err := e.RecordRating(ctx, session.Facilitator(), session.RatingInput{RatingKey: k, Value: &v}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	sum, err := export.Load(ctx, e, sess.ID, export.LoadOptions{Stats: true, Notes: true, History: true})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := export.HTML(&b, sum); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestHTMLBarsScaleWithThePoints: a chart is as wide as its scale needs,
// never stretched, at most a phone's column: the bars of the 0..10 scale
// are narrower than those of 1..5, and every label is 11 px in the page.
func TestHTMLBarsScaleWithThePoints(t *testing.T) {
	page := scalesReport(t)
	widths := map[int]bool{}
	for _, part := range strings.Split(page, `<svg class="bars" width="`)[1:] {
		w, _ := strconv.Atoi(part[:strings.IndexByte(part, '"')])
		widths[w] = true
		if w > 250 {
			t.Errorf("a chart is %d wide", w)
		}
	}
	if len(widths) != 3 { // 5, 4 and 11 points
		t.Errorf("chart widths %v, want one per scale", widths)
	}
	if !strings.Contains(page, "svg.bars { max-width: 100%;") || strings.Contains(page, "svg.bars { width: 100%") {
		t.Error("the charts are stretched to their column")
	}
	if !strings.Contains(page, "the lowest for Effort, where lower is better") {
		t.Error("the ranking does not say Effort ranks the lowest first")
	}
}

// measure is a script, added to a copy of the page for the test only, that
// writes the size each chart label is drawn at (its font size times the
// chart's scale) and whether the page is wider than the window.
const measure = `<script>
const out = [];
for (const svg of document.querySelectorAll("svg")) {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  for (const t of svg.querySelectorAll("text")) {
    out.push((svg.getAttribute("class") || "matrix") + "\t" + t.textContent + "\t" +
      (parseFloat(getComputedStyle(t).fontSize) * scale).toFixed(2));
  }
}
out.push("overflow\t" + (document.documentElement.scrollWidth - window.innerWidth));
out.push("width\t" + window.innerWidth);
const pre = parent.document.createElement("pre");
pre.id = "measure";
pre.textContent = out.join("\n");
parent.document.body.appendChild(pre);
</script>`

// framed puts a page in a frame w px wide, as a window that wide shows it:
// headless Chromium lays a window out at least 500 px wide, so a phone's
// 390 px only exist in a frame (srcdoc: the frame's script may write into
// the page around it).
func framed(page string, w int) string {
	return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">` +
		`<iframe style="border:0;width:` + strconv.Itoa(w) + `px;height:20000px" srcdoc="` + html.EscapeString(page) + `"></iframe></body></html>`
}

// TestHTMLChartLabelsReadable renders the report in headless Chromium at
// a laptop's and a phone's width: every label of every chart is drawn at
// 11 px or more, and nothing makes the page wider than the window. With
// TRUSTSHOP_SCREENSHOTS=DIR it leaves the screenshots there to look at.
func TestHTMLChartLabelsReadable(t *testing.T) {
	bin := "/usr/bin/chromium"
	if _, err := os.Stat(bin); err != nil {
		t.Skip("no /usr/bin/chromium (apt-get install chromium): the html export is not rendered")
	}
	if testing.Short() {
		t.Skip("-short: not starting Chromium")
	}
	page := scalesReport(t)
	dir := t.TempDir()
	for _, w := range []int{1280, 390} {
		t.Run(strconv.Itoa(w), func(t *testing.T) {
			measured := filepath.Join(dir, "measured-"+strconv.Itoa(w)+".html")
			os.WriteFile(measured, []byte(framed(strings.Replace(page, "</body>", measure+"\n</body>", 1), w)), 0o644)
			dom := chromium(t, bin, w, "--dump-dom", "file://"+measured)
			_, rest, ok := strings.Cut(dom, `<pre id="measure">`)
			if !ok {
				t.Fatalf("no measurements:\n%s", dom)
			}
			rest, _, _ = strings.Cut(rest, "</pre>")
			labels, smallest := 0, 1e9
			for _, line := range strings.Split(rest, "\n") {
				f := strings.Split(line, "\t")
				switch f[0] {
				case "overflow":
					if n, _ := strconv.Atoi(f[1]); n > 0 {
						t.Errorf("the page is %d px wider than the window", n)
					}
					continue
				case "width":
					if n, _ := strconv.Atoi(f[1]); n != w {
						t.Fatalf("laid out %d px wide, want %d", n, w)
					}
					continue
				}
				px, _ := strconv.ParseFloat(f[2], 64)
				labels++
				smallest = min(smallest, px)
				if px < 10.95 {
					t.Errorf("%s label %q is %.2f px", f[0], f[1], px)
				}
			}
			if labels < 50 {
				t.Errorf("only %d labels measured", labels)
			}
			t.Logf("%d labels, the smallest %.2f px", labels, smallest)
			if keep := os.Getenv("TRUSTSHOP_SCREENSHOTS"); keep != "" {
				plain := filepath.Join(dir, "report-"+strconv.Itoa(w)+".html")
				os.WriteFile(plain, []byte(framed(page, w)), 0o644)
				chromium(t, bin, w, "--screenshot="+filepath.Join(keep, "report-"+strconv.Itoa(w)+".png"), "file://"+plain)
			}
		})
	}
}

// chromium runs headless Chromium on a window w px wide and returns what
// it printed.
func chromium(t *testing.T, bin string, w int, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(), "--window-size=" + strconv.Itoa(w) + ",4000"}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("chromium: %v\n%s", err, stderr.String())
		}
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatal("chromium did not finish within 60s")
	}
	return stdout.String()
}
