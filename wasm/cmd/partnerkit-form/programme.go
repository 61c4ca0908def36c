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
			downloadBytes(name, mime+"; charset=utf-8", data)
		}
	}
}

// downloadBytes saves data as a file, as download does, but hands the
// Blob the bytes themselves: a Go string passed to JavaScript loses a
// leading byte order mark on the way (TextDecoder drops it), and the
// CSV's is there for spreadsheets.
func downloadBytes(name, mime string, data []byte) {
	arr := global.Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := global.Get("Blob").New([]any{arr}, map[string]any{"type": mime})
	url := global.Get("URL").Call("createObjectURL", blob)
	a := document.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Set("hidden", true)
	document.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	var revoke js.Func
	revoke = js.FuncOf(func(js.Value, []js.Value) any {
		global.Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	global.Call("setTimeout", revoke, 10000)
}
