// Command partnerkit-form is the browser runtime of partnerkit's forms,
// compiled to WebAssembly:
//
//	GOOS=js GOARCH=wasm go build -o partnerkit.wasm ./wasm/cmd/partnerkit-form
//
// Package build does that for partnerkit serve. web/main.js loads it.
//
// # What it does
//
// It mounts the page (package app) into the element with id "app",
// restores what the last visit saved in localStorage, and shows the view
// the address names (#health-check, #mou or #preview). Then it listens:
// each input event on a control with a data-pointer becomes an
// [app.Event], each button with a data-action or data-command does what
// it says, and the patches the page returns are applied. After every
// change the documents are saved to localStorage, through the wrapper
// web/main.js makes after probing it (partnerkitStorage: null where the
// browser refuses storage, and its calls never throw); the window's
// storage event tells the page what other tabs saved. A JSON file chosen with
// an import control is read in the browser; export downloads the
// document as a JSON file made in the page. The local forms make no
// network request.
//
// # Taking over a pre-rendered page
//
// On a first visit, index.html already shows the page (package build
// pre-renders it) and web/boot.js has kept what the user did there. This
// program takes it from boot.js (partnerkitBoot.take), renders the page
// as always, keeps each pre-rendered part whose HTML has the same hash
// as its own (and writes the others afresh, with the user's values put
// back), then plays what the user did to the page's handlers: each
// changed control's value and leaving it, the buttons pressed in order,
// then the focus and caret where they were. It sets data-pk-takeover on
// the <html> element: "reused" or "rendered".
//
// # The register's links
//
// An address whose fragment is a register link mounts another page
// instead: #respond/<token> the respondent's ([app.Respondent]) and
// #coordinate/<token> the coordinator's report ([app.Coordinator]). The
// token stays in the fragment, which the browser sends nowhere; the
// page's requests go to its own server with fetch (same origin,
// credentials omitted, no referrer), the token in the Authorization
// header, an Idempotency-Key with each submission, and a 20-second
// timeout; a failure or a timeout reaches the page as status 0. A
// request with a Delay waits on a timer first. A change of the address
// to or from a register link reloads the page.
//
// # Embedded
//
// Loaded by web/partnerkit-form.js into another page (which sets
// globalThis.partnerkitEmbed first), it mounts no page: it registers a
// mount function, and each <partnerkit-form> element calls it with its
// shadow root, its options as JSON and an emit function. Each form
// ([app.Embed]) listens and applies patches in its own shadow root, and
// emits "change" after every edit and "submit" for its submit button,
// with the document, its findings and, for a questionnaire, its scores.
//
// When it is ready, it sets data-pk-ready on the <html> element and
// marks "pk-interactive" on the performance timeline.
//
// Built for anything but js/wasm, the command only says how to build it.
package main
