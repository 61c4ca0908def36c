//go:build !(js && wasm)

package e2e_test

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/internal/testenv"
	"github.com/partnerkit/partnerkit/wasm/build"
)

var screenshots = flag.Bool("screenshots", false, "write the README's screenshots to docs/img")

// contractMOU is the contract's MOU with a full evaluation plan: no finding.
const contractMOU = "../../examples/data/mou-evaluation-plan.json"

// fixtures are the files the tests import.
var fixtures = []string{
	contractMOU,
	"../../examples/data/mou-coastal-draft.json",
	"../../examples/data/assessment-mini.json",
	"../../examples/data/framework-mini.json",
	"../../examples/data/effect.json",
}

// suite is what every test shares: the page's server, the command line
// built from source, and one browser.
var suite struct {
	skip    string // why the tests cannot run here
	url     string
	cli     string
	browser context.Context
	assets  map[string]bool // the paths the page may request
	files   fs.FS           // the page's files, built
}

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(run(m))
}

func run(m *testing.M) int {
	chromium := os.Getenv("PARTNERKIT_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		suite.skip = "no Chromium at " + chromium + " (apt-get install -y chromium, or set PARTNERKIT_CHROMIUM)"
		return m.Run()
	}
	// The fixtures are checked before the browser is driven: a missing
	// file fails at once, not as a page that never shows what it loads.
	for _, f := range fixtures {
		if _, err := os.Stat(f); err != nil {
			fmt.Fprintln(os.Stderr, "e2e: a fixture is missing:", err)
			return 1
		}
	}
	ctx := context.Background()
	assets, err := build.Assets(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	suite.files = assets
	server := httptest.NewServer(sandboxable(http.FileServerFS(assets)))
	defer server.Close()
	suite.url = server.URL + "/"
	suite.assets = map[string]bool{"/": true, "/style.css": true, "/boot.js": true, "/main.js": true, "/wasm_exec.js": true, "/partnerkit.wasm": true,
		"/sw.js": true, "/manifest.webmanifest": true, "/icon.svg": true,
		"/icon-192.png": true, "/icon-512.png": true}

	tmp, err := os.MkdirTemp("", "partnerkit-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	suite.cli = filepath.Join(tmp, "partnerkit")
	if out, err := exec.Command("go", "build", "-o", suite.cli, "../../examples/partnerkit").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: building the command line: %v\n%s", err, out)
		return 1
	}

	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider"),
		chromedp.WindowSize(1280, 1000),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	browserCtx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browserCtx); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: starting Chromium:", err)
		return 1
	}
	suite.browser = browserCtx
	return m.Run()
}

// sandboxable serves the page as a sandboxed document, with an opaque
// origin and so no storage, when its address has the query "sandbox",
// as a sandboxed iframe would be; the page's own requests from there
// come from origin null, and are let through.
func sandboxable(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery == "sandbox" {
			w.Header().Set("Content-Security-Policy", "sandbox allow-scripts")
		}
		if r.Header.Get("Origin") == "null" {
			w.Header().Set("Access-Control-Allow-Origin", "*")
		}
		h.ServeHTTP(w, r)
	})
}

// tab is a browser tab with its own storage, which records every request
// the page makes and every dialog it opens.
type tab struct {
	t        *testing.T
	ctx      context.Context
	mu       sync.Mutex
	requests []string // paths, in order
	external []string // anything not from the test server
	dialogs  []string
	errors   []string        // uncaught exceptions and console errors in the page
	parent   context.Context // the tab's context without the timeout, for siblings
	base     string          // the page's server, as suite.url is
	ready    int             // len(requests) when the page became interactive
	download string          // the folder downloads go to
}

// Every tab's time is bounded: a page that never becomes ready fails
// the test in tabTimeout, and each step in stepTimeout, not in the test
// binary's 10 minutes.
const (
	tabTimeout  = 60 * time.Second
	stepTimeout = 20 * time.Second
)

func newTab(t *testing.T) *tab {
	t.Helper()
	if suite.skip != "" {
		skipOrFail(t, suite.skip)
	}
	return openTab(t, suite.browser, chromedp.WithNewBrowserContext())
}

// sibling opens another tab in the same browser context: it shares the
// page's localStorage, as two tabs of one browser do.
func (tb *tab) sibling() *tab {
	tb.t.Helper()
	return openTab(tb.t, tb.parent)
}

func openTab(t *testing.T, parent context.Context, opts ...chromedp.ContextOption) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent, opts...)
	t.Cleanup(cancel)
	tb := &tab{t: t, ctx: ctx, parent: ctx, download: t.TempDir(), base: strings.TrimSuffix(suite.url, "/")}
	require.NoError(t, chromedp.Do(ctx))
	require.NoError(t, chromedp.Listen(ctx, tb.listen))
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	_, err = chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllow,
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
		DownloadPath:     tb.download,
	})
	require.NoError(t, err)
	timeout, cancelTimeout := context.WithTimeout(ctx, tabTimeout)
	t.Cleanup(cancelTimeout)
	tb.ctx = timeout
	// Registered last, so run first, while the tab is still open: any
	// exception or console.error in the page fails the test.
	t.Cleanup(tb.checkErrors)
	return tb
}

// checkErrors fails the test if the page threw an uncaught exception or
// wrote an error on its console.
func (tb *tab) checkErrors() {
	tb.t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, e := range tb.errors {
		tb.t.Errorf("the page reported an error: %s", e)
	}
}

func (tb *tab) listen(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		u := e.Request.URL
		if strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
			return
		}
		if strings.HasPrefix(u, tb.base+"/") {
			path := strings.TrimPrefix(u, tb.base)
			if i := strings.IndexAny(path, "?#"); i >= 0 {
				path = path[:i]
			}
			tb.requests = append(tb.requests, path)
		} else {
			tb.external = append(tb.external, u)
		}
	case *page.EventJavascriptDialogOpening:
		tb.dialogs = append(tb.dialogs, e.Message)
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		tb.errors = append(tb.errors, fmt.Sprintf("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text))
	case *runtime.EventConsoleAPICalled:
		if e.Type != runtime.ConsoleAPICalledTypeError && e.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var args []string
		for _, a := range e.Args {
			if a.Description != "" {
				args = append(args, a.Description)
			} else {
				args = append(args, string(a.Value))
			}
		}
		tb.errors = append(tb.errors, "console."+string(e.Type)+": "+strings.Join(args, " "))
	}
}

// do runs actions, failing the test on an error or after stepTimeout.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	require.NoError(tb.t, chromedp.Do(ctx, actions...))
}

// eval evaluates JavaScript and decodes its result.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	return evalWithin[T](tb, stepTimeout, expr)
}

// evalWithin is eval for a step that may take longer than stepTimeout,
// such as axe-core over the whole MOU builder on a loaded machine.
func evalWithin[T any](tb *tab, timeout time.Duration, expr string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	require.NoError(tb.t, err, expr)
	return v
}

// open loads the page at a view and waits until it is interactive.
func (tb *tab) open(view string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(suite.url+"#"+view), chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]")))
	tb.mu.Lock()
	tb.ready = len(tb.requests)
	tb.mu.Unlock()
}

// reload reloads the page and waits until it is interactive again.
func (tb *tab) reload() {
	tb.t.Helper()
	tb.do(chromedp.Reload(), chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]")))
	tb.mu.Lock()
	tb.ready = len(tb.requests)
	tb.mu.Unlock()
}

// offlineFiles may be asked for after the page is interactive: the
// service worker, which then keeps the page's files, the manifest and
// the icons.
var offlineFiles = map[string]bool{"/sw.js": true, "/manifest.webmanifest": true, "/icon.svg": true,
	"/icon-192.png": true, "/icon-512.png": true}

// checkOffline asserts that the page asked only for its own files, and
// for nothing after it became interactive, and opened no dialog.
func (tb *tab) checkOffline() {
	tb.t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	assert.Empty(tb.t, tb.external, "the page reached beyond its own server")
	for _, p := range tb.requests {
		assert.True(tb.t, suite.assets[p], "the page asked for %s, which is not one of its files", p)
	}
	var late []string
	for _, p := range tb.requests[tb.ready:] {
		if !offlineFiles[p] {
			late = append(late, p)
		}
	}
	assert.Empty(tb.t, late, "requests after the page was interactive")
	assert.Empty(tb.t, tb.dialogs, "dialogs opened")
}

// importFile chooses a file with a view's import control.
func (tb *tab) importFile(view, path string) {
	tb.t.Helper()
	abs, err := filepath.Abs(path)
	require.NoError(tb.t, err)
	require.FileExists(tb.t, abs, "a fixture is missing")
	tb.do(chromedp.SetUploadFiles(chromedp.ID(view+"-import"), []string{abs}))
}

// downloaded waits for the one file a click downloads, and returns it.
func (tb *tab) downloaded(trigger chromedp.Action[chromedp.Void]) string {
	tb.t.Helper()
	tb.do(trigger)
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		entries, err := os.ReadDir(tb.download)
		require.NoError(tb.t, err)
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".crdownload") && !strings.HasPrefix(e.Name(), ".") {
				return filepath.Join(tb.download, e.Name())
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.t.Fatal("no file was downloaded")
	return ""
}

// screenshot saves what the window shows, scrolled to the element, for
// the README; only with -screenshots.
func (tb *tab) screenshot(sel, name string) {
	tb.t.Helper()
	if !*screenshots {
		return
	}
	tb.do(chromedp.Evaluate[chromedp.Void](`document.querySelector('` + sel + `').scrollIntoView()`))
	png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	require.NoError(tb.t, err)
	require.NoError(tb.t, os.MkdirAll("../../docs/img", 0o755))
	require.NoError(tb.t, os.WriteFile(filepath.Join("../../docs/img", name), png, 0o644))
}

// TestHealthCheck answers the health check by clicking, then checks the
// scores on the page against partnerkit evaluate score on the exported
// file, and that every answer survives a reload.
func TestHealthCheck(t *testing.T) {
	tb := newTab(t)
	tb.open("health-check")
	ids := eval[[]string](tb, `[...document.querySelectorAll("#view-health-check fieldset.pk-likert")].map(f => f.id)`)
	require.Len(t, ids, 44)
	for i, id := range ids {
		choice := i % 6 // five ratings, then not applicable
		tb.do(chromedp.Click(chromedp.CSS(`label[for="`+id+"-"+strconv.Itoa(choice)+`"]`), chromedp.NodeVisible))
	}
	tb.do(
		chromedp.SendKeys(chromedp.ID("hc__notes__"+strings.TrimPrefix(ids[0], "hc__answers__")), "Agreed at the autumn meeting"),
		chromedp.SendKeys(chromedp.ID("hc__respondent__role"), "partnership-lead"),
	)
	progress := eval[string](tb, `document.getElementById("health-check-progress-label").textContent`)
	assert.Equal(t, "44 of 44 questions answered", progress)
	assert.Equal(t, 44, eval[int](tb, `document.getElementById("health-check-progress").value`))
	tb.screenshot(".pk-dimension[id^=health-check-dim-]", "health-check.png")

	pageScores := eval[map[string]string](tb, `Object.fromEntries([...document.querySelectorAll("#health-check-scores tr[data-dimension]")].map(
		r => [r.dataset.dimension, r.querySelector("[data-score]").dataset.score + " " + r.querySelector(".pk-band").textContent]))`)
	require.Len(t, pageScores, 9, "eight dimensions and the overall")

	file := tb.downloaded(chromedp.Click(chromedp.CSS(`#view-health-check [data-command="export"]`)))
	out, err := exec.Command(suite.cli, "evaluate", "score", "--framework", "partnership-health-check", "--json", file).Output()
	require.NoError(t, err, "partnerkit evaluate score: %s", out)
	var results struct {
		Results []struct {
			Overall    float64
			Band       string
			Dimensions []struct {
				ID    string
				Score float64
				Band  string
			}
		}
	}
	require.NoError(t, json.Unmarshal(out, &results), "%s", out)
	require.Len(t, results.Results, 1, "%s", out)
	cli := results.Results[0]
	assert.Equal(t, format(cli.Overall)+" "+cli.Band, pageScores["overall"])
	for _, d := range cli.Dimensions {
		assert.Equal(t, format(d.Score)+" "+d.Band, pageScores[d.ID], d.ID)
	}

	checked := func() []string {
		return eval[[]string](tb, `[...document.querySelectorAll("#view-health-check input:checked")].map(i => i.id).concat(
			[...document.querySelectorAll("#view-health-check textarea, #view-health-check input[type=text], #view-health-check input[type=date]")].map(e => e.id + "=" + e.value))`)
	}
	before := checked()
	require.Len(t, before, 44+3+1+44, "44 answers, three text boxes about the respondent, the date and 44 notes")
	tb.reload()
	assert.Equal(t, before, checked(), "every answer is still there after a reload")
	assert.Equal(t, "44 of 44 questions answered", eval[string](tb, `document.getElementById("health-check-progress-label").textContent`))
	tb.checkOffline()
}

func format(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// TestMOUFindings loads the contract's MOU, clears the mission statement,
// and sees mission.missing beside the field and in the summary; fixing it
// makes both go.
func TestMOUFindings(t *testing.T) {
	tb := newTab(t)
	tb.open("mou")
	tb.importFile("mou", contractMOU)
	tb.do(chromedp.WaitVisible(chromedp.CSS("#mou-summary .pk-summary-ok")))
	assert.Equal(t, "Together we widen access to specialist science teaching and laboratories for pupils across Riverside.",
		eval[string](tb, `document.getElementById("mou__missionStatement").value`))

	// Clear the statement as a person would: select it all, press Backspace.
	tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("mou__missionStatement").select()`),
		chromedp.Focus(chromedp.ID("mou__missionStatement")),
		chromedp.KeyEvent(kb.Backspace))
	beside := `#mou__missionStatement-msg [data-code="mission.missing"]`
	summary := `#mou-summary li[data-code="mission.missing"] a[href="#mou__missionStatement"]`
	tb.do(chromedp.WaitVisible(chromedp.CSS(beside)), chromedp.WaitVisible(chromedp.CSS(summary)))
	assert.Equal(t, "There is a problem", eval[string](tb, `document.getElementById("mou-summary-title").textContent`))
	assert.Contains(t, eval[string](tb, `document.getElementById("mou__missionStatement").getAttribute("aria-describedby")`), "mou__missionStatement-msg",
		"the error is tied to its field")
	assert.Equal(t, "1 problem.", eval[string](tb, `document.getElementById("mou-status").textContent`))
	message := eval[string](tb, `document.querySelector('`+beside+`').textContent`)
	assert.True(t, strings.HasPrefix(message, "Error: "), message)
	assert.Equal(t, strings.TrimPrefix(message, "Error: "), eval[string](tb, `document.querySelector('`+summary+`').textContent`))
	tb.screenshot("#mou-summary", "mou-builder.png")

	// The summary's link moves the focus to the field.
	tb.do(chromedp.Click(chromedp.CSS(summary)))
	assert.Equal(t, "mou__missionStatement", eval[string](tb, `document.activeElement.id`))

	tb.do(chromedp.SendKeys(chromedp.ID("mou__missionStatement"), "Science for every pupil in Riverside."))
	tb.do(chromedp.WaitNotPresent(chromedp.CSS(beside)), chromedp.WaitVisible(chromedp.CSS("#mou-summary .pk-summary-ok")))
	assert.Empty(t, eval[string](tb, `document.getElementById("mou__missionStatement-msg").textContent`))

	tb.do(chromedp.Click(chromedp.ID("nav-preview")), chromedp.WaitVisible(chromedp.CSS("#preview-body article.mou-document")))
	assert.Contains(t, eval[string](tb, `document.querySelector("#preview-body article").textContent`), "Science for every pupil in Riverside.")
	tb.screenshot("#preview-body", "mou-preview.png")
	tb.checkOffline()
}

// TestMOUListsByKeyboard adds, moves and removes an objective with the
// keyboard alone.
func TestMOUListsByKeyboard(t *testing.T) {
	tb := newTab(t)
	tb.open("mou")
	tb.do(chromedp.Focus(chromedp.ID("mou__objectives-add")), chromedp.KeyEvent(kb.Enter))
	assert.Equal(t, "mou__objectives__0__id", eval[string](tb, `document.activeElement.id`), "the focus goes to the new objective")
	tb.do(chromedp.KeyEvent("o1"))
	tb.do(chromedp.Focus(chromedp.ID("mou__objectives-add")), chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent("o2"))
	tb.do(chromedp.Focus(chromedp.ID("mou__objectives__1-up")), chromedp.KeyEvent(" "))
	assert.Equal(t, "o2", eval[string](tb, `document.getElementById("mou__objectives__0__id").value`))
	assert.Equal(t, "mou__objectives__0-down", eval[string](tb, `document.activeElement.id`), "the focus stays with the moved item")
	tb.do(chromedp.Focus(chromedp.ID("mou__objectives__0-remove")), chromedp.KeyEvent(kb.Enter))
	assert.Equal(t, "o1", eval[string](tb, `document.getElementById("mou__objectives__0__id").value`))
	assert.Equal(t, "mou__objectives-add", eval[string](tb, `document.activeElement.id`))

	// A Likert answer by keyboard: focus the group, choose with the arrows.
	tb.do(chromedp.Click(chromedp.ID("nav-health-check")), chromedp.WaitVisible(chromedp.ID("view-health-check")))
	first := eval[string](tb, `document.querySelector("fieldset.pk-likert input").id`)
	tb.do(chromedp.Focus(chromedp.ID(first)), chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.ArrowRight))
	assert.Equal(t, "1 of 44 questions answered", eval[string](tb, `document.getElementById("health-check-progress-label").textContent`))
	assert.Equal(t, "2", eval[string](tb, `document.querySelector("fieldset.pk-likert input:checked").value`))
	tb.checkOffline()
}

// TestQuestionTextIsText imports a framework whose question text is
// markup: it shows as text, and nothing runs.
func TestQuestionTextIsText(t *testing.T) {
	tb := newTab(t)
	tb.open("health-check")
	evil := `<img src=x onerror=alert(1)>`
	fw := map[string]any{
		"id": "evil-check", "title": "Evil " + evil, "scale": map[string]any{"min": 1, "max": 3},
		"dimensions": []any{map[string]any{"id": "d1", "title": evil, "questions": []any{
			map[string]any{"id": "q1", "text": evil, "help": evil},
		}}},
		"bands": []any{map[string]any{"min": 0, "label": evil}},
	}
	data, err := json.Marshal(fw)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "evil.json")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	tb.importFile("health-check", path)
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#hc__answers__q1`)))
	legend := eval[string](tb, `document.querySelector("#hc__answers__q1 legend").textContent`)
	assert.Equal(t, "1. "+evil, legend, "the question text shows as text")
	tb.do(chromedp.Click(chromedp.CSS(`label[for="hc__answers__q1-0"]`)))
	assert.Equal(t, evil, eval[string](tb, `document.querySelector("#health-check-scores tr[data-dimension=overall] .pk-band").textContent`))
	assert.Zero(t, eval[int](tb, `document.querySelectorAll("img").length`), "no image element was made")
	tb.reload()
	assert.Equal(t, "1. "+evil, eval[string](tb, `document.querySelector("#hc__answers__q1 legend").textContent`), "the imported framework is restored")
	assert.Zero(t, eval[int](tb, `document.querySelectorAll("img").length`))
	tb.checkOffline()
}

// TestAccessibility runs axe-core on both forms, each also showing
// errors: no violation may be serious or critical.
func TestAccessibility(t *testing.T) {
	tb := newTab(t)
	tb.open("health-check")
	tb.do(chromedp.Click(chromedp.CSS(`label[for$="-3"]`)))
	tb.axe("#view-health-check")
	tb.do(chromedp.Click(chromedp.ID("nav-mou")), chromedp.WaitVisible(chromedp.ID("view-mou")))
	tb.importFile("mou", "../../examples/data/mou-coastal-draft.json")
	tb.do(chromedp.WaitVisible(chromedp.CSS("#mou-summary .pk-summary-error")))
	tb.axe("#view-mou")
	tb.do(chromedp.Click(chromedp.ID("nav-preview")), chromedp.WaitVisible(chromedp.CSS("#preview-body article")))
	tb.axe("#view-preview")
	tb.checkOffline()
}

// axe runs axe-core on the element sel names: no violation may be
// serious or critical.
func (tb *tab) axe(sel string) {
	t := tb.t
	t.Helper()
	if !eval[bool](tb, `typeof axe === "object"`) {
		src, err := os.ReadFile("node_modules/axe-core/axe.min.js")
		if errors.Is(err, os.ErrNotExist) {
			skipOrFail(t, "axe-core is not installed: run npm ci in wasm/e2e")
		}
		require.NoError(t, err)
		tb.do(chromedp.Evaluate[chromedp.Void](string(src)))
	}
	type violation struct {
		ID     string
		Impact string
		Help   string
		Nodes  []struct{ Target []json.RawMessage } // a selector, or a list of them through shadow roots
	}
	res := evalWithin[struct {
		Violations []violation
		Passes     int
	}](tb, 3*stepTimeout, `axe.run(document.querySelector(`+strconv.Quote(sel)+`), {resultTypes: ["violations"]}).then(r => ({violations: r.violations, passes: r.passes.length}))`)
	assert.Greater(t, res.Passes, 3, "%s: axe checked the page", sel)
	t.Logf("%s: axe passed %d rules, found %d violations", sel, res.Passes, len(res.Violations))
	for _, v := range res.Violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			var where []string
			for _, n := range v.Nodes {
				for _, sel := range n.Target {
					where = append(where, string(sel))
				}
			}
			t.Errorf("%s: %s (%s) at %s", sel, v.ID, v.Help, strings.Join(where, ", "))
		} else {
			t.Logf("%s: %s %s (%s)", sel, v.Impact, v.ID, v.Help)
		}
	}
}

// skipOrFail skips a test that lacks a tool, unless PARTNERKIT_REQUIRE
// (as in CI) says the browser suite must run.
func skipOrFail(t *testing.T, why string) {
	t.Helper()
	testenv.Missing(t, testenv.Browser, why)
}
