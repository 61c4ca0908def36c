package app

import (
	"strings"

	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/schemas"
)

// kindNames say what a document of each kind is, for messages.
var kindNames = map[string]string{
	schemas.MOU:         "an MOU",
	schemas.Assessment:  "a self-assessment",
	schemas.Framework:   "a self-assessment framework",
	schemas.Partnership: "a partnership description",
	schemas.Indicators:  "a file of indicators",
	schemas.Effect:      "an effect-size file",
}

// kindOf says which of partnerkit's documents doc is: see schemas.Detect.
func kindOf(doc map[string]any) string { return schemas.Detect(doc) }

// hasMemberOf reports whether doc has any top-level member that the
// schema's documents may have.
func hasMemberOf(doc map[string]any, name string) bool {
	for _, k := range schemas.MustLookup(name).Members() {
		if _, ok := doc[k]; ok {
			return true
		}
	}
	return false
}

// someMembers lists a few of a schema's members, for a message.
func someMembers(name string, n int) string {
	all := schemas.MustLookup(name).Members()
	if len(all) > n {
		all = all[:n]
	}
	return strings.Join(all, ", ")
}

// wrongKind says, as a sentence, that a file of one kind is not what a
// view opens, and where to open it.
func wrongKind(kind, want string) string {
	where := "The forms on this page do not open it."
	switch kind {
	case schemas.MOU:
		where = "Open it in the MOU builder."
	case schemas.Assessment, schemas.Framework:
		where = "Open it in the health check."
	}
	return "This is " + kindNames[kind] + ", not " + want + ": " + text.LowerFirst(where)
}
