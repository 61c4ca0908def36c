//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests here drive the worker the way the attack on it did: a Go
// program that exits in the middle of a request, bodies over the limit
// with and without a Content-Length, and many requests in flight. They
// use the test build's paths (testhooks.go).

const limit = api.DefaultMaxBodyBytes

// client is keep-alive, as browsers and the attack's client were, with a
// bound on every request so that a hang fails the test instead of
// stalling it. workerd closes a connection that has been idle for 5 s;
// the client lets its idle connections go sooner (1 s), as a client should, so
// that it never sends a request on a connection just as workerd closes
// it (a race any server's idle timeout has, which would be counted here
// as a reset).
func client() *http.Client {
	return &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: time.Second}}
}

// instanceOf returns the Partnerkit-Instance header's program id and count.
func instanceOf(t *testing.T, res *http.Response) (string, int) {
	t.Helper()
	id, count, ok := strings.Cut(res.Header.Get("Partnerkit-Instance"), "; requests=")
	require.True(t, ok, "no Partnerkit-Instance header: %q", res.Header.Get("Partnerkit-Instance"))
	n, err := strconv.Atoi(count)
	require.NoError(t, err)
	return id, n
}

// requireInternalProblem checks that an answer is the worker's own 500
// problem, with the headers the handler's problems have.
func requireInternalProblem(t *testing.T, res *http.Response, body []byte, detail string) {
	t.Helper()
	require.Equal(t, http.StatusInternalServerError, res.StatusCode, "body: %s", body)
	assert.Equal(t, "application/problem+json", res.Header.Get("Content-Type"))
	assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
	var p map[string]any
	require.NoError(t, json.Unmarshal(body, &p), "body: %s", body)
	assert.Equal(t, map[string]any{
		"type":   api.ProblemInternal,
		"title":  "Something went wrong in the checker",
		"status": float64(500),
		"detail": detail,
	}, p)
	assert.True(t, bytes.HasSuffix(body, []byte("}\n")), "indented and ended with a newline, as the handler's")
}

const stoppedDetail = "The checker stopped while answering this request. Please send it again."

// TestWorkerRecoversWhenGoExits ends the Go program in the middle of a
// request, several times in a row and in three ways: each time, that
// request gets a problem and the next request a normal answer from a
// new program.
func TestWorkerRecoversWhenGoExits(t *testing.T) {
	base := e2eStart(t)
	c := client()
	get := func(path string, header map[string]string) (*http.Response, []byte) {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, base+path, strings.NewReader(apitest.Doc("mou-valid")))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		for k, v := range header {
			req.Header.Set(k, v)
		}
		res, err := c.Do(req)
		require.NoError(t, err, "POST %s", path)
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return res, body
	}
	res, _ := get("/v1/mou/check", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	prev, _ := instanceOf(t, res)
	for round := range 3 {
		for _, path := range []string{"/_test/exit", "/_test/exit/panic", "/_test/exit/later"} {
			t.Logf("round %d: %s", round, path)
			res, body := get(path, map[string]string{"Origin": apitest.Origin})
			requireInternalProblem(t, res, body, stoppedDetail)
			assert.Equal(t, apitest.Origin, res.Header.Get("Access-Control-Allow-Origin"), "a page of an allowed origin can read the problem")
			assert.Equal(t, "Origin", res.Header.Get("Vary"))

			res, body = get("/v1/mou/check", nil)
			require.Equal(t, http.StatusOK, res.StatusCode, "the request after %s: %s", path, body)
			assert.Contains(t, string(body), `"valid": true`)
			id, n := instanceOf(t, res)
			assert.NotEqual(t, prev, id, "the request after %s is answered by a new program", path)
			assert.Equal(t, 1, n, "the new program's first request")
			prev = id
		}
	}
}

// TestWorkerAnswersEveryRequestWhenGoExits ends the program while other
// requests are in flight: every request is answered (by the program, or
// with the problem), none hangs, and the next request is normal.
func TestWorkerAnswersEveryRequestWhenGoExits(t *testing.T) {
	base := e2eStart(t)
	c := client()
	doc := apitest.Doc("mou-valid")
	const n = 40
	statuses := make([]int, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			path := "/v1/mou/check"
			if i == n/2 {
				path = "/_test/exit/later"
			}
			res, err := c.Post(base+path, "application/json", strings.NewReader(doc))
			if err != nil {
				errs[i] = err
				return
			}
			defer res.Body.Close()
			body, err := io.ReadAll(res.Body)
			if err != nil {
				errs[i] = err
				return
			}
			statuses[i] = res.StatusCode
			switch {
			case res.StatusCode == http.StatusOK && bytes.Contains(body, []byte(`"valid": true`)):
			case res.StatusCode == http.StatusInternalServerError && res.Header.Get("Content-Type") == "application/problem+json" && bytes.Contains(body, []byte(stoppedDetail)):
			default:
				errs[i] = fmt.Errorf("status %d, Content-Type %q: %s", res.StatusCode, res.Header.Get("Content-Type"), body)
			}
		})
	}
	wg.Wait()
	for i := range n {
		assert.NoError(t, errs[i], "request %d", i)
	}
	assert.Equal(t, http.StatusInternalServerError, statuses[n/2], "the request that ended the program")
	res, err := c.Post(base+"/v1/mou/check", "application/json", strings.NewReader(doc))
	require.NoError(t, err)
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
}

// TestWorkerProblemWhenGoCannotStart runs a worker whose Go program exits
// before it is ready: every request gets a problem, not workerd's text.
func TestWorkerProblemWhenGoCannotStart(t *testing.T) {
	base := e2eStartAnother(t, "PARTNERKIT_TEST_FAIL_START=1", "PARTNERKIT_ALLOWED_ORIGINS=*")
	c := client()
	for range 3 {
		res, err := c.Get(base + "/healthz")
		require.NoError(t, err)
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		require.NoError(t, err)
		requireInternalProblem(t, res, body, "The checker could not start. Please try again in a moment.")
		assert.Equal(t, "*", res.Header.Get("Access-Control-Allow-Origin"))
	}
}

// TestWorkerGivesUpAProgramThatNeverGetsReady runs a worker whose Go
// program never gets ready (as when the D1 call of its start is lost):
// each request gets a problem once the start's time is up, and the next
// starts a new program, rather than wait for ever.
func TestWorkerGivesUpAProgramThatNeverGetsReady(t *testing.T) {
	base := e2eStartAnother(t, "PARTNERKIT_TEST_HANG_START=1", "PARTNERKIT_START_TIMEOUT_MS=500")
	c := client()
	for range 2 {
		t0 := time.Now()
		res, err := c.Get(base + "/healthz")
		require.NoError(t, err)
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		require.NoError(t, err)
		requireInternalProblem(t, res, body, "The checker could not start. Please try again in a moment.")
		assert.Less(t, time.Since(t0), 15*time.Second)
	}
}

// TestWorkerHidesItsInstance checks that without PARTNERKIT_DEBUG_INSTANCE
// no answer says which program served it or how many requests it has.
func TestWorkerHidesItsInstance(t *testing.T) {
	base := e2eStartAnother(t, "PARTNERKIT_DEBUG_INSTANCE=")
	c := client()
	for _, path := range []string{"/healthz", "/v1/schemas", "/nowhere"} {
		res, err := c.Get(base + path)
		require.NoError(t, err)
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		assert.Empty(t, res.Header.Values("Partnerkit-Instance"), "GET %s", path)
	}
}

// chunked is a body of unknown length: Go's client sends it with
// Transfer-Encoding: chunked and no Content-Length.
type chunked struct{ r io.Reader }

func (c chunked) Read(p []byte) (int, error) { return c.r.Read(p) }

// post returns a POST of body as JSON; chunked sends it without a
// Content-Length. Either can be sent again (GetBody), as Go's client does
// when a connection turns out to be closed before it was used.
func post(url, body string, isChunked bool) *http.Request {
	open := func() io.Reader {
		if isChunked {
			return chunked{strings.NewReader(body)}
		}
		return strings.NewReader(body)
	}
	req, err := http.NewRequest(http.MethodPost, url, open())
	if err != nil {
		panic(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(open()), nil }
	return req
}

// TestWorkerLetsGoReadNoMoreThanTheLimit asks the test build's
// /_test/read how much of a body Go was given: all of a body within the
// limit, and none of a body over it, whether its Content-Length says so
// or the worker finds out by reading it (a body of unknown length).
func TestWorkerLetsGoReadNoMoreThanTheLimit(t *testing.T) {
	base := e2eStart(t)
	c := client()
	for _, tc := range []struct {
		name    string
		size    int
		chunked bool
		want    int
	}{
		{"small", 10, false, 10},
		{"small, chunked", 10, true, 10},
		{"at the limit", limit, false, limit},
		{"at the limit, chunked", limit, true, limit},
		{"over the limit", limit + 1, false, 0},
		{"twice the limit", 2 * limit, false, 0},
		{"over the limit, chunked", limit + 1, true, 0},
		{"three times the limit, chunked", 3 * limit, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body io.Reader = bytes.NewReader(bytes.Repeat([]byte(" "), tc.size))
			if tc.chunked {
				body = chunked{body}
			}
			res, err := c.Post(base+"/_test/read", "application/json", body)
			require.NoError(t, err)
			got, err := io.ReadAll(res.Body)
			res.Body.Close()
			require.NoError(t, err)
			assert.Equal(t, strconv.Itoa(tc.want), string(got), "bytes Go read")
		})
	}
}

// TestWorkerUnderMixedLoad sends 1,000 requests, 50 in flight, on
// keep-alive connections: valid, malformed, and over the limit with and
// without a Content-Length. Every answer must be the handler's, byte for
// byte, with no connection reset.
func TestWorkerUnderMixedLoad(t *testing.T) {
	base := e2eStart(t)
	h := api.New(apitest.Options())
	valid := apitest.Doc("mou-valid")
	over := func(n int) string {
		return `{"missionStatement": "` + strings.Repeat("a", n-len(`{"missionStatement": ""}`)) + `"}`
	}
	type kind struct {
		name    string
		body    string
		chunked bool
		status  int
	}
	kinds := []kind{
		{"valid", valid, false, 200},
		{"malformed", "{\n  \"title\": \"x\"\n  \"term\": {}\n}", false, 400},
		{"valid, chunked", valid, true, 200},
		{"over by a byte", over(limit + 1), false, 413},
		{"over by half", over(limit + limit/2), true, 413},
		{"valid", valid, false, 200},
		{"valid", valid, false, 200},
		{"twice the limit", over(2 * limit), false, 413},
		{"over by a byte, chunked", over(limit + 1), true, 413},
		{"malformed, chunked", "{", true, 400},
	}
	// What the handler answers to each kind.
	want := make([][]byte, len(kinds))
	for i, k := range kinds {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/mou/check", strings.NewReader(k.body)))
		require.Equal(t, k.status, rec.Code, "the handler's answer to %s", k.name)
		want[i] = rec.Body.Bytes()
	}

	c := client()
	const n, inFlight = 1000, 50
	// Warm up: the program's start (on the first request after an exit
	// in an earlier test) is not what this test measures.
	var warm sync.WaitGroup
	for range inFlight {
		warm.Go(func() {
			if res, err := c.Do(post(base+"/v1/mou/check", valid, false)); err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		})
	}
	warm.Wait()
	type result struct {
		err     error
		elapsed time.Duration
	}
	results := make([]result, n)
	sem := make(chan struct{}, inFlight)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			k := kinds[i%len(kinds)]
			t0 := time.Now()
			res, err := c.Do(post(base+"/v1/mou/check", k.body, k.chunked))
			if err == nil {
				var got []byte
				got, err = io.ReadAll(res.Body)
				res.Body.Close()
				switch {
				case err != nil:
				case res.StatusCode != k.status:
					err = fmt.Errorf("%s: status %d, want %d: %.300s", k.name, res.StatusCode, k.status, got)
				case k.status >= 400 && res.Header.Get("Content-Type") != "application/problem+json":
					err = fmt.Errorf("%s: Content-Type %q", k.name, res.Header.Get("Content-Type"))
				case !bytes.Equal(got, want[i%len(kinds)]):
					err = fmt.Errorf("%s: the body is not the handler's: %.300s", k.name, got)
				}
			}
			results[i] = result{err, time.Since(t0)}
		})
	}
	wg.Wait()
	total := time.Since(start)

	var resets, failed int
	var times []time.Duration
	for i, r := range results {
		times = append(times, r.elapsed)
		if r.err == nil {
			continue
		}
		failed++
		if errors.Is(r.err, syscall.ECONNRESET) || strings.Contains(r.err.Error(), "connection reset") {
			resets++
		}
		if failed <= 10 {
			t.Errorf("request %d (%s): %v", i, kinds[i%len(kinds)].name, r.err)
		}
	}
	slices.Sort(times)
	t.Logf("%d requests, %d in flight, in %v: %d failed, %d connection resets; p50 %v, p99 %v, slowest %v",
		n, inFlight, total.Round(time.Millisecond), failed, resets,
		times[n/2].Round(time.Millisecond), times[n*99/100].Round(time.Millisecond), times[n-1].Round(time.Millisecond))
	assert.Zero(t, resets, "connection resets")
	assert.Zero(t, failed, "answers that are not the handler's")
}
