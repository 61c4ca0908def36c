// Package web holds the page that runs partnerkit's forms: index.html,
// style.css, boot.js and main.js, which loads wasm_exec.js and
// partnerkit.wasm. Package build adds those two, built from source,
// pre-renders the first view into index.html, and serves the lot.
//
// # Files
//
// index.html sets a Content-Security-Policy that lets the page load only
// its own files, run WebAssembly, and connect to nothing but its own
// server, which the local forms never do; only the register's pages
// (a respondent's or a coordinator's link) call its API. style.css
// follows the GOV.UK Design System's patterns: visible focus, errors in
// red with a left border, and a print style that prints the view shown
// without its controls: the MOU's preview, the health check's scores and
// answers, or the round's report.
// boot.js runs first, in the head: on a first visit it shows the first
// view that package build pre-rendered into index.html's #app (the first
// screen of each view at once, the rest put back, from text it holds
// back, once it is painted), keeps the button presses, and hands all that to
// the Go program when it starts
// (partnerkitBoot.take); elsewhere (something saved, storage refused, a
// register link, a page not pre-rendered) it shows "Loading the forms…".
// main.js probes localStorage before it starts the Go program, and hands
// it partnerkitStorage: null where the browser refuses storage, else
// get, set and remove functions that never throw.
//
// After the page is interactive, main.js registers sw.js, a service
// worker that keeps the page's files in Cache Storage and answers from
// there when the network fails, so that the page reloads and works
// offline; manifest.webmanifest and its icons (icon.svg, and icon-192.png
// and icon-512.png, the same drawing made by the test TestIcons, which
// fails when they drift from it) let a browser install it.
//
// partnerkit-form.js embeds the forms in any other page: the custom
// element <partnerkit-form schema="mou"> (or framework="…") and
// partnerkit.mount(element, options), each form in its own shadow root
// with style.css, firing change and submit events whose detail is the
// document and its findings (see examples/embed).
//
//	files := web.Files // an fs.FS: index.html, boot.js, style.css, main.js, partnerkit-form.js, sw.js, manifest.webmanifest, icon.svg, icon-*.png
package web
