//go:build !(js && wasm)

package e2e_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// clubHost is the form the example page examples/embed/own-schema.html
// mounts with partnerkit.mount(element, {schema}), from a JSON Schema of
// the page's own (a club's registration, in own-schema.js): a
// condition, members the user names, a tuple, a default, an example,
// formats with their own controls and validation keywords.
const clubHost = "#club-here partnerkit-form"

// club is JavaScript for the element id in the club form's shadow root.
func club(id string) string { return inShadow(clubHost, id) }

// openClub opens the example page and waits until its form shows its
// first check.
func openClub(t *testing.T) *tab {
	t.Helper()
	tb := newTab(t)
	base := embedHost(t)
	tb.mu.Lock()
	tb.base = base
	tb.mu.Unlock()
	tb.do(chromedp.Navigate(base+"/own-schema.html"), chromedp.WaitReady(chromedp.CSS(clubHost+"[data-pk-checked]")))
	return tb
}

// clubMessages is how many messages the club form shows beside its
// fields.
func clubMessages(tb *tab) int {
	tb.t.Helper()
	return eval[int](tb, `document.querySelector("`+clubHost+`").shadowRoot.querySelectorAll(".pk-msg .pk-message").length`)
}

// typeIn types into the club form's element id, as a person would.
func typeIn(tb *tab, id, keys string) {
	tb.t.Helper()
	tb.do(chromedp.Evaluate[chromedp.Void](club(id)+".focus()"), chromedp.KeyEvent(keys))
}

// clubMessage waits for a message beside the field id and returns its
// text; noClubMessage waits until there is none.
func clubMessage(tb *tab, id string) string {
	tb.t.Helper()
	tb.do(chromedp.WaitVisible(chromedp.JSPath(club(id+"-msg") + `.querySelector(".pk-message")`)))
	return eval[string](tb, club(id+"-msg")+".textContent")
}

func noClubMessage(tb *tab, id string) {
	tb.t.Helper()
	tb.do(chromedp.WaitNotPresent(chromedp.JSPath(club(id+"-msg") + `.querySelector(".pk-message")`)))
}

// TestDeveloperSchema fills a developer's schema, embedded as the
// documentation shows, as a person would, and the host page hears each
// change and the submission, with exactly the JSON expected: no problem
// is shown before a field is visited, a field's problems show once it
// is, the condition shows and hides what it governs, named members and a
// tuple are added, and a file is read to a data: URL.
func TestDeveloperSchema(t *testing.T) {
	tb := openClub(t)
	assert.Zero(t, clubMessages(tb), "no problem is shown before anything is visited")
	assert.Equal(t, "Riverside Rockets", eval[string](tb, club("form__name")+".placeholder"), "examples are placeholders")
	assert.Equal(t, "Register the club", eval[string](tb, club("pk-submit")+".textContent"))
	tb.axe("body")

	// A field's problem shows once it is visited, and goes when put right.
	typeIn(tb, "form__name", "Ri")
	assert.Equal(t, "Error: Write at least 3 characters.", clubMessage(tb, "form__name"))
	assert.Equal(t, 1, clubMessages(tb), "the other required field is not visited yet")
	last := hostEvents(tb)
	require.NotEmpty(t, last, "the page hears each change")
	assert.Equal(t, "change", last[len(last)-1].Type)
	assert.Equal(t, "Ri", last[len(last)-1].Detail.Value["name"])
	assert.False(t, last[len(last)-1].Detail.Valid)
	typeIn(tb, "form__name", "verside")
	noClubMessage(tb, "form__name")

	// The condition: the instrument shows only for a music club.
	present := func(id string) bool { return eval[bool](tb, club(id)+" !== null") }
	assert.False(t, present("form__instrument"))
	tb.do(chromedp.Click(chromedp.JSPath(club("form__kind-1")+".labels[0]")), chromedp.WaitVisible(chromedp.JSPath(club("form__instrument"))))
	typeIn(tb, "form__instrument", "Cello")
	tb.do(chromedp.Click(chromedp.JSPath(club("form__kind-0")+".labels[0]")), chromedp.WaitNotPresent(chromedp.JSPath(club("form__instrument"))))
	assert.NotContains(t, eval[string](tb, `JSON.stringify(document.querySelector("`+clubHost+`").value)`), "Cello", "a hidden field's value is not in the document")
	tb.do(chromedp.Click(chromedp.JSPath(club("form__kind-1")+".labels[0]")), chromedp.WaitVisible(chromedp.JSPath(club("form__instrument"))))
	assert.Equal(t, "Cello", eval[string](tb, club("form__instrument")+".value"), "what was typed comes back")

	// A date and time, through the browser's own picker.
	assert.Equal(t, "datetime-local", eval[string](tb, club("form__founded")+".type"))
	tb.do(chromedp.Evaluate[chromedp.Void](`(() => { const e = ` + club("form__founded") + `;
	  e.value = "2027-09-01T09:30"; e.dispatchEvent(new Event("input", {bubbles: true})); })()`))

	// A web address is checked live.
	typeIn(tb, "form__site", "example.org")
	assert.Contains(t, clubMessage(tb, "form__site"), "full web address")
	tb.do(chromedp.Evaluate[chromedp.Void](club("form__site")+".select()"), chromedp.KeyEvent(kb.Backspace))
	typeIn(tb, "form__site", "https://example.org/club")
	noClubMessage(tb, "form__site")

	// A member the user names: add, name it, give it a value.
	active := func() string {
		return eval[string](tb, `document.querySelector("`+clubHost+`").shadowRoot.activeElement.id`)
	}
	tb.do(chromedp.Click(chromedp.JSPath(club("form__ratings-add"))), chromedp.WaitVisible(chromedp.JSPath(club("form__ratings-key-0"))))
	assert.Equal(t, "form__ratings-key-0", active(), "the focus goes to the new name")
	tb.do(chromedp.KeyEvent("tone"))
	assert.Equal(t, "form__ratings-key-0", active(), "the name box keeps the focus while it is typed")
	tb.do(chromedp.WaitVisible(chromedp.JSPath(club("form__ratings__tone"))))
	typeIn(tb, "form__ratings__tone", "7")
	assert.Contains(t, clubMessage(tb, "form__ratings__tone"), "5 or less")
	tb.do(chromedp.KeyEvent(kb.Backspace), chromedp.KeyEvent("4"))
	noClubMessage(tb, "form__ratings__tone")

	// A tuple: two places, each with its own label, and then no more.
	tb.do(chromedp.Click(chromedp.JSPath(club("form__location-add"))), chromedp.WaitVisible(chromedp.JSPath(club("form__location__0"))))
	typeIn(tb, "form__location__0", "51.5")
	tb.do(chromedp.Click(chromedp.JSPath(club("form__location-add"))), chromedp.WaitVisible(chromedp.JSPath(club("form__location__1"))))
	typeIn(tb, "form__location__1", "-0.12")
	assert.Equal(t, []string{"Latitude", "Longitude"}, eval[[]string](tb, `[...`+club("form__location")+`.querySelectorAll("label.pk-label")].map(l => l.textContent)`))
	assert.True(t, eval[bool](tb, club("form__location-add")+".disabled"), "a tuple with no more places cannot grow")

	// A file, read in the browser to a data: URL.
	logo := filepath.Join(t.TempDir(), "logo.png")
	require.NoError(t, os.WriteFile(logo, []byte("\x89PNG\r\n\x1a\n"), 0o644))
	tb.do(chromedp.SetUploadFiles(chromedp.JSPath(club("form__logo")), []string{logo}))
	require.Eventually(t, func() bool {
		return strings.Contains(eval[string](tb, club("form__logo-hint")+".textContent"), "A file is attached")
	}, 10*time.Second, 50*time.Millisecond)

	// Submitting: nothing more to put right, and the page has the club.
	tb.do(chromedp.Click(chromedp.JSPath(club("form__members"))))
	tb.do(chromedp.Click(chromedp.JSPath(club("pk-submit"))))
	assert.Zero(t, clubMessages(tb), eval[string](tb, `[...document.querySelector("`+clubHost+`").shadowRoot.querySelectorAll(".pk-message")].map(m => m.textContent).join("; ")`))
	events := hostEvents(tb)
	require.NotEmpty(t, events)
	submitted := events[len(events)-1]
	require.Equal(t, "submit", submitted.Type)
	assert.True(t, submitted.Detail.Valid, "%v", submitted.Detail.Findings)
	assert.Empty(t, submitted.Detail.Findings)
	want := map[string]any{
		"name": "Riverside", "kind": "music", "instrument": "Cello", "founded": "2027-09-01T09:30:00Z",
		"members": float64(10), "site": "https://example.org/club", "ratings": map[string]any{"tone": float64(4)},
		"location": []any{51.5, -0.12}, "logo": "data:image/png;base64,iVBORw0KGgo=",
	}
	assert.Equal(t, want, submitted.Detail.Value, "the submitted JSON")
	changes := 0
	for _, e := range events {
		if e.Type == "change" {
			changes++
		}
	}
	assert.Greater(t, changes, 10, "a change event for every edit")
	assert.Equal(t, "registered Riverside", text(tb, "#last-submit"))
	var value map[string]any
	require.NoError(t, json.Unmarshal([]byte(eval[string](tb, `JSON.stringify(document.querySelector("`+clubHost+`").value)`)), &value))
	assert.Equal(t, want, value, "el.value is the same document")
	tb.axe("body")
	tb.mu.Lock()
	defer tb.mu.Unlock()
	assert.Empty(t, tb.external, "the page reached beyond its own server")
}

// TestDeveloperSchemaSubmitEmpty: submitting an empty form shows every
// problem, each beside its field, and the page hears that it is not
// valid.
func TestDeveloperSchemaSubmitEmpty(t *testing.T) {
	tb := openClub(t)
	tb.do(chromedp.Click(chromedp.JSPath(club("pk-submit"))))
	assert.Equal(t, "Error: Fill in club name.", clubMessage(tb, "form__name"))
	assert.Equal(t, "Error: Fill in kind of club.", clubMessage(tb, "form__kind"))
	events := hostEvents(tb)
	require.NotEmpty(t, events)
	assert.Equal(t, "submit", events[len(events)-1].Type)
	assert.False(t, events[len(events)-1].Detail.Valid)
	assert.Equal(t, "not sent: put the problems right first", text(tb, "#last-submit"))
	tb.axe("body")
}

// TestMOUPersonalData: in the MOU builder, the data-protection details
// show only while "Uses personal data" is ticked, and what was typed
// there is kept, but not saved, while it is not.
func TestMOUPersonalData(t *testing.T) {
	tb := newTab(t)
	tb.open("mou")
	const dp = "mou__monitoring__dataProtection__"
	members := []string{"lawfulBasis", "consent", "sharing", "retention", "security"}
	// The box is ticked with the keyboard: the page is long, and a
	// mouse click that far down lands short of it in headless Chromium.
	tick := chromedp.Steps(chromedp.Focus(chromedp.ID(dp+"personalData")), chromedp.KeyEvent(" "))
	shown := func() []string {
		return eval[[]string](tb, `["`+strings.Join(members, `","`)+`"].filter(m => document.getElementById("`+dp+`" + m))`)
	}
	assert.Empty(t, shown(), "a new MOU uses no personal data yet")
	tb.do(tick, chromedp.WaitVisible(chromedp.ID(dp+"consent")))
	assert.Equal(t, members, shown())
	tb.do(chromedp.SendKeys(chromedp.ID(dp+"consent"), "Parents give consent on the trip form."))
	tb.axe("#view-mou")

	tb.do(tick, chromedp.WaitNotPresent(chromedp.ID(dp+"consent")))
	assert.Empty(t, shown(), "false hides them")
	assert.NotContains(t, stored(tb, "partnerkit.mou"), "trip form", "hidden details are not saved")
	assert.Contains(t, stored(tb, "partnerkit.mou"), `"personalData": false`)

	tb.do(tick, chromedp.WaitVisible(chromedp.ID(dp+"consent")))
	assert.Equal(t, "Parents give consent on the trip form.", eval[string](tb, `document.getElementById("`+dp+`consent").value`))
	assert.Contains(t, stored(tb, "partnerkit.mou"), "trip form")
	tb.checkOffline()
}

// TestMOUPartnerPicker: an activity's lead is chosen from the MOU's own
// partners, by name, and the picker follows the partners as they are
// typed.
func TestMOUPartnerPicker(t *testing.T) {
	tb := newTab(t)
	tb.open("mou")
	tb.do(chromedp.Focus(chromedp.ID("mou__activities-add")), chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.ID("mou__activities__0__ledBy")))
	options := func() []string {
		return eval[[]string](tb, `[...document.querySelectorAll("#mou__activities__0__ledBy option")].map(o => o.textContent)`)
	}
	assert.Equal(t, []string{"Not chosen"}, options(), "no partner yet")
	tb.do(chromedp.Focus(chromedp.ID("mou__partnership__partners-add")), chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(chromedp.ID("mou__partnership__partners__0__id")))
	tb.do(chromedp.SendKeys(chromedp.ID("mou__partnership__partners__0__id"), "shoreline"))
	tb.do(chromedp.SendKeys(chromedp.ID("mou__partnership__partners__0__name"), "Shoreline Marine Trust"))
	assert.Equal(t, "mou__partnership__partners__0__name", eval[string](tb, `document.activeElement.id`), "the name box keeps the focus")
	assert.Equal(t, "Shoreline Marine Trust", eval[string](tb, `document.getElementById("mou__partnership__partners__0__name").value`))
	assert.Equal(t, []string{"Not chosen", "Shoreline Marine Trust (shoreline)"}, options())
	assert.Equal(t, "Partner 1: Shoreline Marine Trust", eval[string](tb, `document.getElementById("mou__partnership__partners__0-legend").textContent`),
		"the item is called by its name as it is typed")
	assert.Equal(t, "Add a partner", eval[string](tb, `document.getElementById("mou__partnership__partners-add").textContent`))

	tb.do(chromedp.Focus(chromedp.ID("mou__activities__0__ledBy")), chromedp.KeyEvent(kb.ArrowDown))
	require.Eventually(t, func() bool { return strings.Contains(stored(tb, "partnerkit.mou"), `"ledBy": "shoreline"`) },
		10*time.Second, 50*time.Millisecond, "the lead is the partner's id")
	tb.axe("#view-mou")
	tb.checkOffline()
}
