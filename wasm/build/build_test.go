package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAssets builds the real page into a fresh cache, then again: the
// second time nothing is built.
func TestAssets(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the WebAssembly; skipped with -short")
	}
	cache := t.TempDir()
	var logged []string
	o := Options{CacheDir: cache, Log: func(m string) { logged = append(logged, m) }}
	assets, err := o.Assets(context.Background())
	require.NoError(t, err)
	for _, name := range []string{"index.html", "style.css", "main.js", WasmFile, ExecFile} {
		info, err := fs.Stat(assets, name)
		require.NoError(t, err, name)
		assert.Positive(t, info.Size(), name)
	}
	index, err := fs.ReadFile(assets, IndexFile)
	require.NoError(t, err)
	assert.Contains(t, string(index), `<div id="app" data-pk-pre="`, "index.html is pre-rendered")
	assert.Contains(t, string(index), `id="mou__missionStatement"`)
	_, err = fs.Stat(assets, "boot.js")
	require.NoError(t, err)
	wasm, err := fs.ReadFile(assets, WasmFile)
	require.NoError(t, err)
	assert.Equal(t, []byte("\x00asm"), wasm[:4], "a WebAssembly module")
	info, err := fs.Stat(assets, ".")
	require.NoError(t, err)
	assert.True(t, info.IsDir(), "the root is a folder, for http.FileServerFS")
	_, err = assets.Open("../go.mod")
	assert.Error(t, err)
	require.Len(t, logged, 2, "a build is announced and timed")

	start := time.Now()
	_, err = o.Assets(context.Background())
	require.NoError(t, err)
	assert.Len(t, logged, 2, "the second call builds nothing")
	t.Logf("cached: %s", time.Since(start))
}

func TestToolchainMissing(t *testing.T) {
	_, err := Options{Go: filepath.Join(t.TempDir(), "no-go"), CacheDir: t.TempDir()}.Assets(context.Background())
	var te *ToolchainError
	require.ErrorAs(t, err, &te)
	assert.Contains(t, err.Error(), "install Go 1.26 or later from https://go.dev/dl/")

	t.Setenv("PATH", t.TempDir())
	t.Setenv("GOROOT", "")
	_, err = Options{CacheDir: t.TempDir()}.Assets(context.Background())
	require.ErrorAs(t, err, &te, "no go on PATH")
}

func TestBuildError(t *testing.T) {
	root := fakeModule(t, "package main\n\nfunc main() { undefined() }\n")
	_, err := Options{Source: root, CacheDir: t.TempDir()}.Build(context.Background())
	var be *BuildError
	require.ErrorAs(t, err, &be)
	assert.Contains(t, be.Output, "undefined")
}

func TestSource(t *testing.T) {
	root, err := Options{}.source()
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(root, "go.mod"))
	_, err = Options{Source: t.TempDir()}.source()
	assert.ErrorContains(t, err, "is not the root of "+Module)
}

func TestHashFollowsTheSources(t *testing.T) {
	root := fakeModule(t, "package main\n\nfunc main() {}\n")
	a, err := hashSources(root, "go1.26")
	require.NoError(t, err)
	b, err := hashSources(root, "go1.27")
	require.NoError(t, err)
	assert.NotEqual(t, a, b, "a new Go version builds again")

	require.NoError(t, os.WriteFile(filepath.Join(root, "wasm", "cmd", "partnerkit-form", "main_test.go"), []byte("package main\n"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "examples"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "examples", "x.go"), []byte("package x\n"), 0o644))
	c, err := hashSources(root, "go1.26")
	require.NoError(t, err)
	assert.Equal(t, a, c, "tests and examples are not in the WebAssembly")

	require.NoError(t, os.WriteFile(filepath.Join(root, "schema.json"), []byte("{}"), 0o644))
	d, err := hashSources(root, "go1.26")
	require.NoError(t, err)
	assert.NotEqual(t, a, d, "embedded JSON is")
}

func fakeModule(t *testing.T, main string) string {
	t.Helper()
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module "+Module+"\n\ngo 1.26\n"), 0o644))
	dir := filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(Package, "./")))
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(main), 0o644))
	return root
}
