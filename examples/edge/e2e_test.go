//go:build unix

package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/examples/edge/internal/workerd"
	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/partnerkit/partnerkit/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The end-to-end test builds the worker, starts it in workerd (through
// miniflare, on 127.0.0.1, with no network) and sends it every request of
// apitest.Cases, comparing each answer with the handler's own, byte for
// byte. It needs Node and `npm ci` in this directory, and skips without
// them unless PARTNERKIT_REQUIRE lists "edge":
//
//	(cd examples/edge && npm ci) && PARTNERKIT_REQUIRE=edge go test ./examples/edge/

// compared lists the headers that must be the same from the worker as
// from the handler. Date, Content-Length and the like are the server's.
var compared = []string{"Content-Type", "Allow", "Vary", "X-Content-Type-Options",
	"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age"}

func TestWorkerAnswersAsTheHandlerDoes(t *testing.T) {
	base := e2eStart(t)
	h := api.New(apitest.Options())
	// A connection per request, so that each case stands alone
	// (abuse_test.go sends requests on keep-alive connections).
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for _, c := range apitest.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, c.Request("http://example.org"))
			want := rec.Result()
			wantBody, err := io.ReadAll(want.Body)
			require.NoError(t, err)

			res, err := client.Do(c.Request(base))
			require.NoError(t, err)
			require.NoError(t, c.Check(res), "the worker's answer")
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)

			assert.Equal(t, want.StatusCode, res.StatusCode, "status")
			for _, k := range compared {
				assert.Equal(t, want.Header.Values(k), res.Header.Values(k), "header %s", k)
			}
			assert.Equal(t, string(wantBody), string(body), "body")
		})
	}
}

// TestWorkerKeepsOneProgram checks that one Go program answers every
// request, concurrent ones too: the worker must not start Go afresh for
// each.
func TestWorkerKeepsOneProgram(t *testing.T) {
	base := e2eStart(t)
	mouDoc := apitest.Doc("mou-valid")
	const n, inFlight = 100, 10
	ids := make([]string, n)
	statuses := make([]int, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, inFlight)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			res, err := http.Post(base+"/v1/mou/check", "application/json", strings.NewReader(mouDoc))
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses[i] = res.StatusCode
			id, _, _ := strings.Cut(res.Header.Get("Partnerkit-Instance"), ";")
			ids[i] = id
		}()
	}
	wg.Wait()
	for i := range n {
		assert.Equal(t, http.StatusOK, statuses[i], "request %d", i)
		assert.NotEmpty(t, ids[i], "request %d has no Partnerkit-Instance header", i)
		assert.Equal(t, ids[0], ids[i], "request %d was answered by another Go program", i)
	}
}

var e2e struct {
	once   sync.Once
	worker *workerd.Worker
	dir    string
	err    error
}

// e2eEnv is the environment of the worker the tests share: the cases'
// CORS origin, and the Partnerkit-Instance header.
var e2eEnv = []string{"PARTNERKIT_ALLOWED_ORIGINS=" + apitest.Origin, "PARTNERKIT_DEBUG_INSTANCE=1"}

// e2eStart builds the worker and starts it, once for all the tests, and
// returns its URL. It skips the test when Node or miniflare is missing
// (see testenv). The build is the test build (workerd.BuildTest): the
// checker, plus the paths of testhooks.go.
func e2eStart(t *testing.T) string {
	t.Helper()
	if err := workerd.Check("."); err != nil {
		testenv.Missing(t, testenv.Edge, err.Error())
	}
	e2e.once.Do(func() {
		if e2e.dir, e2e.err = os.MkdirTemp("", "partnerkit-edge-"); e2e.err != nil {
			return
		}
		if e2e.err = workerd.BuildTest(".", e2e.dir); e2e.err != nil {
			return
		}
		e2e.worker, e2e.err = workerd.Start(".", e2e.dir, e2eEnv)
	})
	if e2e.err != nil {
		t.Fatal(e2e.err)
	}
	return e2e.worker.URL
}

// e2eStartAnother starts another worker from the same build, with env
// instead of e2eEnv, for the test's life.
func e2eStartAnother(t *testing.T, env ...string) string {
	t.Helper()
	e2eStart(t)
	w, err := workerd.Start(".", e2e.dir, env)
	require.NoError(t, err)
	t.Cleanup(func() { w.Stop() })
	return w.URL
}

func TestMain(m *testing.M) {
	code := m.Run()
	if e2e.worker != nil {
		e2e.worker.Stop()
	}
	if e2e.dir != "" {
		os.RemoveAll(e2e.dir)
	}
	os.Exit(code)
}
