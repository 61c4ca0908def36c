//go:build js && wasm

package main

import (
	"slices"
	"syscall/js"

	"github.com/partnerkit/partnerkit/wasm/internal/app"
	"github.com/partnerkit/partnerkit/wasm/internal/prerender"
)

// booted is what web/boot.js hands over from a pre-rendered page: what
// the user did there before this program ran.
type booted struct {
	view     string     // the view shown
	controls []bootedEl // the controls whose value is not the one rendered, in the page's order
	visited  []bootedEl // the fields left unchanged after the user was in them, in the order left
	clicks   []bootedEl // the buttons pressed, in order
	focus    js.Value   // {el, sel, range}, or null
}

// bootedEl is an element, and a selector that finds it again if the
// page had to be rendered afresh.
type bootedEl struct {
	el  js.Value
	sel string
}

// takeBoot stops boot.js and returns what the user did on the
// pre-rendered page, and whether this is one to take over.
func takeBoot() (booted, bool) {
	b := global.Get("partnerkitBoot")
	if b.Type() != js.TypeObject || !b.Get("pre").Truthy() {
		return booted{}, false
	}
	t := b.Call("take")
	root := document.Call("getElementById", "app")
	if !t.Get("pre").Truthy() || root.IsNull() || attr(root, prerender.Attr) == "" {
		return booted{}, false
	}
	list := func(name string) []bootedEl {
		a := t.Get(name)
		out := make([]bootedEl, a.Length())
		for i := range out {
			x := a.Index(i)
			out[i] = bootedEl{el: x.Get("el"), sel: x.Get("sel").String()}
		}
		return out
	}
	return booted{view: t.Get("view").String(), controls: list("controls"), visited: list("visited"), clicks: list("clicks"), focus: t.Get("focus")}, true
}

// unboot removes what the page shows before this program renders it:
// the loading message, and the mark of a pre-rendered root.
func unboot(root js.Value) {
	root.Call("removeAttribute", prerender.Attr)
	if l := document.Call("getElementById", "pk-loading"); !l.IsNull() {
		l.Call("remove")
	}
}

// takeOver starts the page on its pre-rendered first view, keeping what
// the user did there. It renders as the page always does, but where its
// HTML is the pre-rendered part's (the same Hash), it keeps the part on
// the page instead of writing it again. Then it plays what the user did
// to the handlers, as the events they made: each changed control's
// value, then leaving it, then the buttons pressed, in order, then the
// focus and caret where they were. A part that is not the same is
// rendered afresh, and the user's values put back into it first.
func takeOver(root js.Value, did booted) {
	html := page.HTML() // the first view, as pre-rendered
	mark("pk-html")
	how := "reused"
	if attr(root, prerender.Attr) != prerender.Hash(html) {
		how = "rendered"
		root.Set("innerHTML", html)
	}
	unboot(root)
	document.Get("documentElement").Call("setAttribute", "data-pk-takeover", how)
	mark("pk-dom")

	mouNeeded := did.view != app.ViewAssessment
	for _, c := range slices.Concat(did.controls, did.visited, did.clicks) {
		mouNeeded = mouNeeded || viewOf(c.el) != app.ViewAssessment
	}
	if did.view != page.View() {
		applyPre(page.Show(did.view))
	}
	if mouNeeded {
		// The MOU builder's body is on the page, pre-rendered: make its
		// form now, so that the edits below go to it as they would have.
		applyPre(page.Finish())
	}

	var focused js.Value
	if f := did.focus; f.Type() == js.TypeObject {
		focused = f.Get("el")
	}
	changed := false
	for _, c := range did.controls {
		el := findAgain(c)
		if el.IsNull() {
			continue
		}
		if el.Get("type").String() == "file" {
			// A file chosen, to import or for a data-url field. The
			// element is the one the user chose it in: a file input's
			// files cannot be put into another.
			if el.Equal(c.el) {
				chosen(el)
			}
			continue
		}
		e, ok := eventOf(el)
		if !ok {
			continue
		}
		view := viewOf(el)
		apply(page.Handle(view, e))
		changed = true
		if !c.el.Equal(focused) {
			if v, ok := visitOf(el); ok {
				apply(page.Handle(view, v))
			}
		}
	}
	// A field the user was in and left unchanged shows its problems, as
	// leaving it does.
	for _, c := range did.visited {
		if el := findAgain(c); !el.IsNull() {
			if v, ok := visitOf(el); ok {
				apply(page.Handle(viewOf(el), v))
			}
		}
	}
	if changed {
		save()
	}
	for _, c := range did.clicks {
		if el := findAgain(c); !el.IsNull() {
			press(el)
		}
	}
	// The focus goes back where the user left it, caret and all, unless
	// it is on the last button pressed: then that button's own focus
	// (the new item, the summary) stands, as it would have.
	if f := did.focus; f.Type() == js.TypeObject && (len(did.clicks) == 0 || !focused.Equal(did.clicks[len(did.clicks)-1].el)) {
		el := findAgain(bootedEl{el: focused, sel: f.Get("sel").String()})
		if !el.IsNull() && !el.Equal(document.Get("activeElement")) {
			el.Call("focus")
			if r := f.Get("range"); r.Type() == js.TypeObject {
				el.Call("setSelectionRange", r.Index(0), r.Index(1))
			}
		}
	}
}

// findAgain returns the element, or, where the page was rendered
// afresh, the one in its place with the user's value put back.
func findAgain(c bootedEl) js.Value {
	if c.el.Get("isConnected").Bool() {
		return c.el
	}
	if c.sel == "" {
		return js.Null()
	}
	el := document.Call("querySelector", c.sel)
	if el.IsNull() {
		return el
	}
	switch el.Get("type").String() {
	case "checkbox", "radio":
		el.Set("checked", c.el.Get("checked"))
	case "file", "button", "submit":
	default:
		if el.Get("localName").String() != "button" {
			el.Set("value", c.el.Get("value"))
		}
	}
	return el
}

// applyPre is apply for the page's first patches on a pre-rendered
// page: a part whose pre-render is the HTML a patch would write (the
// same Hash, the visit's fresh values left out) is kept, and the fresh
// values put in its fields, not written again.
func applyPre(patches []app.Patch) {
	var rest []app.Patch
	for _, p := range patches {
		if p.Op == app.OpInner {
			el := document.Call("getElementById", p.ID)
			if !el.IsNull() && el.Call("hasAttribute", prerender.Attr).Bool() {
				same := attr(el, prerender.Attr) == prerender.Hash(prerender.Blank(page, p.HTML))
				el.Call("removeAttribute", prerender.Attr)
				if same {
					fill(el)
					continue
				}
			}
		}
		rest = append(rest, p)
	}
	apply(rest)
}

// fill puts the visit's fresh values (the MOU's id) into the fields of
// a pre-rendered part that left them empty, unless the user typed there.
func fill(part js.Value) {
	for ptr, v := range prerender.Fresh(page) {
		el := part.Call("querySelector", `[data-pointer="`+ptr+`"]`)
		if el.IsNull() {
			continue
		}
		el.Call("setAttribute", "value", v)
		if el.Get("value").String() == "" {
			el.Set("value", v)
		}
	}
}

// dropPre unmarks the pre-rendered parts no patch has taken: from now on
// they are the page's own.
func dropPre(root js.Value) {
	marked := root.Call("querySelectorAll", "["+prerender.Attr+"]")
	for i := range marked.Length() {
		marked.Index(i).Call("removeAttribute", prerender.Attr)
	}
}
