// Package finding holds the one finding type every partnerkit checker
// returns, from the schema validator to the MOU rules, the evaluation
// checks and the register, and that the browser form and the HTTP API
// show: a stable code, a severity, a JSON Pointer and a message.
//
// A checker describes its codes with a [Table] of [Rule] values and adds
// findings by code with a [List], so that a code's severity is written
// once, in the table that the README's codes table is generated from.
//
// The zero [Severity] is [Error]: a finding built without a severity
// counts against the document and marshals as "error", the safe side.
//
// Adding a code that is not in the table is a mistake in the checker, not
// in the document: in a test binary (natively, not in WebAssembly, which
// does not link package testing) it panics, so that a test finds it;
// elsewhere the finding is kept with the code as given and the severity
// Error, so that a server never stops on it and the document never passes
// because of it.
//
// Package finding is a leaf: it imports only the standard library and
// internal/pointer.
package finding
