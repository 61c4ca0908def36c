//go:build !(js && wasm)

package e2e_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// whole is, for the page now open, whether #main is the pre-rendered
// page with all it held back put back: the served index.html's #main
// with the holding elements' tags taken out, as the browser parses it.
const whole = `(async () => {
	const served = await (await fetch(location.pathname, {cache: "no-store"})).text();
	const held = /<script type="text\/plain" data-pk-later>([\s\S]*?)<\/script>/g;
	const doc = new DOMParser().parseFromString(served.replace(held, "$1"), "text/html");
	return {later: (served.match(held) || []).length, want: doc.getElementById("main").innerHTML,
		got: document.getElementById("main").innerHTML, left: document.querySelectorAll("#app script, template").length};
})()`

type wholeness struct {
	Later, Left int
	Want, Got   string
}

// TestPrerenderLater loads the pre-rendered page with its WebAssembly
// held back: the first screen is painted (more than filling the window)
// with the rest of each view held back as text, which is then put back,
// a part at a time, until the page is exactly the pre-rendered HTML. A
// question that was held back takes an answer and a note before
// the WebAssembly runs, and they are kept and scored when it takes over.
func TestPrerenderLater(t *testing.T) {
	for _, view := range []string{"health-check", "mou"} {
		t.Run(view, func(t *testing.T) {
			tb := newTab(t)
			base, wasm := heldBack(t, tb)
			// As the page is parsed, before anything is put back.
			tb.initScript(`document.addEventListener("DOMContentLoaded", () => {
				const v = document.querySelector("[data-view=` + view + `]");
				window.pkFirst = {bottom: v.getBoundingClientRect().bottom, height: innerHeight,
					later: v.querySelectorAll("script[data-pk-later]").length, shown: v.checkVisibility()};
			});`)
			tb.goTo(base + "/#" + view)
			tb.do(chromedp.Poll[chromedp.Void](`performance.getEntriesByName("pk-whole").length > 0`))
			first := eval[struct {
				Bottom, Height float64
				Later          int
				Shown          bool
			}](tb, `window.pkFirst`)
			assert.True(t, first.Shown)
			assert.Positive(t, first.Later, "the view has parts to put back")
			assert.Greater(t, first.Bottom, 2*first.Height, "what is painted first fills the window twice over")
			assert.Less(t, eval[float64](tb, `performance.getEntriesByName("pk-usable")[0].startTime`), eval[float64](tb, `performance.getEntriesByName("pk-whole")[0].startTime`),
				"the first screen is usable before the page is whole")
			w := eval[wholeness](tb, whole)
			assert.Greater(t, w.Later, 4)
			assert.Zero(t, w.Left, "all is put back")
			assert.Equal(t, w.Want, w.Got, "the page is the pre-rendered HTML")
			require.False(t, wasmStarted(tb))

			if view != "health-check" {
				return
			}
			// The last question was held back. Its dimension, far down,
			// has not been laid out yet (content-visibility: auto): shown
			// first, it takes the click where it is.
			last := eval[string](tb, `[...document.querySelectorAll("#view-health-check fieldset.pk-likert")].pop().id`)
			tb.do(chromedp.Evaluate[chromedp.Void](`new Promise(done => { const el = document.getElementById("`+last+`"); el.scrollIntoView({block: "center"}); requestAnimationFrame(() => requestAnimationFrame(() => { el.scrollIntoView({block: "center"}); done(); })); })`, chromedp.EvalAwaitPromise))
			tb.do(chromedp.Click(chromedp.CSS(`label[for="`+last+`-1"]`), chromedp.NodeVisible))
			tb.do(chromedp.SendKeys(chromedp.ID("hc__notes__"+last[len("hc__answers__"):]), "Asked the governors"))
			require.True(t, eval[bool](tb, `document.getElementById("`+last+`-1").checked`))
			wasm.release()
			tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
			assert.Equal(t, "reused", eval[string](tb, `document.documentElement.dataset.pkTakeover`))
			assert.True(t, eval[bool](tb, `document.getElementById("`+last+`-1").checked`))
			assert.Equal(t, "1 of 44 questions answered", text(tb, "#health-check-progress-label"), "the answer is scored")
			assert.Contains(t, eval[string](tb, `localStorage.getItem("partnerkit.assessment")`), "Asked the governors")
		})
	}
}

// TestPrerenderLaterTakenEarly hands the page over before anything held
// back is put back (take is called as the page is parsed, before boot.js's
// own steps): take makes the page whole first, so that what the
// WebAssembly finds is the HTML it renders.
func TestPrerenderLaterTakenEarly(t *testing.T) {
	tb := newTab(t)
	base, _ := heldBack(t, tb)
	tb.initScript(`document.addEventListener("DOMContentLoaded", () => {
		window.pkBefore = document.querySelectorAll("script[data-pk-later]").length;
		window.pkTaken = partnerkitBoot.take();
	});`)
	tb.goTo(base + "/")
	tb.do(chromedp.Poll[chromedp.Void](`window.pkTaken !== undefined`))
	assert.Greater(t, eval[int](tb, `window.pkBefore`), 4, "all was held back then")
	w := eval[wholeness](tb, whole)
	assert.Zero(t, w.Left)
	assert.Equal(t, w.Want, w.Got)
	assert.Equal(t, "health-check", eval[string](tb, `window.pkTaken.view`))
}
