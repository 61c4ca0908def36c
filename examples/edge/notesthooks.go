//go:build js && wasm && !partnerkit_edgetest

package main

import (
	"net/http"

	"github.com/partnerkit/partnerkit/register"
)

// withTestHooks is the production build's: no test paths (see
// testhooks.go).
func withTestHooks(next http.Handler, _ *register.Register) http.Handler { return next }
