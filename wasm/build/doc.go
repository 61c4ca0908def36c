// Package build builds partnerkit's form page for serving: the page's own
// files (package web) with the form's WebAssembly, compiled from source by
// the local Go toolchain, and the toolchain's wasm_exec.js.
//
// # Building
//
// [Assets] returns the files as an fs.FS, ready for
// http.FileServerFS or api.Options.Assets:
//
//	assets, err := build.Assets(ctx)
//	if err != nil {
//		return err // such as: no go command found
//	}
//	handler := api.New(api.Options{Assets: assets})
//
// The WebAssembly is built with go build (GOOS=js GOARCH=wasm, -trimpath,
// -ldflags=-s -w, no inlining in partnerkit's own packages) into the user's cache directory, under a name that is a
// hash of the sources and the Go version: the first call takes the time a
// build takes (some seconds; more on a fresh machine), later ones only
// hash the sources. Nothing built is kept in the repository.
//
// The sources are found beside this package's own source file, which is
// where go run and go build leave them; failing that, in the module
// around the working directory. A binary installed with go install
// …/examples/partnerkit@version has neither: it builds the form from that
// version of the module (debug.ReadBuildInfo), which the go command
// fetches through GOPROXY into the module cache, by way of a temporary
// module that requires it (GOFLAGS=-mod=mod). So the installed binary
// needs a Go toolchain, not a clone. [Options] can name the sources, the
// version, the cache directory and the go command instead.
//
// # The pre-rendered page
//
// The index.html that Assets and Write give is web/index.html with the
// page of an empty first visit in its #app ([Index]), rendered here, when
// the files are made, by package app, the code the WebAssembly runs: the
// browser paints a form that takes input before partnerkit.wasm has
// arrived, and the WebAssembly takes it over (see web/boot.js and
// wasm/cmd/partnerkit-form).
//
// # Serving
//
// The FS that Assets returns is also an http.Handler, which
// api.Options.Assets uses: partnerkit.wasm (about 6.3 MiB) goes gzipped
// (about 1.7 MiB) to a browser that accepts it, from a copy compressed once
// beside the build, with "Vary: Accept-Encoding"; every file has an ETag
// (a hash of its content) and "Cache-Control: no-cache", so a browser
// that has it asks again and is answered 304 Not Modified.
//
// # Errors
//
// A missing go command gives a [*ToolchainError]; a failed build a
// [*BuildError] with the compiler's output.
package build
