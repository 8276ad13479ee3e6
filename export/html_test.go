package export_test

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestHTMLEscapesUserText(t *testing.T) {
	st, p, sess := fixture(t, hostile)
	out := render(t, st, p, sess.ID, "html")
	if strings.Contains(out, "<script") || strings.Contains(out, "<img") {
		t.Error("html holds a <script> or <img> element")
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;", // names, title
		"Ben &#34;the quote&#34; O&#39;Brien",   // quotes
		"=cmd|&#39; /C calc&#39;!A0",            // the formula, as text
		"&lt;img src=x onerror=alert(1)&gt;",    // the note
		"&#34;Q&#34; &amp; Co",                  // organisation
	} {
		if !strings.Contains(out, want) {
			t.Errorf("html lacks the escaped text %q", want)
		}
	}
	// Self-contained: nothing is loaded from anywhere.
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:|//)`).FindString(out); m != "" {
		t.Errorf("html loads %s", m)
	}
	if regexp.MustCompile(`(?i)@import|url\(`).MatchString(out) {
		t.Error("html CSS fetches something")
	}
	for _, want := range []string{`<meta name="viewport"`, "@media print", "<svg"} {
		if !strings.Contains(out, want) {
			t.Errorf("html lacks %s", want)
		}
	}
}

func TestMarkdownEscapesUserText(t *testing.T) {
	st, p, sess := fixture(t, hostile)
	out := render(t, st, p, sess.ID, "md")
	if m := regexp.MustCompile(`(^|[^\\])<(script|img|b>|i>)`).FindString(out); m != "" {
		t.Errorf("markdown passes raw HTML through: %q", m)
	}
	// Every table row has as many unescaped cell separators as its header.
	unescaped := regexp.MustCompile(`(^|[^\\])\|`)
	cols := 0
	for i, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = 0
			continue
		}
		n := len(unescaped.FindAllString(line, -1))
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("line %d has %d cells, its table %d: %s", i+1, n, cols, line)
		}
	}
	for _, want := range []string{`\<script\>alert(1)\</script\>`, `=cmd\|' /C calc'!A0`} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

// TestHTMLInChromium renders the html export in headless Chromium and
// checks that a real screenshot comes out, at a laptop and a phone width.
func TestHTMLInChromium(t *testing.T) {
	bin := "/usr/bin/chromium"
	if _, err := os.Stat(bin); err != nil {
		t.Skip("no /usr/bin/chromium (apt-get install chromium): the html export is not rendered")
	}
	if testing.Short() {
		t.Skip("-short: not starting Chromium")
	}
	st, p, sess := fixture(t, hostile)
	dir := t.TempDir()
	page := filepath.Join(dir, "summary.html")
	if err := os.WriteFile(page, []byte(render(t, st, p, sess.ID, "html")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, size := range []struct {
		name string
		w, h int
	}{{"laptop", 1280, 2000}, {"phone", 390, 2000}} {
		t.Run(size.name, func(t *testing.T) {
			shot := filepath.Join(dir, size.name+".png")
			cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
				"--user-data-dir="+t.TempDir(), "--screenshot="+shot,
				"--window-size="+strconv.Itoa(size.w)+","+strconv.Itoa(size.h), "file://"+page)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			done := make(chan error, 1)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("chromium: %v\n%s", err, stderr.String())
				}
			case <-time.After(60 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatal("chromium did not finish within 60s")
			}
			f, err := os.Open(shot)
			if err != nil {
				t.Fatalf("no screenshot: %v\n%s", err, stderr.String())
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != size.w || b.Dy() != size.h {
				t.Errorf("screenshot is %dx%d, want %dx%d", b.Dx(), b.Dy(), size.w, size.h)
			}
			// A blank page is one colour; the summary has text and charts.
			colours := map[uint32]bool{}
			b := img.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y += 7 {
				for x := b.Min.X; x < b.Max.X; x += 7 {
					r, g, bl, _ := img.At(x, y).RGBA()
					colours[r>>8<<16|g>>8<<8|bl>>8] = true
				}
			}
			if len(colours) < 20 {
				t.Errorf("screenshot has %d colours: the page looks empty", len(colours))
			}
		})
	}
}
