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
    stopSpeech();
    // Clear the screen first, so nothing of the person shows while the wipe travels.
    document.body.replaceChildren(form);
    form.submit();
  }

  function tick() {
    var box = idleBox();
    if (!box) { return; }
    // A person listening to the screen is using the kiosk, even without a touch. Only the
    // screen's reading counts: the warning's own reading must not hold off the wipe.
    if (speaking === "screen" && !warningShown()) { lastActivity = Date.now(); }
    var idle = seconds("data-idle-seconds", 180), warn = seconds("data-warn-seconds", 30);
    var left = idle - Math.floor((Date.now() - lastActivity) / 1000);
    if (left <= 0) { wipe(); return; }
    if (left <= warn) {
      if (box.hidden) {
        box.hidden = false;
        document.getElementById("still-here").focus();
        readWarning(box);
      }
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
    stopSpeech();
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" });
  });

  // ---- Read aloud: the browser's voice if it has one for this language, else the server's. ----
  var audio = null;
  var speaking = null;  // null, "screen" or "warning": what is being read aloud now

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

  function started(what, how) {
    speaking = what;
    document.body.setAttribute("data-reading", how);
  }
  function finished() {
    speaking = null;
    document.body.removeAttribute("data-reading");
  }

  function stopSpeech() {
    if (window.speechSynthesis) { window.speechSynthesis.cancel(); }
    if (audio) { audio.pause(); audio = null; }
    finished();
  }

  // Speak `text` in `lang`; `what` says what is read ("screen" or "warning"); onNoVoice runs
  // when neither the browser nor the server has a voice (or the server's fails).
  function speak(text, lang, what, serverVoice, onNoVoice) {
    stopSpeech();
    var voice = browserVoice(lang);
    if (voice) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice; utterance.lang = voice.lang; utterance.rate = 0.9;
      utterance.onstart = function () { started(what, "browser"); };
      utterance.onend = utterance.onerror = function () { if (speaking === what) { finished(); } };
      window.speechSynthesis.speak(utterance);
      return true;
    }
    if (!serverVoice) { onNoVoice(); return false; }
    var body = new FormData();
    body.append("lang", lang);
    body.append("text", text);
    var token = document.querySelector("input[name=csrf_token]");
    if (token) { body.append("csrf_token", token.value); }
    fetch("/tale", { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { if (!response.ok) { throw new Error("no voice"); } return response.blob(); })
      .then(function (blob) {
        var url = URL.createObjectURL(blob);
        var mine = new Audio(url);
        audio = mine;
        mine.addEventListener("play", function () { if (audio === mine) { started(what, "server"); } });
        mine.addEventListener("ended", function () {
          URL.revokeObjectURL(url);
          if (audio === mine) { audio = null; finished(); }
        });
        return mine.play();
      })
      .catch(onNoVoice);
    return true;
  }

  function readAloud(button) {
    function noVoice() {
      button.querySelector("span").textContent = button.getAttribute("data-no-voice");
      say(button.getAttribute("data-no-voice"));
    }
    // Until the sound starts, the press itself is the activity.
    if (speak(screenText(), button.getAttribute("data-lang"), "screen",
              button.getAttribute("data-server-voice") === "1", noVoice)) {
      say(button.getAttribute("data-reading"));
    }
  }

  // The warning is read aloud too: a person who cannot read it must still hear it.
  function readWarning(box) {
    var button = document.getElementById("read-aloud");
    if (!button) { return; }
    var text = box.innerText.replace(/\s+/g, " ").trim();
    speak(text, button.getAttribute("data-lang"), "warning",
          button.getAttribute("data-server-voice") === "1", function () { /* the warning stays on screen */ });
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

  // The waiting screen ("Vi sender det til printeren") asks the server again each second
  // until the print desk knows; without JavaScript a refresh in <noscript> does the same.
  function poll() {
    var wait = document.getElementById("print-wait");
    if (!wait) { return; }
    var url = wait.getAttribute("data-status-url");
    window.setTimeout(function () {
      var still = document.getElementById("print-wait");
      if (still && still.getAttribute("data-status-url") === url) { window.location.replace(url); }
    }, 1000);
  }
  document.addEventListener("DOMContentLoaded", poll);
  document.addEventListener("htmx:afterSettle", poll);
})();
