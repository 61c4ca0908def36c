// Loads partnerkit's forms: a Go program compiled to WebAssembly, which
// renders the page and handles every event itself (wasm/cmd/partnerkit-form).
// Nothing is fetched after partnerkit.wasm, and nothing is ever sent.
"use strict";
(async function () {
  const app = document.getElementById("app");
  try {
    performance.mark("pk-load-start");
    const go = new Go();
    let result;
    try {
      result = await WebAssembly.instantiateStreaming(fetch("partnerkit.wasm"), go.importObject);
    } catch (streamingFailed) {
      // A server that does not send application/wasm: compile from bytes.
      const bytes = await (await fetch("partnerkit.wasm")).arrayBuffer();
      result = await WebAssembly.instantiate(bytes, go.importObject);
    }
    performance.mark("pk-wasm-ready");
    go.run(result.instance);
  } catch (err) {
    app.textContent = "The forms could not load: " + err.message + ". Reload the page to try again.";
  }
})();
