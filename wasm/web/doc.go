// Package web holds the page that runs partnerkit's forms: index.html,
// style.css and main.js, which loads wasm_exec.js and partnerkit.wasm.
// Package build adds those two, built from source, and serves the lot.
//
// # Files
//
// index.html sets a Content-Security-Policy that lets the page load only
// its own files, run WebAssembly, and connect to nothing but its own
// server, which the local forms never do; only the register's pages
// (a respondent's or a coordinator's link) call its API. style.css
// follows the GOV.UK Design System's patterns: visible focus, errors in
// red with a left border, and a print style that prints only the MOU, or the round's report.
// main.js probes localStorage before it starts the Go program, and hands
// it partnerkitStorage: null where the browser refuses storage, else
// get, set and remove functions that never throw.
//
//	files := web.Files // an fs.FS: index.html, style.css, main.js
package web
