// Package schemas holds partnerkit's JSON Schemas (draft 2020-12): the
// published contract for every partnerkit document, embedded in the
// program, compiled once on first use and validated by the package's own
// engine: the same Go code in the CLI, the server, the browser form and the
// edge worker.
//
// # Schemas
//
// The schemas are named partnership, mou, framework, assessment,
// indicators and effect; defs holds the definitions they share. Each has an
// $id under [BaseURL] and a title and description on every property, which
// the browser form uses as labels and help text. [Schema.Bytes] returns the
// text as published, for other languages and for the browser.
//
// # Validating
//
// Decode a document once with [Decode] (malformed JSON gives a
// [*SyntaxError] with a line and column) and validate the tree:
//
//	doc, err := schemas.Decode(data)
//	if err != nil {
//		return err // line 3, column 14: expected ',' or '}' after an object member
//	}
//	for _, v := range schemas.MustLookup(schemas.MOU).Validate(doc) {
//		fmt.Println(v) // partnership.partners[2].urn: a URN is six digits, like 100001
//	}
//
// Every violation has a JSON Pointer to the offending value (or to where a
// missing member belongs) and a message a head teacher can act on rather
// than the validator's own text. Schemas may carry an "errorMessage"
// string, as the ajv-errors plugin reads it, to word the message for a
// value; dates written day first (16/07/2027) are recognised and the
// message shows the date rewritten.
//
// Formats (date, email, uuid) are asserted, not just annotated. A number
// whose exponent is beyond [MaxExponent], such as 1e999999999, or that is
// written with more than [MaxDigits] digits, is reported as a violation
// with the keyword [KeywordNumber] rather than checked, so that checking
// takes time linear in the document's length whatever its numbers. Money
// and other figures in an MOU have a maximum in the schema (amounts up to
// 1,000,000,000,000), so that every valid figure is exact in a float64.
//
// Text that does not stand for characters (bytes that are not UTF-8, or a
// \ud800 escape without its other half) is a [*SyntaxError] at that
// character, never silently replaced.
//
// # One engine, held to an oracle
//
// The engine is a small evaluator compiled from the schemas, for just the
// keywords they use. A valid document, the common case, is confirmed in one
// walk of the decoded tree that allocates next to nothing; any other is
// walked again to report each violation, and a JSON Pointer is built only
// for a value found wrong.
// github.com/santhosh-tekuri/jsonschema/v6 is linked into the tests only,
// as the independent oracle: they require the engine to report exactly
// what it reports for every document of the conformance corpus and for
// whatever the fuzzers find, and package interop holds both to ajv. To see
// that no build links anything else,
//
//	go list -deps ./examples/partnerkit | grep jsonschema  # prints nothing
//	GOOS=js GOARCH=wasm go list -deps ./wasm/cmd/partnerkit-form ./examples/edge | grep jsonschema
package schemas
