/*
 * deck.js — what the talk adds to pandoc's dzslides, included at the end of the
 * body by scripts/slides:
 *   - a speaker view: key "s" opens a second window with the current slide's notes
 *     (the ::: notes divs, which dzslides keeps hidden), the next slide's title and
 *     the time since it opened; the arrow keys there move the deck.  dzslides' own
 *     speaker view ("onstage") is a separate page pandoc does not ship.
 *   - talk.html?notes: every slide printed above its notes (the notes PDF).
 *   - talk.html?check: every slide measured; what runs off the 800 × 600 slide or
 *     is cut inside its box is written into <pre id="overflow-report">, one line
 *     "overflow: …" per finding, which scripts/slides reads (chromium --dump-dom) to
 *     fail the build.
 */
(function () {
  var params = window.location.search;
  var slides = Array.prototype.slice.call(document.querySelectorAll("body > section"));
  var titleOf = function (s) { var h = s && s.querySelector("h1"); return h ? h.textContent : ""; };

  if (/[?&]notes\b/.test(params)) document.documentElement.classList.add("print-notes");

  // ---- the overflow check ----
  function check() {
    var found = [];
    slides.forEach(function (s, i) {
      var box = s.getBoundingClientRect(), scale = box.width / 800;
      var name = "slide " + (i + 1) + " \"" + titleOf(s) + "\"";
      s.querySelectorAll("*").forEach(function (el) {
        if (el.closest("[role='note']")) return;
        var r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return;
        var what = el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "");
        var below = (r.bottom - box.top) / scale - 600, right = (r.right - box.left) / scale - 800;
        if (below > 0.5) found.push(name + ": " + what + " runs " + Math.ceil(below) + " px off the bottom");
        else if (right > 0.5) found.push(name + ": " + what + " runs " + Math.ceil(right) + " px off the right");
        // a box that hides its overflow: its content is cut although the box fits
        if (/^(pre|code|div)$/.test(el.tagName.toLowerCase()) && getComputedStyle(el).overflow === "hidden" &&
            (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
          found.push(name + ": " + what + " cuts its content (" + el.scrollWidth + " × " + el.scrollHeight +
                     " px in " + el.clientWidth + " × " + el.clientHeight + ")");
      });
    });
    var report = document.createElement("pre");
    report.id = "overflow-report";
    report.setAttribute("data-slides", slides.length);
    report.textContent = found.filter(function (f, i) { return found.indexOf(f) === i; })
      .map(function (f) { return "overflow: " + f + "\n"; }).join("");
    document.body.appendChild(report);
  }
  // after dzslides has shown the body (its onload runs after this listener)
  if (/[?&]check\b/.test(params)) window.addEventListener("load", function () { setTimeout(check, 0); });

  // ---- the speaker view ----
  var speaker = null, opened = Date.now();
  function showNotes() {
    if (!speaker || speaker.closed || typeof Dz === "undefined") return;
    var i = Dz.idx, s = slides[i - 1], note = s && s.querySelector("[role='note']");
    var min = Math.floor((Date.now() - opened) / 60000);
    speaker.document.body.innerHTML =
      "<p class='where'>" + i + " / " + slides.length + " · " + min + " min</p>" +
      "<h1>" + titleOf(s) + "</h1>" +
      "<div class='notes'>" + (note ? note.innerHTML : "<p>(no notes)</p>") + "</div>" +
      "<p class='next'>next: " + (i < slides.length ? titleOf(slides[i]) : "the end") + "</p>";
  }
  function openSpeaker() {
    speaker = window.open("", "speaker-notes", "width=700,height=600");
    if (!speaker) return;
    speaker.document.title = "notes: " + document.title;
    var style = speaker.document.createElement("style");
    style.textContent = "body { font: 22px/1.4 'DejaVu Sans', sans-serif; margin: 20px; color: #1d2330 }" +
      "h1 { font-size: 26px; color: #16365c } .where, .next { color: #667; font-size: 18px }";
    speaker.document.head.appendChild(style);
    speaker.document.addEventListener("keydown", function (e) { Dz.onkeydown(e); });
    showNotes();
  }
  // after dzslides has moved (its onhashchange, set at load, runs after this listener)
  window.addEventListener("hashchange", function () { setTimeout(showNotes, 0); });
  setInterval(showNotes, 30000);  // the minutes
  document.addEventListener("keydown", function (e) {
    if (e.keyCode === 83 && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) openSpeaker();  // s
  });
})();
