// Package form turns a JSON Schema into a form: a model of fields that it
// renders as accessible HTML, and the edits a user makes to the document
// the form holds. It is pure Go, so that it runs in the browser as
// WebAssembly and is tested natively.
//
// # Compiling a schema
//
// [Compile] reads a JSON Schema (draft 2020-12, and draft-07's spellings
// where they differ) and returns the root [Field]; [ForSchema] does so
// for one of partnerkit's schemas by name:
//
//	root, err := form.ForSchema("mou")
//	f := form.New(root, "mou") // "mou" starts every element id
//	f.Load(doc)
//	html := f.HTML(messages)
//
// What the form shows, keyword by keyword:
//
//   - type: objects are fieldsets, their members in the schema's order;
//     strings, numbers and integers are text boxes, booleans checkboxes;
//     "null" is a fixed value; a list of types (["string", "integer"]) is
//     a choice between them, each with the keywords beside it.
//   - title is the label, description the hint, examples the placeholder
//     of an empty box, default the value of a new field, and of a member
//     missing from a loaded document; readOnly fields cannot be changed;
//     errorMessage (as ajv-errors reads it) words every problem.
//   - enum and const are radios (up to five options on a required member),
//     a select, or a fixed value; a oneOf of consts with titles is labelled
//     options; any other oneOf or anyOf is a choice between its branches.
//     What stands beside an enum or a const (a maxLength, a minimum…) is
//     checked as well.
//   - format: date, date-time, time, email, uri (and iri, uri-reference)
//     have the browser's own controls; data-url is a file picker, whose
//     file the browser reads to a data: URL: of up to [MaxFileSize], or
//     less as maxLength says ([Field.FileLimit]). A larger file is
//     refused, unread ([Form.RefuseFile]), and the field keeps its file.
//   - properties and required; additionalProperties and patternProperties
//     as schemas are members the user names, in a key-value editor whose
//     names are checked against the patterns and propertyNames. A
//     member's value is checked against its property's schema and every
//     pattern its name matches, or, when none does, additionalProperties;
//     a property whose schema is false must not be there.
//   - items, minItems, maxItems, uniqueItems: lists whose items are added,
//     removed and moved, or checkboxes when the items are distinct
//     choices; prefixItems (draft-07: items as an array, additionalItems)
//     are tuples, whose places each have a field and do not move.
//   - if, then and else: what then names (in its properties or required)
//     and else does not shows only while if holds, and the other way
//     about (a member that several conditions ask for shows while any of
//     them does); a hidden member's value is set aside, not written, and comes
//     back when it shows again. dependentSchemas (and draft-07
//     dependencies with a schema) show what they add once their member is
//     there; dependentRequired (and dependencies with a list) are checked.
//   - $ref and $defs (draft-07: definitions) are followed within a schema
//     and to others by a [Resolver]; a $ref that recurses is a tree,
//     compiled once and expanded a level at a time, where the document has
//     a value.
//   - allOf is merged into one field that means every branch (and so
//     are the keywords beside a $ref): a property in several branches is
//     the allOf of its schemas, and a member only one branch names is held
//     to the others' additionalProperties; tuples merge place by place;
//     type, enum and const keep what every branch allows; minimum,
//     maximum, the exclusive bounds, minLength, maxLength, minItems,
//     maxItems, minProperties and maxProperties keep the strictest;
//     required and dependentRequired unite; uniqueItems holds if any
//     branch says so; propertyNames and dependentSchemas are the allOf
//     of the branches'; each if/then/else is kept; two nots rule out what
//     either does. A second pattern, format, multipleOf, contains (with
//     its own minContains and maxContains), oneOf or anyOf is kept beside
//     the first ([Field.All]): not shown, but checked. Branches that
//     leave no value at all (types or enums with nothing in common) are
//     checked as a false schema is: "Nothing is allowed here".
//     Annotations (title, description, default, examples) keep the first
//     branch's wording.
//   - not, contains, minContains and maxContains are not shown, but
//     checked (see Checking). minContains and maxContains without
//     contains mean nothing, as JSON Schema says.
//
// A keyword the form cannot show or check is never silently dropped:
// unevaluatedProperties, unevaluatedItems, $dynamicRef, $recursiveRef,
// contentSchema, a format other than those above, a pattern Go's regexp
// cannot read, a not or contains whose own schema the form cannot check
// in full (so that whether a value matches it would be a guess), a oneOf
// whose branches it cannot check in full (for exactly one), an if on a
// value that is not an object, an enum too long to compare with another
// branch's, a propertyNames or a keyword beside an enum it cannot check
// in full, the places of a tuple past the 200th, and additionalProperties in one allOf branch beside
// patternProperties in another (which one merged schema cannot say) are
// listed in the field's Unsupported, and the field's hint (the page's,
// for the root) says so on the page, as is a $ref it cannot resolve. A
// field the form cannot show at all (an object with no members to show,
// both oneOf and anyOf, a union of types that is also a choice, an
// array that must stay empty, a $ref it cannot resolve) is a JSON text
// area whose hint says why, and whose value is checked all the same:
// against the keywords of its schema (type, required, minProperties,
// maxProperties, propertyNames, an item where none may be, each of two
// choices…), the kind it is inferred to be only when the schema gives
// no type and the value is of that kind. Work is bounded: a schema
// compiles to at most 5000 fields, nests at most 200 deep, and an enum
// offers at most 1000 options.
//
// [CompileOption]s add what a schema does not say: [Reference] makes a
// field a picker of ids found elsewhere in the same document (an
// activity's ledBy from /partnership/partners/*/id, labelled by each
// partner's name); [Also] adds keywords to a field, such as an if/then
// for a schema the developer cannot change. No annotation is added to
// the schemas themselves, so ajv's strict mode and the schemas package's
// engine see them as they are.
//
// # Editing
//
// A [Form] holds the document. Its methods are the user's edits, each at
// a JSON Pointer: [Form.Input] for what was typed or picked, [Form.Toggle]
// for a checkbox in a group, [Form.Add], [Form.Remove] and [Form.Move] for
// list items, members the user names and branches of a tree,
// [Form.Rename] for a named member's name and [Form.Choose] for a oneOf
// branch. After an edit, [Form.Reshaped] lists the members a condition
// showed or hid, to render again. [Form.JSON] writes the document with
// members in the schema's order.
//
// # Checking
//
// [Form.Problems] checks the document against the schema's validation
// keywords (minLength, maxLength, pattern, format, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, multipleOf, minItems, maxItems,
// uniqueItems, minProperties, maxProperties, required, enum, const,
// additionalProperties false, propertyNames, dependentRequired, the
// conditions, not, contains with minContains and maxContains, what allOf
// keeps beside a field, and a false schema) as the user types, for a
// schema that has no checker of its own, JSON text boxes included;
// partnerkit's documents are checked by their own packages. A then, an
// else or a dependentSchemas entry is checked in full against the
// object (false: the answers cannot go together). An empty text box
// takes its member out of the document, so its format is not checked;
// "" that is in the document (a list's new item, a loaded value) is, as
// JSON Schema says. A schema with no type is shown and checked as the
// kind its keywords are about (minLength: text), but where the form
// tells whether a value matches it (for not, contains, if,
// propertyNames and a choice's other branches), a value of another kind
// does, as JSON Schema says. A oneOf
// or anyOf is checked against the branch the form shows, whose problems
// say what is wrong, unless the value is valid in another branch; a
// oneOf's value that fits more than one branch, or none, is reported on
// the choice itself ("This matches more than one of the choices…").
// Telling whether a value matches a schema, for those, is bounded in
// work, as a recursive schema's choices could make it exponential. A field
// is visited once the user edits it ([Form.Visit]); [Form.Visible] keeps
// the messages of visited fields only, until [Form.CheckAll], so that a
// new form does not open with a list of problems.
//
// # Rendering
//
// [Form.HTML] renders the whole form and [Form.Fragment] one field after a
// change to its structure. Every control has a label, and its
// aria-describedby names its hint and its messages element, which is
// always on the page so that messages can be updated without re-rendering
// the field. A list's items are called by their name or title member
// ("Partner 4: Shoreline Marine Trust") and its button by the item's
// title ("Add a partner"). [Form.Place] finds the field that shows a
// finding about a path; [Form.Target] gives the id a link to it should
// move to. All text from the schema and the document is escaped.
package form
