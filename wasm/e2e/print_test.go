//go:build !(js && wasm)

package e2e_test

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// printed is the text the page shows under the print media, and whether
// a selector's element is shown at all.
func printed(tb *tab) string {
	tb.t.Helper()
	return eval[string](tb, `document.body.innerText`)
}

func shown(tb *tab, sel string) bool {
	tb.t.Helper()
	return eval[bool](tb, `(() => { const e = document.querySelector(`+quoteJS(sel)+`); return !!e && e.getClientRects().length > 0; })()`)
}

func quoteJS(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

func (tb *tab) media(m string) {
	tb.t.Helper()
	_, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
	require.NoError(tb.t, err)
}

// TestPrint prints the health check: its scores, bands and advice, and
// each question with its answer, none of the page's controls; and the
// MOU's preview as before.
func TestPrint(t *testing.T) {
	tb := newTab(t)
	tb.open("health-check")
	ids := eval[[]string](tb, `[...document.querySelectorAll("#view-health-check fieldset.pk-likert")].map(f => f.id)`)
	require.Len(t, ids, 44)
	for _, id := range ids[:10] {
		tb.do(chromedp.Click(chromedp.CSS(`label[for="`+id+`-1"]`), chromedp.NodeVisible))
	}
	band := text(tb, `#health-check-scores tr[data-dimension=overall] .pk-band`)
	require.NotEmpty(t, band)
	firstQuestion := strings.TrimSpace(text(tb, "#"+ids[0]+" legend"))
	chosen := text(tb, `label[for="`+ids[0]+`-1"]`)

	tb.media("print")
	out := printed(tb)
	require.NotEmpty(t, strings.TrimSpace(out), "the printed health check is not blank")
	for _, want := range []string{"Partnership health check", "Your scores", "Overall", band, "What to do next", firstQuestion, chosen} {
		assert.Contains(t, out, want)
	}
	assert.True(t, shown(tb, "#health-check-scores"), "the scores print")
	assert.True(t, shown(tb, `label[for="`+ids[0]+`-1"]`), "the answer chosen prints")
	assert.False(t, shown(tb, `label[for="`+ids[0]+`-0"]`), "the answers not chosen do not")
	assert.Equal(t, `"Not answered"`, eval[string](tb, `getComputedStyle(document.querySelector("#`+ids[20]+` .pk-likert-options"), "::after").content`))
	for _, sel := range []string{".pk-header", "#view-health-check .pk-toolbar", ".pk-privacy"} {
		assert.False(t, shown(tb, sel), "%s is not printed", sel)
	}
	assert.Less(t, eval[float64](tb, `document.getElementById("health-check-scores").getBoundingClientRect().top`),
		eval[float64](tb, `document.getElementById("`+ids[0]+`").getBoundingClientRect().top`), "the scores come first")
	pdf, err := chromedp.Call(tb.ctx, page.PrintToPDF, page.PrintToPDFParams{})
	require.NoError(t, err)
	assert.Greater(t, len(pdf.Data), 20_000, "a PDF with the health check in it")

	// The MOU's preview prints the document alone, as before.
	tb.media("")
	tb.do(chromedp.Click(chromedp.ID("nav-preview")), chromedp.WaitVisible(chromedp.CSS("#preview-body article.mou-document")))
	tb.media("print")
	assert.True(t, shown(tb, "#preview-body article.mou-document"))
	assert.False(t, shown(tb, "#view-health-check"))
	assert.False(t, shown(tb, "#preview-title"), "the preview's controls are not printed")
	tb.checkOffline()
}
