package schemas

import (
	"github.com/partnerkit/partnerkit/internal/jsontree"
)

// Labels returns the title of each value of an enumeration, keyed by the
// value: the schemas spell every enumeration as a oneOf of titled consts,
// such as {"const": "case-study", "title": "Case studies"}, so that the
// form, the rendered MOU and anything else that shows a value read the
// same words from one place. ref names the enumeration as a $ref does,
// relative to BaseURL ("defs.json#/$defs/evidence") or in full; a $ref
// there is followed. The map is a copy, which the caller may change. It
// is nil when ref names no such enumeration.
func Labels(ref string) map[string]string {
	node, base := map[string]any{"$ref": ref}, BaseURL
	for range 8 { // a $ref to a $ref, and so on; none of ours is longer
		if jsontree.String(node, "$ref") == "" {
			break
		}
		node, base = resolve(node, base)
	}
	branches := jsontree.Array(node["oneOf"])
	if len(branches) == 0 {
		return nil
	}
	out := make(map[string]string, len(branches))
	for _, b := range branches {
		c, ok := constBranch(b)
		if !ok {
			return nil
		}
		title := jsontree.String(jsontree.Object(b), "title")
		if title == "" {
			title = c
		}
		out[c] = title
	}
	return out
}
