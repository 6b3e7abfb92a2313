/* The on-screen keyboard: big keys for every text field, Danish (æ ø å) first and the person's
   own alphabet one tap away. A touchscreen PC at a centre often has no keyboard.

   It keeps nothing. It types straight into the field; simple-keyboard's own copy of the input is
   cleared after every key, and the keyboard is destroyed whenever the page changes. No history,
   no suggestions. The library is loaded only when a text field is first tapped, so the start
   screen does not carry its weight. Without JavaScript the fields work with a physical keyboard. */
(function () {
  "use strict";

  var FIELDS = "textarea, input[type=text], input[type=password], input[type=tel], input[type=search], input:not([type])";
  // The person's language -> the second layout offered beside Danish (ar, tr, uk come from
  // simple-keyboard-layouts, made into static/vendor/keyboard-layouts.js at set-up).
  var SECOND = { ar: "ar", pl: "pl", ro: "ro", tr: "tr", uk: "uk" };
  var LAST_ROW = "{lang} @ {space} {hide}";
  var OWN = {
    da: {
      "default": ["1 2 3 4 5 6 7 8 9 0 + {bksp}", "q w e r t y u i o p å", "{lock} a s d f g h j k l æ ø {enter}",
                  "{shift} z x c v b n m , . - {shift}", LAST_ROW],
      shift: ["! \" # % & / ( ) = ? {bksp}", "Q W E R T Y U I O P Å", "{lock} A S D F G H J K L Æ Ø {enter}",
              "{shift} Z X C V B N M ; : _ {shift}", LAST_ROW]
    },
    pl: {
      "default": ["1 2 3 4 5 6 7 8 9 0 - {bksp}", "ą ć ę ł ń ó ś ź ż", "q w e r t y u i o p",
                  "{lock} a s d f g h j k l {enter}", "{shift} z x c v b n m , . {shift}", LAST_ROW],
      shift: ["! ? ( ) / : ; \" % + = {bksp}", "Ą Ć Ę Ł Ń Ó Ś Ź Ż", "Q W E R T Y U I O P",
              "{lock} A S D F G H J K L {enter}", "{shift} Z X C V B N M , . {shift}", LAST_ROW]
    },
    ro: {
      "default": ["1 2 3 4 5 6 7 8 9 0 - {bksp}", "q w e r t y u i o p ă î", "{lock} a s d f g h j k l ș ț â {enter}",
                  "{shift} z x c v b n m , . {shift}", LAST_ROW],
      shift: ["! ? ( ) / : ; \" % + = {bksp}", "Q W E R T Y U I O P Ă Î", "{lock} A S D F G H J K L Ș Ț Â {enter}",
              "{shift} Z X C V B N M , . {shift}", LAST_ROW]
    },
    digits: { "default": ["1 2 3", "4 5 6", "7 8 9", "+ 0 {bksp}", "{hide}"] }
  };

  var board = null, field = null, layout = "da", shifted = false, locked = false, loading = null;

  function box() { return document.getElementById("keyboard"); }

  function load() {
    if (!loading) {
      var here = box();
      loading = Promise.all(["data-css", "data-library", "data-layouts"].map(function (name) {
        return new Promise(function (resolve, reject) {
          var url = here.getAttribute(name), tag;
          if (name === "data-css") {
            tag = document.createElement("link");
            tag.rel = "stylesheet";
            tag.href = url;
          } else {
            tag = document.createElement("script");
            tag.src = url;
            tag.async = false;  // the layouts and the library, in that order
          }
          tag.onload = resolve;
          tag.onerror = reject;
          document.head.appendChild(tag);
        });
      }));
    }
    return loading;
  }

  // A layout for simple-keyboard: npm's rows without {tab} and ".com", and our last row.
  function rowsOf(code) {
    if (OWN[code]) { return OWN[code]; }
    var source = (window.KioskKeyboardLayouts || {})[code] || OWN.da, result = {};
    Object.keys(source).forEach(function (name) {
      var rows = source[name].map(function (row) {
        return row.split(" ").filter(function (key) { return key && key !== "{tab}" && key !== ".com"; }).join(" ");
      });
      rows[rows.length - 1] = LAST_ROW;
      result[name] = rows;
    });
    return result;
  }

  function second() { return SECOND[box().getAttribute("data-lang")] || ""; }

  function display() {
    var here = box();
    return {
      "{bksp}": "⌫", "{enter}": "↵", "{shift}": "⇧", "{lock}": "⇪", "{space}": " ",
      "{hide}": here.getAttribute("data-hide"),
      "{lang}": layout === "da" ? here.getAttribute("data-lang-name") : "æ ø å"
    };
  }

  function draw() {
    var rows = rowsOf(layout);
    if (!second()) {  // Danish, English, Kalaallisut: one layout, no switch key
      rows = JSON.parse(JSON.stringify(rows).split("{lang} ").join(""));
    }
    board.setOptions({
      layout: rows, display: display(),
      layoutName: (shifted || locked) && rows.shift ? "shift" : "default"
    });
  }

  function type(text) {
    if (!field) { return; }
    var start = field.selectionStart, end = field.selectionEnd;
    if (start === null || start === undefined) { start = end = field.value.length; }
    var room = field.maxLength > 0 ? field.maxLength - (field.value.length - (end - start)) : Infinity;
    if (text.length > room) { return; }
    field.setRangeText(text, start, end, "end");
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function backspace() {
    if (!field) { return; }
    var start = field.selectionStart, end = field.selectionEnd;
    if (start === end && start > 0) { start -= 1; }
    field.setRangeText("", start, end, "end");
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function press(key) {
    if (key === "{shift}") { shifted = !shifted; } else if (key === "{lock}") { locked = !locked; shifted = false; }
    else if (key === "{lang}") { layout = layout === "da" ? second() : "da"; shifted = locked = false; }
    else if (key === "{hide}") { hide(); return; }
    else if (key === "{bksp}") { backspace(); }
    else if (key === "{enter}") {
      if (field && field.tagName === "TEXTAREA") { type("\n"); } else if (field && field.form) { hide(); field.form.requestSubmit(); return; }
    } else {
      type(key === "{space}" ? " " : key);
      shifted = false;
    }
    if (board) {
      board.clearInput();  // simple-keyboard keeps its own copy of what was typed: never let it
      draw();
    }
  }

  // The field stays in view above the keyboard, never under it.
  function keepInView() {
    var here = box();
    if (!field || here.hidden) { return; }
    var height = here.getBoundingClientRect().height;
    document.body.style.paddingBottom = height + "px";
    var rect = field.getBoundingClientRect(), room = window.innerHeight - height - 16;
    if (rect.bottom > room) {
      window.scrollBy(0, Math.min(rect.bottom - room, rect.top - 16));
    } else if (rect.top < 0) {
      window.scrollBy(0, rect.top - 16);
    }
  }

  function show(target) {
    field = target;
    var numeric = /numeric|tel|decimal/.test(target.getAttribute("inputmode") || "") || target.type === "tel";
    load().then(function () {
      if (field !== target) { return; }
      var Keyboard = window.SimpleKeyboard && (window.SimpleKeyboard["default"] || window.SimpleKeyboard.SimpleKeyboard);
      var here = box();
      if (!Keyboard || !here) { return; }
      if (!board) {
        board = new Keyboard(here.querySelector(".simple-keyboard"), {
          onKeyPress: press, preventMouseDownDefault: true, preventMouseUpDefault: true,
          enableLayoutCandidates: false, autoUseTouchEvents: false, mergeDisplay: false,
          theme: "hg-theme-default kiosk-keys"
        });
      }
      layout = numeric ? "digits" : (layout === "digits" ? "da" : layout);
      draw();
      here.hidden = false;
      keepInView();
    }).catch(function () { /* no keyboard: the field still works with a physical one */ });
  }

  function hide() {
    var here = box();
    if (here) { here.hidden = true; }
    document.body.style.paddingBottom = "";
    field = null;
  }

  function forget() {
    if (board) { board.clearInput(); board.destroy(); }
    board = null;
    field = null;
    shifted = locked = false;
    layout = "da";
    document.body.style.paddingBottom = "";
  }

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (!box()) { return; }
    if (target.matches && target.matches(FIELDS) && !target.readOnly && !target.disabled) {
      show(target);
    } else if (!box().contains(target)) {
      hide();
    }
  });
  window.addEventListener("resize", keepInView);
  // A new page (boosted navigation swaps the body, a wipe reloads): the old keyboard goes with it.
  document.addEventListener("htmx:beforeSwap", forget);
  window.addEventListener("pagehide", forget);
})();
