package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serveBuffer is a bytes.Buffer that the server and the test may share.
type serveBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *serveBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *serveBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serveStart serves the API on a free port of 127.0.0.1 and returns its
// URL; stop stops it and returns the exit status.
func serveStart(t *testing.T, opts api.Options) (url string, out *serveBuffer, stop func() int) {
	t.Helper()
	return serveHandler(t, api.New(opts))
}

// serveHandler serves h as the serve command does.
func serveHandler(t *testing.T, h http.Handler) (url string, out *serveBuffer, stop func() int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	out = &serveBuffer{}
	c := &cli{stdin: strings.NewReader(""), stdout: out, stderr: out}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- c.serveOn(ctx, ln, h, slog.New(slog.NewTextHandler(out, nil))) }()
	stopped := false
	var code int
	stop = func() int {
		if !stopped {
			stopped = true
			cancel()
			code = <-done
		}
		return code
	}
	t.Cleanup(func() { stop() })
	return "http://" + ln.Addr().String(), out, stop
}

// TestServeAnswersTheSharedCases serves the handler over real HTTP and
// sends it every shared case, as the edge worker's end-to-end test does.
func TestServeAnswersTheSharedCases(t *testing.T) {
	url, out, stop := serveStart(t, apitest.Options())
	for _, c := range apitest.Cases() {
		res, err := http.DefaultClient.Do(c.Request(url))
		require.NoError(t, err, c.Name)
		assert.NoError(t, c.Check(res))
	}
	assert.Equal(t, exitOK, stop())
	assert.Contains(t, out.String(), "serving the checker at "+url)
	assert.Contains(t, out.String(), "partnerkit: stopped")
}

func TestServeFinishesRequestsInFlight(t *testing.T) {
	entered := make(chan struct{})
	h := api.New(api.Options{})
	url, _, stop := serveHandler(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		h.ServeHTTP(w, r)
	}))
	// A body that arrives slowly keeps the request in flight while the
	// server stops.
	pr, pw := io.Pipe()
	answered := make(chan int, 1)
	go func() {
		res, err := http.Post(url+"/v1/mou/check", "application/json", pr)
		if err != nil {
			answered <- 0
			return
		}
		res.Body.Close()
		answered <- res.StatusCode
	}()
	pw.Write([]byte(`{"missionStatement": `))
	<-entered
	stopped := make(chan int, 1)
	go func() { stopped <- stop() }()
	select {
	case <-stopped:
		t.Fatal("the server stopped before the request in flight was answered")
	case <-time.After(50 * time.Millisecond):
	}
	pw.Write([]byte(`"Together we teach science."}`))
	pw.Close()
	assert.Equal(t, http.StatusOK, <-answered)
	assert.Equal(t, exitOK, <-stopped)
}

func TestServeCommand(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{name: "help", args: []string{"serve", "--help"}, code: exitOK, stdout: "partnerkit serve [--addr 127.0.0.1:8080]"},
		{name: "an argument", args: []string{"serve", "now"}, code: exitUsage, stderr: `takes no arguments (got "now")`},
		{name: "bad flag", args: []string{"serve", "--port", "80"}, code: exitUsage, stderr: "flag provided but not defined: -port"},
		{name: "no body allowed", args: []string{"serve", "--max-body", "0"}, code: exitUsage, stderr: "--max-body must be above 0"},
		{name: "address in use", args: []string{"serve", "--addr", busy.Addr().String()}, code: exitUsage, stderr: "address already in use"},
		{name: "bad address", args: []string{"serve", "--addr", "127.0.0.1:http-alt-nope"}, code: exitUsage, stderr: "partnerkit: serve:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cliRun(t, "", tt.args...)
			assert.Equal(t, tt.code, code, "stderr: %s", stderr)
			assert.Contains(t, stdout, tt.stdout)
			assert.Contains(t, stderr, tt.stderr)
		})
	}
}

// serveCommand runs the whole serve command with args on a free port and
// returns its address; interrupt stops it as Ctrl-C does and returns its
// exit status.
func serveCommand(t *testing.T, args ...string) (addr string, out *serveBuffer, interrupt func() int) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to send on Windows")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr = ln.Addr().String()
	ln.Close() // free the port for the command

	out = &serveBuffer{}
	done, ended := make(chan int, 1), make(chan struct{})
	go func() {
		done <- run(append([]string{"serve", "--addr", addr, "--db", filepath.Join(t.TempDir(), "partnerkit.db")}, args...), strings.NewReader(""), out, out)
		close(ended)
	}()
	// The first start on a machine builds the form's WebAssembly: up to a
	// minute or more. A command that ends first (a flag refused) fails at once.
	deadline := time.Now().Add(4 * time.Minute)
	for !strings.Contains(out.String(), "http://"+addr) {
		select {
		case <-ended:
			t.Fatalf("the server ended before it started: %s", out)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not start: %s", out)
		}
	}
	interrupt = func() int {
		self, err := os.FindProcess(os.Getpid())
		require.NoError(t, err)
		require.NoError(t, self.Signal(os.Interrupt))
		select {
		case code := <-done:
			return code
		case <-time.After(10 * time.Second):
			t.Fatal("the server did not stop on SIGINT")
		}
		return -1
	}
	return addr, out, interrupt
}

// TestServeStopsOnInterrupt runs the whole command and stops it as Ctrl-C
// does.
func TestServeStopsOnInterrupt(t *testing.T) {
	addr, out, interrupt := serveCommand(t, "--allow-origin", "https://a.example, https://b.example")
	req, err := http.NewRequest(http.MethodGet, "http://"+addr+"/healthz", nil)
	require.NoError(t, err)
	req.Header.Set("Origin", "https://b.example")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "https://b.example", res.Header.Get("Access-Control-Allow-Origin"), "--allow-origin is applied")

	assert.Equal(t, exitOK, interrupt())
	assert.Contains(t, out.String(), "partnerkit: stopped")
}

// TestServeMaxBodyAtMaxInt64: the largest --max-body accepts bodies; it
// once overflowed, and every body read as empty.
func TestServeMaxBodyAtMaxInt64(t *testing.T) {
	addr, _, interrupt := serveCommand(t, "--max-body", "9223372036854775807")
	defer interrupt()
	res, err := http.Post("http://"+addr+"/v1/mou/check", "application/json", strings.NewReader(apitest.Doc("mou-valid")))
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
	assert.Contains(t, string(body), `"valid": true`)
}

// TestServeAnswersAsTheCommandLine checks that the API's JSON is the
// command line's --json output, less the file names.
func TestServeAnswersAsTheCommandLine(t *testing.T) {
	url, _, _ := serveStart(t, api.Options{})
	apiJSON := func(t *testing.T, method, path, body string) any {
		t.Helper()
		req, err := http.NewRequest(method, url+path, strings.NewReader(body))
		require.NoError(t, err)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		data, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", data)
		var v any
		require.NoError(t, json.Unmarshal(data, &v))
		return v
	}
	cliJSON := func(t *testing.T, args ...string) any {
		t.Helper()
		_, stdout, stderr := cliRun(t, "", args...)
		var v any
		require.NoError(t, json.Unmarshal([]byte(stdout), &v), "stderr: %s", stderr)
		return v
	}
	file := func(name string) string {
		data, err := os.ReadFile(name)
		require.NoError(t, err)
		return string(data)
	}
	drop := func(v any, key string) any {
		switch v := v.(type) {
		case map[string]any:
			delete(v, key)
		case []any:
			for _, e := range v {
				if m, ok := e.(map[string]any); ok {
					delete(m, key)
				}
			}
		}
		return v
	}

	t.Run("mou check", func(t *testing.T) {
		want := cliJSON(t, "mou", "check", "--json", draft).([]any)[0]
		assert.Equal(t, drop(want, "file"), apiJSON(t, "POST", "/v1/mou/check", file(draft)))
	})
	t.Run("score several", func(t *testing.T) {
		want := cliJSON(t, "evaluate", "score", "--json", "--framework", "../../internal/apitest/data/framework-mini.json",
			"../../internal/apitest/data/assessment-self.json", "../../internal/apitest/data/assessment-peer.json").(map[string]any)
		drop(want["results"], "file")
		body := `{"framework": ` + apitest.Doc("framework-mini") + `, "assessments": [` + apitest.Doc("assessment-self") + `, ` + apitest.Doc("assessment-peer") + `]}`
		assert.Equal(t, want, apiJSON(t, "POST", "/v1/evaluations/score", body))
	})
	t.Run("score one", func(t *testing.T) {
		want := cliJSON(t, "evaluate", "score", "--json", "--framework", "../../internal/apitest/data/framework-mini.json", "../../internal/apitest/data/assessment-self.json").(map[string]any)
		drop(want["results"], "file")
		body := `{"framework": ` + apitest.Doc("framework-mini") + `, "assessments": [` + apitest.Doc("assessment-self") + `]}`
		assert.Equal(t, want, apiJSON(t, "POST", "/v1/evaluations/score", body), "one shape, whatever the number of assessments")
	})
	t.Run("progress", func(t *testing.T) {
		want := cliJSON(t, "evaluate", "progress", "--json", "../../internal/apitest/data/indicators.json")
		assert.Equal(t, want, apiJSON(t, "POST", "/v1/evaluations/progress", apitest.Doc("indicators")))
	})
	t.Run("effect", func(t *testing.T) {
		want := cliJSON(t, "evaluate", "effect", "--json", "../../internal/apitest/data/effect.json")
		assert.Equal(t, want, apiJSON(t, "POST", "/v1/evaluations/effect", apitest.Doc("effect")))
	})
	t.Run("framework list", func(t *testing.T) {
		want := cliJSON(t, "framework", "list", "--json")
		assert.Equal(t, want, drop(apiJSON(t, "GET", "/v1/frameworks", ""), "url"))
	})
	t.Run("framework show", func(t *testing.T) {
		want := cliJSON(t, "framework", "show", "partnership-health-check")
		assert.Equal(t, want, apiJSON(t, "GET", "/v1/frameworks/partnership-health-check", ""))
	})
}
