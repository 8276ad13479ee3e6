package devices

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	qrcode "github.com/yeqown/go-qrcode/v2"
)

// quietZone is the margin of light modules a scanner needs around a QR
// code: four, as the standard says.
const quietZone = 4

// QR draws the QR code of text in the terminal, two modules a row with
// half blocks, quiet zone included: dark modules as block characters, so
// the shape survives without colour, on lines that the caller paints
// black on white (QRStyle) whatever the theme.
func QR(text string) ([]string, error) {
	// Alphanumeric mode (upper case) keeps an address of an IPv4 laptop
	// in a version 2 code, 25 modules: 17 rows with the quiet zone.
	enc := qrcode.EncModeByte
	if upper := strings.ToUpper(text); isAlphanumeric(upper) {
		text, enc = upper, qrcode.EncModeAlphanumeric
	}
	q, err := qrcode.NewWith(text, qrcode.WithEncodingMode(enc), qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionMedium))
	if err != nil {
		return nil, fmt.Errorf("qr code of %s: %w", text, err)
	}
	var m matrix
	if err := q.Save(&m); err != nil {
		return nil, fmt.Errorf("qr code of %s: %w", text, err)
	}
	n := len(m.bits) + 2*quietZone
	dark := func(x, y int) bool {
		x, y = x-quietZone, y-quietZone
		return y >= 0 && y < len(m.bits) && x >= 0 && x < len(m.bits[y]) && m.bits[y][x]
	}
	var lines []string
	for y := 0; y < n; y += 2 {
		var b strings.Builder
		for x := range n {
			top, bottom := dark(x, y), y+1 < n && dark(x, y+1)
			switch {
			case top && bottom:
				b.WriteRune('█')
			case top:
				b.WriteRune('▀')
			case bottom:
				b.WriteRune('▄')
			default:
				b.WriteRune(' ')
			}
		}
		lines = append(lines, b.String())
	}
	return lines, nil
}

// QRStyle paints a QR code's lines dark on light, whatever the theme: a
// light-on-dark code does not scan with every phone.
func QRStyle() lipgloss.Style {
	return lipgloss.NewStyle().Foreground(lipgloss.Color("#000000")).Background(lipgloss.Color("#ffffff"))
}

// matrix takes the modules of a code (qrcode.Writer).
type matrix struct{ bits [][]bool }

func (m *matrix) Write(mat qrcode.Matrix) error {
	m.bits = mat.Bitmap()
	return nil
}

func (m *matrix) Close() error { return nil }

// isAlphanumeric reports whether s uses only the QR alphanumeric set.
func isAlphanumeric(s string) bool {
	for _, r := range s {
		if !('0' <= r && r <= '9' || 'A' <= r && r <= 'Z' || strings.ContainsRune(" $%*+-./:", r)) {
			return false
		}
	}
	return true
}
