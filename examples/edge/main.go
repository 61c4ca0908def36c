//go:build js && wasm

// Command edge is partnerkit's checker as a Cloudflare Worker: the api
// package's handler, compiled to WebAssembly with standard Go and served
// with github.com/syumai/workers.
//
// Build it with ./build.sh, run it locally with `node serve.mjs`, and
// deploy it with `npx wrangler deploy`. worker.mjs keeps one Go program
// running for every request an isolate receives, so Go's start-up and the
// schemas' compilation are paid once, on the first request.
//
// With a D1 binding named DB (wrangler.toml's [[d1_databases]]), the
// worker serves the partnership register too, kept in D1 (see d1.go).
//
// Set PARTNERKIT_ALLOWED_ORIGINS (in wrangler.toml's [vars], or with
// `wrangler secret`) to a comma-separated list of the origins whose pages
// may call the checker from a browser. PARTNERKIT_DEBUG_INSTANCE=1 adds a
// Partnerkit-Instance header to every answer (for tests only).
package main

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
)

func main() {
	// Compile the schemas now: this program serves many requests, and
	// none of them should pay for it.
	if err := schemas.Precompile(); err != nil {
		panic(err) // the embedded schemas are tested; this is a build defect
	}
	opts := api.Options{
		AllowedOrigins: origins(cloudflare.Getenv("PARTNERKIT_ALLOWED_ORIGINS")),
		// Issue 4's browser form goes here (Assets), or better, in
		// wrangler.toml's [assets], which Cloudflare serves without
		// starting Go at all.
	}
	// The register, when the worker has a D1 binding named DB: opened
	// once per program, in the first request (whose env holds the
	// binding), which waits while the migrations run.
	reg, db, err := openRegister(cloudflare.GetBinding("DB"))
	if err != nil {
		// Not ready: this request gets a problem, and the next starts
		// a new program, which tries again.
		fmt.Fprintln(os.Stderr, "partnerkit:", err)
		os.Exit(1)
	}
	opts.Register = reg
	var h http.Handler = api.New(opts)
	if cloudflare.Getenv("PARTNERKIT_DEBUG_INSTANCE") == "1" {
		h = instance(h)
	}
	workers.ServeNonBlock(withRequestID(withTestHooks(h, reg, db)))
	workers.Ready()
	select {} // serve until the isolate goes away
}

// origins reads a list such as "https://a.example, https://b.example".
func origins(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

// instance marks every answer with this program's id and how many
// requests it has served, so that tests can see that one program serves
// them all. Only with PARTNERKIT_DEBUG_INSTANCE=1 (read at start-up), as
// the end-to-end test and the benchmark set it: in production the count
// would tell anyone how busy the isolate is.
func instance(next http.Handler) http.Handler {
	id := strconv.FormatUint(rand.Uint64(), 36)
	var served atomic.Uint64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := served.Add(1)
		w.Header().Set("Partnerkit-Instance", id+"; requests="+strconv.FormatUint(n, 10))
		next.ServeHTTP(w, r)
	})
}
