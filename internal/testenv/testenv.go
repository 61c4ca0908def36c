// Package testenv decides what a test does when a tool it needs is not
// installed: the browser suite needs Chromium, the edge suite Node and
// miniflare, the interop suite Node and ajv.
//
// Without PARTNERKIT_REQUIRE such a test skips with a one-line how-to, so
// that `go test ./...` passes on a fresh clone. PARTNERKIT_REQUIRE lists
// the suites that must run, separated by commas ("browser,edge,interop",
// or "all"); a listed suite whose tool is missing fails instead. CI sets
// it for every suite.
package testenv

import (
	"os"
	"strings"
	"testing"
)

// Variable is the environment variable that lists the required suites.
const Variable = "PARTNERKIT_REQUIRE"

// The optional suites.
const (
	Browser = "browser" // Chromium (and axe-core, from npm, in wasm/e2e)
	Edge    = "edge"    // Node and miniflare (npm ci in examples/edge)
	Interop = "interop" // Node and ajv (npm ci in internal/interop)
)

// Required reports whether PARTNERKIT_REQUIRE lists suite, or "all".
func Required(suite string) bool {
	for _, s := range strings.Split(os.Getenv(Variable), ",") {
		s = strings.TrimSpace(s)
		if s == suite || s == "all" {
			return true
		}
	}
	return false
}

// Missing stops tb because the suite's tool is missing: why says what is
// missing and how to install it. It fails tb when the suite is required
// and skips it otherwise.
func Missing(tb testing.TB, suite, why string) {
	tb.Helper()
	if Required(suite) {
		tb.Fatalf("%s=%s requires the %s suite, but %s", Variable, os.Getenv(Variable), suite, why)
	}
	tb.Skipf("skipped (the %s suite): %s; set %s=%s to make this a failure", suite, why, Variable, suite)
}
