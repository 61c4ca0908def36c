//go:build js && wasm

package main

import (
	"encoding/json"
	"syscall/js"

	"github.com/partnerkit/partnerkit/wasm/internal/app"
)

// embedOptions are the options partnerkit-form.js passes as JSON.
type embedOptions struct {
	Schema       string          `json:"schema"`
	SchemaDoc    json.RawMessage `json:"schemaDocument"`
	Framework    string          `json:"framework"`
	FrameworkDoc json.RawMessage `json:"frameworkDocument"`
	Value        json.RawMessage `json:"value"`
	SubmitLabel  string          `json:"submitLabel"`
}

// mountEmbed mounts one embedded form: mount(shadowRoot, optionsJSON,
// emit) renders it into the shadow root, listens there, and calls
// emit(type, detailJSON) with "change" after every edit, "submit" when
// the submit button is pressed and "checked" once the first check is
// shown. It returns {value(), state(), load(json), destroy()}, or
// {error} when the options are wrong.
func mountEmbed(_ js.Value, args []js.Value) any {
	if len(args) < 3 {
		return map[string]any{"error": "mount needs a shadow root, options and an emit function"}
	}
	scope, emit := args[0], args[2]
	var o embedOptions
	if err := json.Unmarshal([]byte(args[1].String()), &o); err != nil {
		return map[string]any{"error": "the options are not valid: " + err.Error()}
	}
	value := []byte(o.Value)
	if string(value) == "null" {
		value = nil
	}
	fw := []byte(o.FrameworkDoc)
	if string(fw) == "null" {
		fw = nil
	}
	schema := []byte(o.SchemaDoc)
	if string(schema) == "null" {
		schema = nil
	}
	e, err := app.NewEmbed(app.EmbedOptions{Schema: o.Schema, SchemaJSON: schema, Framework: o.Framework, FrameworkJSON: fw, Value: value, SubmitLabel: o.SubmitLabel})
	if err != nil {
		return map[string]any{"error": err.Error()}
	}
	container := document.Call("createElement", "div")
	container.Set("innerHTML", e.HTML())
	scope.Call("appendChild", container)
	send := func(kind string) { emit.Invoke(kind, string(e.StateJSON())) }

	var funcs []js.Func
	var unlisten []func()
	listen := func(event string, h func(js.Value)) {
		f := js.FuncOf(guard(h))
		funcs = append(funcs, f)
		scope.Call("addEventListener", event, f)
		unlisten = append(unlisten, func() { scope.Call("removeEventListener", event, f) })
	}
	listen("input", func(event js.Value) {
		if ev, ok := eventOf(event.Get("target")); ok {
			applyIn(scope, e.Handle(ev))
			send("change")
		}
	})
	listen("change", func(event js.Value) {
		fileEvent(event.Get("target"), func(ev app.Event) {
			applyIn(scope, e.Handle(ev))
			send("change")
		})
	})
	listen("focusout", func(event js.Value) {
		if ev, ok := visitOf(event.Get("target")); ok {
			applyIn(scope, e.Handle(ev))
		}
	})
	listen("click", func(event js.Value) {
		target := event.Get("target")
		if l := target.Call("closest", "a[data-focus]"); !l.IsNull() {
			event.Call("preventDefault")
			focusIn(scope, attr(l, "data-focus"))
			return
		}
		button := target.Call("closest", "button")
		if button.IsNull() || button.Get("disabled").Bool() {
			return
		}
		if action := attr(button, "data-action"); action != "" {
			applyIn(scope, e.Handle(app.Event{Pointer: attr(button, "data-pointer"), Action: action}))
			send("change")
			return
		}
		if attr(button, "data-command") == "submit" {
			applyIn(scope, e.Submit())
			send("submit")
		}
	})
	listen("submit", func(event js.Value) { event.Call("preventDefault") })

	destroyed := false
	var finish js.Func
	finish = js.FuncOf(guard(func(js.Value) {
		finish.Release()
		if !destroyed {
			applyIn(scope, e.Finish())
			send("checked")
		}
	}))
	global.Call("setTimeout", finish, 0, js.Null())
	mark("pk-embed-interactive")

	method := func(f func(args []js.Value) any) js.Func {
		fn := js.FuncOf(func(_ js.Value, args []js.Value) any { return f(args) })
		funcs = append(funcs, fn)
		return fn
	}
	return map[string]any{
		"value": method(func([]js.Value) any { return string(e.Value()) }),
		"state": method(func([]js.Value) any { return string(e.StateJSON()) }),
		"load": method(func(args []js.Value) any {
			if len(args) == 0 {
				return "no value given"
			}
			patches, err := e.Load([]byte(args[0].String()))
			if err != nil {
				return err.Error()
			}
			applyIn(scope, patches)
			applyIn(scope, e.Finish())
			return ""
		}),
		"destroy": method(func([]js.Value) any {
			destroyed = true
			container.Call("remove")
			for _, u := range unlisten {
				u()
			}
			for _, f := range funcs {
				defer f.Release()
			}
			return nil
		}),
	}
}
