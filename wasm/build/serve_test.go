package build

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeBuild writes a build folder as Build leaves it, and serves it.
func fakeBuild(t *testing.T) (*overlay, []byte) {
	t.Helper()
	dir := t.TempDir()
	wasm := append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("partnerkit "), 10_000)...)
	require.NoError(t, os.WriteFile(filepath.Join(dir, WasmFile), wasm, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ExecFile), []byte("// wasm_exec.js"), 0o644))
	require.NoError(t, compress(dir))
	o, err := newOverlay(dir)
	require.NoError(t, err)
	return o, wasm
}

func get(t *testing.T, h http.Handler, method, target string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

// The WebAssembly goes gzipped to a browser that accepts it, as it is to
// one that does not, and a browser that has it already is told so.
func TestServesTheWasmCompressedAndRevalidated(t *testing.T) {
	o, wasm := fakeBuild(t)

	res := get(t, o, http.MethodGet, "/"+WasmFile, "Accept-Encoding", "gzip, deflate, br")
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
	assert.Equal(t, "application/wasm", res.Header.Get("Content-Type"))
	assert.Equal(t, "Accept-Encoding", res.Header.Get("Vary"))
	assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"))
	zipped, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	assert.Less(t, len(zipped), len(wasm)/10, "compressed")
	zr, err := gzip.NewReader(bytes.NewReader(zipped))
	require.NoError(t, err)
	got, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, wasm, got)
	gzTag := res.Header.Get("ETag")
	require.NotEmpty(t, gzTag)

	for _, accept := range []string{"", "identity", "gzip;q=0", "br"} {
		res = get(t, o, http.MethodGet, "/"+WasmFile, "Accept-Encoding", accept)
		require.Equal(t, http.StatusOK, res.StatusCode, accept)
		assert.Empty(t, res.Header.Get("Content-Encoding"), accept)
		assert.Equal(t, "Accept-Encoding", res.Header.Get("Vary"), accept)
		body, _ := io.ReadAll(res.Body)
		assert.Equal(t, wasm, body, accept)
		assert.NotEqual(t, gzTag, res.Header.Get("ETag"), "each encoding has its own ETag")
	}

	res = get(t, o, http.MethodGet, "/"+WasmFile, "Accept-Encoding", "gzip", "If-None-Match", gzTag)
	assert.Equal(t, http.StatusNotModified, res.StatusCode)
	body, _ := io.ReadAll(res.Body)
	assert.Empty(t, body)

	res = get(t, o, http.MethodHead, "/"+WasmFile, "Accept-Encoding", "gzip")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, gzTag, res.Header.Get("ETag"))
}

func TestServesThePageWithETags(t *testing.T) {
	o, _ := fakeBuild(t)
	for _, target := range []string{"/", "/index.html", "/boot.js", "/main.js", "/style.css", "/partnerkit-form.js", "/" + SWFile, "/" + ManifestFile, "/" + ExecFile} {
		res := get(t, o, http.MethodGet, target)
		require.Equal(t, http.StatusOK, res.StatusCode, target)
		tag := res.Header.Get("ETag")
		assert.NotEmpty(t, tag, target)
		assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"), target)
		res = get(t, o, http.MethodGet, target, "If-None-Match", tag)
		assert.Equal(t, http.StatusNotModified, res.StatusCode, target)
	}
	// The page served, as a file or as the folder's index, is the
	// pre-rendered one, the same that the FS opens.
	index, err := fs.ReadFile(o, IndexFile)
	require.NoError(t, err)
	assert.Contains(t, string(index), `<div id="app" data-pk-pre="`)
	for _, target := range []string{"/", "/index.html"} {
		body, _ := io.ReadAll(get(t, o, http.MethodGet, target).Body)
		assert.Equal(t, string(index), string(body), target)
	}
	assert.Equal(t, http.StatusNotFound, get(t, o, http.MethodGet, "/"+gzFile).StatusCode, "the compressed copy has no name of its own")
	assert.Equal(t, http.StatusNotFound, get(t, o, http.MethodGet, "/nothing.js").StatusCode)
	assert.Equal(t, http.StatusNotFound, get(t, o, http.MethodGet, "/../go.mod").StatusCode)
}

// The service worker comes as JavaScript, revalidated on every visit, and
// the manifest with its own type: a browser refuses either otherwise.
func TestServesTheServiceWorkerAndManifest(t *testing.T) {
	o, _ := fakeBuild(t)
	for target, want := range map[string]string{
		"/" + SWFile:       "text/javascript; charset=utf-8",
		"/" + ManifestFile: "application/manifest+json",
		"/icon.svg":        "image/svg+xml",
	} {
		res := get(t, o, http.MethodGet, target)
		require.Equal(t, http.StatusOK, res.StatusCode, target)
		assert.Equal(t, want, res.Header.Get("Content-Type"), target)
		assert.Equal(t, "no-cache", res.Header.Get("Cache-Control"), target)
		assert.NotEmpty(t, res.Header.Get("ETag"), target)
	}
	res := get(t, o, http.MethodGet, "/"+ManifestFile)
	body, _ := io.ReadAll(res.Body)
	var m struct {
		StartURL string `json:"start_url"`
		Display  string
		Icons    []struct{ Src string }
	}
	require.NoError(t, json.Unmarshal(body, &m))
	assert.Equal(t, "./", m.StartURL)
	assert.Equal(t, "standalone", m.Display)
	require.NotEmpty(t, m.Icons)
	assert.Equal(t, http.StatusOK, get(t, o, http.MethodGet, "/"+m.Icons[0].Src).StatusCode, "the icon is served")
	res = get(t, o, http.MethodGet, "/"+SWFile)
	body, _ = io.ReadAll(res.Body)
	for _, f := range []string{"style.css", "boot.js", "main.js", ExecFile, WasmFile, ManifestFile} {
		assert.Contains(t, string(body), `"`+f+`"`, "the service worker keeps %s", f)
	}
}

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"gzip": true, "GZIP": true, "deflate, gzip;q=0.5": true, "*": true, " gzip ; q=1 ": true,
		"": false, "br": false, "gzip;q=0": false, "gzip; q=0.0": false, "identity": false, "xgzip": false,
	} {
		assert.Equal(t, want, acceptsGzip(header), "%q", header)
	}
}
