//go:build !(js && wasm)

package e2e_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refuseStorage makes every document the tab opens refuse localStorage
// as Chromium does with site data blocked or in a sandboxed frame: the
// mere read of window.localStorage throws a SecurityError.
const refuseStorage = `Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", "SecurityError"); },
});`

// storageFull makes every write to localStorage throw, as a full quota
// does; storageRoom undoes it.
const (
	storageFull = `window.pkSetItem = window.pkSetItem || Storage.prototype.setItem;
Storage.prototype.setItem = function () { throw new DOMException("Setting the value exceeded the quota.", "QuotaExceededError"); };`
	storageRoom = `Storage.prototype.setItem = window.pkSetItem;`
)

func (tb *tab) initScript(src string) {
	tb.t.Helper()
	_, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
	require.NoError(tb.t, err)
}

// stored reads a key of localStorage ("" when it is absent).
func stored(tb *tab, key string) string {
	tb.t.Helper()
	return eval[string](tb, `localStorage.getItem(`+strconv.Quote(key)+`) || ""`)
}

func value(tb *tab, id string) string {
	tb.t.Helper()
	return eval[string](tb, `document.getElementById(`+strconv.Quote(id)+`).value`)
}

func text(tb *tab, sel string) string {
	tb.t.Helper()
	return eval[string](tb, `document.querySelector(`+strconv.Quote(sel)+`).textContent`)
}

// typeInto replaces a field's text as a person would, by keyboard.
func (tb *tab) typeInto(id, s string) {
	tb.t.Helper()
	tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById(`+strconv.Quote(id)+`).select()`),
		chromedp.SendKeys(chromedp.ID(id), s))
}

// TestStorageBlocked opens the page where the browser refuses storage:
// the forms load and work, and a banner says that nothing will be kept.
func TestStorageBlocked(t *testing.T) {
	tb := newTab(t)
	tb.initScript(refuseStorage)
	tb.open("mou")
	tb.do(chromedp.WaitVisible(chromedp.ID("storage-off")))
	assert.Contains(t, text(tb, "#storage-off"), "Nothing will be kept when you close this page")
	assert.Contains(t, text(tb, "#storage-off"), "Export JSON")
	assert.NotContains(t, text(tb, ".pk-privacy"), "saved in this browser", "the page does not claim to save")

	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	// A new MOU shows its problems when asked, and a fix takes one away.
	tb.do(chromedp.Click(chromedp.ID("mou-check"), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`#mou__missionStatement-msg [data-code="mission.missing"]`)))
	tb.typeInto("mou__missionStatement", "Science for every pupil.")
	assert.Equal(t, "Science for every pupil.", value(tb, "mou__missionStatement"))
	tb.do(chromedp.WaitNotPresent(chromedp.CSS(`#mou__missionStatement-msg [data-code="mission.missing"]`)))
	file := tb.downloaded(chromedp.Click(chromedp.CSS(`#storage-off [data-command="export"][data-view="mou"]`)))
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Contains(t, string(data), "Science for every pupil.", "the banner's export has the work")
	tb.axe("#notice-storage")
	tb.checkOffline()
}

// TestStorageBlockedInASandbox serves the page as a sandboxed document
// (an opaque origin, as in a sandboxed iframe), where the browser itself
// refuses localStorage: the forms load, and say so.
func TestStorageBlockedInASandbox(t *testing.T) {
	tb := newTab(t)
	tb.do(chromedp.Navigate(suite.url+"?sandbox#mou"), chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]")))
	assert.Equal(t, "SecurityError", eval[string](tb, `(() => { try { localStorage; return "none"; } catch (e) { return e.name; } })()`),
		"the browser refuses storage here")
	tb.do(chromedp.WaitVisible(chromedp.ID("storage-off")))
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	tb.do(chromedp.Click(chromedp.ID("mou-check"), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`#mou__missionStatement-msg [data-code="mission.missing"]`)))
	tb.typeInto("mou__missionStatement", "Science for every pupil.")
	tb.do(chromedp.WaitNotPresent(chromedp.CSS(`#mou__missionStatement-msg [data-code="mission.missing"]`)))
}

// TestStorageFull fills the quota: the user is told at once, beside an
// Export JSON button, and the message goes once a save works again.
func TestStorageFull(t *testing.T) {
	tb := newTab(t)
	tb.open("mou")
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	tb.do(chromedp.Evaluate[chromedp.Void](storageFull))
	tb.typeInto("mou__missionStatement", "Lost?")
	tb.do(chromedp.WaitVisible(chromedp.ID("save-failed-mou")))
	msg := text(tb, "#save-failed-mou")
	assert.Contains(t, msg, "Your MOU is not being saved")
	assert.Contains(t, msg, "storage for this page is full")
	assert.Equal(t, "status", eval[string](tb, `document.getElementById("notice-save").getAttribute("role")`))
	assert.NotContains(t, stored(tb, "partnerkit.mou"), "Lost?")
	tb.axe("#notice-save")
	file := tb.downloaded(chromedp.Click(chromedp.CSS(`#save-failed-mou [data-command="export"]`)))
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Contains(t, string(data), "Lost?")

	tb.do(chromedp.Evaluate[chromedp.Void](storageRoom))
	tb.typeInto("mou__missionStatement", "Kept.")
	tb.do(chromedp.WaitNotPresent(chromedp.ID("save-failed-mou")))
	assert.Contains(t, stored(tb, "partnerkit.mou"), "Kept.", "the page kept trying, and saved")
	tb.checkOffline()
}

// TestTwoTabs edits the MOU in one tab, then in a stale second tab: the
// stale tab asks before it writes, and the first tab's work survives.
func TestTwoTabs(t *testing.T) {
	a := newTab(t)
	a.open("mou")
	b := a.sibling()
	b.open("mou")
	a.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	b.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))

	a.typeInto("mou__missionStatement", "Tab A's work.")
	require.Contains(t, stored(a, "partnerkit.mou"), "Tab A's work.")

	b.do(chromedp.WaitVisible(chromedp.ID("conflict-mou")))
	assert.Contains(t, text(b, "#conflict-mou"), "This MOU was changed in another tab")
	b.axe("#notice-conflict")
	b.typeInto("mou__missionStatement", "Tab B's stale edit.")
	assert.Contains(t, stored(b, "partnerkit.mou"), "Tab A's work.", "the stale tab does not write over newer work")
	assert.NotContains(t, stored(b, "partnerkit.mou"), "stale edit")

	b.do(chromedp.Click(chromedp.CSS(`#conflict-mou [data-command="conflict-load"]`)), chromedp.WaitNotPresent(chromedp.ID("conflict-mou")))
	assert.Equal(t, "Tab A's work.", value(b, "mou__missionStatement"), "the newer version is loaded")

	// Then B goes on; A, stale now, asks in turn, and keeping A's
	// version writes it over B's only when the user says so.
	b.typeInto("mou__missionStatement", "Tab B's work.")
	assert.Contains(t, stored(b, "partnerkit.mou"), "Tab B's work.")
	a.do(chromedp.WaitVisible(chromedp.ID("conflict-mou")))
	a.typeInto("mou__missionStatement", "Tab A again.")
	assert.Contains(t, stored(a, "partnerkit.mou"), "Tab B's work.")
	a.do(chromedp.Click(chromedp.CSS(`#conflict-mou [data-command="conflict-keep"]`)), chromedp.WaitNotPresent(chromedp.ID("conflict-mou")))
	assert.Contains(t, stored(a, "partnerkit.mou"), "Tab A again.")
	b.do(chromedp.WaitVisible(chromedp.ID("conflict-mou")))
	a.checkOffline()
	b.checkOffline()
}

// TestImportWrongKind imports files that are not what the view opens:
// each is refused with a message that names what it is, and nothing
// changes.
func TestImportWrongKind(t *testing.T) {
	tb := newTab(t)
	tb.open("mou")
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	tb.typeInto("mou__missionStatement", "Ours.")
	before := stored(tb, "partnerkit.mou")
	for file, want := range map[string]string{
		"assessment-mini.json": "This is a self-assessment, not an MOU: open it in the health check.",
		"framework-mini.json":  "This is a self-assessment framework, not an MOU: open it in the health check.",
		"effect.json":          "This is an effect-size file, not an MOU",
	} {
		tb.importFile("mou", "../../examples/data/"+file)
		tb.do(chromedp.WaitVisible(chromedp.CSS(`#mou-import-msg .pk-message-error`)))
		assert.Contains(t, text(tb, "#mou-import-msg"), want, file)
		tb.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("mou-import-msg").textContent = ""`))
	}
	assert.Equal(t, "Ours.", value(tb, "mou__missionStatement"))
	assert.Equal(t, before, stored(tb, "partnerkit.mou"), "nothing was saved")

	tb.do(chromedp.Click(chromedp.ID("nav-health-check")), chromedp.WaitVisible(chromedp.ID("view-health-check")))
	tb.importFile("health-check", contractMOU)
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#health-check-import-msg .pk-message-error`)))
	assert.Contains(t, text(tb, "#health-check-import-msg"), "This is an MOU, not a self-assessment or a framework: open it in the MOU builder.")
	tb.checkOffline()
}

// TestImportConfirmed imports an MOU over one being typed: the page
// asks, replaces it when told to, says what was loaded, and undo brings
// the work back.
func TestImportConfirmed(t *testing.T) {
	tb := newTab(t)
	tb.open("mou")
	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	tb.typeInto("mou__missionStatement", "My own words.")

	tb.importFile("mou", contractMOU)
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#mou-confirm [role="alertdialog"]`)))
	assert.Equal(t, "mou-confirm-title", eval[string](tb, `document.activeElement.id`), "the focus goes to the question")
	assert.Contains(t, text(tb, "#mou-confirm"), "Replace the MOU in this form?")
	assert.Equal(t, "My own words.", value(tb, "mou__missionStatement"), "nothing is replaced before the user says so")
	tb.axe("#mou-confirm")

	// Keep mine: nothing changes.
	tb.do(chromedp.Click(chromedp.CSS(`#mou-confirm [data-command="import-cancel"]`)), chromedp.WaitNotPresent(chromedp.CSS(`#mou-confirm [role="alertdialog"]`)))
	assert.Equal(t, "My own words.", value(tb, "mou__missionStatement"))

	tb.importFile("mou", contractMOU)
	tb.do(chromedp.Click(chromedp.CSS(`#mou-confirm [data-command="import-confirm"]`)), chromedp.WaitVisible(chromedp.CSS("#mou-summary .pk-summary-ok")))
	assert.Contains(t, value(tb, "mou__missionStatement"), "Together we widen access")
	assert.Contains(t, text(tb, "#mou-import-msg"), "Loaded the MOU \u201c")
	assert.Contains(t, text(tb, "#mou-import-msg"), "from mou-evaluation-plan.json")
	assert.Contains(t, stored(tb, "partnerkit.mou"), "Together we widen access")
	tb.axe("#mou-import-msg")

	tb.do(chromedp.Click(chromedp.CSS(`#mou-import-msg [data-command="undo-import"]`)))
	tb.do(chromedp.WaitReady(chromedp.CSS(`#mou-import-msg .pk-message-ok:not(:has(button))`)))
	assert.Equal(t, "My own words.", value(tb, "mou__missionStatement"), "undo brings the work back")
	assert.Contains(t, text(tb, "#mou-import-msg"), "The import is undone")
	assert.Contains(t, stored(tb, "partnerkit.mou"), "My own words.")
	tb.reload()
	assert.Equal(t, "My own words.", value(tb, "mou__missionStatement"))

	// A framework would wipe the answers: the health check asks too.
	tb.do(chromedp.Click(chromedp.ID("nav-health-check")), chromedp.WaitVisible(chromedp.ID("view-health-check")))
	tb.do(chromedp.Click(chromedp.CSS(`label[for$="-3"]`)))
	tb.importFile("health-check", "../../examples/data/framework-mini.json")
	tb.do(chromedp.WaitVisible(chromedp.CSS(`#health-check-confirm [role="alertdialog"]`)))
	assert.Contains(t, text(tb, "#health-check-confirm"), "Replace your answers and notes?")
	tb.do(chromedp.Click(chromedp.CSS(`#health-check-confirm [data-command="import-cancel"]`)))
	assert.Equal(t, "1 of 44 questions answered", text(tb, "#health-check-progress-label"))
	tb.checkOffline()
}

// TestUnreadableSavedState reloads the page over saved text that cannot
// be read: the text is kept under another key, the user is told and can
// download it, and the first change does not lose it.
func TestUnreadableSavedState(t *testing.T) {
	const bad = `{"rev":2,"document":{"title":"Half a save`
	tb := newTab(t)
	tb.open("mou")
	tb.do(chromedp.Evaluate[chromedp.Void](`localStorage.setItem("partnerkit.mou", ` + strconv.Quote(bad) + `)`))
	tb.reload()
	tb.do(chromedp.WaitVisible(chromedp.ID("unreadable-mou")))
	assert.Contains(t, text(tb, "#unreadable-mou"), "The MOU saved in this browser could not be read")
	assert.Equal(t, bad, stored(tb, "partnerkit.mou.unreadable"), "kept under another key")
	tb.axe("#notice-unreadable")

	tb.do(chromedp.WaitReady(chromedp.CSS("html[data-pk-checked]")))
	tb.typeInto("mou__missionStatement", "A new start.")
	assert.Contains(t, stored(tb, "partnerkit.mou"), "A new start.")
	assert.Equal(t, bad, stored(tb, "partnerkit.mou.unreadable"), "the first change does not lose it")

	file := tb.downloaded(chromedp.Click(chromedp.CSS(`#unreadable-mou [data-command="download-unreadable"]`)))
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, bad, string(data))

	tb.do(chromedp.Click(chromedp.CSS(`#unreadable-mou [data-command="discard-unreadable"]`)), chromedp.WaitNotPresent(chromedp.ID("unreadable-mou")))
	assert.Empty(t, stored(tb, "partnerkit.mou.unreadable"))
	tb.checkOffline()
}
