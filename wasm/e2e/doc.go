// Package e2e holds the browser tests of partnerkit's forms: the page
// built by package build, served on 127.0.0.1 by httptest and driven in
// headless Chromium by github.com/chromedp/chromedp. It has no code of its
// own.
//
// # Running
//
// The tests need Chromium (/usr/bin/chromium, or the path in
// PARTNERKIT_CHROMIUM) and, for the accessibility checks, axe-core from
// npm in this folder. They skip, saying why, when either is missing:
//
//	apt-get install -y chromium
//	(cd wasm/e2e && npm ci)
//	go test ./wasm/e2e
//	go test ./wasm/e2e -screenshots // also rewrites docs/img/*.png
//
// Nothing reaches the network: the browser runs with background
// networking off, and every test checks that the page asks only for its
// own files. Every test also fails on an uncaught exception or a
// console.error in the page, each step gives up after 20 seconds, and
// the suite stops before starting the browser when a fixture it imports
// is missing.
//
// storage_test.go drives the page where localStorage is refused (served
// as a sandboxed document, "?sandbox", where Chromium itself throws the
// SecurityError; and with an init script that makes reading it throw, as
// blocked site data does), full, or shared by two tabs of one browser context, and
// imports of the wrong kind, imports over work, and unreadable saved
// text.
//
// register_test.go runs a whole review round against the programme's
// server (package api with a register in a real SQLite file, from
// wasm/internal/regserver, serving the built page too): two respondents
// answer in two browser contexts, one while the server is unreachable,
// and the coordinator's report is checked against partnerkit evaluate
// score on the exported answers, with axe-core on both new pages.
//
// embed_test.go serves examples/embed with the built files under
// /partnerkit/ and checks the embedded forms' change and submit events;
// offline_test.go reloads with the network off (emulated, and the server
// dropping every connection) and keeps working from the service worker's
// cache; print_test.go prints the health check under print media;
// picker_test.go switches frameworks; parts_test.go follows the MOU's
// eight parts.
package e2e
