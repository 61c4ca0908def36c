// Package form turns a JSON Schema into a form: a model of fields that it
// renders as accessible HTML, and the edits a user makes to the document
// the form holds. It is pure Go, so that it runs in the browser as
// WebAssembly and is tested natively.
//
// # Compiling a schema
//
// [Compile] reads a JSON Schema (draft 2020-12) and returns the root
// [Field]; [ForSchema] does so for one of partnerkit's schemas by name:
//
//	root, err := form.ForSchema("mou")
//	f := form.New(root, "mou") // "mou" starts every element id
//	f.Load(doc)
//	html := f.HTML(messages)
//
// Objects become fieldsets with their members in the schema's own order;
// strings, numbers, integers and booleans become text boxes and
// checkboxes; an enum becomes radios (up to five options on a required
// member) or a select; formats date and email use the browser's own
// inputs; titles are labels, descriptions are hints, required members are
// marked and defaults fill new values. Arrays become lists whose items can
// be added, removed and moved, within minItems and maxItems, or a group of
// checkboxes when the items are distinct choices. $ref and $defs are
// followed, within a schema and to others by a [Resolver]; allOf is merged;
// oneOf and anyOf become a choice between branches, or labelled options
// when every branch is a const. A keyword the form cannot show (such as
// if, not or patternProperties) makes its field a JSON text area: the
// keyword is never silently dropped.
//
// # Editing
//
// A [Form] holds the document. Its methods are the user's edits, each at
// a JSON Pointer: [Form.Input] for what was typed or picked, [Form.Toggle]
// for a checkbox in a group, [Form.Add], [Form.Remove] and [Form.Move] for
// list items and [Form.Choose] for a oneOf branch. [Form.JSON] writes the
// document with members in the schema's order.
//
// # Rendering
//
// [Form.HTML] renders the whole form and [Form.Fragment] one field after a
// change to its structure. Every control has a label, and its
// aria-describedby names its hint and its messages element, which is
// always on the page so that messages can be updated without re-rendering
// the field. [Form.Place] finds the field that shows a finding about a
// path; [Form.Target] gives the id a link to it should move to. All text
// from the schema and the document is escaped.
package form
