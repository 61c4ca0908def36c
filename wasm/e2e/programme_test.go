//go:build !(js && wasm)

package e2e_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/wasm/internal/regserver"
)

// choose sets a control's value and sends the input event a person's
// choice would.
func (tb *tab) choose(id, value string) {
	tb.t.Helper()
	tb.do(chromedp.Evaluate[chromedp.Void](`(() => { const el = document.getElementById(` + strconv.Quote(id) + `); el.value = ` + strconv.Quote(value) +
		`; el.dispatchEvent(new Event("input", {bubbles: true})); })()`))
}

// programmeRows returns the names in the programme table, in order, once
// the page shows want rows after the query given (the status line's
// data-shown).
func (tb *tab) programmeRows(want int) []string {
	tb.t.Helper()
	tb.waitFor(`document.getElementById("programme-status") !== null && document.getElementById("programme-status").dataset.shown === "` + strconv.Itoa(want) + `"`)
	return eval[[]string](tb, `[...document.querySelectorAll("#programme-table tbody tr")].map(r => r.querySelector("th").textContent)`)
}

// TestProgrammePage loads a register of three partnerships through the
// HTTP API (an MOU with a round answered high, a draft MOU without a
// round, and a partnership with a Welsh name whose round is answered
// low), opens the administrator's programme page, filters, sorts,
// searches, reads the roll-up, and downloads the CSV, which
// encoding/csv reads; then it opens a round with an invitation from the
// page, whose link opens the respondent's page. axe-core checks the page. A coordinator's link and
// a made-up one get nothing, and the page's data calls fail without the
// token.
func TestProgrammePage(t *testing.T) {
	if suite.skip != "" {
		skipOrFail(t, suite.skip)
	}
	srv := regserver.Start(t, suite.files, register.Options{AnonymityThreshold: 1})
	mou, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	draft, err := os.ReadFile("../../examples/data/mou-coastal-draft.json")
	require.NoError(t, err)
	var welsh map[string]any
	require.NoError(t, json.Unmarshal(mou, &welsh))
	inner := welsh["partnership"].(map[string]any)
	inner["name"], inner["stage"], inner["model"] = "Ysgolion Zoë Partnership", "sustain", "broad-area"
	welshDoc, err := json.Marshal(welsh)
	require.NoError(t, err)

	riverside, coastal, zoe := srv.Partnership(mou), srv.Partnership(draft), srv.Partnership(welshDoc)
	fw, ok := evaluation.Builtin(evaluation.HealthCheck)
	require.True(t, ok)
	answersAll := func(v int) map[string]any {
		a := map[string]any{}
		for _, d := range fw.Dimensions {
			for _, q := range d.Questions {
				a[q.ID] = v
			}
		}
		return map[string]any{"framework": fw.ID, "answers": a}
	}
	now := time.Now().UTC()
	hc := json.RawMessage(strconv.Quote(evaluation.HealthCheck))
	high := srv.Round(riverside, "Autumn review", hc, now.Add(-time.Hour), now.Add(24*time.Hour))
	for _, partner := range []string{"st-aidans", "riverside-primary"} {
		srv.Submit(srv.Invite(high, partner, "self"), 1, answersAll(5))
	}
	low := srv.Round(zoe, "Hydref review", hc, now.Add(-time.Hour), now.Add(24*time.Hour))
	srv.Submit(srv.Invite(low, "st-aidans", "self"), 1, answersAll(1))
	coord := srv.Coordinator(riverside)

	// Without an administrator's token, nothing: a coordinator's link and
	// a made-up one each get a message and no table, and the page's own
	// data calls without the token are refused.
	for token, want := range map[string]string{coord: "not an administrator", "pkt_AAAAAAAAAAAAAAAAAAAAAA": "does not work"} {
		other := regTab(t, srv)
		other.openLink(srv.URL, "admin/"+token)
		other.waitFor(`document.getElementById("programme-problem") !== null`)
		assert.Contains(t, eval[string](other, `document.getElementById("programme-problem").textContent`), want)
		assert.Zero(t, eval[int](other, `document.querySelectorAll("#programme-table").length`), "no table without an administrator's token")
		other.axe("#main")
	}

	tb := regTab(t, srv)
	tb.openLink(srv.URL, "admin/"+srv.Admin)
	assert.Equal(t, []string{"Coastal Schools Marine Partnership", "Riverside STEM Partnership", "Ysgolion Zoë Partnership"}, tb.programmeRows(3), "by name")
	for _, path := range []string{"/v1/programme", "/v1/programme?format=csv", "/v1/programme?format=json"} {
		assert.Equal(t, 401, eval[int](tb, `fetch(`+strconv.Quote(path)+`, {cache: "no-store"}).then(r => r.status)`), "%s without the token", path)
	}
	assert.Equal(t, "The programme – partnerkit", eval[string](tb, `document.title`))
	assert.Equal(t, "true", eval[string](tb, `document.querySelector("#programme-table tr[data-id='`+riverside+`'] [data-col=mou]").dataset.valid`))
	assert.Equal(t, "false", eval[string](tb, `document.querySelector("#programme-table tr[data-id='`+coastal+`'] [data-col=mou]").dataset.valid`))
	score := func(id string) float64 {
		v, err := strconv.ParseFloat(eval[string](tb, `document.querySelector("#programme-table tr[data-id='`+id+`'] [data-col=round]").dataset.score`), 64)
		require.NoError(t, err)
		return v
	}
	assert.Greater(t, score(riverside), 75.0, "answered high")
	assert.Less(t, score(zoe), 25.0, "answered low")
	assert.Contains(t, eval[string](tb, `document.querySelector("#programme-table tr[data-id='`+coastal+`'] [data-col=attention]").dataset.codes`), "round.none")
	assert.Contains(t, eval[string](tb, `document.querySelector("#programme-table tr[data-id='`+zoe+`'] [data-col=attention]").dataset.codes`), "dimension.concern")

	// The roll-up: a chart per dimension of the health check, and the
	// partnership answered low in each lowest band.
	assert.Equal(t, len(fw.Dimensions), eval[int](tb, `document.querySelectorAll(".pk-rollup svg[role=img]").length`))
	lowest := eval[[]string](tb, `[...document.querySelectorAll(".pk-rollup li[data-id]")].map(l => l.dataset.id)`)
	require.Len(t, lowest, len(fw.Dimensions))
	for _, id := range lowest {
		assert.Equal(t, zoe, id)
	}
	assert.Contains(t, eval[string](tb, `document.querySelector(".pk-rollup svg").getAttribute("aria-label")`), "sustain")
	tb.axe("#main")

	// Filters.
	tb.choose("programme-filter-stage", "sustain")
	assert.Equal(t, []string{"Ysgolion Zoë Partnership"}, tb.programmeRows(1))
	tb.choose("programme-filter-stage", "")
	tb.programmeRows(3)
	tb.choose("programme-filter-valid", "false")
	assert.Equal(t, []string{"Coastal Schools Marine Partnership"}, tb.programmeRows(1))
	tb.choose("programme-filter-valid", "")
	tb.programmeRows(3)
	tb.choose("programme-filter-attention", "dimension.concern")
	assert.Equal(t, []string{"Ysgolion Zoë Partnership"}, tb.programmeRows(1))
	tb.choose("programme-filter-attention", "")
	tb.programmeRows(3)

	// Sorting by a column: the latest score, lowest first (no score
	// before any), then highest first.
	sortByScore := chromedp.Click(chromedp.CSS(`#programme-table th button[data-value="score"]`), chromedp.NodeVisible)
	tb.do(sortByScore)
	tb.waitFor(`document.querySelector("#programme-table th[aria-sort=ascending] button[data-value=score]") !== null`)
	assert.Equal(t, []string{"Coastal Schools Marine Partnership", "Ysgolion Zoë Partnership", "Riverside STEM Partnership"}, tb.programmeRows(3))
	tb.do(sortByScore)
	tb.waitFor(`document.querySelector("#programme-table th[aria-sort=descending] button[data-value=score]") !== null`)
	assert.Equal(t, []string{"Riverside STEM Partnership", "Ysgolion Zoë Partnership", "Coastal Schools Marine Partnership"}, tb.programmeRows(3))
	assert.Equal(t, "score", eval[string](tb, `document.getElementById("programme-sort").value`), "the sort control follows the column")
	assert.True(t, eval[bool](tb, `document.getElementById("programme-desc").checked`), "and so does the order")

	// Searching by name, typed: the focus stays in the search box.
	tb.do(chromedp.SendKeys(chromedp.ID("programme-search"), "zoë"))
	assert.Equal(t, []string{"Ysgolion Zoë Partnership"}, tb.programmeRows(1))
	assert.Equal(t, "programme-search", eval[string](tb, `document.activeElement.id`))
	tb.choose("programme-search", "")
	tb.programmeRows(3)

	// The CSV of the table as shown: highest score first, every name in
	// UTF-8, a header row.
	file := tb.downloaded(chromedp.Click(chromedp.ID("programme-csv"), chromedp.NodeVisible))
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(data, []byte("\ufeff")), "a byte order mark, for spreadsheets")
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	require.NoError(t, err)
	require.Len(t, records, 4, "a header row and three partnerships")
	assert.Equal(t, register.ProgrammeCSVHeader(), records[0])
	var names []string
	for _, r := range records[1:] {
		names = append(names, r[1])
	}
	assert.Equal(t, []string{"Riverside STEM Partnership", "Ysgolion Zoë Partnership", "Coastal Schools Marine Partnership"}, names)
	tb.waitFor(`document.getElementById("programme-file").textContent.includes("programme.csv")`)

	// A round for the partnership without one, from the page: the
	// partnership, a title, a partner; the link it makes opens the
	// respondent's page.
	tb.choose("programme-round-partnership", coastal)
	tb.waitFor(`document.querySelector("#programme-round-inv-0-partner option[value=harbour-academy]") !== null`)
	tb.choose("programme-round-title-input", "Winter review")
	tb.choose("programme-round-inv-0-partner", "harbour-academy")
	tb.choose("programme-round-inv-0-label", "Head of science")
	tb.do(chromedp.Click(chromedp.ID("programme-round-create"), chromedp.NodeVisible))
	tb.waitFor(`document.querySelector("#programme-round-links input") !== null`)
	link := eval[string](tb, `document.querySelector("#programme-round-links input").value`)
	assert.Contains(t, link, srv.URL+"/#respond/pkt_")
	assert.Contains(t, eval[string](tb, `document.getElementById("programme-round-created").textContent`), "Winter review is open in Coastal Schools Marine Partnership")
	tb.waitFor(`document.querySelector("#programme-table tr[data-id='` + coastal + `'] [data-col=round]").textContent.includes("Winter review")`)
	tb.axe("#main")
	tb.checkRegisterRequests(srv.Admin)

	r := regTab(t, srv)
	r.do(chromedp.Navigate(link), chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]")))
	// The title says "Review round" while the round loads.
	r.waitFor(`document.getElementById("respond-title") !== null && document.getElementById("respond-title").textContent !== "Review round"`)
	assert.Equal(t, "Coastal Schools Marine Partnership", eval[string](r, `document.getElementById("respond-title").textContent`))
}
