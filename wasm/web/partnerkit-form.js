// partnerkit-form.js embeds partnerkit's forms in any page:
//
//   <script src="https://your.cdn/partnerkit/partnerkit-form.js" defer></script>
//   <partnerkit-form schema="mou"></partnerkit-form>
//   <partnerkit-form framework="partnership-health-check"></partnerkit-form>
//
// or from script: partnerkit.mount(element, {schema | framework |
// frameworkDocument, value, submitLabel, onChange, onSubmit}), which
// returns the <partnerkit-form> element it adds to element. schema is
// the name of one of partnerkit's schemas, or a JSON Schema of your own
// as an object.
//
// Each form lives in its own shadow root, with style.css: the page's own
// styles and ids are untouched, and several forms can share a page. The
// element fires "change" after every edit and "submit" when its submit
// button is pressed, both with detail {value, findings, valid} (and score
// for a questionnaire); el.value is the document, el.state the detail.
// wasm_exec.js, partnerkit.wasm and style.css are loaded from the folder
// this script came from, once for every form on the page: they are
// static files, to host on any web server or CDN.
"use strict";
(function () {
  if (globalThis.partnerkit && globalThis.partnerkit.mount) {
    return; // loaded twice
  }
  const script = document.currentScript;
  const base = new URL(".", script ? script.src : location.href);
  let runtime; // a promise of the Go program's mount function

  function load(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error("could not load " + src));
      document.head.appendChild(s);
    });
  }

  function start() {
    if (!runtime) {
      runtime = (async () => {
        if (typeof Go === "undefined") {
          await load(new URL("wasm_exec.js", base).href);
        }
        const go = new Go();
        const registered = new Promise((resolve) => {
          globalThis.partnerkitEmbed = { register: resolve };
        });
        const url = new URL("partnerkit.wasm", base).href;
        let result;
        try {
          result = await WebAssembly.instantiateStreaming(fetch(url), go.importObject);
        } catch (streamingFailed) {
          // A server that does not send application/wasm: compile from bytes.
          const bytes = await (await fetch(url)).arrayBuffer();
          result = await WebAssembly.instantiate(bytes, go.importObject);
        }
        go.run(result.instance);
        return registered;
      })();
    }
    return runtime;
  }

  const detail = (json) => JSON.parse(json);

  class PartnerkitForm extends HTMLElement {
    static get observedAttributes() { return []; }

    connectedCallback() {
      if (this._started) {
        return;
      }
      this._started = true;
      const root = this.shadowRoot || this.attachShadow({ mode: "open" });
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("style.css", base).href;
      root.appendChild(css);
      const status = document.createElement("p");
      status.className = "pk-loading";
      status.setAttribute("role", "status");
      status.textContent = "Loading the form…";
      root.appendChild(status);
      const o = this.options || {};
      let value = o.value;
      if (value === undefined && this.hasAttribute("value")) {
        try { value = JSON.parse(this.getAttribute("value")); } catch (err) { value = undefined; }
      }
      const own = o.schema !== null && typeof o.schema === "object";
      const options = {
        schema: (!own && o.schema) || this.getAttribute("schema") || "",
        schemaDocument: own ? o.schema : null,
        framework: o.framework || this.getAttribute("framework") || "",
        frameworkDocument: o.frameworkDocument || null,
        value: value === undefined ? null : value,
        submitLabel: o.submitLabel || this.getAttribute("submit-label") || "",
      };
      if (!options.schema && !options.schemaDocument && !options.framework && !options.frameworkDocument) {
        options.schema = "mou";
      }
      start().then((mount) => {
        const emit = (type, json) => {
          if (type === "checked") {
            this.setAttribute("data-pk-checked", "true");
            return;
          }
          const d = detail(json);
          const handler = type === "change" ? o.onChange : o.onSubmit;
          if (typeof handler === "function") {
            handler(d);
          }
          this.dispatchEvent(new CustomEvent(type, { detail: d, bubbles: true, composed: true }));
        };
        status.remove();
        const handle = mount(root, JSON.stringify(options), emit);
        if (handle.error) {
          status.textContent = "The form could not start: " + handle.error;
          root.appendChild(status);
          this.setAttribute("data-pk-error", handle.error);
          return;
        }
        this._handle = handle;
        this.setAttribute("data-pk-ready", "true");
        this.dispatchEvent(new CustomEvent("ready", { bubbles: true, composed: true }));
      }, (err) => {
        status.textContent = "The form could not load: " + err.message + ". Reload the page to try again.";
        this.setAttribute("data-pk-error", err.message);
      });
    }

    disconnectedCallback() {
      if (this._handle) {
        this._handle.destroy();
        this._handle = null;
        this._started = false;
        this.shadowRoot.replaceChildren();
      }
    }

    // value is the document, as an object; setting it replaces the form's.
    get value() { return this._handle ? JSON.parse(this._handle.value()) : undefined; }
    set value(v) {
      if (!this._handle) {
        this.options = Object.assign({}, this.options, { value: v });
        return;
      }
      const err = this._handle.load(JSON.stringify(v));
      if (err) {
        throw new Error(err);
      }
    }

    // state is what the events carry: {value, findings, valid, score}.
    get state() { return this._handle ? detail(this._handle.state()) : undefined; }
  }

  customElements.define("partnerkit-form", PartnerkitForm);

  globalThis.partnerkit = Object.freeze({
    // mount adds a form to element and returns it: see above.
    mount(element, options) {
      const el = document.createElement("partnerkit-form");
      el.options = Object.assign({}, options);
      element.appendChild(el);
      return el;
    },
    // ready is a promise that resolves once the WebAssembly has started.
    ready() { return start().then(() => undefined); },
  });
})();
