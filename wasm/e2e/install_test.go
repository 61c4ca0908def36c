//go:build !(js && wasm)

package e2e_test

import (
	"image/png"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInstallable: Chromium, asked as its install prompt would ask,
// finds nothing that stops the page being installed (served from
// http://127.0.0.1, which counts as secure): the manifest loads without
// errors, and its PNG icons come at the sizes it lists.
func TestInstallable(t *testing.T) {
	if suite.skip != "" {
		skipOrFail(t, suite.skip)
	}
	// The browser's own profile: a new browser context is incognito, where
	// Chromium installs nothing. No other test uses it.
	tb := openTab(t, suite.browser)
	tb.open("mou")
	require.True(t, strings.HasPrefix(suite.url, "http://127.0.0.1:"), suite.url)

	manifest, err := chromedp.Call(tb.ctx, page.GetAppManifest, page.GetAppManifestParams{})
	require.NoError(t, err)
	assert.Equal(t, suite.url+"manifest.webmanifest", manifest.URL)
	assert.Empty(t, manifest.Errors, "the manifest as Chromium reads it")
	require.NotNil(t, manifest.Manifest)
	sizes := map[string]string{}
	for _, icon := range manifest.Manifest.Icons {
		sizes[strings.TrimPrefix(icon.URL, suite.url)] = icon.Sizes
	}
	assert.Equal(t, map[string]string{"icon.svg": "0x0", "icon-192.png": "192x192", "icon-512.png": "512x512"}, sizes,
		`Chromium reports the SVG's "any" as 0x0`)

	res, err := chromedp.Call(tb.ctx, page.GetInstallabilityErrors, cdp.Empty{})
	require.NoError(t, err)
	var problems []string
	for _, e := range res.InstallabilityErrors {
		problems = append(problems, e.ErrorID)
	}
	assert.Empty(t, problems, "Chromium's installability errors")

	// Each PNG icon, fetched as the browser fetches it, is the size the
	// manifest says.
	for name, size := range map[string]int{"icon-192.png": 192, "icon-512.png": 512} {
		r, err := http.Get(suite.url + name)
		require.NoError(t, err)
		assert.Equal(t, "image/png", r.Header.Get("Content-Type"), name)
		img, err := png.Decode(r.Body)
		r.Body.Close()
		require.NoError(t, err, name)
		assert.Equal(t, size, img.Bounds().Dx(), name)
		assert.Equal(t, size, img.Bounds().Dy(), name)
	}
	tb.checkOffline()
}
