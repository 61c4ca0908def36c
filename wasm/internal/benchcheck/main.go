//go:build js && wasm

// Command benchcheck exposes partnerkit's schema validation and MOU check to
// JavaScript, for the interoperability benchmark (internal/interop/bench) to run the
// same Go code compiled to WebAssembly in Node:
//
//	partnerkitValidate(schemaName, jsonText) -> bool (valid)
//	partnerkitCheck(jsonText) -> bool (a valid MOU)
package main

import (
	"syscall/js"

	"github.com/partnerkit/partnerkit/mou"
	"github.com/partnerkit/partnerkit/schemas"
)

func main() {
	js.Global().Set("partnerkitValidate", js.FuncOf(func(_ js.Value, args []js.Value) any {
		s, err := schemas.Lookup(args[0].String())
		if err != nil {
			return false
		}
		doc, err := schemas.Decode([]byte(args[1].String()))
		return err == nil && len(s.Validate(doc)) == 0
	}))
	js.Global().Set("partnerkitCheck", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return mou.Check([]byte(args[0].String())).Valid
	}))
	js.Global().Set("partnerkitReady", true)
	select {}
}
