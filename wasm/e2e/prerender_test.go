//go:build !(js && wasm)

package e2e_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gate holds requests back until it is released; hold closes it again.
type gate struct {
	mu   sync.Mutex
	open chan struct{}
	shut bool
}

func (g *gate) wait() <-chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.open
}

func (g *gate) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.shut {
		close(g.open)
		g.shut = false
	}
}

func (g *gate) hold() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.shut {
		g.open, g.shut = make(chan struct{}), true
	}
}

// heldBack serves the page's files as the suite does, but holds every
// request for partnerkit.wasm while the gate it returns is held, as it
// is at first: until then the page is only what index.html pre-rendered
// and what boot.js does.
func heldBack(t *testing.T, tb *tab) (base string, g *gate) {
	t.Helper()
	files := http.FileServerFS(suite.files)
	g = &gate{}
	g.hold()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/partnerkit.wasm" {
			select {
			case <-g.wait():
			case <-r.Context().Done():
				return
			}
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(g.release)
	tb.mu.Lock()
	tb.base = srv.URL
	tb.mu.Unlock()
	return srv.URL, g
}

// goTo starts loading an address and returns at once: the load event
// waits for nothing the test holds back.
func (tb *tab) goTo(url string) {
	tb.t.Helper()
	_, err := chromedp.Call(tb.ctx, page.Navigate, page.NavigateParams{URL: url})
	require.NoError(tb.t, err)
}

// wasmStarted reports whether the WebAssembly has run on the page.
func wasmStarted(tb *tab) bool {
	return eval[bool](tb, `performance.getEntriesByName("pk-go-start").length > 0 || document.documentElement.hasAttribute("data-pk-ready")`)
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestPrerenderTakeover fills the pre-rendered form before its
// WebAssembly has arrived (held back by the server): a note and an
// answer in the health check, then, after following the link to the MOU
// builder, a ticked box, a stage chosen, a button pressed (Add a
// partner) and the mission statement typed, the caret left inside it.
// Then the WebAssembly arrives, takes the page over without writing it
// again, and everything the user did is there and alive: the answer is
// scored, the partner added, the MOU saved and checked, the focus and
// caret where they were.
func TestPrerenderTakeover(t *testing.T) {
	tb := newTab(t)
	base, wasm := heldBack(t, tb)
	tb.goTo(base + "/")
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#view-health-check fieldset.pk-likert`)))
	assert.Equal(t, "pre", eval[string](tb, `document.documentElement.dataset.pkBoot`))
	assert.False(t, eval[bool](tb, `!!document.getElementById("pk-loading") && document.getElementById("pk-loading").checkVisibility()`), "no loading message over the form")
	assert.True(t, eval[bool](tb, `performance.getEntriesByName("pk-usable").length === 1`), "the form is marked usable")
	tb.axe("#app")

	// The health check: a note typed, an answer chosen.
	first := eval[string](tb, `document.querySelector("#view-health-check fieldset.pk-likert").id`)
	q := strings.TrimPrefix(first, "hc__answers__")
	tb.do(chromedp.SendKeys(chromedp.ID("hc__notes__"+q), "Agreed at the autumn meeting"))
	tb.do(chromedp.Click(chromedp.CSS(`label[for="`+first+`-3"]`), chromedp.NodeVisible))

	// The MOU builder, by its link, before the WebAssembly runs.
	tb.do(chromedp.Click(chromedp.ID("nav-mou"), chromedp.NodeVisible), chromedp.WaitVisible(chromedp.ID("mou__missionStatement")))
	assert.False(t, eval[bool](tb, `document.getElementById("view-health-check").checkVisibility()`), "the health check is not shown beside it")
	assert.Equal(t, "page", eval[string](tb, `document.getElementById("nav-mou").getAttribute("aria-current")`))
	tb.axe("#view-mou")
	tb.do(chromedp.Click(chromedp.CSS(`label[for="mou__partnership__focusAreas-1"]`), chromedp.NodeVisible))
	tb.do(chromedp.SetValue(chromedp.ID("mou__partnership__stage"), `"embed"`))
	tb.do(chromedp.Click(chromedp.ID("mou__partnership__partners-add"), chromedp.NodeVisible))
	tb.do(chromedp.SendKeys(chromedp.ID("mou__missionStatement"), "Science for every pupil."))
	tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("mou__missionStatement").setSelectionRange(7, 7)`))
	assert.False(t, wasmStarted(tb), "all that happened before the WebAssembly ran")
	assert.Equal(t, 0, eval[int](tb, `document.querySelectorAll("[id^=mou__partnership__partners__]").length`), "the button waits for the WebAssembly")

	wasm.release()
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]")), chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	assert.Equal(t, "reused", eval[string](tb, `document.documentElement.dataset.pkTakeover`),
		"the WebAssembly rendered what was pre-rendered, and kept it")
	assert.False(t, eval[bool](tb, `document.querySelector("[data-pk-pre]") !== null || document.getElementById("pk-loading") !== null`), "nothing of the pre-render is left")

	// Everything typed, chosen and ticked is kept, and the Go side has it.
	assert.Equal(t, "Science for every pupil.", value(tb, "mou__missionStatement"))
	assert.Equal(t, `"embed"`, value(tb, "mou__partnership__stage"))
	assert.True(t, eval[bool](tb, `document.getElementById("mou__partnership__focusAreas-1").checked`))
	assert.Equal(t, "Agreed at the autumn meeting", value(tb, "hc__notes__"+q))
	assert.True(t, eval[bool](tb, `document.getElementById("`+first+`-3").checked`))
	assert.Equal(t, "1 of 44 questions answered", text(tb, "#health-check-progress-label"), "the answer is scored")
	// The click took effect: one partner, added after the values.
	assert.Positive(t, eval[int](tb, `document.querySelectorAll("[id^=mou__partnership__partners__0]").length`), "a partner was added")
	// The MOU's id is this visit's own, put in at the takeover.
	assert.Regexp(t, uuidPattern, value(tb, "mou__id"))
	// The view chosen by the address, and the focus and caret.
	assert.True(t, eval[bool](tb, `!document.getElementById("view-mou").hidden && document.getElementById("view-health-check").hidden`))
	assert.Equal(t, "MOU builder – partnerkit", eval[string](tb, `document.title`))
	assert.Equal(t, "mou__missionStatement", eval[string](tb, `document.activeElement.id`))
	assert.Equal(t, []int{7, 7}, eval[[]int](tb, `[document.activeElement.selectionStart, document.activeElement.selectionEnd]`))

	saved := eval[string](tb, `localStorage.getItem("partnerkit.mou")`)
	assert.Contains(t, saved, "Science for every pupil.", "the MOU is saved")
	assert.Contains(t, saved, `"embed"`)
	assert.Contains(t, eval[string](tb, `localStorage.getItem("partnerkit.assessment")`), "Agreed at the autumn meeting")

	// The page is live: findings come and go as the user types on.
	tb.do(chromedp.Click(chromedp.ID("mou-check"), chromedp.NodeVisible))
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#mou__partnership__name-msg [data-code]`)))
	tb.typeInto("mou__partnership__name", "Riverside STEM Partnership")
	tb.do(chromedp.WaitNotPresent(chromedp.CSS(`#mou__partnership__name-msg [data-code]`)))
	tb.axe("#view-mou")
}

// TestPrerenderNothingDone visits and does nothing: the WebAssembly
// takes over, plays nothing back (a choice list showing its first option
// is not a choice made) and saves nothing, so the next visit is a first
// visit too, pre-rendered.
func TestPrerenderNothingDone(t *testing.T) {
	tb := newTab(t)
	for _, view := range []string{"health-check", "mou"} {
		tb.do(chromedp.Navigate(suite.url+"#"+view), chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
		assert.Equal(t, "reused", eval[string](tb, `document.documentElement.dataset.pkTakeover`), view)
		assert.Equal(t, 0, eval[int](tb, `localStorage.length`), "%s: nothing saved", view)
		assert.Equal(t, 0, eval[int](tb, `document.querySelectorAll("#view-mou .pk-msg [data-code]").length`), "%s: no finding shown", view)
		tb.reload()
		assert.Equal(t, "reused", eval[string](tb, `document.documentElement.dataset.pkTakeover`), "%s: a reload is pre-rendered too", view)
	}
}

// TestPrerenderTakeoverClick presses "Check the MOU" on the pre-rendered
// builder and leaves the focus on it: when the WebAssembly runs, the
// check is done and the focus goes to the summary, as a live press does.
func TestPrerenderTakeoverClick(t *testing.T) {
	tb := newTab(t)
	base, wasm := heldBack(t, tb)
	tb.goTo(base + "/#mou")
	tb.do(chromedp.WaitVisible(chromedp.ID("mou-check")))
	assert.False(t, eval[bool](tb, `document.getElementById("view-health-check").checkVisibility()`), "the address's view at once, not the health check")
	tb.do(chromedp.Click(chromedp.ID("mou-check"), chromedp.NodeVisible))
	require.False(t, wasmStarted(tb))
	wasm.release()
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#mou__partnership__name-msg [data-code]`)))
	assert.Equal(t, "mou-summary-errors", eval[string](tb, `document.activeElement.id`))
	assert.Equal(t, "reused", eval[string](tb, `document.documentElement.dataset.pkTakeover`))
}

// TestPrerenderTakeoverVisited goes into the partnership's name on the
// pre-rendered builder and leaves it empty: when the WebAssembly runs,
// the name shows its problem, as leaving it does on the live page, and a
// field never visited shows none.
func TestPrerenderTakeoverVisited(t *testing.T) {
	tb := newTab(t)
	base, wasm := heldBack(t, tb)
	tb.goTo(base + "/#mou")
	tb.do(chromedp.WaitVisible(chromedp.ID("mou__partnership__name")))
	tb.do(chromedp.Focus(chromedp.ID("mou__partnership__name")), chromedp.Focus(chromedp.ID("mou__missionStatement")))
	require.False(t, wasmStarted(tb))
	wasm.release()
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#mou__partnership__name-msg [data-code]`)))
	assert.Zero(t, eval[int](tb, `document.querySelectorAll("#mou__missionStatement-msg [data-code], #mou__title-msg [data-code]").length`),
		"the field still in use and one never visited show nothing")
	assert.Equal(t, "mou__missionStatement", eval[string](tb, `document.activeElement.id`))
	assert.Equal(t, "reused", eval[string](tb, `document.documentElement.dataset.pkTakeover`))
}

// TestPrerenderPreviewWaits fills in the pre-rendered MOU builder and
// opens the preview before the WebAssembly runs: the preview, rendered
// from the empty MOU, is not shown; "Loading the forms…" is, until the
// WebAssembly shows the preview of what was typed. Untouched, the
// preview is shown at once.
func TestPrerenderPreviewWaits(t *testing.T) {
	tb := newTab(t)
	base, wasm := heldBack(t, tb)
	tb.goTo(base + "/#preview")
	tb.do(chromedp.WaitVisible(chromedp.ID("preview-body")))
	assert.False(t, eval[bool](tb, `document.getElementById("pk-loading").checkVisibility()`), "nothing typed: the preview is right")

	tb.do(chromedp.Click(chromedp.ID("nav-mou"), chromedp.NodeVisible), chromedp.WaitVisible(chromedp.ID("mou__missionStatement")))
	tb.do(chromedp.SendKeys(chromedp.ID("mou__missionStatement"), "Science for every pupil."))
	tb.do(chromedp.Click(chromedp.ID("nav-preview"), chromedp.NodeVisible))
	tb.do(chromedp.WaitVisible(chromedp.ID("pk-loading")))
	assert.False(t, eval[bool](tb, `document.getElementById("preview-body").checkVisibility()`), "the empty MOU's preview is not shown")
	require.False(t, wasmStarted(tb))
	wasm.release()
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]")))
	tb.do(chromedp.WaitVisible(chromedp.ID("preview-body")))
	assert.Contains(t, text(tb, "#preview-body"), "Science for every pupil.")
	assert.False(t, eval[bool](tb, `document.getElementById("pk-loading") !== null`))
	assert.False(t, eval[bool](tb, `document.documentElement.hasAttribute("data-pk-preview")`))
}

// TestPrerenderTakeoverImport chooses an MOU file to import before the
// WebAssembly runs: when it runs, the file is imported.
func TestPrerenderTakeoverImport(t *testing.T) {
	tb := newTab(t)
	base, wasm := heldBack(t, tb)
	tb.goTo(base + "/#mou")
	tb.do(chromedp.WaitVisible(chromedp.ID("mou-import")))
	abs, err := filepath.Abs(contractMOU)
	require.NoError(t, err)
	tb.do(chromedp.SetUploadFiles(chromedp.ID("mou-import"), []string{abs}))
	require.False(t, wasmStarted(tb))
	wasm.release()
	tb.do(chromedp.WaitVisible(chromedp.CSS("#mou-summary .pk-summary-ok")))
	assert.NotEmpty(t, value(tb, "mou__missionStatement"), "the contract's MOU is loaded")
	assert.Contains(t, text(tb, "#mou-import-msg"), "Loaded")
}

// TestPrerenderStale takes over a pre-render that is not what the
// WebAssembly renders (its marks changed, as a pre-render from other
// sources would be): the page is rendered afresh, and what the user did
// is put back into it, focus and caret too.
func TestPrerenderStale(t *testing.T) {
	tb := newTab(t)
	base, wasm := heldBack(t, tb)
	tb.goTo(base + "/#mou")
	tb.do(chromedp.WaitVisible(chromedp.ID("mou__missionStatement")))
	tb.do(chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("[data-pk-pre]").forEach(el => el.setAttribute("data-pk-pre", "stale"))`))
	tb.do(chromedp.Click(chromedp.CSS(`label[for="mou__partnership__model-1"]`), chromedp.NodeVisible))
	tb.do(chromedp.Click(chromedp.CSS(`label[for="mou__partnership__focusAreas-2"]`), chromedp.NodeVisible))
	tb.do(chromedp.SendKeys(chromedp.ID("mou__missionStatement"), "Science for every pupil."))
	tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("mou__missionStatement").setSelectionRange(2, 9)`))
	require.False(t, wasmStarted(tb))
	wasm.release()
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	assert.Equal(t, "rendered", eval[string](tb, `document.documentElement.dataset.pkTakeover`))
	assert.Equal(t, "Science for every pupil.", value(tb, "mou__missionStatement"))
	assert.True(t, eval[bool](tb, `document.getElementById("mou__partnership__model-1").checked && document.getElementById("mou__partnership__focusAreas-2").checked`))
	assert.Equal(t, "mou__missionStatement", eval[string](tb, `document.activeElement.id`))
	assert.Equal(t, []int{2, 9}, eval[[]int](tb, `[document.activeElement.selectionStart, document.activeElement.selectionEnd]`))
	saved := eval[string](tb, `localStorage.getItem("partnerkit.mou")`)
	assert.Contains(t, saved, "Science for every pupil.")
	assert.Contains(t, saved, `"broad-area"`)
	assert.Contains(t, saved, `"leadership"`)
	assert.Regexp(t, uuidPattern, value(tb, "mou__id"))
}

// TestPrerenderSavedVisit comes back to a page with answers saved: it
// shows "Loading the forms…", never the empty pre-render, until the
// WebAssembly shows what was saved.
func TestPrerenderSavedVisit(t *testing.T) {
	tb := newTab(t)
	base, wasm := heldBack(t, tb)
	wasm.release()
	tb.do(chromedp.Navigate(base+"/#mou"), chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]")))
	tb.typeInto("mou__missionStatement", "Kept from last time.")
	tb.do(chromedp.Poll[chromedp.Void](`(localStorage.getItem("partnerkit.mou") || "").includes("Kept from last time.")`))

	wasm.hold()
	_, err := chromedp.Call(tb.ctx, page.Reload, page.ReloadParams{})
	require.NoError(t, err)
	tb.do(chromedp.WaitVisible(chromedp.ID("pk-loading")))
	assert.Equal(t, "wait", eval[string](tb, `document.documentElement.dataset.pkBoot`))
	assert.False(t, eval[bool](tb, `document.getElementById("app").checkVisibility()`), "the empty pre-render is not shown")
	assert.True(t, eval[bool](tb, `document.getElementById("app").hasAttribute("data-pk-pre")`), "the page is the pre-rendered one, hidden")
	assert.False(t, eval[bool](tb, `performance.getEntriesByName("pk-usable").length > 0`))
	require.False(t, wasmStarted(tb))
	wasm.release()
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]")))
	assert.Equal(t, "Kept from last time.", value(tb, "mou__missionStatement"))
	assert.False(t, eval[bool](tb, `document.documentElement.hasAttribute("data-pk-takeover")`))
	assert.False(t, eval[bool](tb, `document.getElementById("pk-loading") !== null`))
}

// TestPrerenderRegisterLink opens a register link: no pre-render, only
// "Loading the forms…", until the WebAssembly mounts the link's page.
func TestPrerenderRegisterLink(t *testing.T) {
	tb := newTab(t)
	base, wasm := heldBack(t, tb)
	tb.goTo(base + "/#coordinate/not-a-real-token")
	tb.do(chromedp.WaitVisible(chromedp.ID("pk-loading")))
	assert.Equal(t, "wait", eval[string](tb, `document.documentElement.dataset.pkBoot`))
	assert.False(t, eval[bool](tb, `document.getElementById("app").checkVisibility()`))
	wasm.release()
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]")))
	assert.Nil(t, eval[any](tb, `document.getElementById("view-health-check")`), "the local forms are gone")
	assert.False(t, eval[bool](tb, `document.getElementById("pk-loading") !== null`))
	assert.Equal(t, "Review round report – partnerkit", eval[string](tb, `document.title`))
}
