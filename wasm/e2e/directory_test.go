//go:build !(js && wasm)

package e2e_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/sqlite"
)

// directoryServer serves the API with a fresh register in a SQLite file,
// and returns its address and the administrator's token.
func directoryServer(t *testing.T) (string, string) {
	t.Helper()
	ctx := context.Background()
	reg, db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "partnerkit.db"), register.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	first, _, err := reg.Bootstrap(ctx)
	require.NoError(t, err)
	srv := httptest.NewServer(api.New(api.Options{Register: reg}))
	t.Cleanup(srv.Close)
	return srv.URL, first.Secret
}

// call sends a request to the API and decodes its JSON answer.
func call(t *testing.T, method, url, token, body string, want int) map[string]any {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, want, res.StatusCode, "%s %s: %s", method, url, data)
	var v map[string]any
	require.NoError(t, json.Unmarshal(data, &v))
	return v
}

// waitFor polls a condition in the page until it holds.
func (tb *tab) waitFor(cond string) {
	tb.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for !eval[bool](tb, `document.readyState === "complete" && (`+cond+`)`) {
		if time.Now().After(deadline) {
			tb.t.Fatalf("the page never showed %s", cond)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestDirectory publishes two listings as their coordinators would, then
// searches the directory's page by focus area and by partner type, opens
// a listing, withdraws it and searches again; axe-core checks both pages.
func TestDirectory(t *testing.T) {
	tb := newTab(t)
	base, admin := directoryServer(t)
	var listings []string
	var partnerships []string
	var coordinators []string
	for _, l := range []string{apitest.ListingA, apitest.ListingB} {
		created := call(t, http.MethodPost, base+"/v1/partnerships", admin, apitest.Doc("mou-valid"), http.StatusCreated)
		pid := created["partnership"].(map[string]any)["id"].(string)
		coord := call(t, http.MethodPost, base+"/v1/partnerships/"+pid+"/links", admin, "", http.StatusCreated)["token"].(string)
		published := call(t, http.MethodPost, base+"/v1/partnerships/"+pid+"/listing", coord, l, http.StatusOK)
		partnerships, coordinators = append(partnerships, pid), append(coordinators, coord)
		listings = append(listings, published["id"].(string))
	}

	// Every listing, then by focus area through the form.
	tb.do(chromedp.Navigate(base + "/directory"))
	tb.waitFor(`document.querySelector("#results") !== null`)
	assert.Equal(t, "2 partnerships", eval[string](tb, `document.querySelector("#results").textContent`))
	tb.axe("body")
	tb.do(chromedp.SetValue(chromedp.CSS("#focus"), "teaching"), chromedp.Click(chromedp.CSS(`button[type="submit"]`)))
	tb.waitFor(`location.search.includes("focus=teaching") && document.querySelector("#results") !== null`)
	assert.Equal(t, "1 partnership", eval[string](tb, `document.querySelector("#results").textContent`))
	assert.Equal(t, []string{"Riverside STEM Partnership"}, eval[[]string](tb, `[...document.querySelectorAll("article h3")].map(h => h.textContent)`))

	// By partner type, the focus area put back to any.
	tb.do(chromedp.SetValue(chromedp.CSS("#focus"), ""), chromedp.SetValue(chromedp.CSS("#type"), "charity"),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)))
	tb.waitFor(`location.search.includes("type=charity") && document.querySelector("#results") !== null`)
	assert.Equal(t, []string{"Coastal Reading Network"}, eval[[]string](tb, `[...document.querySelectorAll("article h3")].map(h => h.textContent)`))

	// Open it: its own page, at a stable address.
	tb.do(chromedp.Click(chromedp.CSS("article h3 a")))
	tb.waitFor(`location.pathname === "/directory/` + listings[1] + `"`)
	assert.Equal(t, "Coastal Reading Network", eval[string](tb, `document.querySelector("h1").textContent`))
	assert.Contains(t, eval[string](tb, `document.body.textContent`), "Bay Primary")
	tb.axe("body")

	// Withdrawn: gone from the search, and its page is gone.
	call(t, http.MethodPost, base+"/v1/partnerships/"+partnerships[1]+"/listing/withdraw", coordinators[1], "", http.StatusOK)
	tb.do(chromedp.Navigate(base + "/directory?type=charity"))
	tb.waitFor(`document.querySelector("#results") !== null`)
	assert.Equal(t, "0 partnerships", eval[string](tb, `document.querySelector("#results").textContent`))
	assert.Zero(t, eval[int](tb, `document.querySelectorAll("article").length`))
	tb.do(chromedp.Navigate(base + "/directory"))
	tb.waitFor(`document.querySelector("#results") !== null`)
	assert.Equal(t, "1 partnership", eval[string](tb, `document.querySelector("#results").textContent`))
	tb.do(chromedp.Navigate(base + "/directory/" + listings[1]))
	tb.waitFor(`document.querySelector("h1") !== null`)
	assert.Equal(t, "Not in the directory", eval[string](tb, `document.querySelector("h1").textContent`))
	tb.axe("body")
}
