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
// document as a JSON file made in the page. The program makes no network
// request.
//
// When it is ready, it sets data-pk-ready on the <html> element and
// marks "pk-interactive" on the performance timeline.
//
// Built for anything but js/wasm, the command only says how to build it.
package main
