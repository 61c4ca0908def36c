//go:build !(js && wasm)

package e2e_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFrameworkPicker answers the health check, switches to peer-review
// readiness with the picker (the page asks first), answers it, switches
// back and finds the answers, after a reload too.
func TestFrameworkPicker(t *testing.T) {
	tb := newTab(t)
	tb.open("health-check")
	checkedIDs := func() []string {
		return eval[[]string](tb, `[...document.querySelectorAll("#view-health-check fieldset.pk-likert input:checked")].map(i => i.id)`)
	}
	ids := eval[[]string](tb, `[...document.querySelectorAll("#view-health-check fieldset.pk-likert")].map(f => f.id)`)
	for _, id := range ids[:3] {
		tb.do(chromedp.Click(chromedp.CSS(`label[for="`+id+`-2"]`), chromedp.NodeVisible))
	}
	before := checkedIDs()
	require.Len(t, before, 3)

	tb.do(chromedp.SetValue(chromedp.ID("health-check-framework"), "peer-review-readiness"),
		chromedp.Click(chromedp.CSS(`[data-command="switch-framework"]`)),
		chromedp.WaitVisible(chromedp.ID("health-check-switch-title")))
	assert.Equal(t, "health-check-switch-title", eval[string](tb, `document.activeElement.id`), "the question takes the focus")
	assert.Contains(t, text(tb, "#health-check-switch-text"), "Your 3 answers to “Partnership health check” are kept")
	tb.axe("#view-health-check")
	tb.do(chromedp.Click(chromedp.CSS(`[data-command="switch-confirm"]`)),
		chromedp.WaitVisible(chromedp.ID("health-check-readiness")))
	assert.Equal(t, "Peer review readiness", text(tb, "#health-check-title"))
	assert.Empty(t, checkedIDs())
	first := eval[string](tb, `document.querySelector("#view-health-check fieldset.pk-likert").id`)
	tb.do(chromedp.Click(chromedp.CSS(`label[for="`+first+`-1"]`), chromedp.NodeVisible))
	assert.Equal(t, []string{first + "-1"}, checkedIDs())
	tb.axe("#view-health-check")

	tb.reload()
	assert.Equal(t, "Peer review readiness", text(tb, "#health-check-title"), "the framework chosen is kept")
	tb.do(chromedp.SetValue(chromedp.ID("health-check-framework"), "partnership-health-check"),
		chromedp.Click(chromedp.CSS(`[data-command="switch-framework"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-command="switch-confirm"]`)),
		chromedp.Click(chromedp.CSS(`[data-command="switch-confirm"]`)),
		chromedp.WaitNotPresent(chromedp.ID("health-check-readiness")))
	assert.Equal(t, before, checkedIDs(), "the health check's answers are back")
	assert.Contains(t, text(tb, "#health-check-import-msg"), "with your 3 answers from before")
	tb.checkOffline()
}
