//go:build !(js && wasm)

// Command bench measures partnerkit's form page, for the README's figures:
//
//	go run ./wasm/bench [-runs 10] [-keystrokes 200]
//
// It prints the size of partnerkit.wasm, raw and gzipped (target: under
// 2 MiB gzipped); the time from navigation to an interactive form in
// headless Chromium, for a first visit and for a reload (target: under
// 1 s); and the time to re-validate the MOU form after one keystroke in
// the mission statement, with the contract's MOU loaded (target: under
// 16 ms, one frame at 60 Hz).
//
// # What is measured
//
// Navigation to interactive is the "pk-interactive" mark the page sets
// once its WebAssembly has rendered the forms and listens for events,
// measured from the navigation's start, each first visit in a fresh
// browser context with an empty cache. A keystroke is an input event
// dispatched on the mission statement: the time covers the Go handler
// (mou.CheckValue on the whole MOU, the findings placed on their fields,
// the patches applied) and the style and layout that follow, as reading
// offsetHeight forces them.
//
// It needs Chromium, as the browser tests do (PARTNERKIT_CHROMIUM or
// /usr/bin/chromium), and the Go toolchain to build the page. It is not a
// test: the targets are reported, not enforced.
package main
