// trustshop on a participant's device: answers are sent without leaving
// the page, and the page follows the facilitator through server-sent
// events. Without this script every form still works, with a reload.
(function () {
  "use strict";
  var main = document.getElementById("main"), live = document.getElementById("live");
  var pending = false, typing = null;
  function say(text) { if (live) live.textContent = text; }
  function editing() {
    var a = document.activeElement;
    return a && a.tagName === "TEXTAREA" && a.value !== a.defaultValue;
  }
  // busy counts the requests in flight; while there are any the content is
  // marked aria-busy, which screen readers (and the tests) wait out.
  var busy = 0;
  function work(d) { busy += d; main.setAttribute("aria-busy", String(busy > 0)); }
  // cell names the answer a note is about: its form and round (a note of
  // round 1 is not about the round-2 form that replaces it).
  function cell(note) { var f = note.closest("form"); return f.id + "@" + (f.r ? f.r.value : ""); }
  // replace puts the server's content in place, keeping what the script
  // added to it: the "Saved" notes and the focused control.
  function replace(html) {
    var notes = {}, ss = main.querySelectorAll("form.crit .saved"), i, a = document.activeElement, focus = a && a.id;
    for (i = 0; i < ss.length; i++) { notes[cell(ss[i])] = [ss[i].textContent, ss[i].className]; }
    main.innerHTML = html;
    ss = main.querySelectorAll("form.crit .saved");
    for (i = 0; i < ss.length; i++) {
      var n = notes[cell(ss[i])];
      if (n) { ss[i].textContent = n[0]; ss[i].className = n[1]; }
    }
    if (focus && document.getElementById(focus)) { document.getElementById(focus).focus(); }
  }
  // refresh replaces the page's content with the server's when it changed,
  // unless a comment is being typed: then it waits until the comment is left.
  function refresh() {
    if (editing()) { pending = true; return; }
    pending = false;
    work(1);
    fetch("/?part=main", { headers: { "X-Requested-With": "trustshop" }, cache: "no-store" })
      .then(function (r) {
        if (r.status !== 200 || r.headers.get("X-Stage") !== main.dataset.stage) { location.reload(); return null; }
        var v = r.headers.get("X-Version");
        if (v && v === main.dataset.version) { return null; }
        return r.text().then(function (html) { return [html, v]; });
      })
      .then(function (got) {
        if (got === null) { return; }
        if (editing()) { pending = true; return; }
        replace(got[0]);
        main.dataset.version = got[1] || "";
      })
      .catch(function () { say("Not connected: reload the page when the Wi-Fi is back."); })
      .then(function () { work(-1); });
  }
  document.addEventListener("focusout", function (e) {
    if (pending && e.target.tagName === "TEXTAREA") { setTimeout(refresh, 0); }
  });
  function mark(form, v) {
    var bs = form.querySelectorAll("button[name=v]");
    for (var i = 0; i < bs.length; i++) {
      if (bs[i].value !== "clear") { bs[i].setAttribute("aria-pressed", String(bs[i].value === v)); }
    }
  }
  function note(form, text, bad) {
    var s = form.querySelector(".saved");
    if (s) { s.textContent = text; s.className = bad ? "saved bad" : "saved"; }
  }
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.className !== "crit") { return; }
    e.preventDefault();
    var data = new FormData(form), b = e.submitter;
    if (b && b.name) { data.append(b.name, b.value); }
    note(form, "Saving…");
    work(1);
    fetch("/rate", { method: "POST", body: new URLSearchParams(data), headers: { "X-Requested-With": "trustshop" } })
      .then(function (r) {
        if (r.status === 204) {
          var v = data.get("v");
          if (v !== null) { mark(form, v === "clear" ? "" : v); }
          var t = form.querySelector("textarea");
          if (t) { t.defaultValue = t.value; }
          note(form, "Saved ✓");
          if (v === "clear" || !form.querySelector("button[value=clear]")) { refresh(); }
          return;
        }
        return r.text().then(function (t) { note(form, t, true); setTimeout(refresh, 1500); });
      })
      .catch(function () { note(form, "Not saved: no connection. Try again.", true); })
      .then(function () { work(-1); });
  });
  if (!window.EventSource || main.dataset.stage !== "rate") { return; }
  var es = new EventSource("/events"), opened = false;
  es.onopen = function () { say("● Live"); if (opened) { refresh(); } opened = true; };
  es.onerror = function () { say("Reconnecting…"); };
  es.addEventListener("refresh", refresh);
  es.addEventListener("rating", function (e) {
    var d = JSON.parse(e.data), form = document.getElementById("c-" + d.e + "-" + d.c);
    if (!form || form.r.value !== String(d.r)) { return; }
    if ("v" in d) { mark(form, d.v === null ? "" : d.v); }
    if ("m" in d && form.m && document.activeElement !== form.m) { form.m.value = form.m.defaultValue = d.m; }
  });
})();
