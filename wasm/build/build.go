package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"
)

// Module is the module path of the sources Assets builds.
const Module = "github.com/partnerkit/partnerkit"

// Package is the main package built to WebAssembly.
const Package = "./wasm/cmd/partnerkit-form"

// The built files, as the page names them.
const (
	WasmFile = "partnerkit.wasm"
	ExecFile = "wasm_exec.js"
)

// IndexFile is the page, its first view pre-rendered (see Index).
const IndexFile = "index.html"

// The page's service worker, which keeps its files for offline use, and
// its web manifest, which lets a browser install it.
const (
	SWFile       = "sw.js"
	ManifestFile = "manifest.webmanifest"
)

// Options say where to build from and to. The zero value is the default
// for each.
type Options struct {
	// Source is the root of partnerkit's module. Empty: beside this
	// package's source file, else the module around the working directory.
	Source string
	// CacheDir is where built files are kept. Empty: the partnerkit/wasm
	// folder of os.UserCacheDir.
	CacheDir string
	// Go is the go command. Empty: go on PATH, else $GOROOT/bin/go.
	Go string
	// Log, when set, is told when a build starts and ends.
	Log func(msg string)
	// Version is the version of partnerkit to build the form from when no
	// source tree is found (a binary installed with go install …@version
	// has none): the go command then fetches that version of the module,
	// through GOPROXY into the module cache, and builds it there. Empty:
	// the version this program was built from (debug.ReadBuildInfo).
	Version string
}

// ToolchainError reports that no go command could be run.
type ToolchainError struct {
	Err error
}

func (e *ToolchainError) Error() string {
	return "build: the form's WebAssembly is built with the Go toolchain, but no go command could be run (" + e.Err.Error() +
		"): install Go 1.26 or later from https://go.dev/dl/, or put its bin folder on PATH"
}

func (e *ToolchainError) Unwrap() error { return e.Err }

// BuildError reports that go build failed.
type BuildError struct {
	Output string // what go build printed
	Err    error
}

func (e *BuildError) Error() string {
	return "build: building the form's WebAssembly failed: " + e.Err.Error() + "\n" + strings.TrimSpace(e.Output)
}

func (e *BuildError) Unwrap() error { return e.Err }

// gcFlags are the compiler's flags for the form: inlining off in
// partnerkit's packages, which makes the .wasm 155 KB smaller gzipped
// (2.01 MiB to 1.86 MiB) with the keystroke's check as quick natively
// (BenchmarkKeystroke) and in Chromium (go run ./wasm/bench). The
// standard library keeps its inlining.
const gcFlags = Module + "/...=-l"

// Assets builds the page with the default Options.
func Assets(ctx context.Context) (fs.FS, error) { return Options{}.Assets(ctx) }

// Assets returns the page's files: index.html, style.css and main.js from
// package web, with partnerkit.wasm and wasm_exec.js built for the
// sources as they are now.
//
// The returned FS is also an http.Handler (api.Options.Assets uses it so)
// that serves partnerkit.wasm gzipped to clients that accept it, from a
// copy compressed once beside the build, and every file with an ETag and
// "Cache-Control: no-cache", so that a browser revalidates and gets 304
// Not Modified rather than the file again.
func (o Options) Assets(ctx context.Context) (fs.FS, error) {
	dir, err := o.Build(ctx)
	if err != nil {
		return nil, err
	}
	return newOverlay(dir)
}

// Build builds the WebAssembly unless the cache already has it, and
// returns the folder that holds partnerkit.wasm and wasm_exec.js.
func (o Options) Build(ctx context.Context) (string, error) {
	goCmd, err := o.goCommand()
	if err != nil {
		return "", err
	}
	src, srcErr := o.source()
	version := ""
	if srcErr != nil {
		if version = o.version(); version == "" {
			return "", srcErr
		}
	}
	envDir := src
	if envDir == "" {
		envDir = os.TempDir()
	}
	env, err := goEnv(ctx, goCmd, envDir)
	if err != nil {
		return "", err
	}
	var sum string
	if src != "" {
		if sum, err = hashSources(src, env["GOVERSION"]); err != nil {
			return "", err
		}
	} else {
		h := sha256.Sum256([]byte(env["GOVERSION"] + "\x00js/wasm\x00" + Module + "@" + version))
		sum = "m" + hex.EncodeToString(h[:])
	}
	cache := o.CacheDir
	if cache == "" {
		user, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("build: no cache directory: %w", err)
		}
		cache = filepath.Join(user, "partnerkit", "wasm")
	}
	dir := filepath.Join(cache, sum[:16])
	if fileExists(filepath.Join(dir, WasmFile)) && fileExists(filepath.Join(dir, ExecFile)) {
		return dir, compress(dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("build: %w", err)
	}
	from := "the sources in " + src
	if src == "" {
		from = Module + "@" + version + " from the module proxy"
	}
	o.log("building the form's WebAssembly from " + from + " with " + env["GOVERSION"] + " (the first build on a machine takes up to a minute; later starts reuse it)")
	start := time.Now()
	tmp := filepath.Join(dir, WasmFile+".tmp"+fmt.Sprint(os.Getpid()))
	cmdEnv := append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOWORK=off")
	pkg, cmdDir := Package, src
	if src == "" {
		// A module of our own that requires partnerkit at this version:
		// the go command resolves it and its requirements (-mod=mod) and
		// builds the form's package from the module cache.
		mod, err := os.MkdirTemp("", "partnerkit-form-")
		if err != nil {
			return "", fmt.Errorf("build: %w", err)
		}
		defer os.RemoveAll(mod)
		gomod := "module partnerkit.invalid/form\n\ngo " + strings.TrimPrefix(env["GOVERSION"], "go") + "\n\nrequire " + Module + " " + version + "\n"
		if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte(gomod), 0o644); err != nil {
			return "", fmt.Errorf("build: %w", err)
		}
		pkg, cmdDir = path.Join(Module, Package), mod
		cmdEnv = append(cmdEnv, "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"))
	}
	// No inlining in partnerkit's own packages (gcFlags): their code is
	// most of the .wasm, and inlined it is 7% larger gzipped.
	cmd := exec.CommandContext(ctx, goCmd, "build", "-trimpath", "-gcflags="+gcFlags, "-ldflags=-s -w", "-o", tmp, pkg)
	cmd.Dir = cmdDir
	cmd.Env = cmdEnv
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		os.Remove(tmp)
		return "", &BuildError{Output: out.String(), Err: err}
	}
	if err := copyExec(env["GOROOT"], filepath.Join(dir, ExecFile)); err != nil {
		os.Remove(tmp)
		return "", err
	}
	if err := os.Rename(tmp, filepath.Join(dir, WasmFile)); err != nil {
		return "", fmt.Errorf("build: %w", err)
	}
	if err := compress(dir); err != nil {
		return "", err
	}
	o.log("built the form's WebAssembly in " + time.Since(start).Round(100*time.Millisecond).String())
	prune(cache, filepath.Base(dir))
	return dir, nil
}

// version is the partnerkit version to fetch when there is no source
// tree: Options.Version, else the one this program was built from, if it
// was built from a published version (not a local build, "(devel)", or a
// modified tree).
func (o Options) version() string {
	if o.Version != "" {
		return o.Version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	published := func(v string) bool {
		return strings.HasPrefix(v, "v") && !strings.Contains(v, "+dirty")
	}
	if info.Main.Path == Module && published(info.Main.Version) {
		return info.Main.Version
	}
	for _, d := range info.Deps {
		if d.Path == Module && d.Replace == nil && published(d.Version) {
			return d.Version
		}
	}
	return ""
}

func (o Options) log(msg string) {
	if o.Log != nil {
		o.Log(msg)
	}
}

// source finds the module's root.
func (o Options) source() (string, error) {
	if o.Source != "" {
		if !isModuleRoot(o.Source) {
			return "", errors.New("build: " + o.Source + " is not the root of " + Module)
		}
		return o.Source, nil
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		root := filepath.Dir(filepath.Dir(filepath.Dir(file)))
		if isModuleRoot(root) {
			return root, nil
		}
	}
	if wd, err := os.Getwd(); err == nil {
		for dir := wd; ; dir = filepath.Dir(dir) {
			if isModuleRoot(dir) {
				return dir, nil
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return "", errors.New("build: cannot find partnerkit's source to build the form from, and this program was not built from a published version: run partnerkit serve from a clone of " + Module +
		", or install a release with go install " + Module + "/examples/partnerkit@latest")
}

func isModuleRoot(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" && f[1] == Module {
			return fileExists(filepath.Join(dir, filepath.FromSlash(Package), "main.go"))
		}
	}
	return false
}

func (o Options) goCommand() (string, error) {
	if o.Go != "" {
		return o.Go, nil
	}
	p, err := exec.LookPath("go")
	if err == nil {
		return p, nil
	}
	if root := os.Getenv("GOROOT"); root != "" && fileExists(filepath.Join(root, "bin", "go")) {
		return filepath.Join(root, "bin", "go"), nil
	}
	return "", &ToolchainError{Err: err}
}

// goEnv asks the go command for its version and GOROOT.
func goEnv(ctx context.Context, goCmd, dir string) (map[string]string, error) {
	cmd := exec.CommandContext(ctx, goCmd, "env", "GOVERSION", "GOROOT")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, &ToolchainError{Err: errors.New(strings.TrimSpace(string(ee.Stderr)))}
		}
		return nil, &ToolchainError{Err: err}
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return nil, &ToolchainError{Err: errors.New("go env printed " + strings.TrimSpace(string(out)))}
	}
	return map[string]string{"GOVERSION": strings.TrimSpace(lines[0]), "GOROOT": strings.TrimSpace(lines[1])}, nil
}

// hashSources hashes everything that goes into the WebAssembly: the Go
// files and embedded files of the module (tests, test data, examples and
// node modules left out), go.mod, go.sum and the Go version.
func hashSources(root, goVersion string) (string, error) {
	h := sha256.New()
	io.WriteString(h, goVersion+"\x00js/wasm\x00")
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" ||
				name == "node_modules" || name == "examples" || name == "docs" || name == "e2e" || name == "bench") {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasSuffix(name, "_test.go"):
		case strings.HasSuffix(name, ".go"), strings.HasSuffix(name, ".json"), name == "go.mod", name == "go.sum":
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("build: reading the sources: %w", err)
	}
	slices.Sort(files)
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			return "", fmt.Errorf("build: reading the sources: %w", err)
		}
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// copyExec copies the toolchain's wasm_exec.js, which must match the
// compiler that built the WebAssembly.
func copyExec(goroot, to string) error {
	var data []byte
	var err error
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		if data, err = os.ReadFile(filepath.Join(goroot, filepath.FromSlash(p))); err == nil {
			break
		}
	}
	if err != nil {
		return &ToolchainError{Err: fmt.Errorf("no wasm_exec.js in %s: %w", goroot, err)}
	}
	return os.WriteFile(to, data, 0o644)
}

// prune removes the builds of older sources, keeping the newest few.
func prune(cache, keep string) {
	entries, err := os.ReadDir(cache)
	if err != nil {
		return
	}
	type build struct {
		name string
		mod  time.Time
	}
	var old []build
	for _, e := range entries {
		if !e.IsDir() || e.Name() == keep {
			continue
		}
		if info, err := e.Info(); err == nil {
			old = append(old, build{e.Name(), info.ModTime()})
		}
	}
	slices.SortFunc(old, func(a, b build) int { return b.mod.Compare(a.mod) })
	for i, b := range old {
		if i >= 2 {
			os.RemoveAll(filepath.Join(cache, b.name))
		}
	}
}

func fileExists(p string) bool {
	info, err := os.Stat(p)
	return err == nil && !info.IsDir()
}
