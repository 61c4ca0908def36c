//go:build !(js && wasm)

package e2e_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// switchable serves the page until down is set; then every request has
// its connection dropped, as with no network.
func switchable(t *testing.T, down *atomic.Bool, refused *atomic.Int64) string {
	t.Helper()
	files := http.FileServerFS(suite.files)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			refused.Add(1)
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close()
					return
				}
			}
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestOffline visits the page once, goes offline (the browser's network
// emulated offline, service worker included, and the server gone), and
// reloads: the page comes from the service worker's cache and keeps
// working, with what was typed.
func TestOffline(t *testing.T) {
	tb := newTab(t)
	var down atomic.Bool
	var refused atomic.Int64
	base := switchable(t, &down, &refused)
	tb.mu.Lock()
	tb.base = base
	tb.mu.Unlock()
	ready := chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]"))
	tb.do(chromedp.Navigate(base+"/#mou"), ready)
	assert.Equal(t, "manifest.webmanifest", eval[string](tb, `document.querySelector('link[rel=manifest]').getAttribute("href")`))

	// The service worker keeps the page's files on the first visit.
	kept := eval[[]string](tb, `(async () => {
		await navigator.serviceWorker.ready;
		for (let i = 0; i < 200; i++) {
			const names = (await (await caches.open("partnerkit-forms-v2")).keys()).map(r => new URL(r.url).pathname);
			if (names.length >= 8) return names.sort();
			await new Promise(r => setTimeout(r, 50));
		}
		return [];
	})()`)
	assert.Equal(t, []string{"/", "/boot.js", "/icon-192.png", "/icon-512.png", "/icon.svg", "/main.js", "/manifest.webmanifest", "/partnerkit.wasm", "/style.css", "/wasm_exec.js"}, kept)

	assert.True(t, eval[bool](tb, `caches.open("partnerkit-forms-v2").then(c => c.match("./")).then(r => r.text()).then(t => t.includes('<div id="app" data-pk-pre="'))`),
		"the page kept is the pre-rendered one")
	tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("mou__title").focus()`), chromedp.KeyEvent("Offline draft"))
	require.Equal(t, "Offline draft", value(tb, "mou__title"))

	// No network.
	down.Store(true)
	_, err := chromedp.Call(tb.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: new(true),
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	})
	require.NoError(t, err)
	assert.False(t, eval[bool](tb, `fetch("style.css?probe", {cache: "no-store"}).then(() => true, () => false)`), "the network is off")

	tb.do(chromedp.Reload(), ready)
	assert.Equal(t, "Offline draft", value(tb, "mou__title"), "what was typed is kept")
	// A restored MOU shows its problems at once; typing takes one away.
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#mou__missionStatement-msg [data-code="mission.missing"]`)))
	tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("mou__missionStatement").focus()`), chromedp.KeyEvent("Science for all."))
	tb.do(chromedp.WaitNotPresent(chromedp.CSS(`#mou__missionStatement-msg [data-code="mission.missing"]`)))

	// The health check works too, and all of it survives another reload.
	tb.do(chromedp.Click(chromedp.ID("nav-health-check")), chromedp.WaitVisible(chromedp.ID("view-health-check")))
	first := eval[string](tb, `document.querySelector("#view-health-check fieldset.pk-likert").id`)
	tb.do(chromedp.Click(chromedp.CSS(`label[for="`+first+`-4"]`), chromedp.NodeVisible))
	assert.Equal(t, "1 of 44 questions answered", text(tb, "#health-check-progress-label"))
	time.Sleep(100 * time.Millisecond)
	tb.do(chromedp.Reload(), ready)
	assert.True(t, eval[bool](tb, `document.getElementById(`+strconv.Quote(first+"-4")+`).checked`))
	tb.do(chromedp.Click(chromedp.ID("nav-mou")), chromedp.WaitVisible(chromedp.ID("view-mou")))
	assert.Equal(t, "Science for all.", value(tb, "mou__missionStatement"))
	assert.Positive(t, refused.Load(), "the page tried the network, and found none")

	tb.mu.Lock()
	defer tb.mu.Unlock()
	assert.Empty(t, tb.external)
	for _, p := range tb.requests {
		assert.True(t, suite.assets[strings.TrimSuffix(p, "?probe")] || p == "/style.css", "the page asked for %s", p)
	}
}
