// Package interop holds partnerkit's interoperability checks: its JSON
// Schemas must give the same verdicts in other languages as in Go. The
// conformance test generates a corpus of documents (internal/corpus) and
// validates every one with partnerkit in Go and with ajv (draft 2020-12,
// ajv-formats) in Node; the benchmark harness in internal/interop/bench compares
// their speed. See BENCHMARKS.md at the repository's root.
//
// The test needs Node and the packages in this folder:
//
//	(cd internal/interop && npm ci)
//	PARTNERKIT_REQUIRE=interop go test ./interop/
//
// Without node_modules it skips, unless PARTNERKIT_REQUIRE lists interop
// (as CI's does), which makes that a failure.
package interop
