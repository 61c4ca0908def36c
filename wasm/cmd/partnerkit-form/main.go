//go:build js && wasm

package main

import (
	"errors"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/partnerkit/partnerkit/wasm/internal/app"
)

var (
	global   = js.Global()
	document = global.Get("document")
	page     *app.Page
	// remote is the respondent's or the coordinator's page, when the
	// address is a register link; link is that address.
	remote remotePage
	link   app.Link
)

// remotePage is what the register's pages have in common.
type remotePage interface {
	HTML() string
	Handle(app.Event) []app.Patch
	Received(app.Response) []app.Patch
}

func main() {
	// Collect garbage less often than the default: the page's heap is
	// small, and a collection stops everything in WebAssembly.
	debug.SetGCPercent(400)
	mark("pk-go-start")
	if embed := global.Get("partnerkitEmbed"); embed.Type() == js.TypeObject {
		// Loaded by partnerkit-form.js into another page: no page of our
		// own, only forms mounted where the page puts them.
		embed.Call("register", js.FuncOf(mountEmbed))
		select {}
	}
	root := document.Call("getElementById", "app")
	// boot.js stops here: from now on this program has the events.
	did, pre := takeBoot()
	link = app.ParseLink(global.Get("location").Get("hash").String())
	if link.Kind != "" {
		unboot(root)
		startRemote(root)
		select {} // keep serving events
	}
	p, err := app.New()
	mark("pk-app-new")
	if err != nil {
		unboot(root)
		root.Set("textContent", "The forms could not start: "+err.Error())
		return
	}
	page = p
	// main.js probes localStorage: where the browser refuses it, reading
	// it throws a SecurityError that would end this program.
	var store app.Store
	if s := global.Get("partnerkitStorage"); s.Type() == js.TypeObject {
		store = jsStore{s}
	}
	page.Open(store)
	if pre {
		takeOver(root, did)
	} else {
		if v := viewFromHash(); v != "" {
			page.Show(v)
		}
		html := page.HTML()
		mark("pk-html")
		root.Set("innerHTML", html)
		unboot(root)
		mark("pk-dom")
	}
	setTitle(page.View())

	root.Call("addEventListener", "input", js.FuncOf(guard(onInput)))
	root.Call("addEventListener", "change", js.FuncOf(guard(onChange)))
	root.Call("addEventListener", "focusout", js.FuncOf(guard(onFocusOut)))
	root.Call("addEventListener", "click", js.FuncOf(guard(onClick)))
	root.Call("addEventListener", "submit", js.FuncOf(func(this js.Value, args []js.Value) any {
		args[0].Call("preventDefault") // nothing is ever submitted
		return nil
	}))
	global.Call("addEventListener", "hashchange", js.FuncOf(guard(onHashChange)))
	if store != nil {
		global.Call("addEventListener", "storage", js.FuncOf(guard(onStorage)))
	}

	document.Get("documentElement").Call("setAttribute", "data-pk-ready", "true")
	mark("pk-interactive")

	// Once the page is on screen, render the other views and check the
	// MOU: the first check compiles the schemas, which takes a moment.
	var finish js.Func
	finish = js.FuncOf(guard(func(js.Value) {
		finish.Release()
		applyPre(page.Finish())
		dropPre(root)
		document.Get("documentElement").Call("setAttribute", "data-pk-checked", "true")
		mark("pk-checked")
	}))
	global.Call("requestAnimationFrame", js.FuncOf(func(js.Value, []js.Value) any {
		global.Call("setTimeout", finish, 0, js.Null())
		return nil
	}))
	select {} // keep serving events
}

func mark(name string) {
	if perf := global.Get("performance"); !perf.IsUndefined() {
		perf.Call("mark", name)
	}
}

// guard wraps an event handler so that a panic is reported on the
// console and the page keeps working.
func guard(h func(event js.Value)) func(js.Value, []js.Value) any {
	return func(this js.Value, args []js.Value) (result any) {
		defer func() {
			if r := recover(); r != nil {
				global.Get("console").Call("error", "partnerkit:", panicText(r))
			}
		}()
		if len(args) > 0 {
			h(args[0])
		}
		return nil
	}
}

func panicText(r any) string {
	switch x := r.(type) {
	case error:
		return x.Error()
	case string:
		return x
	}
	return "unexpected failure"
}

// jsStore is localStorage through main.js's partnerkitStorage, whose
// functions catch what the browser throws and return the exception's
// name instead.
type jsStore struct{ v js.Value }

func (s jsStore) Get(key string) (string, bool) {
	r := s.v.Call("get", key)
	if r.Type() != js.TypeString {
		return "", false
	}
	return r.String(), true
}

func (s jsStore) Set(key, value string) error { return jsError(s.v.Call("set", key, value)) }

func (s jsStore) Remove(key string) error { return jsError(s.v.Call("remove", key)) }

func jsError(r js.Value) error {
	if r.Type() == js.TypeString && r.String() != "" {
		return errors.New(r.String())
	}
	return nil
}

// save writes what changed to localStorage, and shows what went wrong.
func save() { apply(page.Save()) }

// onStorage takes a change another tab made to localStorage.
func onStorage(event js.Value) {
	key := event.Get("key")
	if key.Type() != js.TypeString {
		return // the whole store was cleared
	}
	v := event.Get("newValue")
	apply(page.StorageEvent(key.String(), v.String(), v.Type() == js.TypeString))
}

// viewOf returns the view a control is in.
func viewOf(el js.Value) string {
	v := el.Call("closest", "[data-view]")
	if v.IsNull() {
		return ""
	}
	return v.Get("dataset").Get("view").String()
}

func attr(el js.Value, name string) string {
	v := el.Call("getAttribute", name)
	if v.IsNull() {
		return ""
	}
	return v.String()
}

func onInput(event js.Value) {
	target := event.Get("target")
	if remote != nil {
		if e, ok := eventOf(target); ok {
			apply(remote.Handle(e))
		}
		return
	}
	e, ok := eventOf(target)
	if !ok {
		return
	}
	apply(page.Handle(viewOf(target), e))
	save()
}

// onFocusOut tells the page the user left a field: its problems show
// from now on. Nothing changes in the document, so nothing is saved.
func onFocusOut(event js.Value) {
	if remote != nil {
		return
	}
	target := event.Get("target")
	if e, ok := visitOf(target); ok {
		apply(page.Handle(viewOf(target), e))
	}
}

// visitOf reads the visit of a control the user left: a box, a choice
// or a list of them, never a button.
func visitOf(target js.Value) (app.Event, bool) {
	switch target.Get("tagName").String() {
	case "INPUT", "SELECT", "TEXTAREA":
	default:
		return app.Event{}, false
	}
	ptr := target.Call("getAttribute", "data-pointer")
	if ptr.IsNull() {
		return app.Event{}, false
	}
	return app.Event{Pointer: ptr.String(), Action: "visit"}, true
}

// fileEvent reads the file chosen in a data-url field's file input to a
// data: URL, and gives done the event that puts it in the document.
// It returns false for any other control.
func fileEvent(target js.Value, done func(app.Event)) bool {
	if attr(target, "data-widget") != "file" {
		return false
	}
	files := target.Get("files")
	ptr := attr(target, "data-pointer")
	if files.IsNull() || files.Get("length").Int() == 0 || ptr == "" {
		return true
	}
	// A file larger than the field takes is not read at all: a huge one
	// would fill the memory before the form could refuse it.
	size := int64(files.Index(0).Get("size").Float())
	if limit, err := strconv.ParseInt(attr(target, "data-max-size"), 10, 64); err == nil && size > limit {
		done(app.Event{Pointer: ptr, Widget: "file", Action: "file-too-large", Value: strconv.FormatInt(size, 10)})
		return true
	}
	reader := global.Get("FileReader").New()
	var loaded js.Func
	loaded = js.FuncOf(guard(func(js.Value) {
		defer loaded.Release()
		if r := reader.Get("result"); r.Type() == js.TypeString {
			done(app.Event{Pointer: ptr, Widget: "file", Action: "file", Value: r.String()})
		}
	}))
	reader.Set("onloadend", loaded)
	reader.Call("readAsDataURL", files.Index(0))
	return true
}

func onChange(event js.Value) { chosen(event.Get("target")) }

// chosen reads the file chosen in a file input: a data-url field's, or
// an import's.
func chosen(target js.Value) {
	if remote == nil && fileEvent(target, func(e app.Event) {
		apply(page.Handle(viewOf(target), e))
		save()
	}) {
		return
	}
	view := attr(target, "data-import")
	if view == "" {
		return
	}
	files := target.Get("files")
	if files.IsNull() || files.Get("length").Int() == 0 {
		return
	}
	file := files.Index(0)
	name := file.Get("name").String()
	var done js.Func
	done = js.FuncOf(guard(func(text js.Value) {
		defer done.Release()
		apply(page.Import(view, name, []byte(text.String())))
		target.Set("value", "") // the same file can be imported again
		save()
	}))
	file.Call("text").Call("then", done)
}

func onClick(event js.Value) {
	target := event.Get("target")
	if remote != nil {
		onRemoteClick(event, target)
		return
	}
	if link := target.Call("closest", "a[data-focus]"); !link.IsNull() {
		// Error summary links, the skip link and the scores' links move
		// the focus to the field, as the GOV.UK error summary does.
		event.Call("preventDefault")
		focus(attr(link, "data-focus"))
		return
	}
	if button := target.Call("closest", "button"); !button.IsNull() {
		press(button)
	}
}

// press does what a button of the local forms says.
func press(button js.Value) {
	if button.Get("disabled").Bool() {
		return
	}
	view := viewOf(button)
	if action := attr(button, "data-action"); action != "" {
		apply(page.Handle(view, app.Event{Pointer: attr(button, "data-pointer"), Action: action}))
		save()
		return
	}
	switch attr(button, "data-command") {
	case "export":
		name, data := page.Export(view)
		download(name, "application/json", data)
	case "reset":
		if global.Call("confirm", "Start again? Everything in this form will be cleared from this device.").Bool() {
			apply(page.Reset(view))
			save()
		}
	case "print":
		global.Call("print")
	case "import-confirm":
		apply(page.ConfirmImport(view))
		save()
	case "import-cancel":
		apply(page.CancelImport(view))
	case "undo-import":
		apply(page.UndoImport(view))
		save()
	case "switch-framework":
		if sel := document.Call("getElementById", "health-check-framework"); !sel.IsNull() {
			apply(page.SwitchFramework(sel.Get("value").String()))
			save()
		}
	case "switch-confirm":
		apply(page.ConfirmSwitch())
		save()
	case "switch-cancel":
		apply(page.CancelSwitch())
	case "conflict-load":
		apply(page.TakeTheirs(view))
		save()
	case "conflict-keep":
		apply(page.KeepMine(view))
	case "download-unreadable":
		if name, data := page.Unreadable(view); name != "" {
			download(name, "text/plain", data)
		}
	case "discard-unreadable":
		apply(page.DiscardUnreadable(view))
	}
}

func onHashChange(js.Value) {
	// A register link's page, or a change from one to another, starts
	// afresh: each has its own token.
	if next := app.ParseLink(global.Get("location").Get("hash").String()); next != link && (next.Kind != "" || link.Kind != "") {
		global.Get("location").Call("reload")
		return
	}
	view := viewFromHash()
	if view == "" {
		return
	}
	applyPre(page.Show(view)) // the pre-rendered MOU builder, if the takeover left it, is kept
	setTitle(view)
	focus(view + "-title")
}

func viewFromHash() string {
	h := strings.TrimPrefix(global.Get("location").Get("hash").String(), "#")
	switch h {
	case app.ViewAssessment, app.ViewMOU, app.ViewPreview:
		return h
	}
	return ""
}

var titles = map[string]string{
	app.ViewAssessment: "Partnership health check",
	app.ViewMOU:        "MOU builder",
	app.ViewPreview:    "Preview and print the MOU",
}

func setTitle(view string) {
	document.Set("title", titles[view]+" – partnerkit")
}

// download saves data as a file, made in the page: nothing is sent. The
// Blob gets the bytes themselves: a Go string passed to JavaScript loses
// a leading byte order mark on the way (TextDecoder drops it), and a
// CSV's is there for spreadsheets.
func download(name, mime string, data []byte) {
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

// focus moves the keyboard focus to an element, or to the first control
// inside it when it cannot take the focus itself.
func focus(id string) bool { return focusIn(document, id) }

// focusIn is focus within scope: the document, or an embedded form's
// shadow root.
func focusIn(scope js.Value, id string) bool {
	el := scope.Call("getElementById", id)
	if el.IsNull() {
		return false
	}
	if !el.Call("matches", "input, select, textarea, button, a[href], [tabindex]").Bool() {
		inner := el.Call("querySelector", "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])")
		if inner.IsNull() {
			return false
		}
		el = inner
	}
	el.Call("focus")
	return true
}

// apply applies patches in order, skipping those whose element is gone.
func apply(patches []app.Patch) { applyIn(document, patches) }

// applyIn is apply within scope: the document, or an embedded form's
// shadow root.
func applyIn(scope js.Value, patches []app.Patch) {
	for _, p := range patches {
		if p.Op == app.OpFocus {
			focusIn(scope, p.ID)
			continue
		}
		el := scope.Call("getElementById", p.ID)
		if el.IsNull() {
			continue
		}
		switch p.Op {
		case app.OpInner:
			el.Set("innerHTML", p.HTML)
		case app.OpOuter:
			el.Set("outerHTML", p.HTML)
		case app.OpText:
			el.Set("textContent", p.Value)
		case app.OpAttr:
			el.Call("setAttribute", p.Name, p.Value)
		case app.OpShow:
			el.Set("hidden", false)
		case app.OpHide:
			el.Set("hidden", true)
		}
	}
}
