//go:build !(js && wasm)

package e2e_test

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// devForm is testdata/devform built to WebAssembly, once: a page that
// shows any schema as a form with package form alone.
var devForm struct {
	once sync.Once
	wasm []byte
	err  error
}

// devServer serves the developer's form for a schema and returns its
// address.
func devServer(t *testing.T, schema string) string {
	t.Helper()
	if suite.skip != "" {
		skipOrFail(t, suite.skip)
	}
	devForm.once.Do(func() {
		out := filepath.Join(os.TempDir(), "partnerkit-devform-"+strconv.Itoa(os.Getpid())+".wasm")
		cmd := exec.Command("go", "build", "-o", out, "./testdata/devform")
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if msg, err := cmd.CombinedOutput(); err != nil {
			devForm.err = err
			t.Logf("%s", msg)
			return
		}
		devForm.wasm, devForm.err = os.ReadFile(out)
		_ = os.Remove(out)
	})
	require.NoError(t, devForm.err, "building testdata/devform")
	quoted, err := json.Marshal(schema)
	require.NoError(t, err)
	files := map[string][]byte{
		"/": []byte(`<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>A developer's schema</title>
<link rel="stylesheet" href="style.css"><script src="schema.js"></script><script src="wasm_exec.js"></script><script src="dev.js" defer></script>
</head><body><div id="app"></div></body></html>`),
		"/schema.js": []byte("globalThis.devSchema = " + string(quoted) + ";\n"),
		"/dev.js": []byte(`(async () => {
  const go = new Go();
  const r = await WebAssembly.instantiateStreaming(fetch("dev.wasm"), go.importObject);
  go.run(r.instance);
})();`),
		"/dev.wasm": devForm.wasm,
	}
	for _, name := range []string{"wasm_exec.js", "style.css"} {
		b, err := fs.ReadFile(suite.files, name)
		require.NoError(t, err)
		files["/"+name] = b
	}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		name := r.URL.Path
		if name == "/" {
			name = "/index.html"
		}
		http.ServeContent(w, r, name, time.Time{}, strings.NewReader(string(b)))
	}))
	t.Cleanup(server.Close)
	return server.URL + "/"
}

// clubSchema is a developer's schema, not partnerkit's: a condition,
// members the user names, a tuple, a default, an example, formats with
// their own controls and validation keywords.
const clubSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Register a club",
  "type": "object",
  "required": ["name", "kind"],
  "properties": {
    "name": {"title": "Club name", "type": "string", "minLength": 3, "examples": ["Riverside Rockets"]},
    "kind": {"title": "Kind of club", "enum": ["sport", "music"]},
    "instrument": {"title": "Main instrument", "type": "string"},
    "founded": {"title": "Founded", "type": "string", "format": "date-time"},
    "members": {"title": "Members", "type": "integer", "minimum": 1, "default": 10},
    "site": {"title": "Website", "type": "string", "format": "uri"},
    "ratings": {"title": "Ratings", "description": "A rating out of 5 for anything you like.", "type": "object", "additionalProperties": {"type": "integer", "maximum": 5}},
    "location": {"title": "Location", "type": "array", "prefixItems": [{"title": "Latitude", "type": "number"}, {"title": "Longitude", "type": "number"}], "items": false},
    "logo": {"title": "Logo", "type": "string", "format": "data-url"}
  },
  "if": {"properties": {"kind": {"const": "music"}}, "required": ["kind"]},
  "then": {"properties": {"instrument": true}, "required": ["instrument"]}
}`

// TestDeveloperSchema fills a developer's schema in the browser as a
// person would and gets the JSON it expects: no problem is shown before
// a field is visited, a field's problems show once it is, the condition
// shows and hides what it governs, named members and a tuple are added,
// a file is read to a data: URL, and "Check the answers" shows the rest.
func TestDeveloperSchema(t *testing.T) {
	url := devServer(t, clubSchema)
	tb := newTab(t)
	tb.do(chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("html[data-dev-ready]")))
	messages := func() int { return eval[int](tb, `document.querySelectorAll("#dev .pk-message").length`) }
	assert.Zero(t, messages(), "no problem is shown before anything is visited")
	assert.Equal(t, "Riverside Rockets", eval[string](tb, `document.getElementById("dev__name").placeholder`), "examples are placeholders")
	tb.axe("#dev")

	// A field's problem shows once it is visited, and goes when put right.
	tb.do(chromedp.SendKeys(chromedp.ID("dev__name"), "Ri"))
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#dev__name-msg [data-code="schema"]`)))
	assert.Equal(t, "Error: Write at least 3 characters.", eval[string](tb, `document.getElementById("dev__name-msg").textContent`))
	assert.Equal(t, 1, messages(), "the other required field is not visited yet")
	tb.do(chromedp.SendKeys(chromedp.ID("dev__name"), "verside"), chromedp.WaitNotPresent(chromedp.CSS(`#dev__name-msg .pk-message`)))

	// The condition: the instrument shows only for a music club.
	assert.Zero(t, eval[int](tb, `document.querySelectorAll("#dev__instrument").length`))
	tb.do(chromedp.Click(chromedp.CSS(`label[for="dev__kind-1"]`)), chromedp.WaitVisible(chromedp.ID("dev__instrument")))
	tb.do(chromedp.SendKeys(chromedp.ID("dev__instrument"), "Cello"))
	tb.do(chromedp.Click(chromedp.CSS(`label[for="dev__kind-0"]`)), chromedp.WaitNotPresent(chromedp.ID("dev__instrument")))
	assert.NotContains(t, eval[string](tb, `devJSON()`), "Cello", "a hidden field's value is not in the document")
	tb.do(chromedp.Click(chromedp.CSS(`label[for="dev__kind-1"]`)), chromedp.WaitVisible(chromedp.ID("dev__instrument")))
	assert.Equal(t, "Cello", eval[string](tb, `document.getElementById("dev__instrument").value`), "what was typed comes back")

	// A date and time, through the browser's own picker.
	tb.do(chromedp.Evaluate[chromedp.Void](`(() => { const e = document.getElementById("dev__founded");
	  e.value = "2027-09-01T09:30"; e.dispatchEvent(new Event("input", {bubbles: true})); })()`))
	assert.Equal(t, "datetime-local", eval[string](tb, `document.getElementById("dev__founded").type`))

	// A web address is checked live.
	tb.do(chromedp.SendKeys(chromedp.ID("dev__site"), "example.org"), chromedp.WaitVisible(chromedp.CSS(`#dev__site-msg .pk-message`)))
	tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("dev__site").select()`), chromedp.Focus(chromedp.ID("dev__site")), chromedp.KeyEvent(kb.Backspace))
	tb.do(chromedp.SendKeys(chromedp.ID("dev__site"), "https://example.org/club"), chromedp.WaitNotPresent(chromedp.CSS(`#dev__site-msg .pk-message`)))

	// A member the user names: add, name it, give it a value.
	tb.do(chromedp.Click(chromedp.ID("dev__ratings-add")), chromedp.WaitVisible(chromedp.ID("dev__ratings-key-0")))
	assert.Equal(t, "dev__ratings-key-0", eval[string](tb, `document.activeElement.id`), "the focus goes to the new name")
	tb.do(chromedp.KeyEvent("tone"))
	assert.Equal(t, "dev__ratings-key-0", eval[string](tb, `document.activeElement.id`), "the name box keeps the focus while it is typed")
	tb.do(chromedp.WaitVisible(chromedp.ID("dev__ratings__tone")))
	tb.do(chromedp.SendKeys(chromedp.ID("dev__ratings__tone"), "7"), chromedp.WaitVisible(chromedp.CSS(`#dev__ratings__tone-msg .pk-message`)))
	assert.Contains(t, eval[string](tb, `document.getElementById("dev__ratings__tone-msg").textContent`), "5 or less")
	tb.do(chromedp.Focus(chromedp.ID("dev__ratings__tone")), chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent("4"),
		chromedp.WaitNotPresent(chromedp.CSS(`#dev__ratings__tone-msg .pk-message`)))

	// A tuple: two places, each with its own label, and then no more.
	tb.do(chromedp.Click(chromedp.ID("dev__location-add")), chromedp.WaitVisible(chromedp.ID("dev__location__0")))
	tb.do(chromedp.SendKeys(chromedp.ID("dev__location__0"), "51.5"))
	tb.do(chromedp.Click(chromedp.ID("dev__location-add")), chromedp.WaitVisible(chromedp.ID("dev__location__1")))
	tb.do(chromedp.SendKeys(chromedp.ID("dev__location__1"), "-0.12"))
	assert.Equal(t, []string{"Latitude", "Longitude"}, eval[[]string](tb, `[...document.querySelectorAll("#dev__location label.pk-label")].map(l => l.textContent)`))
	assert.True(t, eval[bool](tb, `document.getElementById("dev__location-add").disabled`), "a tuple with no more places cannot grow")

	// A file, read in the browser to a data: URL.
	logo := filepath.Join(t.TempDir(), "logo.png")
	require.NoError(t, os.WriteFile(logo, []byte("\x89PNG\r\n\x1a\n"), 0o644))
	tb.do(chromedp.SetUploadFiles(chromedp.ID("dev__logo"), []string{logo}))
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#dev__logo-group .pk-hint`)))
	require.Eventually(t, func() bool {
		return strings.Contains(eval[string](tb, `document.getElementById("dev__logo-hint").textContent`), "A file is attached")
	}, 10*time.Second, 50*time.Millisecond)

	// Checking everything shows nothing more: it is all filled in.
	tb.do(chromedp.Click(chromedp.ID("dev__members")))
	tb.do(chromedp.Click(chromedp.ID("dev-check")))
	assert.Zero(t, messages(), eval[string](tb, `[...document.querySelectorAll("#dev .pk-message")].map(m => m.textContent).join("; ")`))
	tb.axe("#dev")

	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(eval[string](tb, `devJSON()`)), &got))
	assert.Equal(t, "data:image/png;base64,iVBORw0KGgo=", got["logo"])
	delete(got, "logo")
	want := map[string]any{
		"name": "Riverside", "kind": "music", "instrument": "Cello", "founded": "2027-09-01T09:30:00Z",
		"members": float64(10), "site": "https://example.org/club", "ratings": map[string]any{"tone": float64(4)},
		"location": []any{51.5, -0.12},
	}
	assert.Equal(t, want, got)
}

// TestDeveloperSchemaCheckAll: "Check the answers" on an empty form
// shows every problem, each beside its field.
func TestDeveloperSchemaCheckAll(t *testing.T) {
	url := devServer(t, clubSchema)
	tb := newTab(t)
	tb.do(chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("html[data-dev-ready]")))
	tb.do(chromedp.Click(chromedp.ID("dev-check")), chromedp.WaitVisible(chromedp.CSS(`#dev__name-msg .pk-message`)))
	assert.Equal(t, "Error: Fill in club name.", eval[string](tb, `document.getElementById("dev__name-msg").textContent`))
	assert.Equal(t, "Error: Fill in kind of club.", eval[string](tb, `document.getElementById("dev__kind-msg").textContent`))
	tb.axe("#dev")
}

// TestMOUPersonalData: in the MOU builder, the data-protection details
// show only while "Uses personal data" is ticked, and what was typed
// there is kept, but not saved, while it is not.
func TestMOUPersonalData(t *testing.T) {
	tb := newTab(t)
	tb.open("mou")
	const dp = "mou__monitoring__dataProtection__"
	members := []string{"lawfulBasis", "consent", "sharing", "retention", "security"}
	// The box is ticked with the keyboard: the page is long, and a
	// mouse click that far down lands short of it in headless Chromium.
	tick := chromedp.Steps(chromedp.Focus(chromedp.ID(dp+"personalData")), chromedp.KeyEvent(" "))
	shown := func() []string {
		return eval[[]string](tb, `["`+strings.Join(members, `","`)+`"].filter(m => document.getElementById("`+dp+`" + m))`)
	}
	assert.Empty(t, shown(), "a new MOU uses no personal data yet")
	tb.do(tick, chromedp.WaitVisible(chromedp.ID(dp+"consent")))
	assert.Equal(t, members, shown())
	tb.do(chromedp.SendKeys(chromedp.ID(dp+"consent"), "Parents give consent on the trip form."))
	tb.axe("#view-mou")

	tb.do(tick, chromedp.WaitNotPresent(chromedp.ID(dp+"consent")))
	assert.Empty(t, shown(), "false hides them")
	assert.NotContains(t, stored(tb, "partnerkit.mou"), "trip form", "hidden details are not saved")
	assert.Contains(t, stored(tb, "partnerkit.mou"), `"personalData": false`)

	tb.do(tick, chromedp.WaitVisible(chromedp.ID(dp+"consent")))
	assert.Equal(t, "Parents give consent on the trip form.", eval[string](tb, `document.getElementById("`+dp+`consent").value`))
	assert.Contains(t, stored(tb, "partnerkit.mou"), "trip form")
	tb.checkOffline()
}

// TestMOUPartnerPicker: an activity's lead is chosen from the MOU's own
// partners, by name, and the picker follows the partners as they are
// typed.
func TestMOUPartnerPicker(t *testing.T) {
	tb := newTab(t)
	tb.open("mou")
	tb.do(chromedp.Focus(chromedp.ID("mou__activities-add")), chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.ID("mou__activities__0__ledBy")))
	options := func() []string {
		return eval[[]string](tb, `[...document.querySelectorAll("#mou__activities__0__ledBy option")].map(o => o.textContent)`)
	}
	assert.Equal(t, []string{"Not chosen"}, options(), "no partner yet")
	tb.do(chromedp.Focus(chromedp.ID("mou__partnership__partners-add")), chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.ID("mou__partnership__partners__0__id")))
	tb.do(chromedp.SendKeys(chromedp.ID("mou__partnership__partners__0__id"), "shoreline"))
	tb.do(chromedp.SendKeys(chromedp.ID("mou__partnership__partners__0__name"), "Shoreline Marine Trust"))
	assert.Equal(t, "mou__partnership__partners__0__name", eval[string](tb, `document.activeElement.id`), "the name box keeps the focus")
	assert.Equal(t, "Shoreline Marine Trust", eval[string](tb, `document.getElementById("mou__partnership__partners__0__name").value`))
	assert.Equal(t, []string{"Not chosen", "Shoreline Marine Trust (shoreline)"}, options())
	assert.Equal(t, "Partner 1: Shoreline Marine Trust", eval[string](tb, `document.getElementById("mou__partnership__partners__0-legend").textContent`),
		"the item is called by its name as it is typed")
	assert.Equal(t, "Add a partner", eval[string](tb, `document.getElementById("mou__partnership__partners-add").textContent`))

	tb.do(chromedp.Focus(chromedp.ID("mou__activities__0__ledBy")), chromedp.KeyEvent(kb.ArrowDown))
	require.Eventually(t, func() bool { return strings.Contains(stored(tb, "partnerkit.mou"), `"ledBy": "shoreline"`) },
		10*time.Second, 50*time.Millisecond, "the lead is the partner's id")
	tb.axe("#view-mou")
	tb.checkOffline()
}
