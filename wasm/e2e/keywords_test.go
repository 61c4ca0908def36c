//go:build !(js && wasm)

package e2e_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKeywordChecks mounts a developer's schema with not, contains and
// oneOf on the example page, as the documentation shows, and types as a
// person would: each keyword's message shows beside its field while the
// value breaks it, and goes when it is put right; a value that fits
// only one of a oneOf's branches, though not the one shown first, has
// no problem.
func TestKeywordChecks(t *testing.T) {
	tb := openClub(t)
	const host = "#kw-here partnerkit-form"
	tb.do(chromedp.Evaluate[chromedp.Void](`(() => {
	  const here = document.createElement("div");
	  here.id = "kw-here";
	  document.querySelector("main").appendChild(here);
	  partnerkit.mount(here, {schema: {type: "object", properties: {
	    colour: {title: "Colour", type: "string", not: {enum: ["red"]}},
	    reference: {title: "Reference", oneOf: [
	      {title: "Short code", type: "string", maxLength: 4},
	      {title: "Number", type: "string", pattern: "^[0-9]+$"}]},
	    tags: {title: "Tags", type: "array", items: {type: "string"}, contains: {const: "urgent"}}}}});
	})()`), chromedp.WaitReady(chromedp.CSS(host+"[data-pk-checked]")))
	el := func(id string) string { return inShadow(host, id) }
	typeKeys := func(id, keys string) {
		tb.do(chromedp.Evaluate[chromedp.Void](el(id)+".focus()"), chromedp.KeyEvent(keys))
	}
	clear := func(id string) {
		tb.do(chromedp.Evaluate[chromedp.Void](el(id)+".select()"), chromedp.KeyEvent(kb.Backspace))
	}
	message := func(id string) string {
		tb.do(chromedp.WaitVisible(chromedp.JSPath(el(id+"-msg") + `.querySelector(".pk-message")`)))
		return eval[string](tb, el(id+"-msg")+".textContent")
	}
	none := func(id string) {
		tb.do(chromedp.WaitNotPresent(chromedp.JSPath(el(id+"-msg") + `.querySelector(".pk-message")`)))
	}
	assert.Zero(t, eval[int](tb, `document.querySelector("`+host+`").shadowRoot.querySelectorAll(".pk-msg .pk-message").length`))
	assert.NotContains(t, eval[string](tb, `document.querySelector("`+host+`").shadowRoot.textContent`), "does not check",
		"no field says it cannot check not, contains or oneOf")

	// not
	typeKeys("form__colour", "red")
	assert.Equal(t, "Error: This cannot be “Red”: choose something else.", message("form__colour"))
	clear("form__colour")
	typeKeys("form__colour", "blue")
	none("form__colour")

	// oneOf: exactly one branch
	typeKeys("form__reference", "123")
	assert.Equal(t, "Error: This matches more than one of the choices (“Short code” and “Number”): change it so that it fits only one.",
		message("form__reference"))
	typeKeys("form__reference", "45")
	none("form__reference")
	assert.Equal(t, "12345", eval[string](tb, el("form__reference")+".value"))

	// contains
	tb.do(chromedp.Click(chromedp.JSPath(el("form__tags-add"))), chromedp.WaitVisible(chromedp.JSPath(el("form__tags__0"))))
	typeKeys("form__tags__0", "later")
	assert.Equal(t, "Error: Add “Urgent” to the list.", message("form__tags"))
	clear("form__tags__0")
	typeKeys("form__tags__0", "urgent")
	none("form__tags")

	state := eval[embedEvent](tb, `({type: "state", detail: document.querySelector("`+host+`").state})`)
	assert.True(t, state.Detail.Valid, "%v", state.Detail.Findings)
	require.Equal(t, map[string]any{"colour": "blue", "reference": "12345", "tags": []any{"urgent"}}, state.Detail.Value)
	tb.axe("#kw-here")
}
