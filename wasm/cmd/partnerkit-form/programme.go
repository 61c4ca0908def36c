//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/partnerkit/partnerkit/wasm/internal/app"
)

// onProgrammeClick handles the programme page's buttons: a column's sort
// (a button with a data-pointer, handed to the page as an event) and its
// commands (the downloads, the round form's). It reports whether the
// click was the programme page's.
func onProgrammeClick(button js.Value) bool {
	p, ok := remote.(*app.Programme)
	if !ok {
		return false
	}
	if ptr := attr(button, "data-pointer"); ptr != "" {
		apply(p.Handle(app.Event{Pointer: ptr, Action: attr(button, "data-action"), Value: attr(button, "data-value")}))
		return true
	}
	ps, ok := p.Command(attr(button, "data-command"), attr(button, "data-value"))
	apply(ps)
	return ok
}

// downloaded saves the file the programme page received, if any: the
// table as CSV or JSON, fetched with the link's token in the
// Authorization header, so that the token is never in an address.
func downloaded() {
	if p, ok := remote.(*app.Programme); ok {
		if name, mime, data, ok := p.Downloaded(); ok {
			download(name, mime+"; charset=utf-8", data)
		}
	}
}
