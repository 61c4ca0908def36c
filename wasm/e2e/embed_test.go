//go:build !(js && wasm)

package e2e_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// embedHost serves examples/embed as a host page would be served, with
// partnerkit's built files under /partnerkit/, as copied from
// partnerkit-assets or a CDN.
func embedHost(t *testing.T) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServerFS(os.DirFS("../../examples/embed")))
	mux.Handle("/partnerkit/", http.StripPrefix("/partnerkit", http.FileServerFS(suite.files)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// inShadow is JavaScript for an element in an embedded form's shadow
// root: host is a CSS selector in the page, id the element's id.
func inShadow(host, id string) string {
	return `document.querySelector(` + strconv.Quote(host) + `).shadowRoot.getElementById(` + strconv.Quote(id) + `)`
}

type embedEvent struct {
	Type   string
	Detail struct {
		Value    map[string]any
		Findings []struct{ Code, Severity, Path, Message string }
		Valid    bool
		Score    *struct {
			Overall *float64
			Band    *string
		}
	}
}

func hostEvents(tb *tab) []embedEvent {
	tb.t.Helper()
	return eval[[]embedEvent](tb, `window.hostEvents || []`)
}

// TestEmbed opens the example host page: its own content stays, the MOU
// builder is embedded with <partnerkit-form schema="mou"> and the health
// check with partnerkit.mount, and the page receives change and submit
// events carrying the document and its findings.
func TestEmbed(t *testing.T) {
	tb := newTab(t)
	base := embedHost(t)
	tb.mu.Lock()
	tb.base = base
	tb.mu.Unlock()
	tb.do(chromedp.Navigate(base+"/"),
		chromedp.WaitReady(chromedp.CSS("#mou-form[data-pk-checked]")),
		chromedp.WaitReady(chromedp.CSS("#health-check-here partnerkit-form[data-pk-ready]")))

	assert.Equal(t, "Our partnership agreement", text(tb, "#host-title"), "the host page's own content")
	assert.Zero(t, eval[int](tb, `document.querySelectorAll("#app, .pk-header").length`), "no page of partnerkit's own")
	assert.Equal(t, "Send the draft to the partners", eval[string](tb, inShadow("#mou-form", "pk-submit")+`.textContent`))
	assert.Equal(t, "rgb(251, 250, 247)", eval[string](tb, `getComputedStyle(document.body).backgroundColor`), "the host's styles are its own")

	// Type a title, as a person would.
	tb.do(chromedp.Evaluate[chromedp.Void](inShadow("#mou-form", "mou__title")+`.focus()`),
		chromedp.KeyEvent("Riverside agreement"))
	events := hostEvents(tb)
	require.NotEmpty(t, events)
	last := events[len(events)-1]
	assert.Equal(t, "change", last.Type)
	assert.Equal(t, "Riverside agreement", last.Detail.Value["title"])
	assert.False(t, last.Detail.Valid, "a new MOU has problems")
	codes := map[string]bool{}
	for _, f := range last.Detail.Findings {
		codes[f.Code] = true
	}
	assert.True(t, codes["mission.missing"], "findings: %v", codes)
	assert.Contains(t, text(tb, "#last-change"), "Riverside agreement: ")

	// Submit with problems: the summary takes the focus, and the host
	// hears of it.
	tb.do(chromedp.Evaluate[chromedp.Void](inShadow("#mou-form", "pk-submit") + `.click()`))
	events = hostEvents(tb)
	last = events[len(events)-1]
	assert.Equal(t, "submit", last.Type)
	assert.False(t, last.Detail.Valid)
	assert.Equal(t, "mou-summary-errors", eval[string](tb, `document.querySelector("#mou-form").shadowRoot.activeElement.id`))
	assert.Equal(t, "not sent: put the problems right first", text(tb, "#last-submit"))

	// The host sets the value: the contract's MOU, which has no problem.
	data, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("mou-form").value = ` + string(data)))
	tb.do(chromedp.Evaluate[chromedp.Void](inShadow("#mou-form", "pk-submit") + `.click()`))
	events = hostEvents(tb)
	last = events[len(events)-1]
	assert.Equal(t, "submit", last.Type)
	assert.True(t, last.Detail.Valid, "%v", last.Detail.Findings)
	got, err := json.Marshal(last.Detail.Value)
	require.NoError(t, err)
	assert.JSONEq(t, string(data), string(got), "the submitted MOU is the one set")
	assert.True(t, strings.HasPrefix(text(tb, "#last-submit"), "sent Riverside STEM Partnership"))

	// The health check, mounted from script: an answer gives a score.
	tb.do(chromedp.Evaluate[chromedp.Void](`(() => {
		const root = document.querySelector("#health-check-here partnerkit-form").shadowRoot;
		const q = root.querySelector("fieldset.pk-likert");
		root.querySelector('label[for="' + q.id + '-3"]').click();
	})()`))
	assert.NotEqual(t, "not scored yet", text(tb, "#overall"))
	state := eval[embedEvent](tb, `({type: "state", detail: document.querySelector("#health-check-here partnerkit-form").state})`)
	require.NotNil(t, state.Detail.Score)
	require.NotNil(t, state.Detail.Score.Overall)
	assert.Equal(t, "partnership-health-check", state.Detail.Value["framework"])

	tb.axe("body")
	tb.mu.Lock()
	defer tb.mu.Unlock()
	assert.Empty(t, tb.external, "the page reached beyond its own server")
	assert.Empty(t, tb.dialogs)
}
