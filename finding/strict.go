//go:build !(js && wasm)

package finding

import "testing"

// strict reports whether an unknown code should panic: in a test binary,
// so that a test finds the checker's mistake.
func strict() bool { return testing.Testing() }
