//go:build !(js && wasm)

package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/partnerkit/partnerkit/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServedPageUnderItsHeaders opens the form as `partnerkit serve`
// serves it, with its Content-Security-Policy and X-Frame-Options headers,
// in Chromium: the page must still load and run its WebAssembly, and a
// page of another origin must not be able to frame it.
func TestServedPageUnderItsHeaders(t *testing.T) {
	chromium := os.Getenv("PARTNERKIT_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		testenv.Missing(t, testenv.Browser, "no Chromium at "+chromium)
	}
	addr, _, interrupt := serveCommand(t)
	defer interrupt()
	page := "http://" + addr + "/"

	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]), chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	var mu sync.Mutex
	var failed []string // documents whose loading failed, with why
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventLoadingFailed); ok && e.Type == network.ResourceTypeDocument {
			mu.Lock()
			failed = append(failed, e.ErrorText)
			mu.Unlock()
		}
	}))
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)

	// The page loads and its WebAssembly runs under the header's policy.
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(page+"#health-check"), chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]"))))
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#view-health-check fieldset.pk-likert").length`))
	require.NoError(t, err)
	assert.Equal(t, 44, n, "the health check's statements are on the page")

	// Another origin frames it: Chromium refuses to show the page.
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<!doctype html><title>framing</title><iframe id="f" src="` + page + `"></iframe>`))
	}))
	defer other.Close()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(other.URL), chromedp.WaitReady(chromedp.ID("f"))))
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(failed) > 0
	}, 20*time.Second, 50*time.Millisecond, "the framed page loaded")
	mu.Lock()
	defer mu.Unlock()
	assert.True(t, strings.Contains(strings.Join(failed, " "), "BLOCKED"), "why the frame failed: %v", failed)
}
