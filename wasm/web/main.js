// Loads partnerkit's forms: a Go program compiled to WebAssembly, which
// renders the page (or takes over the first view that boot.js shows
// pre-rendered) and handles every event itself (wasm/cmd/partnerkit-form).
// The local forms fetch nothing after partnerkit.wasm and send nothing;
// only a register link's page (#respond/…, #coordinate/…) calls the API
// of its own server.
"use strict";

// partnerkitStorage is localStorage for the Go program, or null where the
// browser refuses it (site data blocked, a sandboxed frame): there, even
// reading window.localStorage throws a SecurityError, which Go cannot
// catch. Its functions never throw: a refused write returns the
// exception's name (QuotaExceededError), a success "".
globalThis.partnerkitStorage = (function () {
  let s;
  try {
    s = window.localStorage;
    s.getItem("partnerkit.mou");
  } catch (err) {
    return null;
  }
  if (!s) {
    return null;
  }
  const why = (err) => (err && err.name) || "Error";
  return {
    get(key) {
      try { return s.getItem(key); } catch (err) { return null; }
    },
    set(key, value) {
      try { s.setItem(key, value); return ""; } catch (err) { return why(err); }
    },
    remove(key) {
      try { s.removeItem(key); return ""; } catch (err) { return why(err); }
    },
  };
})();

(async function () {
  const app = document.getElementById("app");
  try {
    performance.mark("pk-load-start");
    const go = new Go();
    // A pre-rendered form is painted first (boot.js): only then is
    // partnerkit.wasm fetched, and only once the form is whole compiled,
    // so that its 7 MiB and the compiler's threads do not hold back the
    // page's parse and paint.
    const boot = globalThis.partnerkitBoot;
    if (boot && boot.painted) {
      await boot.painted;
    }
    const response = fetch("partnerkit.wasm");
    response.catch(() => {}); // a failure is caught below, once it is awaited
    if (boot && boot.whole) {
      await boot.whole;
    }
    let result;
    try {
      result = await WebAssembly.instantiateStreaming(response, go.importObject);
    } catch (streamingFailed) {
      // A server that does not send application/wasm: compile from bytes.
      const bytes = await (await fetch("partnerkit.wasm")).arrayBuffer();
      result = await WebAssembly.instantiate(bytes, go.importObject);
    }
    performance.mark("pk-wasm-ready");
    performance.mark("pk-go-run");
    go.run(result.instance);
    offline();
  } catch (err) {
    // A pre-rendered form that nothing will check or save is not shown.
    app.removeAttribute("data-pk-pre");
    document.getElementById("pk-loading")?.remove();
    app.textContent = "The forms could not load: " + err.message + ". Reload the page to try again.";
  }
})();

// offline registers the service worker (sw.js), which keeps the page's
// files so that it loads with no network after this visit. Where the
// browser refuses it (an opaque origin, a sandboxed frame, storage
// blocked) the page works as before, online only.
function offline() {
  try {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) {
      return;
    }
    navigator.serviceWorker.register("sw.js").catch(() => {});
  } catch (refused) {
    // reading navigator.serviceWorker throws in an opaque origin
  }
}
