package build

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/partnerkit/partnerkit/wasm/web"
)

// gzFile is the name of partnerkit.wasm's compressed copy in a build
// folder.
const gzFile = WasmFile + ".gz"

// compress writes the gzipped copy of the build's partnerkit.wasm, unless
// it is there already: once per build, at the best compression, so that
// serving it costs nothing.
func compress(dir string) error {
	if fileExists(filepath.Join(dir, gzFile)) {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(dir, WasmFile))
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		return fmt.Errorf("build: compressing %s: %w", WasmFile, err)
	}
	tmp := filepath.Join(dir, gzFile+".tmp"+strconv.Itoa(os.Getpid()))
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, gzFile)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("build: %w", err)
	}
	return nil
}

// asset is one file served from memory, with its validator.
type asset struct {
	data []byte
	etag string // a strong ETag: the content's hash, quoted
}

func newAsset(data []byte, suffix string) asset {
	h := sha256.Sum256(data)
	return asset{data: data, etag: `"` + hex.EncodeToString(h[:12]) + suffix + `"`}
}

// overlay is the page: the built files beside package web's, as an fs.FS
// and as an http.Handler that serves them compressed and revalidated.
type overlay struct {
	built  fs.FS
	page   fs.FS
	files  map[string]asset // by name; partnerkit.wasm also as gzFile
	server http.Handler     // http.FileServerFS over the overlay
}

func newOverlay(dir string) (*overlay, error) {
	o := &overlay{built: os.DirFS(dir), page: web.Files, files: map[string]asset{}}
	for _, f := range []struct {
		name, from string
		fsys       fs.FS
		suffix     string
	}{
		{WasmFile, WasmFile, o.built, ""},
		{gzFile, gzFile, o.built, "-gzip"},
		{ExecFile, ExecFile, o.built, ""},
	} {
		data, err := fs.ReadFile(f.fsys, f.from)
		if err != nil {
			return nil, fmt.Errorf("build: %w", err)
		}
		o.files[f.name] = newAsset(data, f.suffix)
	}
	err := fs.WalkDir(o.page, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(o.page, p)
		if err == nil {
			o.files[p] = newAsset(data, "")
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("build: reading the page: %w", err)
	}
	index, err := Index(o.files[IndexFile].data)
	if err != nil {
		return nil, err
	}
	o.files[IndexFile] = newAsset(index, "")
	o.server = http.FileServerFS(o)
	return o, nil
}

func (o *overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	switch path.Clean(name) {
	case WasmFile, ExecFile:
		return o.built.Open(name)
	case IndexFile:
		return &memFile{name: IndexFile, r: bytes.NewReader(o.files[IndexFile].data)}, nil
	}
	return o.page.Open(name)
}

// ServeHTTP serves the page's files. sw.js goes as JavaScript and
// manifest.webmanifest as application/manifest+json. Every file has an ETag and
// "Cache-Control: no-cache": a browser keeps it and asks each time whether
// it changed, and a file that has not is answered 304 with no body.
// partnerkit.wasm goes gzipped to a client that accepts gzip (about a
// quarter of its size), with "Vary: Accept-Encoding". Anything else,
// folders included, is http.FileServerFS's to answer.
func (o *overlay) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	a, ok := o.files[name]
	if !ok || name == gzFile {
		o.server.ServeHTTP(w, r)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	switch name {
	case SWFile:
		// A service worker must come as JavaScript; no-cache (above)
		// makes the browser check for a new one on every visit.
		h.Set("Content-Type", "text/javascript; charset=utf-8")
	case ManifestFile:
		h.Set("Content-Type", "application/manifest+json")
	}
	if name == WasmFile {
		h.Set("Content-Type", "application/wasm")
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			a = o.files[gzFile]
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", a.etag)
	http.ServeContent(w, r, path.Base(name), time.Time{}, bytes.NewReader(a.data))
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if c := strings.ToLower(strings.TrimSpace(coding)); c != "gzip" && c != "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		return q > 0
	}
	return false
}

// memFile is a file made in memory: index.html, pre-rendered.
type memFile struct {
	name string
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error)           { return memInfo{f}, nil }
func (f *memFile) Read(b []byte) (int, error)           { return f.r.Read(b) }
func (f *memFile) Seek(off int64, w int) (int64, error) { return f.r.Seek(off, w) }
func (f *memFile) Close() error                         { return nil }

type memInfo struct{ f *memFile }

func (i memInfo) Name() string       { return i.f.name }
func (i memInfo) Size() int64        { return i.f.r.Size() }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
