package devices

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net"
	"net/http"
	"sync"
	"time"
)

// A device is known by a random token in a cookie, set on its first visit
// and bound to a participant's name when it joins (the engine stores only
// its hash). Every form carries a CSRF token derived from it: a page of
// another site can make the browser send the cookie, but cannot read it
// to compute the form's token. http.CrossOriginProtection refuses
// cross-site posts before that, by the browser's Sec-Fetch-Site and
// Origin headers.

// cookieName is the device token's cookie.
const cookieName = "trustshop_device"

// tokenOf returns the device token of a request, "" if none.
func tokenOf(r *http.Request) string {
	c, err := r.Cookie(cookieName)
	if err != nil || len(c.Value) < 32 || len(c.Value) > 64 {
		return ""
	}
	return c.Value
}

// newToken is 32 random bytes, base64url.
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported systems
	return base64.RawURLEncoding.EncodeToString(b)
}

// setToken gives the device a token cookie, kept for a day: long enough for
// a workshop with breaks, a reload and a dropped Wi-Fi.
func setToken(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: token, Path: "/", MaxAge: 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// csrfToken is the token the forms of a device carry for session id.
func csrfToken(token, id string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("csrf:" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// checkCSRF reports whether a form's CSRF token belongs to the device.
func checkCSRF(r *http.Request, token, id string) bool {
	got := r.PostFormValue("csrf")
	return token != "" && got != "" && hmac.Equal([]byte(got), []byte(csrfToken(token, id)))
}

// limiter slows down guessing join codes: each client address gets
// perClient wrong codes a window, and all clients together allTogether
// (guessing from many addresses): a six-digit code then takes days to
// find, while a participant who mistypes tries again at once. Once the
// shared budget is spent, an address with no wrong code yet in the window
// still gets its tries, up to lateArrivals wrong codes in all: someone
// else's guessing (or a room of mistypes) does not lock out a participant
// who comes late, and guessing from many addresses stays bounded.
type limiter struct {
	mu     sync.Mutex
	now    func() time.Time
	start  time.Time
	all    int
	byAddr map[string]int
}

const (
	perClient    = 5
	allTogether  = 60
	lateArrivals = 4 * allTogether
	window       = time.Minute
)

func newLimiter(now func() time.Time) *limiter {
	return &limiter{now: now, start: now(), byAddr: map[string]int{}}
}

// roll starts a new window when the current one is over.
func (l *limiter) roll() {
	if now := l.now(); now.Sub(l.start) >= window {
		l.start, l.all, l.byAddr = now, 0, map[string]int{}
	}
}

// allow reports whether a client may try a code now.
func (l *limiter) allow(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.roll()
	mine := l.byAddr[addr]
	switch {
	case mine >= perClient:
		return false
	case l.all < allTogether:
		return true
	}
	return mine == 0 && l.all < lateArrivals
}

// fail counts a wrong code of a client.
func (l *limiter) fail(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.roll()
	l.byAddr[addr]++
	l.all++
}

// clientAddr is the client's IP address (no port: a browser opens many).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// hostIsIP refuses requests whose Host is a name rather than an address:
// the join address is an IP address, and a name would be another site's
// page rebinding its name to this laptop (DNS rebinding).
func hostIsIP(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	return net.ParseIP(host) != nil || host == "localhost"
}

// secure adds the headers every response carries: nothing but this
// server's own scripts and styles, no framing, no referrer, no caching of
// pages.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "+
			"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		if !hostIsIP(r) {
			http.Error(w, "open the address shown on the facilitator's screen", http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}
