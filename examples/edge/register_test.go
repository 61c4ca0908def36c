//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnerkit/partnerkit/examples/edge/internal/workerd"
	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The register's end-to-end tests run the worker on a real local D1
// (miniflare's, in workerd, offline), kept in a directory of the test's
// own, so that a second worker started on the same directory finds the
// first one's data.

// d1Worker is a worker whose register is kept in dir.
type d1Worker struct {
	url string
	w   *workerd.Worker
}

// startD1 starts a worker from the shared test build with its D1 kept in
// dir, for the test's life (or until stop).
func startD1(t *testing.T, dir string) *d1Worker {
	t.Helper()
	e2eStart(t)
	w, err := workerd.Start(".", e2e.dir, append([]string{"D1_PERSIST=" + dir}, e2eEnv...))
	require.NoError(t, err)
	t.Cleanup(func() { w.Stop() })
	return &d1Worker{url: w.URL, w: w}
}

func (d *d1Worker) stop() { d.w.Stop() }

// regClient sends the register's requests to a worker.
type regClient struct {
	t    testing.TB
	base string
	c    *http.Client
}

func newRegClient(t testing.TB, base string) *regClient {
	return &regClient{t: t, base: base, c: &http.Client{Timeout: 60 * time.Second}}
}

// do sends a request with the token and body (nil, []byte, or a value
// sent as JSON) and returns the status and the body.
func (c *regClient) do(method, path, token string, body any, header ...string) (int, []byte) {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		require.NoError(c.t, err)
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	require.NoError(c.t, err)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.c.Do(req)
	require.NoError(c.t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(c.t, err)
	return res.StatusCode, data
}

// must sends a request that must answer want, and decodes its body into out.
func (c *regClient) must(want int, method, path, token string, body, out any, header ...string) {
	c.t.Helper()
	status, data := c.do(method, path, token, body, header...)
	require.Equal(c.t, want, status, "%s %s: %s", method, path, data)
	if out != nil {
		require.NoError(c.t, json.Unmarshal(data, out), "%s %s: %s", method, path, data)
	}
}

// admin issues an administrator token through the test build's
// /_test/admin.
func (c *regClient) admin() string {
	c.t.Helper()
	status, data := c.do(http.MethodPost, "/_test/admin", "", nil)
	require.Equal(c.t, http.StatusOK, status, "%s", data)
	return string(data)
}

// regWorld is a partnership with an open round and two invitations, made
// through the worker's API.
type regWorld struct {
	admin, single, shared string // tokens
	partnership, round    string
}

func readExample(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "data", name))
	require.NoError(t, err)
	return data
}

func setUp(t testing.TB, c *regClient) regWorld {
	t.Helper()
	w := regWorld{admin: c.admin()}
	var created struct {
		Partnership struct{ ID string } `json:"partnership"`
	}
	c.must(http.StatusCreated, http.MethodPost, "/v1/partnerships", w.admin, readExample(t, "mou-riverside.json"), &created)
	w.partnership = created.Partnership.ID
	now := time.Now().UTC()
	var round struct{ ID string }
	c.must(http.StatusCreated, http.MethodPost, "/v1/partnerships/"+w.partnership+"/rounds", w.admin, map[string]any{
		"title": "Spring review", "framework": json.RawMessage(readExample(t, "framework-mini.json")),
		"opens": now.Add(-time.Hour), "closes": now.Add(24 * time.Hour),
	}, &round)
	w.round = round.ID
	var invs []struct {
		Token struct {
			Secret string `json:"token"`
		} `json:"token"`
	}
	c.must(http.StatusCreated, http.MethodPost, "/v1/rounds/"+w.round+"/invitations", w.admin, map[string]any{
		"invitations": []map[string]any{
			{"partner": "riverside-primary", "review": "self", "label": "Tom"},
			{"partner": "st-aidans", "review": "self", "shared": true, "label": "St Aidan's staff"},
		},
	}, &invs)
	require.Len(t, invs, 2)
	w.single, w.shared = invs[0].Token.Secret, invs[1].Token.Secret
	return w
}

// miniAnswers is an assessment document of the mini framework.
func miniAnswers(sg1, sg2, sg3, gv1, gv2 int) json.RawMessage {
	return fmt.Appendf(nil, `{"framework": "mini-health-check", "frameworkVersion": "1.0.0", "date": "2027-01-10",
		"answers": {"sg1": %d, "sg2": %d, "sg3": %d, "gv1": %d, "gv2": %d}}`, sg1, sg2, sg3, gv1, gv2)
}

type submitted struct {
	AnswerSet string `json:"answerSet"`
	Key       string `json:"key"`
	Changes   int    `json:"changes"`
}

type report struct {
	Respondents int `json:"respondents"`
	Responses   []struct {
		Partner    string `json:"partner"`
		AnswerSets int    `json:"answerSets"`
	} `json:"responses"`
}

// TestWorkerRegisterOnD1 follows a round through the worker on D1: a
// partnership, a round, invitations, answers sent twice with the same
// Idempotency-Key (stored once), changed answers, and the report.
func TestWorkerRegisterOnD1(t *testing.T) {
	d := startD1(t, t.TempDir())
	c := newRegClient(t, d.url)
	w := setUp(t, c)

	body := map[string]any{"assessment": miniAnswers(2, 2, 4, 1, 2)}
	var first, retry submitted
	c.must(http.StatusOK, http.MethodPost, "/v1/respond/answers", w.single, body, &first, "Idempotency-Key", "key-1")
	c.must(http.StatusOK, http.MethodPost, "/v1/respond/answers", w.single, body, &retry, "Idempotency-Key", "key-1")
	assert.Equal(t, first, retry, "a retry with the same key is acknowledged as the first")
	assert.Equal(t, 1, retry.Changes, "a retry with the same key is stored once")

	var changed submitted
	c.must(http.StatusOK, http.MethodPost, "/v1/respond/answers", w.single, map[string]any{"assessment": miniAnswers(3, 3, 3, 3, 3)}, &changed, "Idempotency-Key", "key-2")
	assert.Equal(t, first.AnswerSet, changed.AnswerSet)
	assert.Equal(t, 2, changed.Changes)

	for i := range 3 {
		key := fmt.Sprintf("shared-%d", i)
		for range 2 { // each sent twice
			c.must(http.StatusOK, http.MethodPost, "/v1/respond/answers", w.shared, map[string]any{"assessment": miniAnswers(5, 4, 1, 5, i+1)}, nil, "Idempotency-Key", key)
		}
	}
	var rep report
	c.must(http.StatusOK, http.MethodGet, "/v1/rounds/"+w.round+"/report", w.admin, nil, &rep)
	assert.Equal(t, 4, rep.Respondents, "one answer set on the single link, three on the shared one")

	// A respondent's token reaches no coordinator's page; no token, nothing.
	status, _ := c.do(http.MethodGet, "/v1/rounds/"+w.round+"/report", w.single, nil)
	assert.Equal(t, http.StatusForbidden, status)
	status, _ = c.do(http.MethodGet, "/v1/partnerships", "", nil)
	assert.Equal(t, http.StatusUnauthorized, status)
}

// TestWorkerKeepsD1AcrossRestart stops the worker and starts another on
// the same D1 directory: the partnership, the answers and the tokens are
// still there, and a retry of acknowledged answers is still stored once.
func TestWorkerKeepsD1AcrossRestart(t *testing.T) {
	dir := t.TempDir()
	d := startD1(t, dir)
	c := newRegClient(t, d.url)
	w := setUp(t, c)
	body := map[string]any{"assessment": miniAnswers(2, 2, 4, 1, 2)}
	var before submitted
	c.must(http.StatusOK, http.MethodPost, "/v1/respond/answers", w.single, body, &before, "Idempotency-Key", "before-restart")
	var exportBefore json.RawMessage
	c.must(http.StatusOK, http.MethodGet, "/v1/admin/export", w.admin, nil, &exportBefore)
	d.stop()

	d = startD1(t, dir)
	c = newRegClient(t, d.url)
	var p struct{ ID, Name string }
	c.must(http.StatusOK, http.MethodGet, "/v1/partnerships/"+w.partnership, w.admin, nil, &p)
	assert.Equal(t, w.partnership, p.ID)
	var after submitted
	c.must(http.StatusOK, http.MethodPost, "/v1/respond/answers", w.single, body, &after, "Idempotency-Key", "before-restart")
	assert.Equal(t, before, after, "the retry after the restart finds the answers stored")
	var rep report
	c.must(http.StatusOK, http.MethodGet, "/v1/rounds/"+w.round+"/report", w.admin, nil, &rep)
	assert.Equal(t, 1, rep.Respondents)
	var exportAfter json.RawMessage
	c.must(http.StatusOK, http.MethodGet, "/v1/admin/export", w.admin, nil, &exportAfter)
	assert.JSONEq(t, string(exportBefore), string(exportAfter), "the register after the restart is the register before it")
}

// TestWorkerStoresConcurrentSubmissionsOnce sends answers to one round at
// 50 in flight, each sent twice with its key: every acknowledged answer
// set is stored once, which is also a test that no D1 call is lost when
// Go runs one request's code for another (see worker.mjs's d1Call).
func TestWorkerStoresConcurrentSubmissionsOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test")
	}
	d := startD1(t, t.TempDir())
	c := newRegClient(t, d.url)
	w := setUp(t, c)
	const n, inFlight = 200, 50
	sets := make([]string, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, inFlight)
	var mu sync.Mutex
	var failures []string
	for i := range 2 * n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			k := i % n
			status, data := c.do(http.MethodPost, "/v1/respond/answers", w.shared, map[string]any{"assessment": miniAnswers(1+k%5, 2, 3, 4, 5)}, "Idempotency-Key", fmt.Sprintf("load-%d", k))
			var s submitted
			if status != http.StatusOK || json.Unmarshal(data, &s) != nil {
				mu.Lock()
				failures = append(failures, fmt.Sprintf("%d: %d %s", k, status, data))
				mu.Unlock()
				return
			}
			mu.Lock()
			if sets[k] != "" && sets[k] != s.AnswerSet {
				failures = append(failures, fmt.Sprintf("%d: answer sets %s and %s", k, sets[k], s.AnswerSet))
			}
			sets[k] = s.AnswerSet
			mu.Unlock()
		}()
	}
	wg.Wait()
	require.Empty(t, failures)
	var rep report
	c.must(http.StatusOK, http.MethodGet, "/v1/rounds/"+w.round+"/report", w.admin, nil, &rep)
	assert.Equal(t, n, rep.Respondents, "each answer set once")
}

// TestWorkerAnswersD1CallsMadeFromAnotherRequest makes Go call D1 for one
// request while running in another's code, which then finishes at once:
// workerd drops the continuations of a promise whose request has
// finished, so the call must be made from its own request's code (see
// worker.mjs's d1Call), or the first request would never be answered.
func TestWorkerAnswersD1CallsMadeFromAnotherRequest(t *testing.T) {
	d := startD1(t, t.TempDir())
	c := newRegClient(t, d.url)
	type answer struct {
		status int
		body   string
	}
	slow := make(chan answer, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, d.url+"/_test/d1/slow", nil)
		res, err := (&http.Client{Timeout: 20 * time.Second}).Do(req)
		if err != nil {
			slow <- answer{body: err.Error()}
			return
		}
		data, _ := io.ReadAll(res.Body)
		res.Body.Close()
		slow <- answer{res.StatusCode, string(data)}
	}()
	// Release the slow request once it waits in Go.
	deadline := time.Now().Add(10 * time.Second)
	for {
		status, data := c.do(http.MethodPost, "/_test/d1/release", "", nil)
		if status == http.StatusOK {
			break
		}
		require.Equal(t, http.StatusConflict, status, "%s", data)
		require.True(t, time.Now().Before(deadline), "the slow request never waited")
		time.Sleep(50 * time.Millisecond)
	}
	got := <-slow
	assert.Equal(t, answer{http.StatusOK, "1000000"}, got)
}

// firstAdmin sends the worker a first request, which starts its Go
// program and opens the register, and returns the administrator token of
// the link the program logs on the register's first start, or "" when it
// logs none within a few seconds.
func firstAdmin(t *testing.T, d *d1Worker) string {
	t.Helper()
	status, _ := newRegClient(t, d.url).do(http.MethodGet, "/v1/session", "", nil)
	require.Equal(t, http.StatusUnauthorized, status)
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		for _, line := range d.w.Log() {
			if _, tok, ok := strings.Cut(line, "/#admin/"); ok {
				return strings.TrimSpace(tok)
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return ""
}

// TestWorkerPassesTheRegisterCasesOnD1 runs the register's shared HTTP
// cases (apitest.RegisterSteps, which the native tests run against SQLite)
// against the worker on a fresh D1, with the administrator link that its
// first start logs. A second worker on the same D1 logs no link.
func TestWorkerPassesTheRegisterCasesOnD1(t *testing.T) {
	dir := t.TempDir()
	d := startD1(t, dir)
	admin := firstAdmin(t, d)
	require.NotEmpty(t, admin, "the first start logs the administrator's link: %q", d.w.Log())
	client := &http.Client{Timeout: time.Minute}
	vars := apitest.RegisterVars(admin)
	steps := apitest.RegisterSteps()
	require.NotEmpty(t, steps)
	for i, s := range steps {
		// The steps build on each other: stop at the first that fails.
		if !t.Run(fmt.Sprintf("%02d %s", i+1, s.Name), func(t *testing.T) {
			require.NoError(t, s.Run(client, d.url, vars))
		}) {
			break
		}
	}
	d.stop()

	d = startD1(t, dir)
	assert.Empty(t, firstAdmin(t, d), "a later start logs no link")
	status, _ := newRegClient(t, d.url).do(http.MethodGet, "/v1/session", admin, nil)
	assert.Equal(t, http.StatusOK, status, "the first link still works after the restart")
}

// TestWorkerKeepsAcknowledgedAnswersAfterKill sends answers at 50 in
// flight, kills workerd (SIGKILL) part-way, and starts another on the
// same D1: every answer set that was acknowledged is there, with the
// acknowledged key.
func TestWorkerKeepsAcknowledgedAnswersAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test")
	}
	dir := t.TempDir()
	d := startD1(t, dir)
	c := newRegClient(t, d.url)
	w := setUp(t, c)
	const n, inFlight = 300, 50
	var mu sync.Mutex
	acked := map[string]string{} // answer set → key
	var wg sync.WaitGroup
	sem := make(chan struct{}, inFlight)
	quick := &http.Client{Timeout: 20 * time.Second}
	killed := make(chan struct{})
	for i := range n {
		if i == n/3 {
			go func(victim *workerd.Worker) {
				defer close(killed)
				time.Sleep(300 * time.Millisecond)
				victim.Kill()
			}(d.w)
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			key := fmt.Sprintf("kill-%d", i)
			data, _ := json.Marshal(map[string]any{"assessment": miniAnswers(1+i%5, 2, 3, 4, 5)})
			req, _ := http.NewRequest(http.MethodPost, d.url+"/v1/respond/answers", bytes.NewReader(data))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+w.shared)
			req.Header.Set("Idempotency-Key", key)
			res, err := quick.Do(req)
			if err != nil {
				return // not acknowledged
			}
			defer res.Body.Close()
			var s submitted
			if res.StatusCode != http.StatusOK || json.NewDecoder(res.Body).Decode(&s) != nil {
				return
			}
			mu.Lock()
			acked[s.AnswerSet] = s.Key
			mu.Unlock()
		}()
	}
	wg.Wait()
	<-killed
	require.NotEmpty(t, acked, "nothing was acknowledged before the kill")
	t.Logf("%d of %d answers acknowledged before the kill", len(acked), n)

	d = startD1(t, dir)
	c = newRegClient(t, d.url)
	for set, key := range acked {
		var s submitted
		c.must(http.StatusOK, http.MethodGet, "/v1/respond/answers?answerSet="+set, w.shared, nil, &s)
		assert.Equal(t, key, s.Key, "answer set %s", set)
	}
	var rep report
	c.must(http.StatusOK, http.MethodGet, "/v1/rounds/"+w.round+"/report", w.admin, nil, &rep)
	assert.GreaterOrEqual(t, rep.Respondents, len(acked))
}

// TestWorkerPassesTheDirectoryCasesOnD1 runs the directory's and the
// programme view's shared HTTP cases (apitest.DirectorySteps, which the
// native tests run against SQLite) against the worker on a fresh D1:
// FTS5 search, facets, publishing and withdrawing, and the access matrix.
func TestWorkerPassesTheDirectoryCasesOnD1(t *testing.T) {
	d := startD1(t, t.TempDir())
	c := newRegClient(t, d.url)
	admin := c.admin()
	client := &http.Client{Timeout: time.Minute}
	vars := apitest.RegisterVars(admin)
	for i, s := range apitest.DirectorySteps() {
		if !t.Run(fmt.Sprintf("%02d %s", i+1, s.Name), func(t *testing.T) {
			require.NoError(t, s.Run(client, d.url, vars))
		}) {
			break
		}
	}
}

// TestWorkerPassesTheProgrammeCasesOnD1 runs the programme view's shared
// HTTP cases (apitest.ProgrammeSteps, which the native tests run against
// SQLite) against the worker on a fresh D1: the view as JSON and CSV,
// its filters, the roll-up, and who may see it.
func TestWorkerPassesTheProgrammeCasesOnD1(t *testing.T) {
	d := startD1(t, t.TempDir())
	c := newRegClient(t, d.url)
	admin := c.admin()
	client := &http.Client{Timeout: time.Minute}
	vars := apitest.RegisterVars(admin)
	for i, s := range apitest.ProgrammeSteps() {
		if !t.Run(fmt.Sprintf("%02d %s", i+1, s.Name), func(t *testing.T) {
			require.NoError(t, s.Run(client, d.url, vars))
		}) {
			break
		}
	}
}
