//go:build !(js && wasm)

// Command bench measures partnerkit's form page, for the README's figures:
//
//	go run ./wasm/bench [-runs 10] [-keystrokes 200]
//
// It prints the size of partnerkit.wasm, raw and gzipped (target: under
// 2 MiB gzipped); the first visit to an interactive form as a ratio to a
// hello-world Go WebAssembly page (target: at most 1.5×), for the health
// check (/, the page's first view) and the MOU builder (#mou); the reload
// to interactive (target: under 1 s); and the time to re-validate the MOU
// form after one keystroke in the mission statement, with the contract's
// MOU loaded (target: under 16 ms, one frame at 60 Hz, at the 95th
// percentile).
//
// # What is measured
//
// Interactive is the "pk-interactive" mark a page sets once its
// WebAssembly has rendered and listens for events, measured from the
// navigation's start, each first visit in a fresh browser context with an
// empty cache. The hello-world page is built by the same toolchain with
// the same flags, loaded the same way (instantiateStreaming, then go.run)
// and marks itself interactive once it has written a line into the page.
// Each round loads it and the two views of the form, in alternating
// order, so that a machine's load weighs on all alike: absolute times on
// a shared machine swing two or three times, the ratio of the medians
// much less. The form's time from go.run is split by its own marks: the
// Go runtime and package start, app.New, Open and rendering the HTML,
// setting innerHTML, and adding the listeners.
//
// A keystroke is an input event dispatched on the mission statement: the
// time covers the Go handler (mou.CheckValue on the whole MOU, the
// findings placed on their fields, the patches applied) and the style and
// layout that follow, as reading offsetHeight forces them.
//
// It needs Chromium, as the browser tests do (PARTNERKIT_CHROMIUM or
// /usr/bin/chromium), and the Go toolchain to build the pages. It is not a
// test: the targets are reported, not enforced.
package main
