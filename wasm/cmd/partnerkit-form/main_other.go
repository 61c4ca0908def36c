//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "partnerkit-form runs in a browser: build it with GOOS=js GOARCH=wasm go build ./wasm/cmd/partnerkit-form, or run partnerkit serve")
	os.Exit(2)
}
