//go:build !(js && wasm)

// Command bench measures partnerkit's form page, for the README's figures:
//
//	go run ./wasm/bench [-runs 10] [-keystrokes 200]
//
// It prints the size of partnerkit.wasm, raw and gzipped (target: under
// 2 MiB gzipped); the first visit as two ratios to a hello-world Go
// WebAssembly page, for the health check (/, the page's first view) and
// the MOU builder (#mou): usable (target: at most 1.5×) and live; the
// reload, usable and live (target: live under 1 s); and the time to
// re-validate the MOU form after one keystroke in the mission statement,
// with the contract's MOU loaded (target: under 16 ms, one frame at
// 60 Hz, at the 95th percentile).
//
// # What is measured
//
// Two moments of each visit, measured from the navigation's start, each
// first visit in a fresh browser context with an empty cache:
//
//   - usable, the "pk-usable" mark: the pre-rendered form (index.html as
//     package build writes it) is parsed, boot.js listens, and the frame
//     that paints it has run (a task after it: its style, layout and
//     paint are done). From then on the user can fill the form:
//     what they type, choose, tick and press is kept, and the WebAssembly
//     takes it over. Checks, scores and saving wait for the WebAssembly.
//     A page with no pre-render counts as usable when it is live. The
//     first screen of each view is what is painted then; the rest is held
//     back as text that boot.js puts back after it, a part at a time (the
//     bench reports when the form is whole, "pk-whole"), and only then is
//     the WebAssembly fetched.
//   - live, the "pk-interactive" mark the WebAssembly sets once it has
//     taken the page over (or rendered it) and listens for events: the
//     checks and scores run from then on.
//
// The hello-world page's one moment is its "pk-interactive": its
// WebAssembly has written a line into the page. It is built by the same
// toolchain with the same flags, loaded the same way
// (instantiateStreaming, then go.run). Both ratios are to it. Each round
// loads it and the two views of the form, in alternating order, so that a
// machine's load weighs on all alike: absolute times on a shared machine
// swing two or three times, the ratio of the medians much less. The
// form's time to live is fetching and compiling the module; on a
// pre-rendered page, waiting until the form is painted and whole
// (main.js starts downloading the module when it is painted, compiles it
// and starts the Go program only when it is whole, so that neither holds
// the main thread before the form is on the screen); then, from go.run,
// its own marks: the Go
// runtime and package start, app.New, Open and rendering the HTML,
// setting innerHTML (or, on the pre-rendered page, comparing its hash and
// keeping it), and playing back what the user did and adding the
// listeners.
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
