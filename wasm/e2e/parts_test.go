//go:build !(js && wasm)

package e2e_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
)

// TestMOUParts: the MOU builder shows the eight parts and how many are
// done, each with its guidance; a part's link takes the focus to it.
func TestMOUParts(t *testing.T) {
	tb := newTab(t)
	tb.open("mou")
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	assert.Equal(t, "0 of 8 parts done", text(tb, "#mou-parts-count"))
	assert.Equal(t, 8, eval[int](tb, `document.querySelectorAll("#mou-parts .pk-part-guidance").length`))
	tb.importFile("mou", contractMOU)
	tb.do(chromedp.WaitVisible(chromedp.CSS("#mou-summary .pk-summary-ok")))
	assert.Equal(t, "8 of 8 parts done", text(tb, "#mou-parts-count"))

	tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("mou__missionStatement").select()`),
		chromedp.Focus(chromedp.ID("mou__missionStatement")), chromedp.KeyEvent(kb.Backspace))
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#mou-parts [data-part="mission"][data-done="false"]`)))
	assert.Equal(t, "7 of 8 parts done", text(tb, "#mou-parts-count"))
	tb.do(chromedp.Focus(chromedp.CSS(`#mou-parts [data-part="finance"] a`)), chromedp.KeyEvent(kb.Enter))
	assert.Equal(t, "mou__finance", eval[string](tb, `document.activeElement.id`), "the part's link moves the focus to it")
	tb.axe("#view-mou")
	tb.checkOffline()
}
