package build

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testVersion is the version the test's module proxy offers.
const testVersion = "v0.0.1-installtest"

// A binary installed with go install …/examples/partnerkit@version, with
// no clone anywhere, serves the form: it builds the WebAssembly from that
// version of the module, fetched through GOPROXY. The proxy is a folder
// made here from this module's files (the module zip layout), in front of
// the module cache's own download folder for the requirements; nothing
// reaches the network.
func TestInstalledBinaryServesTheForm(t *testing.T) {
	if testing.Short() {
		t.Skip("installs the CLI and builds the WebAssembly; skipped with -short")
	}
	root, err := Options{}.source()
	require.NoError(t, err)
	goCmd, err := Options{}.goCommand()
	require.NoError(t, err)
	modcache, err := exec.Command(goCmd, "env", "GOMODCACHE").Output()
	require.NoError(t, err)

	tmp := t.TempDir()
	proxy := filepath.Join(tmp, "proxy")
	writeProxy(t, root, proxy, testVersion)
	env := append(os.Environ(),
		"GOPROXY=file://"+filepath.ToSlash(proxy)+",file://"+filepath.ToSlash(filepath.Join(strings.TrimSpace(string(modcache)), "cache", "download")),
		"GOSUMDB=off", "GONOSUMDB=*", "GOFLAGS=-modcacherw -buildvcs=false", "GOTOOLCHAIN=local", "GOWORK=off",
		"GOMODCACHE="+filepath.Join(tmp, "modcache"),
		"GOBIN="+filepath.Join(tmp, "bin"),
		"XDG_CACHE_HOME="+filepath.Join(tmp, "cache"),
		"HOME="+filepath.Join(tmp, "home"),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	install := exec.CommandContext(ctx, goCmd, "install", "-trimpath", Module+"/examples/partnerkit@"+testVersion)
	install.Dir, install.Env = tmp, env
	out, err := install.CombinedOutput()
	require.NoError(t, err, "go install: %s", out)

	serve := exec.CommandContext(ctx, filepath.Join(tmp, "bin", "partnerkit"), "serve", "--addr", "127.0.0.1:0")
	serve.Dir, serve.Env = tmp, env
	stdout, err := serve.StdoutPipe()
	require.NoError(t, err)
	var stderr lockedBuffer // written by the process's copier, read here
	serve.Stderr = &stderr
	require.NoError(t, serve.Start())
	defer func() {
		serve.Process.Kill()
		serve.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err, "partnerkit serve printed nothing: %s", stderr.String())
	i := strings.Index(line, "http://")
	require.GreaterOrEqual(t, i, 0, "the address: %s", line)
	base := strings.TrimSpace(line[i:])
	assert.Contains(t, stderr.String(), Module+"@"+testVersion+" from the module proxy")

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+WasmFile, nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
	assert.NotEmpty(t, res.Header.Get("ETag"))
	zr, err := gzip.NewReader(res.Body)
	require.NoError(t, err)
	wasm, err := io.ReadAll(zr)
	require.NoError(t, err)
	require.Greater(t, len(wasm), 1<<20)
	assert.Equal(t, []byte("\x00asm"), wasm[:4], "a WebAssembly module")

	res, err = http.Get(base)
	require.NoError(t, err)
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Contains(t, string(page), `<script src="main.js" defer></script>`, "the page loads main.js, which fetches "+WasmFile)
	assert.Contains(t, string(page), `<div id="app" data-pk-pre=`, "the page is pre-rendered")
}

// The version to fetch is the one asked for, else this program's own; a
// local build such as this test has none (and then needs a source tree).
func TestVersion(t *testing.T) {
	assert.Equal(t, "v1.2.3", Options{Version: "v1.2.3"}.version())
	assert.Empty(t, Options{}.version(), "a test binary is built from (devel)")
}

// lockedBuffer is a bytes.Buffer safe to write and read at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// writeProxy lays out a GOPROXY folder serving the module at root as
// version: @v/list, .info, .mod and .zip. The zip holds what a release
// would (node modules and hidden folders left out).
func writeProxy(t *testing.T, root, proxy, version string) {
	t.Helper()
	dir := filepath.Join(proxy, filepath.FromSlash(Module), "@v")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "list"), []byte(version+"\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, version+".info"), []byte(`{"Version":"`+version+`","Time":"2026-12-01T00:00:00Z"}`), 0o644))
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, version+".mod"), gomod, 0o644))

	f, err := os.Create(filepath.Join(dir, version+".zip"))
	require.NoError(t, err)
	zw := zip.NewWriter(f)
	prefix := Module + "@" + version + "/"
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "node_modules" || strings.HasSuffix(p, filepath.Join("examples", "edge", "build")) || fileExists(filepath.Join(p, "go.mod"))) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.HasSuffix(name, ".test") {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		if rel == "partnerkit" || rel == filepath.Join("examples", "partnerkit", "partnerkit") {
			return nil // built binaries, ignored by git
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w, err := zw.Create(prefix + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())
}
