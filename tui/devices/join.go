package devices

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/trustshop/trustshop/session"
	"github.com/trustshop/trustshop/tui/common"
)

// JoinView is the join screen for a window of width x height: the address
// to open (an IP address: phones do not all resolve names), the join code
// and the QR code of the address, dark on light with its quiet zone. A
// window too short for the code shows the address and the code alone. The
// projector window draws the same.
func JoinView(s common.Styles, info session.ServeInfo, width, height int) string {
	text := []string{
		s.Title.Render("Rate from your phone or laptop"),
		"",
		s.Subtle.Render("Open"),
		s.Accent.Bold(true).Render(info.URL),
		"",
		s.Subtle.Render("Join code"),
		s.Accent.Bold(true).Render(SpacedCode(info.Code)),
		"",
		s.Faint.Render("Same Wi-Fi as this laptop."),
	}
	qr, err := QR(info.URL)
	qrW := 0
	if err == nil && len(qr) > 0 {
		qrW = lipgloss.Width(qr[0])
		text[len(text)-1] = s.Faint.Render("Or scan the code. Same Wi-Fi")
		text = append(text, s.Faint.Render("as this laptop."))
	}
	textW := 0
	for _, l := range text {
		textW = max(textW, lipgloss.Width(l))
	}
	var out string
	switch {
	case qrW > 0 && width >= qrW+3+textW && height >= len(qr):
		code := paint(qr)
		out = lipgloss.JoinHorizontal(lipgloss.Center, code, "   ", strings.Join(text, "\n"))
	case qrW > 0 && width >= max(qrW, textW) && height >= len(qr)+len(text)-3:
		// narrow but tall: the code over the address
		out = lipgloss.JoinVertical(lipgloss.Center, paint(qr), strings.Join(text[2:len(text)-2], "\n"))
	default:
		text = text[:len(text)-1]
		text[len(text)-1] = s.Faint.Render("A window of 80×24 shows the QR code.")
		if qrW == 0 {
			text[len(text)-1] = s.Faint.Render("Same Wi-Fi as this laptop.")
		}
		out = strings.Join(text, "\n")
	}
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, out)
}

// paint draws the code's lines black on white.
func paint(lines []string) string {
	st := QRStyle()
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = st.Render(l)
	}
	return strings.Join(out, "\n")
}

// SpacedCode is a join code as it is read out: "482 913".
func SpacedCode(code string) string {
	if len(code) == 6 {
		return code[:3] + " " + code[3:]
	}
	return code
}
