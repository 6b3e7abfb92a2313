// Progressive enhancement only: every screen works without this file.
// Nothing is ever written to browser storage here.
(function () {
  "use strict";

  // ---- Error pages reach the screen. ----
  // htmx 2 swaps only 2xx and 3xx answers by default, so with JavaScript on a 4xx changed
  // nothing: the staff lock-out (429) never showed and the old "Forkert PIN" stayed, and "too
  // much text" (413) did nothing. Every answer the kiosk sends is a whole, kind page, so show it,
  // as a browser without JavaScript does: 400 screen open too long, 404 no such page, 405, 413 too
  // much text (with a way back), 429 staff locked out, 500 something went wrong.
  // 204 ("Jeg er her stadig") has no page and changes nothing.
  if (window.htmx) {
    window.htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[2345]..", swap: true }
    ];
  }

  // ---- Idle: warn, then wipe. The server's store also expires on its own. ----
  var lastActivity = Date.now();
  var ACTIVITY = ["pointerdown", "keydown", "touchstart", "input", "wheel"];

  function idleBox() { return document.getElementById("idle"); }
  function seconds(name, fallback) {
    var box = idleBox();
    var value = box ? parseInt(box.getAttribute(name), 10) : NaN;
    return isNaN(value) ? fallback : value;
  }
  function warningShown() { var box = idleBox(); return box && !box.hidden; }

  ACTIVITY.forEach(function (type) {
    document.addEventListener(type, function () { if (!warningShown()) { lastActivity = Date.now(); } }, true);
  });

  function wipe() {
    var token = document.querySelector("input[name=csrf_token]");
    var form = document.createElement("form");
    form.method = "post";
    form.action = "/faerdig";
    if (token) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = "csrf_token"; input.value = token.value;
      form.appendChild(input);
    }
    // Clear the screen first, so nothing of the person shows while the wipe travels.
    document.body.replaceChildren(form);
    form.submit();
  }

  function tick() {
    var box = idleBox();
    if (!box) { return; }
    var idle = seconds("data-idle-seconds", 180), warn = seconds("data-warn-seconds", 30);
    var left = idle - Math.floor((Date.now() - lastActivity) / 1000);
    if (left <= 0) { wipe(); return; }
    if (left <= warn) {
      if (box.hidden) { box.hidden = false; document.getElementById("still-here").focus(); }
      document.getElementById("idle-count").textContent = String(left);
    }
  }
  setInterval(tick, 1000);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id !== "still-here-form") { return; }
    event.preventDefault();
    lastActivity = Date.now();
    idleBox().hidden = true;
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" });
  });

  // ---- Read aloud: the browser's voice if it has one for this language, else the server's. ----
  var audio = null;

  function browserVoice(lang) {
    if (!window.speechSynthesis) { return null; }
    var voices = window.speechSynthesis.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf(lang) === 0) { return voices[i]; }
    }
    return null;
  }

  function screenText() {
    // Words, never addresses: a copy without [data-no-speech] parts (source URLs), and any
    // leftover web address dropped. innerText of the copy still skips closed disclosures.
    var main = document.getElementById("main");
    if (!main) { return ""; }
    var copy = main.cloneNode(true);
    copy.querySelectorAll("[data-no-speech]").forEach(function (el) { el.remove(); });
    copy.removeAttribute("id");
    copy.setAttribute("aria-hidden", "true");
    main.parentNode.appendChild(copy);
    copy.style.position = "absolute";
    copy.style.left = "-10000px";
    var text = copy.innerText;
    copy.remove();
    return text.replace(/https?:\/\/\S+/g, "").replace(/\s+\n/g, "\n").trim();
  }

  function say(message) { document.getElementById("read-status").textContent = message; }

  function readAloud(button) {
    var lang = button.getAttribute("data-lang");
    var text = screenText();
    if (window.speechSynthesis) { window.speechSynthesis.cancel(); }
    if (audio) { audio.pause(); audio = null; }
    var voice = browserVoice(lang);
    if (voice) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice; utterance.lang = voice.lang; utterance.rate = 0.9;
      utterance.onstart = function () { document.body.setAttribute("data-reading", "browser"); };
      window.speechSynthesis.speak(utterance);
      say(button.getAttribute("data-reading"));
      return;
    }
    if (button.getAttribute("data-server-voice") !== "1") {
      button.querySelector("span").textContent = button.getAttribute("data-no-voice");
      say(button.getAttribute("data-no-voice"));
      return;
    }
    var body = new FormData();
    body.append("lang", lang);
    body.append("text", text);
    var token = document.querySelector("input[name=csrf_token]");
    if (token) { body.append("csrf_token", token.value); }
    say(button.getAttribute("data-reading"));
    fetch("/tale", { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { if (!response.ok) { throw new Error("no voice"); } return response.blob(); })
      .then(function (blob) {
        var url = URL.createObjectURL(blob);
        audio = new Audio(url);
        audio.addEventListener("play", function () { document.body.setAttribute("data-reading", "server"); });
        audio.addEventListener("ended", function () { URL.revokeObjectURL(url); });
        return audio.play();
      })
      .catch(function () {
        button.querySelector("span").textContent = button.getAttribute("data-no-voice");
        say(button.getAttribute("data-no-voice"));
      });
  }

  // htmx notes the current path in sessionStorage even with history snapshots off. It is
  // only a path, but the kiosk promises an empty browser, so drop it whenever htmx writes it.
  function forgetPath() {
    try { window.sessionStorage.removeItem("htmx-current-path-for-history"); } catch (e) { /* storage off */ }
  }
  forgetPath();
  ["htmx:pushedIntoHistory", "htmx:replacedInHistory", "htmx:afterSettle"].forEach(function (type) {
    document.addEventListener(type, forgetPath);
  });

  function showReadAloud() {
    var button = document.getElementById("read-aloud");
    if (button) { button.hidden = false; }
  }
  document.addEventListener("DOMContentLoaded", showReadAloud);
  document.addEventListener("htmx:afterSettle", showReadAloud);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#read-aloud");
    if (button) { readAloud(button); }
  });
})();

// The no-printer page: a big button that prints the PDF shown in the frame.
(function () {
  "use strict";
  function wire() {
    // One button per frame: a letter and its action sheet can be shown together.
    document.querySelectorAll("button[data-frame]").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () {
        var frame = document.getElementById(button.getAttribute("data-frame"));
        if (frame && frame.contentWindow) { frame.contentWindow.focus(); frame.contentWindow.print(); }
      };
    });
  }
  document.addEventListener("DOMContentLoaded", wire);
  document.addEventListener("htmx:afterSettle", wire);
})();
