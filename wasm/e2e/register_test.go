//go:build !(js && wasm)

package e2e_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/wasm/internal/regserver"
)

// regTab is a tab on the register's server.
func regTab(t *testing.T, srv *regserver.Server) *tab {
	t.Helper()
	tb := newTab(t)
	tb.mu.Lock()
	tb.base = srv.URL
	tb.mu.Unlock()
	return tb
}

// openLink opens a register link and waits until the page is interactive.
func (tb *tab) openLink(base, fragment string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(base+"/#"+fragment), chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]")))
}

// checkRegisterRequests asserts that the page asked only for its own
// files and the register's API on its own server, never with a token in
// an address, and opened no dialog.
func (tb *tab) checkRegisterRequests(tokens ...string) {
	tb.t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	assert.Empty(tb.t, tb.external, "the page reached beyond its own server")
	api := 0
	for _, p := range tb.requests {
		if strings.HasPrefix(p, "/v1/") {
			api++
		} else {
			assert.True(tb.t, suite.assets[p], "the page asked for %s, which is not one of its files", p)
		}
		for _, tok := range tokens {
			assert.NotContains(tb.t, p, tok, "a token in an address")
		}
	}
	assert.Positive(tb.t, api, "the page called the API")
	assert.Empty(tb.t, tb.dialogs, "dialogs opened")
}

// answerAll clicks a rating for every statement of the round's form:
// choice(i) is the option's index for the i-th statement.
func (tb *tab) answerAll(choice func(i int) int) int {
	tb.t.Helper()
	tb.do(chromedp.WaitVisible(chromedp.CSS("#respond-body fieldset.pk-likert")))
	ids := eval[[]string](tb, `[...document.querySelectorAll("#respond-body fieldset.pk-likert")].map(f => f.id)`)
	lost := 0
	for i, id := range ids {
		opt := id + "-" + strconv.Itoa(choice(i))
		for try := 0; try < 2; try++ {
			tb.do(chromedp.Click(chromedp.CSS(`label[for="`+opt+`"]`), chromedp.NodeVisible))
			if eval[bool](tb, `document.getElementById("`+opt+`").checked`) {
				break
			}
			// Chromium now and then drops a synthetic click on a loaded
			// machine (TestHealthCheck has seen it too): click again, and
			// say so.
			lost++
		}
	}
	if lost > 0 {
		tb.t.Logf("%d clicks were not taken and were made again", lost)
	}
	require.Equal(tb.t, len(ids), eval[int](tb, `document.querySelectorAll("#respond-body input:checked").length`), "every statement answered: not %v",
		eval[[]string](tb, `[...document.querySelectorAll("#respond-body fieldset.pk-likert")].filter(f => !f.querySelector("input:checked")).map(f => f.id)`))
	return len(ids)
}

func (tb *tab) state() string {
	return eval[string](tb, `document.getElementById("respond-status").dataset.state`)
}

// TestRegisterRound is the whole flow on a real server and a real SQLite
// file: the administrator makes a partnership and a round through the
// API; two respondents answer in two browser contexts, one of them while
// the server is unreachable; the coordinator's report shows both, with
// its flags and charts, and its numbers are partnerkit evaluate score's
// on the exported answers.
func TestRegisterRound(t *testing.T) {
	if suite.skip != "" {
		skipOrFail(t, suite.skip)
	}
	// A threshold of 1 shows every breakdown of two respondents; the
	// default of 3 is tested natively in wasm/internal/app.
	srv := regserver.Start(t, suite.files, register.Options{AnonymityThreshold: 1})
	mou, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	pid := srv.Partnership(mou)
	now := time.Now().UTC()
	hc := json.RawMessage(strconv.Quote(evaluation.HealthCheck))

	// A previous round, answered through the API, for the change chart.
	prev := srv.Round(pid, "Spring review", hc, now.Add(-2*time.Hour), now.Add(time.Hour))
	fw, ok := evaluation.Builtin(evaluation.HealthCheck)
	require.True(t, ok)
	for n, partner := range []string{"st-aidans", "riverside-primary"} {
		tok := srv.Invite(prev, partner, "self")
		answers := map[string]any{}
		for _, d := range fw.Dimensions {
			for i, q := range d.Questions {
				answers[q.ID] = 2 + (i+n)%2
			}
		}
		srv.Submit(tok, 1, map[string]any{"framework": fw.ID, "answers": answers})
	}

	round := srv.Round(pid, "Autumn review", hc, now.Add(-time.Hour), now.Add(24*time.Hour))
	self := srv.Invite(round, "st-aidans", "self")
	peer := srv.Invite(round, "riverside-primary", "peer")
	coord := srv.Coordinator(pid)

	// The first respondent answers high and sends.
	a := regTab(t, srv)
	a.openLink(srv.URL, "respond/"+self)
	a.do(chromedp.WaitVisible(chromedp.CSS("#respond-body fieldset.pk-likert")))
	assert.Equal(t, "Riverside STEM Partnership", eval[string](a, `document.getElementById("respond-title").textContent`))
	assert.Contains(t, eval[string](a, `document.querySelector(".pk-privacy-remote").textContent`), "sends your answers to the programme's server")
	n := a.answerAll(func(i int) int { return 3 + i%2 })
	assert.Equal(t, 44, n)
	assert.Equal(t, "local", a.state(), "saved on this device, not sent")
	assert.NotEmpty(t, eval[string](a, `document.querySelector("#health-check-scores [data-dimension=overall] [data-score]").dataset.score`),
		"the respondent's own scores, at once")
	a.do(chromedp.Click(chromedp.ID("respond-submit")), chromedp.WaitVisible(chromedp.CSS(`#respond-status[data-state="sent"]`)))
	a.screenshot("#main", "register-respond.png")
	a.axe("#main")
	a.checkRegisterRequests(self)

	// The second answers low, in another browser context, and sends while
	// the server is unreachable: the answers are kept, and go when it is
	// back.
	b := regTab(t, srv)
	b.openLink(srv.URL, "respond/"+peer)
	b.answerAll(func(i int) int { return i % 2 })
	srv.Down()
	b.do(chromedp.Click(chromedp.ID("respond-submit")), chromedp.WaitVisible(chromedp.CSS(`#respond-status[data-state="retrying"]`)))
	assert.Contains(t, eval[string](b, `document.getElementById("respond-status").textContent`), "Sending failed")
	kept := eval[string](b, `Object.keys(localStorage).filter(k => k.startsWith("partnerkit.respond.")).map(k => localStorage.getItem(k)).join("")`)
	assert.Contains(t, kept, `"pending"`, "the answers not acknowledged are kept on the device")
	assert.NotContains(t, kept, peer, "the token is not written down")
	b.axe("#main")
	srv.Up()
	b.do(chromedp.WaitVisible(chromedp.CSS(`#respond-status[data-state="sent"]`)))
	// Reopened, the page has the answers and knows they are sent.
	b.do(chromedp.Reload(), chromedp.WaitReady(chromedp.CSS("html[data-pk-ready]")),
		chromedp.WaitVisible(chromedp.CSS(`#respond-status[data-state="sent"]`)))
	assert.Equal(t, 44, eval[int](b, `document.querySelectorAll("#respond-body input:checked").length`))
	b.checkRegisterRequests(peer)

	// The coordinator's report.
	c := regTab(t, srv)
	c.openLink(srv.URL, "coordinate/"+coord)
	c.do(chromedp.WaitVisible(chromedp.ID("report-scores")), chromedp.WaitVisible(chromedp.ID("chart-change")))
	assert.Equal(t, "Autumn review: report", eval[string](c, `document.getElementById("report-title").textContent`))
	assert.Equal(t, "2", eval[string](c, `document.getElementById("report-respondents").dataset.respondents`))
	responses := eval[map[string]string](c, `Object.fromEntries([...document.querySelectorAll("#report-responses tr[data-partner]")].map(r => [r.dataset.partner + " " + r.dataset.review, r.querySelector("[data-responses]").dataset.responses]))`)
	assert.Equal(t, map[string]string{"st-aidans self": "1", "riverside-primary peer": "1"}, responses)
	means := eval[map[string]string](c, `Object.fromEntries([...document.querySelectorAll("#report-scores tr[data-dimension]")].map(r => [r.dataset.dimension, r.querySelector("[data-mean]").dataset.mean]))`)
	spreads := eval[map[string]string](c, `Object.fromEntries([...document.querySelectorAll("#report-scores tbody tr[data-dimension]")].map(r => [r.dataset.dimension, r.querySelector("[data-spread]").dataset.spread]))`)
	flags := eval[[]string](c, `[...document.querySelectorAll("#report-flags li")].map(l => l.dataset.code + " " + l.dataset.dimension)`)
	for _, id := range []string{"chart-partners", "chart-review", "chart-change"} {
		assert.Equal(t, "img", eval[string](c, `document.getElementById("`+id+`").getAttribute("role")`), id)
		assert.NotEmpty(t, eval[string](c, `document.getElementById("`+id+`-title").textContent`), id)
		assert.NotEmpty(t, eval[string](c, `document.getElementById("`+id+`-desc").textContent`), id)
	}
	assert.Positive(t, eval[int](c, `document.querySelectorAll("#chart-partners rect title").length`))
	c.axe("#main")
	c.checkRegisterRequests(coord)
	if *screenshots {
		png, err := chromedp.Run(c.ctx, chromedp.Screenshot(chromedp.ID("main")))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join("../../docs/img", "register-report.png"), png, 0o644))
	}
	// The report prints: the print stylesheet hides the controls and
	// keeps the charts.
	_, err = chromedp.Call(c.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	require.NoError(t, err)
	assert.Equal(t, "none", eval[string](c, `getComputedStyle(document.querySelector("#report-body .pk-toolbar")).display`))
	assert.Equal(t, "none", eval[string](c, `getComputedStyle(document.querySelector(".pk-header")).display`))
	assert.Positive(t, eval[int](c, `document.getElementById("chart-change").getBoundingClientRect().height`))
	_, err = chromedp.Call(c.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
	require.NoError(t, err)

	// Answers arrive while the report is open: Update now shows them (the
	// page also asks every 30 seconds by itself).
	late := srv.Invite(round, "uni-riverside", "peer")
	lateAnswers := map[string]any{}
	for _, d := range fw.Dimensions {
		for _, q := range d.Questions {
			lateAnswers[q.ID] = 3
		}
	}
	srv.Submit(late, 1, map[string]any{"framework": fw.ID, "answers": lateAnswers})
	c.do(chromedp.Click(chromedp.CSS(`#report-body [data-command="refresh"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#report-respondents[data-respondents="3"]`)))
	lateInvitation := invitationOf(t, srv, round, "uni-riverside")

	// partnerkit evaluate score on the exported answers gives the same.
	var arch struct {
		AnswerSets []struct {
			Round      string `json:"round"`
			Invitation string `json:"invitation"`
			Assessment string `json:"assessment"`
		} `json:"answerSets"`
	}
	require.NoError(t, json.Unmarshal(srv.Export(), &arch))
	dir := t.TempDir()
	var files []string
	for i, s := range arch.AnswerSets {
		if s.Round != round || s.Invitation == lateInvitation {
			continue
		}
		f := filepath.Join(dir, "answers-"+strconv.Itoa(i)+".json")
		require.NoError(t, os.WriteFile(f, []byte(s.Assessment), 0o644))
		files = append(files, f)
	}
	require.Len(t, files, 2, "each respondent's answers stored once")
	out, err := exec.Command(suite.cli, append([]string{"evaluate", "score", "--framework", evaluation.HealthCheck, "--json"}, files...)...).Output()
	require.NoError(t, err, "partnerkit evaluate score: %s", out)
	var cli struct {
		Combined struct {
			Overall    float64
			Dimensions []struct {
				ID     string
				Mean   float64
				Spread float64
			}
			Flags []evaluation.Flag
		}
	}
	require.NoError(t, json.Unmarshal(out, &cli), "%s", out)
	assert.Equal(t, format(cli.Combined.Overall), means["overall"])
	for _, d := range cli.Combined.Dimensions {
		assert.Equal(t, format(d.Mean), means[d.ID], d.ID)
		assert.Equal(t, format(d.Spread), spreads[d.ID], d.ID)
	}
	var want []string
	for _, f := range cli.Combined.Flags {
		want = append(want, f.Code+" "+f.Dimension)
	}
	require.NotEmpty(t, want)
	assert.Equal(t, want, flags, "the flags, in the command line's order")
	codes := strings.Join(flags, ",")
	for _, code := range []string{"respondents.disagree", "partners.imbalance", "review.gap"} {
		assert.Contains(t, codes, code)
	}
}

// invitationOf returns the id of a round's invitation for a partner.
func invitationOf(t *testing.T, srv *regserver.Server, round, partner string) string {
	t.Helper()
	var invs []struct{ ID, Partner string }
	srv.Do("GET", "/v1/rounds/"+round+"/invitations", srv.Admin, nil, 200, &invs)
	for _, inv := range invs {
		if inv.Partner == partner {
			return inv.ID
		}
	}
	t.Fatalf("no invitation for %s", partner)
	return ""
}
