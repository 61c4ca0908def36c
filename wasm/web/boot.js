// The page's first moments, before its WebAssembly runs. index.html
// loads this first, in its head and not deferred, so that what it
// decides holds before anything is painted.
//
// Package build pre-renders the page of an empty first visit into #app
// (marked data-pk-pre) and names, on this script's tag, the
// localStorage keys that mean an earlier visit saved something, the
// register links' prefixes and the views. On a first visit to the local
// forms, this shows the pre-rendered form (html[data-pk-boot="pre"]):
// the browser's own controls take what the user types, chooses and
// ticks; a link to a view (#mou) shows it; button presses are kept in
// order. All but the first screen of each view comes held back as text
// (in <script type="text/plain" data-pk-later> elements, never run), so
// that the first screen is painted sooner; once it is, this puts it
// back, a part at a time. When the WebAssembly starts, it calls
// partnerkitBoot.take(), which stops all that and hands over what the
// user did; the WebAssembly plays it to its own handlers
// (wasm/cmd/partnerkit-form).
// Anywhere else (saved answers, a register link, storage refused, a page
// not pre-rendered) it shows "Loading the forms…" (data-pk-boot="wait")
// and the WebAssembly renders the page as it always has.
"use strict";

globalThis.partnerkitBoot = (function () {
  const root = document.documentElement;
  const me = document.currentScript;
  const words = (name) => ((me && me.getAttribute(name)) || "").split(" ").filter(Boolean);
  const saved = words("data-saved");
  const links = words("data-links");
  const views = words("data-views");
  const fragment = () => location.hash.replace(/^#/, "");
  // wait shows "Loading the forms…" and fetches partnerkit.wasm at once
  // (main.js takes it from the preload): nothing is painted before it.
  const wait = () => {
    root.setAttribute("data-pk-boot", "wait");
    const link = document.createElement("link");
    link.rel = "preload";
    link.href = "partnerkit.wasm";
    link.as = "fetch";
    link.type = "application/wasm";
    link.crossOrigin = "anonymous";
    document.head.appendChild(link);
    return { pre: false };
  };

  const anySaved = () => {
    try {
      const s = window.localStorage;
      return !s || saved.some((k) => s.getItem(k) !== null);
    } catch (refused) {
      return true; // the page then says nothing is kept: not the pre-render's words
    }
  };
  if (!saved.length || links.some((l) => fragment().startsWith(l)) || anySaved()) {
    return wait();
  }
  root.setAttribute("data-pk-boot", "pre");

  let view = views[0];
  // later puts back what index.html holds back, all but each view's
  // first screen (package prerender's Later): the parts within an element
  // (a view), or all of them.
  const held = "script[data-pk-later]";
  const putBack = (el) => {
    el.insertAdjacentHTML("afterend", el.text);
    el.remove();
  };
  const later = (within) => {
    for (const el of (within || document).querySelectorAll(held)) {
      putBack(el);
    }
  };
  const viewOf = (v) => document.querySelector('[data-view="' + v + '"]');
  // step puts back parts, the shown view's first, for about 8 ms, and
  // goes on in the next task, so that what the user types in between is
  // not held up for long; when the page is whole it marks pk-whole and
  // settles whole.
  let stepping = true;
  const step = () => {
    if (!stepping) {
      return;
    }
    const start = performance.now();
    do {
      const el = (viewOf(view) || document).querySelector(held) || document.querySelector(held);
      if (!el) {
        stepping = false;
        performance.mark("pk-whole");
        done();
        return;
      }
      putBack(el);
    } while (performance.now() - start < 8);
    setTimeout(step, 0);
  };
  // show shows a view as the WebAssembly's Show does: by the stylesheet
  // while the page is pre-rendered, and on the navigation's links.
  const show = (v) => {
    view = v;
    root.setAttribute("data-pk-view", v);
    // The preview, pre-rendered from the empty MOU, would be wrong once
    // the MOU builder has been filled in: "Loading the forms…" stands in
    // for it until the WebAssembly renders it.
    if (v === "preview" && mouEdited()) {
      root.setAttribute("data-pk-preview", "wait");
    } else {
      root.removeAttribute("data-pk-preview");
    }
    for (const name of views) {
      const nav = document.getElementById("nav-" + name);
      if (nav) {
        nav.setAttribute("aria-current", name === v ? "page" : "false");
      }
    }
  };
  // mouEdited reports whether the user has changed a field of the MOU
  // builder or pressed one of its buttons.
  const mouEdited = () => {
    const mou = document.getElementById("view-mou");
    return !!mou && (clicks.some((b) => mou.contains(b)) ||
      Array.from(mou.querySelectorAll(field + ", input[data-import]")).some(changed));
  };
  // focus is the WebAssembly's focus: the element, or its first control.
  const focus = (id) => {
    let el = document.getElementById(id);
    if (!el) {
      later();
      el = document.getElementById(id);
    }
    if (el && !el.matches("input, select, textarea, button, a[href], [tabindex]")) {
      el = el.querySelector("input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])");
    }
    if (el) {
      el.focus();
    }
  };
  // The view is shown from the first paint on: the address's, or the
  // first (its links are marked once they are parsed).
  show(views.includes(fragment()) ? fragment() : view);

  const clicks = [];
  const inApp = (el) => el instanceof Element && el.closest("#app[data-pk-pre]");
  const onClick = (event) => {
    if (!inApp(event.target)) {
      return;
    }
    const link = event.target.closest("a[data-focus]");
    if (link) {
      event.preventDefault();
      focus(link.getAttribute("data-focus"));
      return;
    }
    const button = event.target.closest("button");
    if (button && !button.disabled) {
      clicks.push(button);
    }
  };
  // visited are the fields the user has been in and left: the form shows
  // a field's problems once it has been visited.
  const visited = new Set();
  const field = "input[data-pointer], select[data-pointer], textarea[data-pointer]";
  const onLeave = (event) => {
    if (inApp(event.target) && event.target.matches(field)) {
      visited.add(event.target);
    }
  };
  const onSubmit = (event) => {
    if (inApp(event.target)) {
      event.preventDefault(); // nothing is ever submitted
    }
  };
  const onHash = () => {
    const f = fragment();
    if (links.some((l) => f.startsWith(l))) {
      root.setAttribute("data-pk-boot", "wait"); // the WebAssembly opens the link
    } else if (views.includes(f)) {
      later(viewOf(f));
      show(f);
      focus(f + "-title");
    }
  };
  // painted settles once the form's first screen is painted, and whole
  // once the rest of it is put back, step by step, after that: main.js
  // starts downloading partnerkit.wasm at painted, and compiles it and
  // starts the Go program at whole, so that the form is on the screen,
  // taking input, before the compiling and the Go program compete for
  // the machine (which, while they run, lays out little else).
  let paint, done;
  const painted = new Promise((resolve) => {
    paint = resolve;
  });
  const whole = new Promise((resolve) => {
    done = resolve;
  });
  const onPrint = () => later();
  const onReady = () => {
    show(view);
    // pk-usable: the frame that paints the form has run.
    requestAnimationFrame(() => {
      setTimeout(() => {
        performance.mark("pk-usable");
        paint();
        step();
      }, 0);
    });
  };
  document.addEventListener("click", onClick, true);
  document.addEventListener("submit", onSubmit, true);
  document.addEventListener("focusout", onLeave, true);
  window.addEventListener("hashchange", onHash);
  document.addEventListener("DOMContentLoaded", onReady);
  window.addEventListener("beforeprint", onPrint);

  // selector finds an element again if the WebAssembly had to render
  // the page afresh.
  const selector = (el) => {
    if (el.id) {
      return "#" + CSS.escape(el.id);
    }
    const v = el.closest("[data-view]");
    let s = v ? "#" + CSS.escape(v.id) + " " + el.localName : el.localName;
    for (const a of ["data-action", "data-pointer", "data-command"]) {
      if (el.hasAttribute(a)) {
        s += "[" + a + '="' + CSS.escape(el.getAttribute(a)) + '"]';
      }
    }
    return s;
  };
  // found is an element as take hands it over.
  const found = (el) => ({ el, sel: selector(el) });
  const changed = (el) => {
    switch (el.type) {
      case "file":
        return el.files.length > 0; // a file chosen, to import
      case "checkbox":
        return el.checked !== el.defaultChecked;
      case "radio":
        return el.checked && !el.defaultChecked;
    }
    if (el.localName === "select") {
      const options = Array.from(el.options);
      if (el.multiple) {
        return options.some((o) => o.selected !== o.defaultSelected);
      }
      // One choice: with none marked selected, the first is the default.
      let d = el.length ? 0 : -1;
      options.forEach((o, i) => {
        if (o.defaultSelected) {
          d = i;
        }
      });
      return el.selectedIndex !== d;
    }
    return el.value !== el.defaultValue;
  };
  const selection = (el) => {
    try {
      return typeof el.selectionStart === "number" ? [el.selectionStart, el.selectionEnd] : null;
    } catch (none) {
      return null;
    }
  };

  return {
    pre: true,
    painted,
    whole,
    // take stops this script, makes the pre-rendered page whole (all put
    // back, so that it is the HTML the WebAssembly renders) and returns
    // what the user did on it: the view shown, the controls
    // whose value is no longer the one rendered (in the page's order; a
    // file input with a file chosen), the fields the user was in and left
    // unchanged, the buttons pressed (in order), and the element with the
    // focus and its selection.
    take() {
      document.removeEventListener("click", onClick, true);
      document.removeEventListener("submit", onSubmit, true);
      document.removeEventListener("focusout", onLeave, true);
      window.removeEventListener("hashchange", onHash);
      document.removeEventListener("DOMContentLoaded", onReady);
      window.removeEventListener("beforeprint", onPrint);
      stepping = false;
      later();
      root.removeAttribute("data-pk-view");
      root.removeAttribute("data-pk-preview");
      const app = document.getElementById("app");
      const controls = Array.from(app.querySelectorAll(field + ", input[data-import]"))
        .filter(changed)
        .map(found);
      const a = document.activeElement;
      const left = Array.from(visited)
        .filter((el) => el !== a && app.contains(el) && !changed(el))
        .map(found);
      const focused = a && a !== document.body && app.contains(a) ? { el: a, sel: selector(a), range: selection(a) } : null;
      return {
        pre: root.getAttribute("data-pk-boot") === "pre",
        view,
        controls,
        visited: left,
        clicks: clicks.map(found),
        focus: focused,
      };
    },
  };
})();
