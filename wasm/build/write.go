package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// Write builds the page, as Assets does, and writes its files into dir
// (made if need be), to host as static files on any web server or CDN:
// index.html (its first view pre-rendered: see Index), boot.js,
// style.css, main.js, partnerkit-form.js (the embedding),
// the service worker and web manifest, wasm_exec.js, partnerkit.wasm and
// partnerkit.wasm.gz, its gzipped copy for servers that send a
// precompressed file. It returns the names written, sorted.
func (o Options) Write(ctx context.Context, dir string) ([]string, error) {
	built, err := o.Build(ctx)
	if err != nil {
		return nil, err
	}
	ov, err := newOverlay(built)
	if err != nil {
		return nil, err
	}
	return ov.write(dir)
}

// write writes the page's files into dir.
func (ov *overlay) write(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	var names []string
	for name, a := range ov.files {
		to := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return nil, fmt.Errorf("build: %w", err)
		}
		if err := os.WriteFile(to, a.data, 0o644); err != nil {
			return nil, fmt.Errorf("build: %w", err)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return names, nil
}
