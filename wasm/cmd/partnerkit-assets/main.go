// Command partnerkit-assets writes the browser forms' files into a
// folder, to host as static files with no Go at run time (Cloudflare
// static assets, any CDN or web server):
//
//	go run ./wasm/cmd/partnerkit-assets -o dist/partnerkit
//
// It builds the WebAssembly as partnerkit serve does (package build) and
// writes index.html (the whole page, its first view pre-rendered: see
// build.Index), boot.js, partnerkit-form.js (the embedding:
// see examples/embed), style.css, main.js, the service worker sw.js and
// manifest.webmanifest, wasm_exec.js, partnerkit.wasm and its gzipped
// copy partnerkit.wasm.gz.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/partnerkit/partnerkit/wasm/build"
)

func main() {
	out := flag.String("o", "partnerkit-assets", "the folder to write the files into")
	flag.Parse()
	names, err := build.Options{Log: func(m string) { fmt.Fprintln(os.Stderr, m) }}.Write(context.Background(), *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "partnerkit-assets:", err)
		os.Exit(1)
	}
	for _, n := range names {
		fmt.Println(filepath.Join(*out, n))
	}
}
