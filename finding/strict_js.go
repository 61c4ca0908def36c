//go:build js && wasm

package finding

// strict is false in WebAssembly, where linking package testing to ask
// would add its flags and tracing to every page and worker (about 0.1 MiB
// gzipped); the package's tests run natively.
func strict() bool { return false }
