package devices

import (
	"bytes"
	"embed"
	"errors"
	"hash/fnv"
	"html/template"
	"net/http"
	"strconv"

	"github.com/trustshop/trustshop/session"
)

//go:embed web
var web embed.FS

// pageTmpl is parsed once: html/template escapes every value by its
// context, which keeps names, titles and comments inert.
var pageTmpl = template.Must(template.ParseFS(web, "web/page.html.tmpl"))

// maxForm bounds a form's body: a comment is at most 2000 characters.
const maxForm = 16 << 10

// Handler is the server's routes, behind the guards every request passes
// (security headers, an IP address as Host, no cross-site posts).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.getPage)
	mux.HandleFunc("GET /events", s.events)
	mux.HandleFunc("POST /join", s.postJoin)
	mux.HandleFunc("POST /claim", s.postClaim)
	mux.HandleFunc("POST /rate", s.postRate)
	mux.HandleFunc("POST /leave", s.postLeave)
	mux.HandleFunc("GET /style.css", asset("web/style.css", "text/css; charset=utf-8"))
	mux.HandleFunc("GET /app.js", asset("web/app.js", "text/javascript; charset=utf-8"))
	return secure(http.NewCrossOriginProtection().Handler(mux))
}

func asset(name, ctype string) http.HandlerFunc {
	data, err := web.ReadFile(name)
	if err != nil {
		panic(err) // embedded at build time: a missing file is a broken build
	}
	small := gzipped(data)
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-cache")
		writeBody(w, r, http.StatusOK, data, small)
	}
}

// device returns the request's device token, giving the device one if it
// has none yet.
func device(w http.ResponseWriter, r *http.Request) string {
	t := tokenOf(r)
	if t == "" {
		t = newToken()
		setToken(w, t)
	}
	return t
}

// getPage shows the page of the stage the device is at: the join code,
// or its participant's rating page. ?part=main is the page's content
// alone, for the script that follows the facilitator.
func (s *Server) getPage(w http.ResponseWriter, r *http.Request) {
	token := device(w, r)
	pg := page{Stage: "join", CSRF: csrfToken(token, s.id)}
	if me, err := s.eng.DeviceParticipant(r.Context(), s.id, token); err == nil {
		if pg, err = s.ratePage(r.Context(), me); err != nil {
			http.Error(w, "The page could not be read. Try again in a moment.", http.StatusInternalServerError)
			return
		}
		pg.CSRF = csrfToken(token, s.id)
	}
	s.render(w, r, http.StatusOK, pg)
}

// render writes a page, or its content alone for the script. The content
// carries a version (a hash of it), so a page that already shows it is
// left as it is: a refresh that changes nothing keeps the participant's
// focus and the "Saved" notes.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, pg page) {
	var b bytes.Buffer
	if err := pageTmpl.ExecuteTemplate(&b, "main", pg); err != nil {
		http.Error(w, "The page could not be drawn.", http.StatusInternalServerError)
		return
	}
	sum := fnv.New64a()
	sum.Write(b.Bytes())
	pg.Version = strconv.FormatUint(sum.Sum64(), 36)
	if r.Method != http.MethodGet || r.URL.Query().Get("part") != "main" {
		pg.Main = template.HTML(b.String()) // drawn by the template above, escaped there
		b.Reset()
		if err := pageTmpl.ExecuteTemplate(&b, "page", pg); err != nil {
			http.Error(w, "The page could not be drawn.", http.StatusInternalServerError)
			return
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Stage", pg.Stage)
	h.Set("X-Version", pg.Version)
	writeBody(w, r, status, b.Bytes(), nil)
}

// form parses a posted form and checks its CSRF token; it answers the
// request itself when either fails.
func (s *Server) form(w http.ResponseWriter, r *http.Request) (token string, ok bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "That form could not be read.", http.StatusBadRequest)
		return "", false
	}
	token = tokenOf(r)
	if !checkCSRF(r, token, s.id) {
		http.Error(w, "This page is out of date or cookies are off: reload the page and try again.", http.StatusForbidden)
		return "", false
	}
	return token, true
}

// postJoin checks the join code and shows the participants' names.
func (s *Server) postJoin(w http.ResponseWriter, r *http.Request) {
	token, ok := s.form(w, r)
	if !ok {
		return
	}
	code := r.PostFormValue("code")
	pg := page{Stage: "join", CSRF: csrfToken(token, s.id)}
	if status, msg := s.checkCode(r, code); status != 0 {
		pg.Error = msg
		s.render(w, r, status, pg)
		return
	}
	if err := s.namesPage(r, &pg, code); err != nil {
		http.Error(w, "The names could not be read. Try again in a moment.", http.StatusInternalServerError)
		return
	}
	s.render(w, r, http.StatusOK, pg)
}

// checkCode asks the engine whether the code lets a device in, counting
// wrong codes against the client and all clients (guessing is slowed).
func (s *Server) checkCode(r *http.Request, code string) (status int, msg string) {
	addr := clientAddr(r)
	if !s.guard.allow(addr) {
		return http.StatusTooManyRequests, "Too many wrong codes: wait a minute, then type the code on the facilitator's screen."
	}
	err := s.eng.CheckJoinCode(r.Context(), s.id, code)
	switch {
	case err == nil:
		return 0, ""
	case errors.Is(err, session.ErrBadJoinCode):
		s.guard.fail(addr)
		return http.StatusForbidden, errText(err)
	case errors.Is(err, session.ErrNotServing):
		return http.StatusForbidden, errText(err)
	}
	return http.StatusInternalServerError, "The code could not be checked. Try again in a moment."
}

// namesPage lists the participants to pick from, claimed ones disabled.
func (s *Server) namesPage(r *http.Request, pg *page, code string) error {
	sess, err := s.eng.Session(r.Context(), s.id)
	if err != nil {
		return err
	}
	devs, err := s.eng.Devices(r.Context(), s.id)
	if err != nil {
		return err
	}
	claimed := map[string]bool{}
	for _, d := range devs {
		claimed[d.Participant.UUID] = true
	}
	pg.Stage, pg.Title, pg.Code = "names", sess.Title, session.NormaliseJoinCode(code)
	for _, p := range sess.Participants {
		pg.Names = append(pg.Names, nameView{UUID: p.UUID, Name: p.Name, Org: p.Organisation, Claimed: claimed[p.UUID]})
	}
	return nil
}

// postClaim signs the device in as the participant picked.
func (s *Server) postClaim(w http.ResponseWriter, r *http.Request) {
	token, ok := s.form(w, r)
	if !ok {
		return
	}
	code := r.PostFormValue("code")
	pg := page{Stage: "join", CSRF: csrfToken(token, s.id)}
	if status, msg := s.checkCode(r, code); status != 0 {
		pg.Error = msg
		s.render(w, r, status, pg)
		return
	}
	_, err := s.eng.ClaimDevice(r.Context(), session.ParticipantActor(r.PostFormValue("p")), s.id, code, token)
	if err != nil {
		if nerr := s.namesPage(r, &pg, code); nerr != nil {
			http.Error(w, "The names could not be read. Try again in a moment.", http.StatusInternalServerError)
			return
		}
		pg.Error = errText(err)
		if errors.Is(err, session.ErrNotFound) {
			pg.Error = "Pick your name from the list."
		}
		s.render(w, r, http.StatusConflict, pg)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// postLeave signs the device out: a wrong name picked.
func (s *Server) postLeave(w http.ResponseWriter, r *http.Request) {
	token, ok := s.form(w, r)
	if !ok {
		return
	}
	if me, err := s.eng.DeviceParticipant(r.Context(), s.id, token); err == nil {
		if err := s.eng.ReleaseDevice(r.Context(), session.ParticipantActor(me.UUID), s.id, me.UUID); err != nil {
			http.Error(w, errText(err), http.StatusInternalServerError)
			return
		}
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// postRate records an answer, an abstention, a cleared answer or a
// comment through the engine, as the participant the device is signed in
// as; the engine refuses another's cell, a closed round, an element not
// open to devices. A script gets 204 or the refusal's sentence; a plain
// form the page again.
func (s *Server) postRate(w http.ResponseWriter, r *http.Request) {
	token, ok := s.form(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	me, err := s.eng.DeviceParticipant(ctx, s.id, token)
	if err != nil {
		s.refuse(w, r, http.StatusForbidden, "This device is not signed in: reload the page and join again.")
		return
	}
	f := r.PostForm
	if f.Get("s") != s.id {
		s.refuse(w, r, http.StatusNotFound, "This page belongs to another session: reload it.")
		return
	}
	k, status, msg := s.cellOf(r, me)
	if status != 0 {
		s.refuse(w, r, status, msg)
		return
	}
	actor := session.ParticipantActor(me.UUID)
	comment := f.Get("m")
	switch v := f.Get("v"); {
	case v == "" && f.Get("op") == "comment":
		err = s.eng.CommentRating(ctx, actor, k, comment)
	case v == "clear":
		err = s.eng.ClearRating(ctx, actor, k, "")
	case v == "abstain":
		err = s.eng.RecordRating(ctx, actor, session.RatingInput{RatingKey: k, Abstain: true, Comment: &comment})
	default:
		n, perr := strconv.Atoi(v)
		if perr != nil {
			s.refuse(w, r, http.StatusBadRequest, "Pick one of the answers.")
			return
		}
		err = s.eng.RecordRating(ctx, actor, session.RatingInput{RatingKey: k, Value: &n, Comment: &comment})
	}
	if err != nil {
		s.refuse(w, r, statusOf(err), errText(err))
		return
	}
	if r.Header.Get("X-Requested-With") == "trustshop" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, "/#c-"+k.ElementID+"-"+k.CriterionID, http.StatusSeeOther)
}

// cellOf reads the cell a rating form names. The participant is the one
// the form names (the page's own), which the engine refuses unless it is
// the device's.
func (s *Server) cellOf(r *http.Request, me session.Participant) (session.RatingKey, int, string) {
	f := r.PostForm
	round, err := strconv.Atoi(f.Get("r"))
	if err != nil {
		return session.RatingKey{}, http.StatusBadRequest, "That form could not be read: reload the page."
	}
	k := session.RatingKey{SessionID: s.id, ParticipantID: me.ID, ElementID: f.Get("e"), CriterionID: f.Get("c"), Round: round}
	_, okE := s.pack.Element(k.ElementID)
	_, okC := s.pack.Criterion(k.CriterionID)
	if !okE || !okC { // not the engine's sentence: it would repeat what was posted
		return k, http.StatusBadRequest, "That form could not be read: reload the page."
	}
	if uuid := f.Get("p"); uuid != "" && uuid != me.UUID {
		sess, err := s.eng.Session(r.Context(), s.id)
		if err != nil {
			return k, http.StatusInternalServerError, "That was not saved. Try again in a moment."
		}
		other, ok := sess.ParticipantByUUID(uuid)
		if !ok {
			return k, http.StatusForbidden, "A participant can rate only for themselves."
		}
		k.ParticipantID = other.ID
	}
	return k, 0, ""
}

// refuse answers a refused change: the sentence for a script, the page
// with the sentence for a plain form.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if r.Header.Get("X-Requested-With") == "trustshop" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(msg))
		return
	}
	token := tokenOf(r)
	pg := page{Stage: "join", CSRF: csrfToken(token, s.id)}
	if me, err := s.eng.DeviceParticipant(r.Context(), s.id, token); err == nil {
		if p, err := s.ratePage(r.Context(), me); err == nil {
			pg = p
			pg.CSRF = csrfToken(token, s.id)
		}
	}
	pg.Error = msg
	s.render(w, r, status, pg)
}

// statusOf is the HTTP status of an engine's refusal.
func statusOf(err error) int {
	switch {
	case errors.Is(err, session.ErrNotYours):
		return http.StatusForbidden
	case errors.Is(err, session.ErrInvalid), errors.Is(err, session.ErrNotFound):
		return http.StatusBadRequest
	case errors.Is(err, session.ErrRoundClosed), errors.Is(err, session.ErrRoundNotOpen), errors.Is(err, session.ErrDevicesClosed):
		return http.StatusConflict
	}
	var re *session.RuleError
	if errors.As(err, &re) {
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}
