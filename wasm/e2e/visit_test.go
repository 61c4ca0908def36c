//go:build !(js && wasm)

package e2e_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
)

// TestMOUShowsProblemsWhenAsked: a new MOU opens with no list of
// problems; leaving a field empty shows its problem, and the check
// button shows them all and takes the focus to the summary.
func TestMOUShowsProblemsWhenAsked(t *testing.T) {
	tb := newTab(t)
	tb.open("mou")
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")), chromedp.WaitVisible(chromedp.ID("mou-check")))
	assert.Zero(t, eval[int](tb, `document.querySelectorAll("#mou-summary .pk-summary-error, #mou-body .pk-main-col [data-code]").length`),
		"no problem before anything is typed")
	assert.Empty(t, text(tb, "#mou-status"))
	tb.axe("#view-mou")

	// Tab out of the mission statement, left empty.
	tb.do(chromedp.Focus(chromedp.ID("mou__missionStatement")), chromedp.KeyEvent(kb.Tab))
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#mou__missionStatement-msg [data-code="mission.missing"]`)))
	assert.Equal(t, 1, eval[int](tb, `document.querySelectorAll("#mou-summary-errors li").length`), "only the field left")
	assert.Equal(t, "1 problem.", text(tb, "#mou-status"))

	tb.do(chromedp.Click(chromedp.ID("mou-check")))
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#mou__finance-msg [data-code="finance.missing"]`)))
	assert.Equal(t, 13, eval[int](tb, `document.querySelectorAll("#mou-summary-errors li").length`), "every problem, once asked")
	assert.Equal(t, "mou-summary-errors", eval[string](tb, `document.activeElement.id`), "the summary takes the focus")
	assert.Zero(t, eval[int](tb, `document.querySelectorAll("#mou-check").length`), "nothing is left to show")
	tb.axe("#view-mou")
	tb.checkOffline()
}
