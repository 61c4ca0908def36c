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
// own files.
package e2e
