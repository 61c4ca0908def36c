//go:build !(js && wasm)

package app

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/wasm/internal/regserver"
)

// netClient sends a page's requests to a real server with net/http. It
// queues them, as the browser's fetch answers later; pump delivers the
// answers. Delayed requests (retries, refreshes) wait in later until
// pumpLater.
type netClient struct {
	t     *testing.T
	base  string
	queue []Request
	later []Request
	sent  []Request
}

func (c *netClient) Send(r Request) {
	if r.Delay > 0 {
		c.later = append(c.later, r)
		return
	}
	c.queue = append(c.queue, r)
}

func (c *netClient) do(r Request) Response {
	c.sent = append(c.sent, r)
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequest(r.Method, c.base+r.Path, body)
	require.NoError(c.t, err)
	req.Header.Set("Authorization", "Bearer "+r.Token)
	if r.Key != "" {
		req.Header.Set("Idempotency-Key", r.Key)
	}
	if r.Body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return Response{ID: r.ID} // unreachable
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return Response{ID: r.ID, Status: res.StatusCode, Body: data}
}

type receiver interface{ Received(Response) []Patch }

// pump answers the queued requests, and those they lead to.
func (c *netClient) pump(p receiver) []Patch {
	var out []Patch
	for len(c.queue) > 0 {
		r := c.queue[0]
		c.queue = c.queue[1:]
		out = append(out, p.Received(c.do(r))...)
	}
	return out
}

// pumpLater sends the delayed requests now, as their timers fire.
func (c *netClient) pumpLater(p receiver) []Patch {
	c.queue, c.later = append(c.queue, c.later...), nil
	return c.pump(p)
}

// roundFixture is a partnership with a round of the mini framework and
// two invitations, on a real server.
type roundFixture struct {
	srv         *regserver.Server
	partnership string
	round       string
	self, peer  string // respondents' tokens
	coordinator string
	fw          *evaluation.Framework
}

func newRoundFixture(t *testing.T, opts register.Options) roundFixture {
	t.Helper()
	srv := regserver.Start(t, nil, opts)
	mou, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	fwDoc, err := os.ReadFile("../../../examples/data/framework-mini.json")
	require.NoError(t, err)
	fw, err := evaluation.ParseFramework(fwDoc)
	require.NoError(t, err)
	f := roundFixture{srv: srv, fw: fw}
	f.partnership = srv.Partnership(mou)
	now := time.Now().UTC()
	f.round = srv.Round(f.partnership, "Spring review", fwDoc, now.Add(-time.Hour), now.Add(48*time.Hour))
	f.self = srv.Invite(f.round, "st-aidans", "self")
	f.peer = srv.Invite(f.round, "riverside-primary", "peer")
	f.coordinator = srv.Coordinator(f.partnership)
	return f
}

// answer rates every question of the mini framework.
func answer(t *testing.T, r *Respondent, ratings map[string]string) {
	t.Helper()
	for q, v := range ratings {
		r.Handle(Event{Pointer: "/answers/" + q, Widget: "likert", Value: v})
	}
}

func innerOf(ps []Patch, id string) string {
	html := ""
	for _, p := range ps {
		if p.ID == id && p.Op == OpInner {
			html = p.HTML
		}
	}
	return html
}

func TestRespondentSubmits(t *testing.T) {
	f := newRoundFixture(t, register.Options{AnonymityThreshold: 1})
	client := &netClient{t: t, base: f.srv.URL}
	store := newMemStore()
	r := NewRespondent(f.self, client)
	r.Open(store)
	html := r.HTML()
	assert.Contains(t, html, "Submitting sends your answers to the programme&#39;s server", "the page says plainly that sending sends")
	assert.Equal(t, StateLoading, r.State())
	out := client.pump(r)
	require.NotNil(t, r.Assessment(), "the round's framework came with the invitation")
	assert.Contains(t, innerOf(out, "respond-head"), "Riverside", "the partnership's name")
	assert.Contains(t, innerOf(out, "respond-head"), "Spring review: a self-review by St Aidan")
	assert.Contains(t, innerOf(out, "respond-body"), `id="hc__answers__sg1"`)
	assert.NotContains(t, innerOf(out, "respond-body"), "Import a JSON file", "no import on a round's form")
	assert.Equal(t, StateEmpty, r.State())
	for _, q := range client.sent {
		assert.NotContains(t, q.Path, f.self, "the token never goes in the address")
		assert.Equal(t, f.self, q.Token)
	}

	answer(t, r, map[string]string{"sg1": "5", "sg2": "4", "sg3": "5", "gv1": "2", "gv2": "null"})
	assert.Equal(t, StateLocal, r.State())
	saved, ok := store.Get(r.Key())
	require.True(t, ok, "the answers are kept on the device at once")
	assert.Contains(t, saved, `"sg1":5`)
	assert.NotContains(t, saved, f.self, "the token is not written down")
	scores := r.Assessment().scoresHTML()
	assert.Contains(t, scores, "Your scores", "the respondent sees their own scores at once")

	out = r.Submit()
	assert.Equal(t, StateSending, r.State())
	assert.Contains(t, innerOf(out, "respond-send"), `data-state="sending"`)
	sub := client.queue[0]
	assert.Equal(t, "POST", sub.Method)
	assert.Equal(t, "/v1/respond/answers", sub.Path)
	assert.NotEmpty(t, sub.Key)
	out = client.pump(r)
	assert.Equal(t, StateSent, r.State())
	assert.Contains(t, innerOf(out, "respond-send"), "Sent. The programme’s server has your answers.")

	// The server scored the stored answers as the page did.
	var mine struct {
		Score *evaluation.Score `json:"score"`
	}
	f.srv.Do("GET", "/v1/respond/answers", f.self, nil, http.StatusOK, &mine)
	local, err := r.Assessment().Score()
	require.NoError(t, err)
	require.NotNil(t, mine.Score)
	assert.Equal(t, *local.Overall, *mine.Score.Overall)

	// A change is kept on the device, and sent with a new key and a
	// higher revision.
	answer(t, r, map[string]string{"gv1": "4"})
	assert.Equal(t, StateChanged, r.State())
	r.Submit()
	again := client.queue[0]
	assert.NotEqual(t, sub.Key, again.Key)
	var b1, b2 struct{ Revision int64 }
	require.NoError(t, json.Unmarshal(sub.Body, &b1))
	require.NoError(t, json.Unmarshal(again.Body, &b2))
	assert.Greater(t, b2.Revision, b1.Revision)
	client.pump(r)
	assert.Equal(t, StateSent, r.State())

	// Reopened on the same device: the answers and their state are there.
	r2 := NewRespondent(f.self, &netClient{t: t, base: f.srv.URL})
	r2.Open(store)
	require.NotNil(t, r2.Assessment(), "the round is kept on the device")
	assert.Equal(t, StateSent, r2.State())
	assert.Equal(t, evaluation.Rating(4), r2.Assessment().answers["gv1"])
}

// TestRespondentRetries sends while the server is unreachable: the
// answers are kept, the page says so, and the retry with the same key
// lands once when the server is back, even after a reload.
func TestRespondentRetries(t *testing.T) {
	f := newRoundFixture(t, register.Options{AnonymityThreshold: 1})
	client := &netClient{t: t, base: f.srv.URL}
	store := newMemStore()
	r := NewRespondent(f.peer, client)
	r.Open(store)
	r.HTML()
	client.pump(r)
	answer(t, r, map[string]string{"sg1": "2", "sg2": "2", "sg3": "1", "gv1": "1", "gv2": "2"})

	f.srv.Down()
	r.Submit()
	out := client.pump(r)
	assert.Equal(t, StateRetrying, r.State())
	status := innerOf(out, "respond-send")
	assert.Contains(t, status, "Sending failed")
	assert.Contains(t, status, "kept on this device")
	assert.Contains(t, status, `data-command="retry"`)
	require.Len(t, client.later, 1, "a retry is scheduled")
	first := client.sent[len(client.sent)-1]
	assert.Equal(t, firstRetry, client.later[0].Delay)

	client.pumpLater(r) // still down: the backoff grows
	require.Len(t, client.later, 1)
	assert.Equal(t, 2*firstRetry, client.later[0].Delay)
	saved, _ := store.Get(r.Key())
	assert.Contains(t, saved, `"pending"`, "what is not acknowledged is kept on the device")

	// The page is closed and opened again while the server is back.
	f.srv.Up()
	client2 := &netClient{t: t, base: f.srv.URL}
	r2 := NewRespondent(f.peer, client2)
	r2.Open(store)
	assert.Equal(t, StateLocal, r2.State())
	r2.HTML()
	client2.pump(r2)
	assert.Equal(t, StateSent, r2.State())
	var resent Request
	for _, q := range client2.sent {
		if q.Method == "POST" {
			resent = q
		}
	}
	assert.Equal(t, first.Key, resent.Key, "the same idempotency key")
	assert.Equal(t, string(first.Body), string(resent.Body), "and the same revision and answers")

	// The first page's retry fires late, with the same key: stored once.
	client.pumpLater(r)
	assert.Equal(t, StateSent, r.State())
	var arch struct {
		AnswerSets []json.RawMessage `json:"answerSets"`
	}
	require.NoError(t, json.Unmarshal(f.srv.Export(), &arch))
	assert.Len(t, arch.AnswerSets, 1, "one answer set, however often it was sent")
}

func TestRespondentBadLink(t *testing.T) {
	f := newRoundFixture(t, register.Options{})
	client := &netClient{t: t, base: f.srv.URL}
	r := NewRespondent("pkt_not-a-token", client)
	r.Open(nil)
	html := r.HTML()
	assert.Contains(t, html, "This browser keeps nothing")
	out := client.pump(r)
	assert.Equal(t, StateUnloaded, r.State())
	assert.Contains(t, innerOf(out, "respond-head"), "This link does not work")
	assert.Nil(t, r.Submit())
}

func TestRespondentClosedRound(t *testing.T) {
	f := newRoundFixture(t, register.Options{})
	client := &netClient{t: t, base: f.srv.URL}
	r := NewRespondent(f.self, client)
	r.Open(newMemStore())
	r.HTML()
	client.pump(r)
	answer(t, r, map[string]string{"sg1": "3"})
	f.srv.Do("POST", "/v1/rounds/"+f.round+"/close", f.srv.Admin, nil, http.StatusOK, nil)
	r.Submit()
	out := client.pump(r)
	assert.Equal(t, StateClosed, r.State())
	assert.Contains(t, innerOf(out, "respond-send"), "The round has closed")
	assert.Contains(t, innerOf(out, "respond-send"), "disabled")
}

func TestParseLink(t *testing.T) {
	for in, want := range map[string]Link{
		"#respond/pkt_abc":     {Kind: LinkRespond, Token: "pkt_abc"},
		"coordinate/pkt_x-y_z": {Kind: LinkCoordinate, Token: "pkt_x-y_z"},
		"#respond/":            {Kind: LinkRespond},
		"#respond/a b":         {Kind: LinkRespond},
		"#respond/a/b":         {Kind: LinkRespond},
		"#admin/pkt_a":         {Kind: LinkAdmin, Token: "pkt_a"},
		"#mou":                 {View: "mou"},
		"":                     {},
	} {
		assert.Equal(t, want, ParseLink(in), in)
	}
}

// TestCoordinatorReport answers as two respondents, then reads the
// report page: its numbers are evaluation's Combiner's on the same
// answers, with the flags and the advice.
func TestCoordinatorReport(t *testing.T) {
	f := newRoundFixture(t, register.Options{AnonymityThreshold: 1})
	docs := map[string]map[string]string{
		f.self: {"sg1": "5", "sg2": "5", "sg3": "5", "gv1": "5", "gv2": "4"},
		f.peer: {"sg1": "1", "sg2": "2", "sg3": "1", "gv1": "3", "gv2": "null"},
	}
	var scores []*evaluation.Score
	for tok, ratings := range docs {
		client := &netClient{t: t, base: f.srv.URL}
		r := NewRespondent(tok, client)
		r.Open(newMemStore())
		r.HTML()
		client.pump(r)
		answer(t, r, ratings)
		r.Submit()
		client.pump(r)
		require.Equal(t, StateSent, r.State())
		var mine struct {
			Assessment json.RawMessage `json:"assessment"`
		}
		f.srv.Do("GET", "/v1/respond/answers", tok, nil, http.StatusOK, &mine)
		a, err := evaluation.ParseAssessment(mine.Assessment)
		require.NoError(t, err)
		s, err := f.fw.Score(a)
		require.NoError(t, err)
		scores = append(scores, s)
	}
	want, err := evaluation.Combine(f.fw, scores)
	require.NoError(t, err)

	client := &netClient{t: t, base: f.srv.URL}
	c := NewCoordinator(f.coordinator, client)
	html := c.HTML()
	assert.Contains(t, html, "Loading the report")
	out := client.pump(c)
	body := innerOf(out, "report-body")
	got := c.Report()
	require.NotNil(t, got)
	assert.Equal(t, want.Respondents, got.Respondents)
	assert.Equal(t, *want.Overall, *got.Overall)
	for i, d := range want.Dimensions {
		assert.Equal(t, *d.Mean, *got.Dimensions[i].Mean, d.ID)
		assert.Equal(t, *d.Spread, *got.Dimensions[i].Spread, d.ID)
		assert.Contains(t, body, `data-mean="`+formatScore(*d.Mean)+`"`, d.ID)
		assert.Contains(t, body, `data-spread="`+formatScore(*d.Spread)+`"`, d.ID)
	}
	assert.Equal(t, want.Flags, got.Flags)
	require.NotEmpty(t, want.Flags)
	for _, fl := range want.Flags {
		assert.Contains(t, body, `data-code="`+fl.Code+`"`)
	}
	assert.Contains(t, body, `data-code="respondents.disagree"`)
	assert.Contains(t, body, `data-code="review.gap"`)
	assert.Contains(t, body, `data-code="partners.imbalance"`)
	assert.Contains(t, body, "Riverside Primary School rates the partnership 20 points or more below St Aidan&#39;s School (41.7 against 79.2).")
	assert.Contains(t, body, `id="report-advice"`)
	assert.Contains(t, body, `<svg`, "charts")
	assert.Contains(t, body, `id="chart-partners"`)
	assert.Contains(t, body, `id="chart-review"`)
	assert.NotContains(t, body, `id="chart-change"`, "no previous round")
	assert.Contains(t, body, `data-partner="st-aidans" data-review="self"`)
	for _, q := range client.sent {
		assert.Equal(t, f.coordinator, q.Token)
	}
	require.Len(t, client.later, 1, "the report is asked for again as answers arrive")
	assert.Equal(t, RefreshEvery, client.later[0].Delay)

	// A second round: the report shows the change since the first.
	now := time.Now().UTC()
	fwDoc, err := os.ReadFile("../../../examples/data/framework-mini.json")
	require.NoError(t, err)
	r2 := f.srv.Round(f.partnership, "Autumn review", fwDoc, now.Add(-time.Minute), now.Add(time.Hour))
	tok := f.srv.Invite(r2, "st-aidans", "self")
	rc := &netClient{t: t, base: f.srv.URL}
	resp := NewRespondent(tok, rc)
	resp.Open(nil)
	resp.HTML()
	rc.pump(resp)
	answer(t, resp, map[string]string{"sg1": "4", "sg2": "4", "sg3": "4", "gv1": "4", "gv2": "4"})
	resp.Submit()
	rc.pump(resp)
	require.Equal(t, StateSent, resp.State())

	c2 := NewCoordinator(f.coordinator, &netClient{t: t, base: f.srv.URL})
	c2.HTML()
	out = c2.client.(*netClient).pump(c2)
	body = innerOf(out, "report-body")
	assert.Contains(t, body, "Autumn review: report", "the latest round is shown first")
	assert.Contains(t, body, `id="chart-change"`)
	assert.Contains(t, body, `id="report-round"`, "a choice of rounds")
	out = c2.Handle(Event{Pointer: "/round", Value: f.round})
	c2.client.(*netClient).pump(c2)
	assert.Contains(t, c2.body, "Spring review: report")
}

// TestCoordinatorThreshold: with the default threshold, two answers are
// not combined, and the page says why.
func TestCoordinatorThreshold(t *testing.T) {
	f := newRoundFixture(t, register.Options{})
	client := &netClient{t: t, base: f.srv.URL}
	r := NewRespondent(f.self, client)
	r.Open(nil)
	r.HTML()
	client.pump(r)
	answer(t, r, map[string]string{"sg1": "5"})
	r.Submit()
	client.pump(r)
	c := NewCoordinator(f.coordinator, client)
	c.HTML()
	out := client.pump(c)
	body := innerOf(out, "report-body")
	assert.Contains(t, body, `id="report-withheld-all"`)
	assert.Contains(t, body, "at least 3 people have answered")
	assert.NotContains(t, body, "<svg")
	assert.Nil(t, c.Report())
}

func TestCoordinatorBadLink(t *testing.T) {
	f := newRoundFixture(t, register.Options{})
	client := &netClient{t: t, base: f.srv.URL}
	c := NewCoordinator(f.self, client) // a respondent's token
	c.HTML()
	body := innerOf(client.pump(c), "report-body")
	assert.Contains(t, body, "The report could not be shown")
	assert.True(t, strings.Contains(body, "This link does not work") || strings.Contains(body, "no partnership"), body)
}

// TestRespondentNewDevice opens a link on a device that has kept nothing:
// the answers the server has are loaded, and a change goes with a higher
// revision.
func TestRespondentNewDevice(t *testing.T) {
	f := newRoundFixture(t, register.Options{})
	client := &netClient{t: t, base: f.srv.URL}
	r := NewRespondent(f.self, client)
	r.Open(newMemStore())
	r.HTML()
	client.pump(r)
	answer(t, r, map[string]string{"sg1": "4", "gv2": "null"})
	r.Submit()
	client.pump(r)
	require.Equal(t, StateSent, r.State())

	other := &netClient{t: t, base: f.srv.URL}
	r2 := NewRespondent(f.self, other)
	r2.Open(newMemStore())
	r2.HTML()
	out := other.pump(r2)
	assert.Equal(t, StateSent, r2.State(), "the server's answers, on a new device")
	assert.Equal(t, evaluation.Rating(4), r2.Assessment().answers["sg1"])
	assert.True(t, r2.Assessment().answers["gv2"].NotApplicable)
	assert.Contains(t, innerOf(out, "respond-body"), `value="4" data-pointer="/answers/sg1" data-widget="likert" checked`)
	answer(t, r2, map[string]string{"sg2": "2"})
	r2.Submit()
	other.pump(r2)
	assert.Equal(t, StateSent, r2.State(), "a higher revision than the one stored")
}

// TestRespondentEscapes: what the server says about the round is text.
func TestRespondentEscapes(t *testing.T) {
	client := &netClient{t: t}
	r := NewRespondent("pkt_x", client)
	r.Open(nil)
	r.HTML()
	evil := `<img src=x onerror=alert(1)>`
	fw, err := os.ReadFile("../../../examples/data/framework-mini.json")
	require.NoError(t, err)
	body, err := json.Marshal(map[string]any{"partnershipName": evil, "partnerName": evil, "statement": evil,
		"round": map[string]any{"id": "r1", "title": evil, "closes": time.Now().Add(time.Hour)}, "open": true,
		"invitation": map[string]any{"partner": "p", "review": "self"}, "framework": json.RawMessage(fw)})
	require.NoError(t, err)
	out := r.Received(Response{ID: client.queue[0].ID, Status: 200, Body: body})
	for _, p := range out {
		assert.NotContains(t, p.HTML, "<img", p.ID)
	}
	assert.Contains(t, innerOf(out, "respond-head"), "&lt;img src=x onerror=alert(1)&gt;")
}

// TestRespondentStorageFull: a refused write is said at once, and the
// answers can still be sent.
func TestRespondentStorageFull(t *testing.T) {
	f := newRoundFixture(t, register.Options{})
	client := &netClient{t: t, base: f.srv.URL}
	store := newMemStore()
	r := NewRespondent(f.self, client)
	r.Open(store)
	r.HTML()
	client.pump(r)
	store.fail = "QuotaExceededError"
	out := r.Handle(Event{Pointer: "/answers/sg1", Widget: "likert", Value: "3"})
	assert.Contains(t, innerOf(out, "respond-storage"), "storage for this page is full")
	r.Submit()
	client.pump(r)
	assert.Equal(t, StateSent, r.State())
	store.fail = ""
	out = r.Handle(Event{Pointer: "/answers/sg2", Widget: "likert", Value: "3"})
	assert.Contains(t, out, Patch{Op: OpInner, ID: "respond-storage"}, "the notice goes once a write works")
}

// TestRespondentBeforeOpening: answers sent before the round opens are
// kept, and the page says when to send them.
func TestRespondentBeforeOpening(t *testing.T) {
	f := newRoundFixture(t, register.Options{})
	fwDoc, err := os.ReadFile("../../../examples/data/framework-mini.json")
	require.NoError(t, err)
	now := time.Now().UTC()
	later := f.srv.Round(f.partnership, "Summer review", fwDoc, now.Add(24*time.Hour), now.Add(48*time.Hour))
	tok := f.srv.Invite(later, "st-aidans", "self")
	client := &netClient{t: t, base: f.srv.URL}
	r := NewRespondent(tok, client)
	r.Open(newMemStore())
	r.HTML()
	out := client.pump(r)
	assert.Contains(t, innerOf(out, "respond-head"), "The round opens on")
	answer(t, r, map[string]string{"sg1": "3"})
	r.Submit()
	out = client.pump(r)
	assert.Equal(t, StateRefused, r.State())
	assert.Contains(t, innerOf(out, "respond-send"), "the round opens on "+day(now.Add(24*time.Hour)))
	assert.Contains(t, innerOf(out, "respond-send"), "kept on this device")
}

func TestProblemMessage(t *testing.T) {
	for body, want := range map[string]string{
		`{"type":"t","title":"Bad","findings":[{"code":"c","message":"The answer to q1 is off the scale."}]}`: "The answer to q1 is off the scale.",
		`{"type":"t","title":"Bad","violations":[{"path":"/a","message":"assessment must be an object"}]}`:    "assessment must be an object",
		`{"type":"t","title":"Bad","detail":"the round is closed"}`:                                           "The round is closed.",
		`{"type":"t","title":"bad request"}`:                                                                  "Bad request.",
		`not json`:                                                                                            "",
	} {
		assert.Equal(t, want, readProblem([]byte(body)).message(), body)
	}
	assert.True(t, readProblem([]byte(`{"type":"https://partnerkit.github.io/problems/round-closed"}`)).closed())
	assert.False(t, readProblem([]byte(`{"type":"https://partnerkit.github.io/problems/conflict"}`)).closed())
}

// TestRespondentBehind: a device whose count is behind the server's (its
// storage was restored from before later answers) gets 409, asks for the
// stored revision, and sends its answers above it.
func TestRespondentBehind(t *testing.T) {
	f := newRoundFixture(t, register.Options{})
	f.srv.Submit(f.self, 7, map[string]any{"framework": f.fw.ID, "answers": map[string]any{"sg1": 1}})
	client := &netClient{t: t, base: f.srv.URL}
	store := newMemStore()
	r := NewRespondent(f.self, client)
	r.Open(store)
	r.HTML()
	client.pump(r)
	require.Equal(t, StateSent, r.State(), "the server's answers, loaded")
	r.sent.Revision = 2 // as if restored from an old copy
	answer(t, r, map[string]string{"sg1": "5"})
	r.Submit()
	client.pump(r)
	assert.Equal(t, StateSent, r.State())
	var mine struct {
		Revision   int64
		Assessment struct{ Answers map[string]any }
	}
	f.srv.Do("GET", "/v1/respond/answers", f.self, nil, http.StatusOK, &mine)
	assert.Equal(t, int64(8), mine.Revision)
	assert.Equal(t, float64(5), mine.Assessment.Answers["sg1"])
}
