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
// Set PARTNERKIT_ALLOWED_ORIGINS (in wrangler.toml's [vars], or with
// `wrangler secret`) to a comma-separated list of the origins whose pages
// may call the checker from a browser. PARTNERKIT_DEBUG_INSTANCE=1 adds a
// Partnerkit-Instance header to every answer (for tests only).
package main

import (
	"math/rand/v2"
	"net/http"
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
	h := api.New(api.Options{
		AllowedOrigins: origins(cloudflare.Getenv("PARTNERKIT_ALLOWED_ORIGINS")),
		// Issue 4's browser form goes here (Assets), or better, in
		// wrangler.toml's [assets], which Cloudflare serves without
		// starting Go at all.
	})
	if cloudflare.Getenv("PARTNERKIT_DEBUG_INSTANCE") == "1" {
		h = instance(h)
	}
	workers.ServeNonBlock(withTestHooks(h))
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
