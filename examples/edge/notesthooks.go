//go:build js && wasm && !partnerkit_edgetest

package main

import "net/http"

// withTestHooks is the production build's: no test paths (see
// testhooks.go).
func withTestHooks(next http.Handler) http.Handler { return next }
