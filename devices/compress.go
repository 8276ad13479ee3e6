package devices

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strings"
	"sync"
)

// minGzip is the smallest body worth compressing: below it gzip's header
// and the CPU cost outweigh the bytes saved.
const minGzip = 1 << 10

// gzippers reuse compressors: a page is compressed on every request.
var gzippers = sync.Pool{New: func() any {
	z, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return z
}}

// acceptsGzip reports whether the client said it takes gzip (every
// browser does); a client that did not gets the bytes as they are.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// writeBody writes a complete body with the status, compressed when the
// client takes gzip and it is worth it: a page with every element's
// feedback is text that compresses some five times, and a phone on a
// crowded room's Wi-Fi loads it that much sooner. pre is body already
// compressed (the embedded assets), or nil.
func writeBody(w http.ResponseWriter, r *http.Request, status int, body, pre []byte) {
	h := w.Header()
	h.Add("Vary", "Accept-Encoding")
	if len(body) < minGzip || !acceptsGzip(r) {
		w.WriteHeader(status)
		_, _ = w.Write(body)
		return
	}
	if pre == nil {
		var b bytes.Buffer
		z := gzippers.Get().(*gzip.Writer)
		z.Reset(&b)
		_, _ = z.Write(body)
		_ = z.Close()
		gzippers.Put(z)
		pre = b.Bytes()
	}
	h.Set("Content-Encoding", "gzip")
	w.WriteHeader(status)
	_, _ = w.Write(pre)
}

// gzipped compresses an embedded asset once, at start.
func gzipped(data []byte) []byte {
	var b bytes.Buffer
	z, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	_, _ = z.Write(data)
	_ = z.Close()
	return b.Bytes()
}
