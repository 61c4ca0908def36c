//go:build js && wasm

package main

import (
	"syscall/js"
	"time"

	"github.com/partnerkit/partnerkit/wasm/internal/app"
)

// requestTimeout is how long the page waits for the server's answer
// before it counts the request as failed.
const requestTimeout = 20 * time.Second

// startRemote mounts the respondent's or the coordinator's page.
func startRemote(root js.Value) {
	var store app.Store
	if s := global.Get("partnerkitStorage"); s.Type() == js.TypeObject {
		store = jsStore{s}
	}
	switch link.Kind {
	case app.LinkRespond:
		r := app.NewRespondent(link.Token, fetchClient{})
		r.Open(store)
		remote = r
		document.Set("title", "Review round – partnerkit")
	case app.LinkAdmin:
		remote = app.NewProgramme(link.Token, fetchClient{})
		document.Set("title", "The programme – partnerkit")
	default:
		remote = app.NewCoordinator(link.Token, fetchClient{})
		document.Set("title", "Review round report – partnerkit")
	}
	root.Set("innerHTML", remote.HTML())
	root.Call("addEventListener", "input", js.FuncOf(guard(onInput)))
	root.Call("addEventListener", "click", js.FuncOf(guard(onClick)))
	root.Call("addEventListener", "submit", js.FuncOf(func(this js.Value, args []js.Value) any {
		args[0].Call("preventDefault")
		return nil
	}))
	global.Call("addEventListener", "hashchange", js.FuncOf(guard(onHashChange)))
	document.Get("documentElement").Call("setAttribute", "data-pk-ready", "true")
	mark("pk-interactive")
}

// eventOf reads an app.Event from a control with a data-pointer.
func eventOf(target js.Value) (app.Event, bool) {
	ptr := target.Call("getAttribute", "data-pointer")
	if ptr.IsNull() {
		return app.Event{}, false
	}
	e := app.Event{Pointer: ptr.String(), Widget: attr(target, "data-widget"), Action: attr(target, "data-action"), Value: target.Get("value").String()}
	if c := target.Get("checked"); c.Type() == js.TypeBoolean {
		e.Checked = c.Bool()
	}
	return e, true
}

func onRemoteClick(event, target js.Value) {
	if l := target.Call("closest", "a[data-focus]"); !l.IsNull() {
		event.Call("preventDefault")
		focus(attr(l, "data-focus"))
		return
	}
	button := target.Call("closest", "button")
	if button.IsNull() || button.Get("disabled").Bool() {
		return
	}
	if onProgrammeClick(button) {
		return
	}
	switch attr(button, "data-command") {
	case "submit":
		if r, ok := remote.(*app.Respondent); ok {
			apply(r.Submit())
		}
	case "retry":
		if r, ok := remote.(*app.Respondent); ok {
			apply(r.Retry())
		}
	case "refresh":
		if c, ok := remote.(*app.Coordinator); ok {
			apply(c.Refresh())
		}
	case "reload":
		global.Get("location").Call("reload")
	case "print":
		global.Call("print")
	}
}

// fetchClient sends the page's requests with the browser's fetch, to the
// page's own server, with the token in the Authorization header. An
// answer that does not come within requestTimeout, or a network error,
// is delivered as status 0.
type fetchClient struct{}

func (fetchClient) Send(req app.Request) {
	if req.Delay <= 0 {
		send(req)
		return
	}
	var later js.Func
	later = js.FuncOf(func(js.Value, []js.Value) any {
		later.Release()
		send(req)
		return nil
	})
	global.Call("setTimeout", later, req.Delay.Milliseconds())
}

func send(req app.Request) {
	headers := map[string]any{"Accept": "application/json, application/problem+json", "Authorization": "Bearer " + req.Token}
	init := map[string]any{"method": req.Method, "headers": headers, "cache": "no-store", "credentials": "omit",
		"referrerPolicy": "no-referrer", "redirect": "error"}
	if req.Key != "" {
		headers["Idempotency-Key"] = req.Key
	}
	if req.Body != nil {
		headers["Content-Type"] = "application/json"
		init["body"] = string(req.Body)
	}
	if as := global.Get("AbortSignal"); as.Type() == js.TypeFunction && as.Get("timeout").Type() == js.TypeFunction {
		init["signal"] = as.Call("timeout", requestTimeout.Milliseconds())
	}
	var ok, failed js.Func
	done := func(resp app.Response) {
		ok.Release()
		failed.Release()
		deliver(resp)
	}
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		res := args[0]
		status := res.Get("status").Int()
		var text, bad js.Func
		text = js.FuncOf(func(_ js.Value, a []js.Value) any {
			text.Release()
			bad.Release()
			done(app.Response{ID: req.ID, Status: status, Body: []byte(a[0].String())})
			return nil
		})
		bad = js.FuncOf(func(js.Value, []js.Value) any {
			text.Release()
			bad.Release()
			done(app.Response{ID: req.ID})
			return nil
		})
		res.Call("text").Call("then", text, bad)
		return nil
	})
	failed = js.FuncOf(func(js.Value, []js.Value) any {
		done(app.Response{ID: req.ID})
		return nil
	})
	global.Call("fetch", req.Path, init).Call("then", ok, failed)
}

// deliver hands an answer to the page and applies its patches; a panic
// is reported on the console, and the page keeps working.
func deliver(resp app.Response) {
	defer func() {
		if r := recover(); r != nil {
			global.Get("console").Call("error", "partnerkit:", panicText(r))
		}
	}()
	apply(remote.Received(resp))
	downloaded()
}
