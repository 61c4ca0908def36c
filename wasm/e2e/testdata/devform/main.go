//go:build js && wasm

// Command devform shows a developer's own schema as a form, for
// devschema_test.go: the smallest page that drives package form in a
// browser, as wasm/internal/app does partnerkit's forms. The page sets
// globalThis.devSchema (the schema's text) and, optionally,
// globalThis.devReferences ([{at, from, label}]) before loading it;
// globalThis.devJSON() returns the document.
package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/partnerkit/partnerkit/wasm/form"
)

var (
	global   = js.Global()
	document = global.Get("document")
	f        *form.Form
	slots    map[string]string
)

func main() {
	app := document.Call("getElementById", "app")
	var opts []form.CompileOption
	if refs := global.Get("devReferences"); refs.Type() == js.TypeString {
		var rs []struct{ At, From, Label string }
		if err := json.Unmarshal([]byte(refs.String()), &rs); err == nil {
			for _, r := range rs {
				opts = append(opts, form.Reference(r.At, r.From, r.Label))
			}
		}
	}
	root, err := form.Compile([]byte(global.Get("devSchema").String()), nil, opts...)
	if err != nil {
		app.Set("textContent", "The schema could not be compiled: "+err.Error())
		return
	}
	f = form.New(root, "dev")
	msgs := messages()
	slots = f.Slots(msgs)
	app.Set("innerHTML", `<main id="dev"><h1 id="dev-title">`+escape(root.Label())+`</h1>`+f.HTML(msgs)+
		`<p class="pk-actions"><button type="button" class="pk-button" id="dev-check" data-action="check">Check the answers</button></p></main>`)
	app.Call("addEventListener", "input", js.FuncOf(func(_ js.Value, args []js.Value) any { onInput(args[0].Get("target")); return nil }))
	app.Call("addEventListener", "change", js.FuncOf(func(_ js.Value, args []js.Value) any { onChange(args[0].Get("target")); return nil }))
	app.Call("addEventListener", "click", js.FuncOf(func(_ js.Value, args []js.Value) any { onClick(args[0].Get("target")); return nil }))
	global.Set("devJSON", js.FuncOf(func(js.Value, []js.Value) any { return string(f.JSON()) }))
	document.Get("documentElement").Call("setAttribute", "data-dev-ready", "true")
	select {}
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

func attr(el js.Value, name string) string {
	v := el.Call("getAttribute", name)
	if v.IsNull() {
		return ""
	}
	return v.String()
}

// messages are the problems to show: the fields visited, or all once
// the user asked to check.
func messages() form.Messages {
	msgs := form.Messages{}
	for _, p := range f.Problems() {
		at := f.Place(p.Path)
		msgs[at] = append(msgs[at], p)
	}
	return f.Visible(msgs)
}

func onInput(t js.Value) {
	ptr := attr(t, "data-pointer")
	if t.Get("dataset").Get("pointer").IsUndefined() {
		return
	}
	value := t.Get("value").String()
	structure := ""
	switch attr(t, "data-action") {
	case "rename":
		np, err := f.Rename(ptr, value)
		if err == nil && np != ptr {
			structure = np
			t.Call("setAttribute", "data-pointer", np)
		}
		refresh(structure)
		return
	case "choose":
		i, _ := strconv.Atoi(value)
		_ = f.Choose(ptr, i)
		refresh(ptr)
		return
	}
	switch attr(t, "data-widget") {
	case string(form.WidgetFile):
		return // read in onChange
	case string(form.WidgetCheckboxes):
		_ = f.Toggle(ptr, value, t.Get("checked").Bool())
	case string(form.WidgetCheckbox):
		_ = f.Input(ptr, strconv.FormatBool(t.Get("checked").Bool()))
	default:
		_ = f.Input(ptr, value)
	}
	refresh("")
}

// onChange reads a chosen file to a data: URL, the value of a data-url
// field.
func onChange(t js.Value) {
	if attr(t, "data-widget") != string(form.WidgetFile) {
		return
	}
	files := t.Get("files")
	if files.IsNull() || files.Get("length").Int() == 0 {
		return
	}
	ptr := attr(t, "data-pointer")
	reader := global.Get("FileReader").New()
	var done js.Func
	done = js.FuncOf(func(js.Value, []js.Value) any {
		done.Release()
		_ = f.Input(ptr, reader.Get("result").String())
		refresh(ptr)
		return nil
	})
	reader.Set("onload", done)
	reader.Call("readAsDataURL", files.Index(0))
}

func onClick(t js.Value) {
	b := t.Call("closest", "button")
	if b.IsNull() || b.Get("disabled").Bool() {
		return
	}
	ptr := attr(b, "data-pointer")
	parent := ""
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		parent = ptr[:i]
	}
	switch attr(b, "data-action") {
	case "add":
		item, err := f.Add(ptr)
		if err != nil {
			return
		}
		refresh(ptr)
		if id := f.KeyID(item); id != "" {
			focus(id)
		} else {
			focus(f.ID(item) + "-item")
		}
	case "remove":
		if f.Remove(ptr) == nil {
			refresh(parent)
		}
	case "up", "down":
		delta := 1
		if attr(b, "data-action") == "up" {
			delta = -1
		}
		if _, err := f.Move(ptr, delta); err == nil {
			refresh(parent)
		}
	case "check":
		f.CheckAll()
		refresh("")
	}
}

func focus(id string) {
	if el := document.Call("getElementById", id); !el.IsNull() {
		el.Call("focus")
	}
}

// refresh renders again the field whose structure changed and the
// members a condition showed or hid, then every messages element.
func refresh(structure string) {
	msgs := messages()
	replace := func(ptr string) {
		id, html, err := f.Fragment(ptr, msgs)
		if err != nil {
			return
		}
		if el := document.Call("getElementById", id); !el.IsNull() {
			el.Set("outerHTML", html)
		}
	}
	if structure != "" {
		replace(structure)
	}
	for _, p := range f.Reshaped() {
		replace(p)
	}
	now := f.Slots(msgs)
	for ptr := range slots {
		if _, ok := now[ptr]; !ok {
			set(f.MessagesID(ptr), "")
		}
	}
	for ptr, html := range now {
		set(f.MessagesID(ptr), html)
	}
	slots = now
}

func set(id, html string) {
	if el := document.Call("getElementById", id); !el.IsNull() && el.Get("innerHTML").String() != html {
		el.Set("innerHTML", html)
	}
}
