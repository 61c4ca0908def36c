//go:build js && wasm && !partnerkit_edgetest

package main

import (
	"net/http"

	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/d1"
)

// withTestHooks is the production build's: no test paths (see
// testhooks.go).
func withTestHooks(next http.Handler, _ *register.Register, _ *d1.DB) http.Handler { return next }
