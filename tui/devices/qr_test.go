package devices

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestQRScans draws the terminal's QR code as an image, a module a few
// pixels wide, and reads it back with zbarimg (Debian's zbar-tools): the
// code a phone sees on the facilitator's screen holds the join address.
func TestQRScans(t *testing.T) {
	bin, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Skip("no zbarimg (apt-get install zbar-tools): the QR code is not scanned")
	}
	for _, url := range []string{"http://192.168.1.20:8080", "http://10.0.0.254:65535", "http://[fe80::1]:8080"} {
		lines, err := QR(url)
		if err != nil {
			t.Fatal(err)
		}
		const px = 6
		w := utf8.RuneCountInString(lines[0])
		img := image.NewGray(image.Rect(0, 0, w*px, len(lines)*2*px))
		for y, l := range lines {
			for x, r := range []rune(l) {
				top, bottom := r == '█' || r == '▀', r == '█' || r == '▄'
				for dy := range 2 * px {
					dark := top && dy < px || bottom && dy >= px
					for dx := range px {
						c := color.Gray{Y: 255}
						if dark {
							c.Y = 0
						}
						img.SetGray(x*px+dx, y*2*px+dy, c)
					}
				}
			}
		}
		path := filepath.Join(t.TempDir(), "qr.png")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		f.Close()
		out, err := exec.Command(bin, "--quiet", "--raw", path).Output()
		if err != nil {
			t.Fatalf("zbarimg read nothing in the code of %s: %v", url, err)
		}
		if got := strings.TrimSpace(string(out)); !strings.EqualFold(got, url) {
			t.Errorf("the code of %s reads %q", url, got)
		}
	}
}

// TestQRFits: an IPv4 address's code with its quiet zone is 33 columns
// and 17 rows, which fits beside the address in 80x24.
func TestQRFits(t *testing.T) {
	lines, err := QR("http://192.168.178.100:65535")
	if err != nil {
		t.Fatal(err)
	}
	if w := utf8.RuneCountInString(lines[0]); w != 33 || len(lines) != 17 {
		t.Errorf("the code is %dx%d, want 33x17", w, len(lines))
	}
	for i, l := range lines[:2] {
		if strings.Trim(l, " ") != "" && i == 0 {
			t.Errorf("the quiet zone is missing: %q", l)
		}
	}
}
