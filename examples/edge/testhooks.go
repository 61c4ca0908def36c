//go:build js && wasm && partnerkit_edgetest

package main

import (
	"io"
	"net/http"
	"os"
	"strconv"

	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/d1"
	"github.com/syumai/workers/cloudflare"
)

// The test build of the worker (build.sh with EDGE_TEST=1, which adds the
// tag partnerkit_edgetest) serves these paths besides the checker's, for
// the end-to-end test. The production build has none of them
// (notesthooks.go).
//
//   - /_test/exit ends the Go program in the middle of the request, as
//     running out of memory or a fatal error would; /_test/exit/panic
//     does it with an unrecovered panic in a goroutine (a fatal error),
//     and /_test/exit/later after reading the body, so from a JavaScript
//     callback (the body's read) rather than the handler's first call.
//   - POST /_test/admin issues an administrator token of the register
//     (kept in the worker's D1) and answers its secret, so that the
//     test need not read the first start's log.
//   - /_test/d1/slow waits until /_test/d1/release lets it go, and then
//     runs a slow D1 query: its goroutine runs on in the releasing
//     request's code, which answers at once, so that the test can see
//     that a D1 call made there still reaches its own request (see
//     worker.mjs's d1Call).
//   - /_test/read reads the whole body it is given and answers how many
//     bytes that was, so that the test can see how much of a body the
//     worker lets Go read.
//
// With PARTNERKIT_TEST_FAIL_START=1 the program exits before it is ready,
// so that the test can see the worker's answer when Go cannot start; with
// PARTNERKIT_TEST_HANG_START=1 it never gets ready.
func withTestHooks(next http.Handler, reg *register.Register, db *d1.DB) http.Handler {
	gate := make(chan struct{})
	if cloudflare.Getenv("PARTNERKIT_TEST_FAIL_START") == "1" {
		os.Exit(1)
	}
	if cloudflare.Getenv("PARTNERKIT_TEST_HANG_START") == "1" {
		select {} // never ready, as when the first request's D1 call is lost
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/_test/exit":
			os.Exit(3)
		case "/_test/exit/panic":
			go func() { panic("partnerkit: the test asked the program to fail") }()
			select {}
		case "/_test/exit/later":
			if r.Body != nil {
				io.Copy(io.Discard, r.Body)
			}
			os.Exit(3)
		case "/_test/admin":
			if reg == nil || r.Method != http.MethodPost {
				http.NotFound(w, r)
				return
			}
			is, err := reg.IssueAdminToken(r.Context(), register.Operator(), "end-to-end test")
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			io.WriteString(w, is.Secret)
			return
		case "/_test/d1/slow":
			if db == nil {
				http.NotFound(w, r)
				return
			}
			<-gate
			var n int64
			err := db.SQL().QueryRowContext(r.Context(), "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT COUNT(*) FROM c").Scan(&n)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			io.WriteString(w, strconv.FormatInt(n, 10))
			return
		case "/_test/d1/release":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			select {
			case gate <- struct{}{}:
				io.WriteString(w, "released")
			default:
				w.WriteHeader(http.StatusConflict)
				io.WriteString(w, "nothing is waiting")
			}
			return
		case "/_test/read":
			var n int64
			if r.Body != nil {
				n, _ = io.Copy(io.Discard, r.Body)
			}
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			io.WriteString(w, strconv.FormatInt(n, 10))
			return
		}
		next.ServeHTTP(w, r)
	})
}
