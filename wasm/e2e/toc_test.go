//go:build !(js && wasm)

package e2e_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
)

// TestTheoryOfChangeDiagram imports an MOU with a Theory of Change and
// opens the preview: Chromium draws the chain as an SVG diagram of real
// size, a box for each part and an arrow for each link, with no error
// (the page's Content-Security-Policy included) and no serious
// accessibility violation.
func TestTheoryOfChangeDiagram(t *testing.T) {
	tb := newTab(t)
	tb.open("mou")
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	tb.importFile("mou", "../../examples/data/mou-theory-of-change.json")
	tb.do(chromedp.WaitVisible(chromedp.CSS("#mou-summary")))
	tb.do(chromedp.Click(chromedp.ID("nav-preview")), chromedp.WaitVisible(chromedp.CSS("#preview-body svg#mou-toc")))
	box := eval[map[string]float64](tb, `(() => { const r = document.getElementById("mou-toc").getBoundingClientRect(); return {w: r.width, h: r.height}; })()`)
	assert.Greater(t, box["w"], 300.0, "the diagram is drawn at a readable width")
	assert.Greater(t, box["h"], 80.0)
	assert.Equal(t, 8, eval[int](tb, `document.querySelectorAll("#mou-toc path[marker-end]").length`), "one arrow for each link")
	assert.Equal(t, 8, eval[int](tb, `document.querySelectorAll("#mou-toc rect").length`), "two activities, two outputs, three outcomes and the impact")
	// Every box's text is drawn inside its box.
	inside := eval[bool](tb, `[...document.querySelectorAll("#mou-toc g")].every(g => {
		const r = g.querySelector("rect").getBBox();
		return [...g.querySelectorAll("text")].every(t => { const b = t.getBBox(); return b.x >= r.x && b.x + b.width <= r.x + r.width + 1 && b.y >= r.y && b.y + b.height <= r.y + r.height + 1; });
	})`)
	spills := eval[[]string](tb, `[...document.querySelectorAll("#mou-toc g")].flatMap(g => {
		const r = g.querySelector("rect").getBBox();
		return [...g.querySelectorAll("text")].filter(t => { const b = t.getBBox(); return !(b.x >= r.x && b.x + b.width <= r.x + r.width + 1 && b.y >= r.y && b.y + b.height <= r.y + r.height + 1); }).map(t => t.textContent + ": " + Math.round(t.getBBox().width) + " of " + r.width + " pixels");
	})`)
	assert.True(t, inside, "no text spills out of its box: %v", spills)
	assert.Equal(t, "Theory of Change", eval[string](tb, `document.getElementById("mou-toc-title").textContent`))
	tb.axe("#preview-body figure")
	tb.checkOffline()
}
